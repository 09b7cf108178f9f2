// /value/members: find a member by mobile, card number or name and open their balances.
// The search term is in the address, so the back button returns to the same results.
import { Button, Card, Empty, Input, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../../api/client.ts';
import { LoadMore } from '../../../components/LoadMore.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useCursorList } from '../../../hooks/useCursorList.ts';
import { useUrlFilters } from '../../../hooks/useUrlFilters.ts';
import type { Member } from '../queries.ts';

const filterKeys = ['q'] as const;

export function MemberLookupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [filters, setFilters] = useUrlFilters(filterKeys);
  const list = useCursorList(['value', 'member-lookup', filters.q ?? ''], async (cursor) =>
    filters.q
      ? unwrap(api.GET('/api/v1/members', { params: { query: { q: filters.q, cursor, limit: 20 } } }))
      : { items: [] as Member[], nextCursor: null },
  );
  const open = (member: Member) => void navigate(`/value/members/${member.id}`);

  const columns: TableColumnsType<Member> = [
    { title: t('value.common.name'), dataIndex: 'name' },
    { title: t('value.member.mobile'), dataIndex: 'mobile', width: 160 },
    { title: t('value.member.homeStore'), dataIndex: 'homeStoreName', width: 160 },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 140,
      render: (_, member) => (
        <Button type="link" size="small" onClick={() => open(member)}>
          {t('value.member.open')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('value.member.lookupTitle')} subtitle={t('value.member.lookupSubtitle')} />
      <Card>
        <Input.Search
          key={filters.q ?? ''}
          defaultValue={filters.q}
          placeholder={t('value.member.lookupPlaceholder')}
          allowClear
          enterButton
          size="large"
          autoFocus
          onSearch={(q) => setFilters({ q: q.trim() })}
          style={{ maxWidth: 480, marginBottom: 16 }}
        />
        <Table<Member>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={Boolean(filters.q) && list.isPending}
          pagination={false}
          onRow={(member) => ({ onDoubleClick: () => open(member) })}
          locale={{
            emptyText: (
              <Empty description={t(filters.q ? 'value.member.lookupNone' : 'value.member.lookupEmpty')} />
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
    </>
  );
}
