// The org tree: headquarters, regions and stores, with creating, editing and closing units.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Badge,
  Button,
  Card,
  Empty,
  Popconfirm,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useReportProblem } from '../../../api/problems.ts';
import { meQueryKey, useSession } from '../../../app/session.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { type OrgUnit, orgKeys, useUnits } from '../queries.ts';
import { UnitFormModal, type UnitFormTarget } from './UnitFormModal.tsx';
import { UnitKindTag } from './UnitKindTag.tsx';
import { buildUnitTree, type UnitNode } from './unit-tree.ts';

export function UnitsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const reportProblem = useReportProblem();
  const queryClient = useQueryClient();
  const units = useUnits();
  const tree = useMemo(() => buildUnitTree(units.data ?? []), [units.data]);
  // Everything starts expanded; the operator collapses what they do not need.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [target, setTarget] = useState<UnitFormTarget | null>(null);
  const canWrite = can('org.write');

  const setStatus = useMutation({
    mutationFn: ({ unit, status }: { unit: OrgUnit; status: OrgUnit['status'] }) =>
      unwrap(api.PATCH('/api/v1/org/units/{id}', { params: { path: { id: unit.id } }, body: { status } })),
    onSuccess: (unit) => {
      void message.success(
        t(unit.status === 'closed' ? 'units.closedMessage' : 'units.reopenedMessage', { name: unit.name }),
      );
      void queryClient.invalidateQueries({ queryKey: orgKeys.units });
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
    onError: (error) => reportProblem(error),
  });

  const columns: TableColumnsType<UnitNode> = [
    {
      title: t('units.name'),
      dataIndex: 'name',
      render: (name: string, unit) => (
        <Space size={8}>
          <UnitKindTag kind={unit.kind} />
          <Typography.Text
            strong={unit.kind !== 'store'}
            type={unit.status === 'closed' ? 'secondary' : undefined}
          >
            {name}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('units.code'), dataIndex: 'code', width: 110 },
    {
      title: t('units.address'),
      dataIndex: 'address',
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    { title: t('units.phone'), dataIndex: 'phone', width: 150, render: (v: string | null) => v ?? '—' },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 110,
      render: (status: OrgUnit['status']) => (
        <Badge status={status === 'active' ? 'success' : 'default'} text={t(`status.${status}`)} />
      ),
    },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 240,
      render: (_, unit) => (
        <Space size={4} wrap>
          {unit.kind !== 'store' && unit.status === 'active' && (
            <Button type="link" size="small" onClick={() => setTarget({ mode: 'create', parentId: unit.id })}>
              {t('units.addChild')}
            </Button>
          )}
          <Button type="link" size="small" onClick={() => setTarget({ mode: 'edit', unit })}>
            {t('common.edit')}
          </Button>
          {unit.kind !== 'hq' && unit.status === 'active' && (
            <Popconfirm
              title={t('common.confirmTitle')}
              description={t('units.closeConfirm', { name: unit.name })}
              okButtonProps={{ danger: true }}
              onConfirm={() => setStatus.mutateAsync({ unit, status: 'closed' }).catch(() => undefined)}
            >
              <Button type="link" size="small" danger>
                {t('units.closeAction')}
              </Button>
            </Popconfirm>
          )}
          {unit.status === 'closed' && (
            <Button type="link" size="small" onClick={() => setStatus.mutate({ unit, status: 'active' })}>
              {t('units.reopen')}
            </Button>
          )}
        </Space>
      ),
    });
  }

  const allIds = (units.data ?? []).map((u) => u.id);
  return (
    <>
      <PageHeader
        title={t('units.title')}
        subtitle={t('units.subtitle')}
        extra={
          canWrite && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setTarget({ mode: 'create', parentId: tree[0]?.id })}
            >
              {t('units.create')}
            </Button>
          )
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<UnitNode>
          rowKey="id"
          columns={columns}
          dataSource={tree}
          loading={units.isPending}
          pagination={false}
          expandable={{
            expandedRowKeys: allIds.filter((id) => !collapsed.has(id)),
            onExpand: (expanded, unit) =>
              setCollapsed((prev) => {
                const next = new Set(prev);
                if (expanded) next.delete(unit.id);
                else next.add(unit.id);
                return next;
              }),
          }}
          locale={{ emptyText: <Empty description={t('units.empty')} /> }}
        />
      </Card>
      <UnitFormModal target={target} units={units.data ?? []} onClose={() => setTarget(null)} />
    </>
  );
}
