// The landing page: who you are, where you work, and shortcuts into the areas you may open.
import { Card, Col, Empty, Flex, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { visibleAreas } from '../../app/areas.tsx';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { roleLabel } from '../../i18n/labels.ts';

export function HomePage() {
  const { t } = useTranslation();
  const { operator, store, canAny } = useSession();
  const shortcuts = visibleAreas(canAny)
    .flatMap((area) => (area.children?.length ? area.children : [area]))
    .filter((area) => area.key !== 'home');

  return (
    <>
      <PageHeader
        title={t('home.welcome', { name: operator.displayName })}
        subtitle={t('home.subtitle', { merchant: operator.merchantName })}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card title={t('home.grants')} style={{ height: '100%' }}>
            {operator.grants.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noGrants')} />
            ) : (
              <Flex vertical align="flex-start" gap={8}>
                {operator.grants.map((grant) => (
                  <Tag key={`${grant.roleId}@${grant.unitId}`} color="blue">
                    {t('home.grantAt', { role: roleLabel(grant), unit: grant.unitName })}
                  </Tag>
                ))}
              </Flex>
            )}
            {store && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
                {t('home.storeScope', { store: store.name })}
              </Typography.Paragraph>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card title={t('home.quickLinks')} style={{ height: '100%' }}>
            <Row gutter={[12, 12]}>
              {shortcuts.map((area) => (
                <Col key={area.key} xs={12} md={8}>
                  <Link to={area.path}>
                    <Card size="small" hoverable>
                      <Flex align="center" gap={10}>
                        <span style={{ fontSize: 20, color: '#1677ff' }}>{area.icon}</span>
                        <Typography.Text>{t(`nav.${area.key}`)}</Typography.Text>
                      </Flex>
                    </Card>
                  </Link>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
      </Row>
    </>
  );
}
