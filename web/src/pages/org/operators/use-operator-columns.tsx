// The operators table's columns, with the row actions (edit, reset password, disable/enable).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Flex, Popconfirm, Space, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useReportProblem } from '../../../api/problems.ts';
import { useSession } from '../../../app/session.tsx';
import { formatDateTime } from '../../../format.ts';
import { roleLabel } from '../../../i18n/labels.ts';
import { type Operator, orgKeys } from '../queries.ts';

export function useOperatorColumns({
  canWrite,
  onEdit,
  onResetPassword,
}: {
  canWrite: boolean;
  onEdit: (operator: Operator) => void;
  onResetPassword: (operator: Operator) => void;
}): TableColumnsType<Operator> {
  const { t } = useTranslation();
  const { operator: self } = useSession();
  const { message } = App.useApp();
  const reportProblem = useReportProblem();
  const queryClient = useQueryClient();

  const setStatus = useMutation({
    mutationFn: ({ operator, status }: { operator: Operator; status: Operator['status'] }) =>
      unwrap(
        api.PATCH('/api/v1/org/operators/{id}', { params: { path: { id: operator.id } }, body: { status } }),
      ),
    onSuccess: (operator) => {
      const key = operator.status === 'disabled' ? 'operators.disabledMessage' : 'operators.enabledMessage';
      void message.success(t(key, { name: operator.displayName }));
      void queryClient.invalidateQueries({ queryKey: orgKeys.operators });
    },
    onError: (error) => reportProblem(error),
  });

  const columns: TableColumnsType<Operator> = [
    {
      title: t('operators.displayName'),
      dataIndex: 'displayName',
      render: (name: string, operator) => (
        <Flex vertical>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {operator.username}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('operators.unit'), dataIndex: 'unitName', width: 140 },
    {
      title: t('operators.grants'),
      dataIndex: 'grants',
      render: (grants: Operator['grants']) =>
        grants.length === 0 ? (
          <Typography.Text type="secondary">{t('operators.noGrants')}</Typography.Text>
        ) : (
          <Flex gap={4} wrap>
            {grants.map((grant) => (
              <Tag key={`${grant.roleId}@${grant.unitId}`} color={grant.roleCode ? 'blue' : 'cyan'}>
                {t('home.grantAt', { role: roleLabel(grant), unit: grant.unitName })}
              </Tag>
            ))}
          </Flex>
        ),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 100,
      render: (status: Operator['status']) => (
        <Badge status={status === 'active' ? 'success' : 'default'} text={t(`status.${status}`)} />
      ),
    },
    {
      title: t('operators.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (at: string) => formatDateTime(at),
    },
  ];
  if (!canWrite) return columns;

  columns.push({
    title: t('common.actions'),
    key: 'actions',
    width: 220,
    fixed: 'right',
    render: (_, operator) => (
      <Space size={0} wrap>
        <Button type="link" size="small" onClick={() => onEdit(operator)}>
          {t('common.edit')}
        </Button>
        <Button type="link" size="small" onClick={() => onResetPassword(operator)}>
          {t('operators.resetPassword')}
        </Button>
        {operator.id !== self.id &&
          (operator.status === 'active' ? (
            <Popconfirm
              title={t('common.confirmTitle')}
              description={t('operators.disableConfirm', { name: operator.displayName })}
              okButtonProps={{ danger: true }}
              onConfirm={() => setStatus.mutateAsync({ operator, status: 'disabled' }).catch(() => undefined)}
            >
              <Button type="link" size="small" danger>
                {t('operators.disable')}
              </Button>
            </Popconfirm>
          ) : (
            <Button type="link" size="small" onClick={() => setStatus.mutate({ operator, status: 'active' })}>
              {t('operators.enable')}
            </Button>
          ))}
      </Space>
    ),
  });
  return columns;
}
