// Custom member fields: what else the merchant records about a member (shoe size, company,
// preferred barista). Archived fields leave the form but keep the values already recorded.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Badge,
  Button,
  Card,
  Empty,
  Flex,
  Popconfirm,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useReportProblem } from '../../../api/problems.ts';
import { useSession } from '../../../app/session.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { type MemberField, memberKeys, useMemberFields } from '../../members/queries.ts';
import { MemberFieldFormModal, type MemberFieldTarget } from './MemberFieldFormModal.tsx';

export function MemberFieldsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const reportProblem = useReportProblem();
  const queryClient = useQueryClient();
  const fields = useMemberFields();
  const [target, setTarget] = useState<MemberFieldTarget | null>(null);
  const canWrite = can('settings.write');

  const setStatus = useMutation({
    mutationFn: ({ field, status }: { field: MemberField; status: MemberField['status'] }) =>
      unwrap(
        api.PATCH('/api/v1/member-fields/{id}', { params: { path: { id: field.id } }, body: { status } }),
      ),
    onSuccess: (field) => {
      void message.success(
        t(field.status === 'archived' ? 'members.customFields.archived' : 'members.customFields.restored', {
          label: field.label,
        }),
      );
      void queryClient.invalidateQueries({ queryKey: memberKeys.fields });
    },
    onError: (error) => reportProblem(error),
  });

  const columns: TableColumnsType<MemberField> = [
    {
      title: t('members.customFields.label'),
      dataIndex: 'label',
      render: (label: string, field) => (
        <Flex vertical>
          <Typography.Text strong>{label}</Typography.Text>
          <Typography.Text type="secondary" code style={{ fontSize: 12, alignSelf: 'flex-start' }}>
            {field.key}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('members.customFields.type'),
      dataIndex: 'type',
      width: 110,
      render: (type: MemberField['type']) => t(`members.customFields.types.${type}`),
    },
    {
      title: t('members.customFields.options'),
      dataIndex: 'options',
      render: (options: string[]) =>
        options.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Flex gap={4} wrap>
            {options.map((o) => (
              <Tag key={o} style={{ marginInlineEnd: 0 }}>
                {o}
              </Tag>
            ))}
          </Flex>
        ),
    },
    {
      title: t('members.customFields.required'),
      dataIndex: 'required',
      width: 90,
      render: (required: boolean) => (required ? t('members.common.yes') : t('members.common.no')),
    },
    { title: t('members.customFields.sort'), dataIndex: 'sort', width: 80 },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 100,
      render: (status: MemberField['status']) => (
        <Badge
          status={status === 'active' ? 'success' : 'default'}
          text={t(`members.customFields.statuses.${status}`)}
        />
      ),
    },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, field) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setTarget({ mode: 'edit', field })}>
            {t('common.edit')}
          </Button>
          {field.status === 'active' ? (
            <Popconfirm
              title={t('common.confirmTitle')}
              description={t('members.customFields.archiveConfirm', { label: field.label })}
              okButtonProps={{ danger: true }}
              onConfirm={() => setStatus.mutateAsync({ field, status: 'archived' }).catch(() => undefined)}
            >
              <Button type="link" size="small" danger>
                {t('members.customFields.archive')}
              </Button>
            </Popconfirm>
          ) : (
            <Button type="link" size="small" onClick={() => setStatus.mutate({ field, status: 'active' })}>
              {t('members.customFields.restore')}
            </Button>
          )}
        </Space>
      ),
    });
  }

  const sorted = [...(fields.data ?? [])].sort((a, b) => a.sort - b.sort);
  return (
    <>
      <PageHeader
        title={t('members.customFields.title')}
        subtitle={t('members.customFields.subtitle')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create' })}>
              {t('members.customFields.create')}
            </Button>
          )
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<MemberField>
          rowKey="id"
          columns={columns}
          dataSource={sorted}
          loading={fields.isPending}
          pagination={false}
          locale={{ emptyText: <Empty description={t('members.customFields.empty')} /> }}
        />
      </Card>
      <MemberFieldFormModal target={target} onClose={() => setTarget(null)} />
    </>
  );
}
