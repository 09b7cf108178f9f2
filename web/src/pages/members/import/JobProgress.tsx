// An import job as it runs and once it is done: progress, the counts, and the rows that
// could not be imported (row, column, reason), on screen rather than in a download.
import {
  Alert,
  Col,
  Empty,
  Flex,
  Progress,
  Row,
  Statistic,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../../format.ts';
import type { ImportJob } from '../queries.ts';

type RowError = ImportJob['errors'][number];

function percent(job: ImportJob): number {
  if (job.status === 'succeeded') return 100;
  if (!job.totalRows) return 0;
  return Math.min(99, Math.floor((job.processedRows / job.totalRows) * 100));
}

export function JobProgress({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const running = job.status === 'queued' || job.status === 'running';
  const columns: TableColumnsType<RowError> = [
    { title: t('members.import.errorRow'), dataIndex: 'row', width: 90 },
    { title: t('members.import.errorColumn'), dataIndex: 'column', width: 180, ellipsis: true },
    { title: t('members.import.errorReason'), dataIndex: 'message' },
  ];
  const prefix = job.dryRun ? 'members.import.dry' : 'members.import.real';

  return (
    <Flex vertical gap={16}>
      <Progress
        percent={percent(job)}
        status={job.status === 'failed' ? 'exception' : running ? 'active' : 'success'}
        data-testid="import-progress"
      />
      <Typography.Text type="secondary">
        {running
          ? t('members.import.processing', {
              processed: formatCount(job.processedRows),
              total: job.totalRows === null ? '…' : formatCount(job.totalRows),
            })
          : t('members.import.processed', { processed: formatCount(job.processedRows) })}
      </Typography.Text>
      {job.failure && <Alert type="error" showIcon title={job.failure.message} />}
      <Row gutter={16}>
        <Col span={8}>
          <Statistic title={t(`${prefix}.created`)} value={job.createdRows} data-testid="import-created" />
        </Col>
        <Col span={8}>
          <Statistic title={t(`${prefix}.updated`)} value={job.updatedRows} data-testid="import-updated" />
        </Col>
        <Col span={8}>
          <Statistic
            title={t(`${prefix}.errors`)}
            value={job.errorRows}
            styles={job.errorRows > 0 ? { content: { color: '#cf1322' } } : undefined}
            data-testid="import-errors"
          />
        </Col>
      </Row>
      {!running && job.errors.length > 0 && (
        <>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('members.import.badRows')}
          </Typography.Title>
          {job.errorsTruncated && (
            <Alert
              type="warning"
              showIcon
              title={t('members.import.errorsTruncated', { count: job.errors.length })}
            />
          )}
          <Table<RowError>
            rowKey={(e) => `${e.row}:${e.column}:${e.code}`}
            size="small"
            columns={columns}
            dataSource={job.errors}
            pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty /> }}
          />
        </>
      )}
    </Flex>
  );
}
