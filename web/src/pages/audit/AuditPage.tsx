// The audit log, newest first, filtered through the URL and paged by cursor.
import { Card, Empty, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format.ts';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { useUrlFilters } from '../../hooks/useUrlFilters.ts';
import { auditActionLabel, entityTypeLabel } from '../../i18n/labels.ts';
import { AuditDetail, type AuditEntry } from './AuditDetail.tsx';
import { AuditFilters, auditFilterKeys } from './AuditFilters.tsx';

export function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useUrlFilters(auditFilterKeys);
  const list = useCursorList(['audit', filters], (cursor) =>
    unwrap(api.GET('/api/v1/audit', { params: { query: { ...filters, cursor, limit: 50 } } })),
  );

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.time'), dataIndex: 'at', width: 180, render: (at: string) => formatDateTime(at) },
    {
      title: t('audit.actor'),
      key: 'actor',
      width: 180,
      render: (_, entry) => (
        <Flex gap={6} align="center">
          <Typography.Text>{entry.actorName ?? '—'}</Typography.Text>
          {entry.actorType !== 'operator' && <Tag>{t(`audit.actorTypes.${entry.actorType}`)}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('audit.unit'),
      dataIndex: 'unitName',
      width: 150,
      render: (name: string | null) => name ?? '—',
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (action: string) => (
        <Flex vertical>
          <Typography.Text>{auditActionLabel(action)}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {action}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_, entry) => (
        <Flex vertical>
          <Typography.Text>{entityTypeLabel(entry.entityType)}</Typography.Text>
          {entry.entityId && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: entry.entityId }}>
              {entry.entityId}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <Card>
        <AuditFilters filters={filters} onChange={setFilters} />
        <Table<AuditEntry>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 900 }}
          expandable={{ expandedRowRender: (entry) => <AuditDetail entry={entry} /> }}
          locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
        />
        <LoadMore
          shown={list.items.length}
          hasMore={list.hasMore}
          loading={list.loadingMore}
          onLoadMore={list.loadMore}
        />
      </Card>
    </>
  );
}
