// Operators: who can sign in, where they belong and which roles they hold. Filters are in
// the URL; the list pages by cursor.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Table } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useSession } from '../../../app/session.tsx';
import { LoadMore } from '../../../components/LoadMore.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useCursorList } from '../../../hooks/useCursorList.ts';
import { useUrlFilters } from '../../../hooks/useUrlFilters.ts';
import { type Operator, orgKeys, useRoles, useUnits } from '../queries.ts';
import { buildUnitTree } from '../units/unit-tree.ts';
import { OperatorFilters } from './OperatorFilters.tsx';
import { OperatorFormModal, type OperatorFormTarget } from './OperatorFormModal.tsx';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { useOperatorColumns } from './use-operator-columns.tsx';

const filterKeys = ['q', 'unitId', 'status'] as const;

export function OperatorsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [filters, setFilters] = useUrlFilters(filterKeys);
  const units = useUnits(can('org.read'));
  const roles = useRoles(can('roles.read'));
  const unitTree = useMemo(() => buildUnitTree(units.data ?? []), [units.data]);
  const [editing, setEditing] = useState<OperatorFormTarget | null>(null);
  const [resetting, setResetting] = useState<Operator | null>(null);

  const list = useCursorList([...orgKeys.operators, filters], (cursor) =>
    unwrap(
      api.GET('/api/v1/org/operators', {
        params: {
          query: {
            q: filters.q,
            unitId: filters.unitId,
            status: filters.status as Operator['status'] | undefined,
            cursor,
            limit: 50,
          },
        },
      }),
    ),
  );
  const columns = useOperatorColumns({
    canWrite: can('operators.write'),
    onEdit: (operator) => setEditing({ mode: 'edit', operator }),
    onResetPassword: setResetting,
  });

  return (
    <>
      <PageHeader
        title={t('operators.title')}
        subtitle={t('operators.subtitle')}
        extra={
          can('operators.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
              {t('operators.create')}
            </Button>
          )
        }
      />
      <Card>
        <OperatorFilters filters={filters} onChange={setFilters} unitTree={unitTree} />
        <Table<Operator>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 960 }}
          locale={{ emptyText: <Empty description={t('operators.empty')} /> }}
        />
        <LoadMore
          shown={list.items.length}
          hasMore={list.hasMore}
          loading={list.loadingMore}
          onLoadMore={list.loadMore}
        />
      </Card>
      <OperatorFormModal
        target={editing}
        unitTree={unitTree}
        roles={roles.data ?? []}
        onClose={() => setEditing(null)}
      />
      <ResetPasswordModal operator={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
