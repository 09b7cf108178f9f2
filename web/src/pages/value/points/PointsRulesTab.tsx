// The points earn rules: a table of every rule with its parameters in words, and creating,
// editing, archiving and re-activating them (settings.write).
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Empty, Flex, Popconfirm, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useReportProblem } from '../../../api/problems.ts';
import { useSession } from '../../../app/session.tsx';
import { translateDynamic } from '../../../i18n/index.ts';
import { type PointsRule, useCardTypes, useCategories, useStoreNames, valueKeys } from '../queries.ts';
import { PointsRuleFormModal, type PointsRuleTarget } from './PointsRuleFormModal.tsx';
import type { ParamOptions } from './RuleParamsFields.tsx';
import { useDescribeParams, withStatus } from './rule-params.ts';

export function PointsRulesTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const reportProblem = useReportProblem();
  const queryClient = useQueryClient();
  const canWrite = can('settings.write');
  const [target, setTarget] = useState<PointsRuleTarget | null>(null);
  const rules = useQuery({
    queryKey: valueKeys.pointsRules,
    queryFn: async () => (await unwrap(api.GET('/api/v1/points-rules'))).items,
  });
  const cardTypes = useCardTypes(can('cards.read'));
  const categories = useCategories(can('catalog.read'));
  const stores = useStoreNames();

  const options = useMemo<ParamOptions>(
    () => ({
      cardTypes: (cardTypes.data ?? []).map((type) => ({ value: type.id, label: type.name })),
      stores: stores.options,
      categories: (categories.data ?? []).map((c) => ({ value: c.id, label: c.name })),
    }),
    [cardTypes.data, categories.data, stores.options],
  );
  const names = useMemo(() => {
    const all = new Map(
      [...options.cardTypes, ...options.stores, ...options.categories].map((o) => [o.value, o.label]),
    );
    return { nameOf: (id: string) => all.get(id) ?? id };
  }, [options]);
  const describe = useDescribeParams(names);

  const setStatus = useMutation({
    mutationFn: ({ rule, status }: { rule: PointsRule; status: PointsRule['status'] }) =>
      unwrap(
        api.PUT('/api/v1/points-rules/{id}', {
          params: { path: { id: rule.id } },
          body: withStatus(rule, status),
        }),
      ),
    onSuccess: () => {
      void message.success(t('common.saved'));
      void queryClient.invalidateQueries({ queryKey: valueKeys.pointsRules });
    },
    onError: (error) => reportProblem(error),
  });

  const columns: TableColumnsType<PointsRule> = [
    { title: t('value.common.name'), dataIndex: 'name', width: 180 },
    {
      title: t('value.points.ruleKind'),
      dataIndex: 'kind',
      width: 150,
      render: (kind: string) => (
        <Tag color="blue">{translateDynamic(`value.points.kinds.${kind}`, kind)}</Tag>
      ),
    },
    { title: t('value.points.params'), key: 'params', render: (_, rule) => describe(rule) },
    {
      title: t('value.common.dates'),
      key: 'dates',
      width: 210,
      render: (_, rule) =>
        rule.startsOn || rule.endsOn
          ? `${rule.startsOn ?? '…'} ~ ${rule.endsOn ?? '…'}`
          : t('value.common.forever'),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 100,
      render: (status: PointsRule['status']) => (
        <Badge status={status === 'active' ? 'success' : 'default'} text={t(`value.common.${status}`)} />
      ),
    },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, rule) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setTarget({ mode: 'edit', rule })}>
            {t('common.edit')}
          </Button>
          {rule.status === 'active' ? (
            <Popconfirm
              title={t('common.confirmTitle')}
              description={t('value.common.archiveConfirm', { name: rule.name })}
              okButtonProps={{ danger: true }}
              onConfirm={() => setStatus.mutateAsync({ rule, status: 'archived' }).catch(() => undefined)}
            >
              <Button type="link" size="small" danger>
                {t('value.common.archive')}
              </Button>
            </Popconfirm>
          ) : (
            <Button type="link" size="small" onClick={() => setStatus.mutate({ rule, status: 'active' })}>
              {t('value.common.activate')}
            </Button>
          )}
        </Space>
      ),
    });
  }

  return (
    <>
      {canWrite && (
        <Flex justify="flex-end" style={{ marginBottom: 16 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create' })}>
            {t('value.points.createRule')}
          </Button>
        </Flex>
      )}
      <Table<PointsRule>
        rowKey="id"
        columns={columns}
        dataSource={rules.data ?? []}
        loading={rules.isPending}
        pagination={false}
        scroll={{ x: 960 }}
        locale={{ emptyText: <Empty description={t('value.points.rulesEmpty')} /> }}
      />
      <PointsRuleFormModal target={target} options={options} onClose={() => setTarget(null)} />
    </>
  );
}
