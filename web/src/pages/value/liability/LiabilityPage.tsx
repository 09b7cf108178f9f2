// Outstanding stored value (the merchant's liability to its members): now, and at any past
// instant the operator picks (kept in the address so a figure can be bookmarked or filed).
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Flex, Row, Statistic, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Schemas, unwrap } from '../../../api/client.ts';
import { problemText } from '../../../api/problems.ts';
import { useSession } from '../../../app/session.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { formatDateTime, formatMoney } from '../../../format.ts';
import { useUrlFilters } from '../../../hooks/useUrlFilters.ts';

type Liability = Schemas['StoredValueLiability'];
const filterKeys = ['at'] as const;

function useLiability(at: string | undefined) {
  return useQuery({
    queryKey: ['value', 'liability', at ?? 'now'],
    queryFn: () => unwrap(api.GET('/api/v1/ledger/liability', { params: { query: at ? { at } : {} } })),
    enabled: at !== '',
  });
}

function Figures({ liability, compare }: { liability: Liability; compare?: Liability | undefined }) {
  const { t } = useTranslation();
  const { operator } = useSession();
  const items: { key: 'total' | 'principal' | 'bonus'; title: string }[] = [
    { key: 'total', title: t('value.liability.total') },
    { key: 'principal', title: t('value.liability.principal') },
    { key: 'bonus', title: t('value.liability.bonus') },
  ];
  return (
    <>
      <Typography.Text type="secondary">
        {t('value.liability.asOf', { time: formatDateTime(liability.at, operator.timeZone) })}
      </Typography.Text>
      <Row gutter={16} style={{ marginTop: 12 }}>
        {items.map((item) => (
          <Col key={item.key} xs={24} md={8}>
            <Statistic
              title={item.title}
              value={formatMoney(liability[item.key])}
              styles={{ content: { fontSize: item.key === 'total' ? 30 : 22 } }}
            />
            {compare && (
              <Typography.Text type="secondary">
                {t('value.liability.change')}: {formatMoney(liability[item.key] - compare[item.key])}
              </Typography.Text>
            )}
          </Col>
        ))}
      </Row>
    </>
  );
}

export function LiabilityPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useUrlFilters(filterKeys);
  const [picked, setPicked] = useState<Dayjs | null>(filters.at ? dayjs(filters.at) : null);
  const now = useLiability(undefined);
  const past = useLiability(filters.at ?? '');

  return (
    <>
      <PageHeader
        title={t('value.liability.title')}
        subtitle={t('value.liability.subtitle')}
        extra={<Button onClick={() => void now.refetch()}>{t('common.refresh')}</Button>}
      />
      <Card title={t('value.liability.now')} loading={now.isPending} data-testid="liability-now">
        {now.isError && <Alert type="error" showIcon title={problemText(now.error)} />}
        {now.data && <Figures liability={now.data} />}
      </Card>
      <Card title={t('value.liability.at')} style={{ marginTop: 16 }} data-testid="liability-at">
        <Flex gap={8} style={{ marginBottom: 16 }}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            value={picked}
            onChange={setPicked}
            placeholder={t('value.liability.pickInstant')}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          />
          <Button
            type="primary"
            disabled={!picked}
            onClick={() => setFilters({ at: picked?.toISOString() ?? '' })}
          >
            {t('value.liability.query')}
          </Button>
        </Flex>
        {past.isError && <Alert type="error" showIcon title={problemText(past.error)} />}
        {filters.at && past.data && <Figures liability={past.data} compare={now.data} />}
      </Card>
    </>
  );
}
