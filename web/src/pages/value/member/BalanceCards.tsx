// A member's balances at a glance: stored value (principal + bonus), points with what
// expires when, and the count packages usable today.
import { Card, Col, Empty, Flex, List, Row, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatCount, formatMoney } from '../../../format.ts';
import type { Balances } from '../queries.ts';

function Line({ label, value }: { label: string; value: string }) {
  return (
    <Flex justify="space-between">
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Typography.Text>{value}</Typography.Text>
    </Flex>
  );
}

export function BalanceCards({ balances, loading }: { balances: Balances | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const storedValue = balances?.storedValue;
  const points = balances?.points;
  const packages = balances?.packages ?? [];
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} lg={8}>
        <Card
          title={t('value.member.storedValue')}
          loading={loading}
          style={{ height: '100%' }}
          data-testid="stored-value"
        >
          <Statistic
            title={t('value.common.balanceTotal')}
            value={formatMoney(storedValue?.total ?? 0)}
            styles={{ content: { fontSize: 28 } }}
          />
          <Flex vertical gap={4} style={{ marginTop: 12 }}>
            <Line label={t('value.common.principal')} value={formatMoney(storedValue?.principal ?? 0)} />
            <Line label={t('value.common.bonus')} value={formatMoney(storedValue?.bonus ?? 0)} />
          </Flex>
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card
          title={t('value.member.points')}
          loading={loading}
          style={{ height: '100%' }}
          data-testid="points"
        >
          <Statistic
            title={t('value.member.pointsBalance')}
            value={formatCount(points?.balance ?? 0)}
            styles={{ content: { fontSize: 28, color: (points?.balance ?? 0) < 0 ? '#cf1322' : undefined } }}
          />
          {(points?.balance ?? 0) < 0 && <Tag color="red">{t('value.member.pointsDebt')}</Tag>}
          <Flex vertical gap={4} style={{ marginTop: 12 }}>
            {points?.expiring.length === 0 && (
              <Typography.Text type="secondary">{t('value.member.noPoints')}</Typography.Text>
            )}
            {points?.expiring.map((lot) => (
              <Typography.Text key={lot.expiresOn ?? 'never'} type="secondary">
                {lot.expiresOn
                  ? t('value.member.pointsExpiring', { date: lot.expiresOn, points: formatCount(lot.points) })
                  : t('value.member.pointsNeverExpire', { points: formatCount(lot.points) })}
              </Typography.Text>
            ))}
          </Flex>
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card
          title={t('value.member.packages')}
          loading={loading}
          style={{ height: '100%' }}
          data-testid="packages"
        >
          {packages.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('value.member.noPackages')} />
          ) : (
            <List
              size="small"
              dataSource={packages}
              rowKey="packageId"
              renderItem={(pkg) => (
                <List.Item
                  extra={
                    <Typography.Text type="secondary">
                      {pkg.expiresOn
                        ? t('value.member.packageExpires', { date: pkg.expiresOn })
                        : t('value.member.packageNoExpiry')}
                    </Typography.Text>
                  }
                >
                  <Flex vertical>
                    <Typography.Text strong>{pkg.name}</Typography.Text>
                    <Typography.Text>
                      {t('value.member.packageLine', { remaining: pkg.remaining })}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
