// Merchant-wide points for a period: opening balance, issued, spent, expired, adjusted and
// what is outstanding at its end (the merchant's points liability). The period is in the address.
import { useQuery } from '@tanstack/react-query';
import { Alert, Col, DatePicker, Flex, Row, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, isApiError, unwrap } from '../../../api/client.ts';
import { problemText } from '../../../api/problems.ts';
import { useSession } from '../../../app/session.tsx';
import { formatCount, formatDateTime } from '../../../format.ts';
import { useUrlFilters } from '../../../hooks/useUrlFilters.ts';

const filterKeys = ['from', 'to'] as const;
const figures = ['opening', 'issued', 'spent', 'expired', 'adjusted', 'outstanding'] as const;

export function PointsSummaryTab() {
  const { t } = useTranslation();
  const { operator } = useSession();
  const [filters, setFilters] = useUrlFilters(filterKeys);
  const summary = useQuery({
    queryKey: ['value', 'points-summary', filters],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/points/summary', {
          params: {
            query: {
              ...(filters.from ? { from: filters.from } : {}),
              ...(filters.to ? { to: filters.to } : {}),
            },
          },
        }),
      ),
  });
  const range: [dayjs.Dayjs, dayjs.Dayjs] | null =
    filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null;

  return (
    <>
      <Flex gap={12} align="center" style={{ marginBottom: 16 }}>
        <Typography.Text>{t('value.points.summary.range')}</Typography.Text>
        {/* Days, read by the server in the merchant's time zone; `to` includes that whole day. */}
        <DatePicker.RangePicker
          value={range}
          onChange={(dates) =>
            setFilters({
              from: dates?.[0]?.format('YYYY-MM-DD') ?? '',
              to: dates?.[1]?.format('YYYY-MM-DD') ?? '',
            })
          }
        />
      </Flex>
      {summary.isError && (
        <Alert
          type="warning"
          showIcon
          title={
            isApiError(summary.error) && summary.error.status === 403
              ? t('value.points.summary.needsHq')
              : problemText(summary.error)
          }
        />
      )}
      {summary.data && (
        <>
          <Typography.Text type="secondary">
            {summary.data.from
              ? t('value.points.summary.period', {
                  from: formatDateTime(summary.data.from, operator.timeZone),
                  to: formatDateTime(summary.data.to, operator.timeZone),
                })
              : t('value.points.summary.sinceStart', {
                  to: formatDateTime(summary.data.to, operator.timeZone),
                })}
          </Typography.Text>
          <Row gutter={[16, 16]} style={{ marginTop: 12 }} data-testid="points-summary">
            {figures.map((key) => (
              <Col key={key} xs={12} md={8} xl={4}>
                <Statistic title={t(`value.points.summary.${key}`)} value={formatCount(summary.data[key])} />
              </Col>
            ))}
          </Row>
        </>
      )}
    </>
  );
}
