// What an area shows until its module is built: a clear "coming soon", never a broken page.
import { Button, Card, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { findArea, type NavKey } from '../../app/areas.tsx';

export function ComingSoonPage({ area }: { area: NavKey }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card>
      <Result
        icon={<span style={{ fontSize: 64, color: '#1677ff' }}>{findArea(area)?.icon}</span>}
        title={t('comingSoon.title', { area: t(`nav.${area}`) })}
        subTitle={t('comingSoon.description')}
        extra={
          <Button type="primary" onClick={() => void navigate('/')}>
            {t('common.backHome')}
          </Button>
        }
      />
    </Card>
  );
}
