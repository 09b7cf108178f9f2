// Roles: built-in ones to read, custom ones to shape; each with how many permissions and grants.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Empty,
  Popconfirm,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useReportProblem } from '../../../api/problems.ts';
import { useSession } from '../../../app/session.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { roleDescription, roleLabel } from '../../../i18n/labels.ts';
import { orgKeys, type Role, useRoles } from '../queries.ts';
import { RoleFormModal, type RoleFormTarget } from './RoleFormModal.tsx';

export function RolesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const reportProblem = useReportProblem();
  const queryClient = useQueryClient();
  const roles = useRoles();
  const [target, setTarget] = useState<RoleFormTarget | null>(null);
  const canWrite = can('roles.write');
  // Built-in roles first, in the server's order; then custom roles by name.
  const sorted = useMemo(
    () =>
      [...(roles.data ?? [])].sort(
        (a, b) =>
          Number(a.systemCode === null) - Number(b.systemCode === null) ||
          (a.systemCode ? 0 : a.name.localeCompare(b.name)),
      ),
    [roles.data],
  );

  const remove = useMutation({
    mutationFn: (role: Role) =>
      unwrap(api.DELETE('/api/v1/org/roles/{id}', { params: { path: { id: role.id } } })),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void queryClient.invalidateQueries({ queryKey: orgKeys.roles });
    },
    onError: (error) => reportProblem(error),
  });

  const columns: TableColumnsType<Role> = [
    {
      title: t('roles.name'),
      key: 'name',
      render: (_, role) => (
        <Space>
          <Typography.Text strong>{roleLabel(role)}</Typography.Text>
          {role.systemCode ? <Tag>{t('roles.system')}</Tag> : <Tag color="cyan">{t('roles.custom')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('roles.description'),
      key: 'description',
      ellipsis: true,
      render: (_, role) => roleDescription(role) || <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('roles.permissions'),
      key: 'permissions',
      width: 140,
      render: (_, role) => t('roles.permissionCount', { count: role.permissions.length }),
    },
    { title: t('roles.grantCount'), dataIndex: 'grantCount', width: 110, align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_, role) =>
        role.systemCode || !canWrite ? (
          <Button type="link" size="small" onClick={() => setTarget({ mode: 'view', role })}>
            {t('common.view')}
          </Button>
        ) : (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setTarget({ mode: 'edit', role })}>
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={t('common.confirmTitle')}
              description={t('roles.deleteConfirm', { name: role.name })}
              okButtonProps={{ danger: true }}
              onConfirm={() => remove.mutateAsync(role).catch(() => undefined)}
            >
              <Button type="link" size="small" danger>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  const hasCustom = sorted.some((role) => !role.systemCode);
  return (
    <>
      <PageHeader
        title={t('roles.title')}
        subtitle={t('roles.subtitle')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create' })}>
              {t('roles.create')}
            </Button>
          )
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<Role>
          rowKey="id"
          columns={columns}
          dataSource={sorted}
          loading={roles.isPending}
          pagination={false}
          locale={{ emptyText: <Empty description={t('roles.empty')} /> }}
          footer={
            !roles.isPending && !hasCustom && canWrite
              ? () => <Typography.Text type="secondary">{t('roles.empty')}</Typography.Text>
              : undefined
          }
        />
      </Card>
      <RoleFormModal target={target} onClose={() => setTarget(null)} />
    </>
  );
}
