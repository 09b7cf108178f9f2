// A member's full ledger history, newest first, filterable by kind and period (kept in the
// address, so a filtered view can be bookmarked), paged by cursor.
import { Button, Card, DatePicker, Empty, Flex, Select, Table } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { LoadMore } from '../../../components/LoadMore.tsx';
import { useCursorList } from '../../../hooks/useCursorList.ts';
import { useUrlFilters } from '../../../hooks/useUrlFilters.ts';
import { valueZhCN } from '../../../i18n/value.zh-CN.ts';
import { kindLabel } from '../labels.ts';
import { type HistoryItem, valueKeys } from '../queries.ts';
import { useHistoryColumns } from './use-history-columns.tsx';

// Prefixed so the panel can sit inside a member page that keeps its own state in the address.
const filterKeys = ['ledgerKind', 'ledgerFrom', 'ledgerTo'] as const;
const knownKinds = Object.keys(valueZhCN.kind);

export function LedgerHistory({
  memberId,
  onRefundRecharge,
  onRefundCharge,
}: {
  memberId: string;
  onRefundRecharge: (item: HistoryItem) => void;
  onRefundCharge: (item: HistoryItem) => void;
}) {
  const { t } = useTranslation();
  const [filters, setFilters] = useUrlFilters(filterKeys);
  const list = useCursorList([...valueKeys.member(memberId), 'history', filters], (cursor) =>
    unwrap(
      api.GET('/api/v1/members/{id}/ledger', {
        params: {
          path: { id: memberId },
          query: {
            kind: filters.ledgerKind,
            from: filters.ledgerFrom,
            to: filters.ledgerTo,
            cursor,
            limit: 50,
          },
        },
      }),
    ),
  );
  // A refund names what it reverses; the original then shows as refunded instead of offering it again.
  const reversed = useMemo(
    () => new Set(list.items.map((item) => item.reversesId).filter((id): id is string => id !== null)),
    [list.items],
  );
  const columns = useHistoryColumns({ reversed, onRefundRecharge, onRefundCharge });
  const range: [dayjs.Dayjs, dayjs.Dayjs] | null =
    filters.ledgerFrom && filters.ledgerTo
      ? [dayjs(filters.ledgerFrom), dayjs(filters.ledgerTo).subtract(1, 'day')]
      : null;

  return (
    <Card title={t('value.history.title')} data-testid="ledger-history">
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select
          value={filters.ledgerKind}
          placeholder={t('value.history.kind')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={knownKinds.map((kind) => ({ value: kind, label: kindLabel(kind) }))}
          onChange={(ledgerKind?: string) => setFilters({ ledgerKind })}
          style={{ width: 180 }}
        />
        <DatePicker.RangePicker
          value={range}
          aria-label={t('value.history.range')}
          onChange={(dates) =>
            setFilters({
              ledgerFrom: dates?.[0]?.startOf('day').toISOString() ?? '',
              // The server's `to` is exclusive, so the chosen last day is included whole.
              ledgerTo: dates?.[1]?.add(1, 'day').startOf('day').toISOString() ?? '',
            })
          }
        />
        {Object.keys(filters).length > 0 && (
          <Button onClick={() => setFilters({ ledgerKind: '', ledgerFrom: '', ledgerTo: '' })}>
            {t('common.reset')}
          </Button>
        )}
      </Flex>
      <Table<HistoryItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.items}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{
          emptyText: (
            <Empty
              description={t(Object.keys(filters).length > 0 ? 'value.history.empty' : 'value.history.none')}
            />
          ),
        }}
      />
      <LoadMore
        shown={list.items.length}
        hasMore={list.hasMore}
        loading={list.loadingMore}
        onLoadMore={list.loadMore}
      />
    </Card>
  );
}
