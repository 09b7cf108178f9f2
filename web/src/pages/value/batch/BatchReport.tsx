// A batch recharge job as it runs and once it has finished: progress, totals, and each
// row's outcome with its code in words.
import {
  Alert,
  Card,
  Col,
  Progress,
  Row,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { formatCount, formatMoney } from '../../../format.ts';
import { batchCodeLabel } from '../labels.ts';
import type { BatchJob } from '../queries.ts';

type RowResult = BatchJob['results'][number];

export function BatchReport({ job }: { job: BatchJob }) {
  const { t } = useTranslation();
  const running = job.status === 'queued' || job.status === 'running';
  const percent = job.total === 0 ? 100 : Math.floor((job.processed / job.total) * 100);
  const columns: TableColumnsType<RowResult> = [
    { title: t('value.batch.row'), dataIndex: 'row', width: 80 },
    { title: t('value.batch.member'), dataIndex: 'member' },
    {
      title: t('value.common.amount'),
      dataIndex: 'amount',
      width: 130,
      align: 'right',
      render: (fen: number) => formatMoney(fen),
    },
    ...(job.dryRun
      ? []
      : [
          {
            title: t('value.common.bonus'),
            dataIndex: 'bonus',
            width: 120,
            align: 'right' as const,
            render: (fen: number) => formatMoney(fen),
          },
        ]),
    {
      title: t('value.batch.status'),
      key: 'status',
      width: 220,
      render: (_, row) =>
        row.status === 'ok' ? (
          <Tag color="success">{job.dryRun ? t('value.batch.ok') : t('value.batch.succeeded')}</Tag>
        ) : (
          <Tag color="error">{row.code ? batchCodeLabel(row.code) : t('value.batch.error')}</Tag>
        ),
    },
  ];

  return (
    <Card
      title={job.dryRun ? t('value.batch.dryRunResult') : t('value.batch.runResult')}
      style={{ marginTop: 16 }}
      data-testid="batch-report"
    >
      <Progress
        percent={percent}
        status={job.status === 'failed' ? 'exception' : running ? 'active' : 'success'}
        style={{ marginBottom: 8 }}
      />
      <Typography.Text type="secondary">
        {t('value.batch.progress', { processed: formatCount(job.processed), total: formatCount(job.total) })}
      </Typography.Text>
      {job.failure && (
        <Alert
          type="error"
          showIcon
          title={t('value.batch.jobFailed', { failure: job.failure })}
          style={{ marginTop: 12 }}
        />
      )}
      <Row gutter={16} style={{ margin: '16px 0' }}>
        <Col span={4}>
          <Statistic title={t('value.batch.total')} value={formatCount(job.total)} />
        </Col>
        <Col span={5}>
          <Statistic
            title={t('value.batch.succeeded')}
            value={formatCount(job.succeeded)}
            styles={{ content: { color: '#389e0d' } }}
          />
        </Col>
        <Col span={5}>
          <Statistic
            title={t('value.batch.failed')}
            value={formatCount(job.failed)}
            styles={{ content: { color: job.failed > 0 ? '#cf1322' : undefined } }}
          />
        </Col>
        {!job.dryRun && (
          <>
            <Col span={5}>
              <Statistic title={t('value.batch.amountTotal')} value={formatMoney(job.amountTotal)} />
            </Col>
            <Col span={5}>
              <Statistic title={t('value.batch.bonusTotal')} value={formatMoney(job.bonusTotal)} />
            </Col>
          </>
        )}
      </Row>
      {job.results.length < job.total && !running && (
        <Typography.Paragraph type="secondary">
          {t('value.batch.reportCapped', { count: job.results.length })}
        </Typography.Paragraph>
      )}
      <Table<RowResult>
        rowKey="row"
        size="small"
        columns={columns}
        dataSource={job.results}
        pagination={{ pageSize: 20, showSizeChanger: false }}
      />
    </Card>
  );
}
