// A tab whose content arrives with a later module: says so, instead of an empty page.
import { ClockCircleOutlined } from '@ant-design/icons';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

export function ComingWithModule({ what, module }: { what: string; module: 'ledger' | 'checkout' }) {
  const { t } = useTranslation();
  return (
    <Result
      icon={<ClockCircleOutlined style={{ color: '#1677ff' }} />}
      title={t('members.detail.comingTitle', { what })}
      subTitle={t(`members.detail.comingWith.${module}`)}
    />
  );
}
