// Members: one search box (phone or its last four digits, card number, name, pinyin initials)
// and filters, all in the URL; the list pages by cursor and exports as it is filtered.
import { BellOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Table } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../../../api/client.ts';
import { useSession } from '../../../app/session.tsx';
import { LoadMore } from '../../../components/LoadMore.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useCursorList } from '../../../hooks/useCursorList.ts';
import { useUrlFilters } from '../../../hooks/useUrlFilters.ts';
import { MemberFormDrawer, type MemberFormTarget } from '../form/MemberFormDrawer.tsx';
import { type Member, memberKeys } from '../queries.ts';
import { ExportButton } from './ExportButton.tsx';
import { MemberFilters, memberFilterKeys } from './MemberFilters.tsx';
import { useMemberColumns } from './use-member-columns.tsx';

export function MembersPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const [filters, setFilters] = useUrlFilters(memberFilterKeys);
  const [formTarget, setFormTarget] = useState<MemberFormTarget | null>(null);
  const columns = useMemberColumns();

  const list = useCursorList([...memberKeys.list, filters], (cursor) =>
    unwrap(
      api.GET('/api/v1/members', {
        params: {
          query: {
            ...filters,
            status: filters.status as Member['status'] | undefined,
            birthdayMonth: filters.birthdayMonth ? Number(filters.birthdayMonth) : undefined,
            cursor,
            limit: 50,
          },
        },
      }),
    ),
  );

  const levels = useMemo(() => {
    const seen = new Map<string, string>();
    for (const member of list.items) if (member.levelId) seen.set(member.levelId, member.levelName ?? '');
    if (filters.levelId && !seen.has(filters.levelId)) seen.set(filters.levelId, filters.levelId);
    return [...seen].map(([id, name]) => ({ id, name }));
  }, [list.items, filters.levelId]);

  const filtered = Object.keys(filters).length > 0;
  return (
    <>
      <PageHeader
        title={t('members.list.title')}
        subtitle={t('members.list.subtitle')}
        extra={
          <>
            <Link to="/members/follow-ups">
              <Button icon={<BellOutlined />}>{t('members.due.title')}</Button>
            </Link>
            {can('members.import') && (
              <Link to="/members/import">
                <Button icon={<ImportOutlined />}>{t('members.import.button')}</Button>
              </Link>
            )}
            {can('members.export') && <ExportButton filters={filters} />}
            {can('members.write') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setFormTarget({ mode: 'create' })}
              >
                {t('members.list.create')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <MemberFilters filters={filters} onChange={setFilters} levels={levels} />
        <Table<Member>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 960 }}
          locale={{
            emptyText: (
              <Empty
                description={
                  filtered
                    ? t('members.list.emptyFiltered')
                    : t(can('members.write') ? 'members.list.empty' : 'members.list.emptyReadOnly')
                }
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
      <MemberFormDrawer
        target={formTarget}
        onClose={() => setFormTarget(null)}
        onSaved={(member) => void navigate(`/members/${member.id}`)}
      />
    </>
  );
}
