// 中文 / English, remembered for the next visit.
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Language, switchLanguage } from '../i18n/index.ts';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Segmented<Language>
      aria-label={t('header.language')}
      size="small"
      value={i18n.language as Language}
      options={[
        { label: t('language.zhCN'), value: 'zh-CN' },
        { label: t('language.enUS'), value: 'en-US' },
      ]}
      onChange={(language) => void switchLanguage(language)}
    />
  );
}
