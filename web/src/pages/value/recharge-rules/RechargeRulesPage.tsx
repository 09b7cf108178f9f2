// Recharge rules: "recharge X, get Y" tiers or a percentage with a cap, limited by dates,
// stores and card types; the highest priority among matching rules gives the bonus.
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
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useReportProblem } from '../../../api/problems.ts';
import { useSession } from '../../../app/session.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { type RechargeRule, useCardTypes, useRechargeRules, useStoreNames, valueKeys } from '../queries.ts';
import { RechargeRuleFormModal, type RuleTarget } from './RechargeRuleFormModal.tsx';
import { useDescribeBonus, withStatus } from './rule-body.ts';

function Names({ ids, nameOf, all }: { ids: string[]; nameOf: (id: string) => string; all: string }) {
  if (ids.length === 0) return <Tag>{all}</Tag>;
  return (
    <Flex gap={4} wrap>
      {ids.map((id) => (
        <Tag key={id}>{nameOf(id)}</Tag>
      ))}
    </Flex>
  );
}

export function RechargeRulesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const reportProblem = useReportProblem();
  const queryClient = useQueryClient();
  const rules = useRechargeRules();
  const cardTypes = useCardTypes(can('cards.read'));
  const stores = useStoreNames();
  const describeBonus = useDescribeBonus();
  const [target, setTarget] = useState<RuleTarget | null>(null);
  const canWrite = can('settings.write');
  const cardTypeName = useMemo(() => {
    const names = new Map((cardTypes.data ?? []).map((type) => [type.id, type.name]));
    return (id: string) => names.get(id) ?? id;
  }, [cardTypes.data]);

  const setStatus = useMutation({
    mutationFn: ({ rule, status }: { rule: RechargeRule; status: RechargeRule['status'] }) =>
      unwrap(
        api.PUT('/api/v1/recharge-rules/{id}', {
          params: { path: { id: rule.id } },
          body: withStatus(rule, status),
        }),
      ),
    onSuccess: () => {
      void message.success(t('common.saved'));
      void queryClient.invalidateQueries({ queryKey: valueKeys.rechargeRules });
    },
    onError: (error) => reportProblem(error),
  });

  const columns: TableColumnsType<RechargeRule> = [
    { title: t('value.common.name'), dataIndex: 'name', width: 160 },
    { title: t('value.rechargeRules.bonus'), key: 'bonus', render: (_, rule) => describeBonus(rule) },
    {
      title: t('value.common.dates'),
      key: 'dates',
      width: 190,
      render: (_, rule) =>
        rule.startsOn || rule.endsOn
          ? `${rule.startsOn ?? '…'} ~ ${rule.endsOn ?? '…'}`
          : t('value.common.forever'),
    },
    {
      title: t('value.common.stores'),
      dataIndex: 'unitIds',
      width: 180,
      render: (ids: string[]) => <Names ids={ids} nameOf={stores.nameOf} all={t('value.common.allStores')} />,
    },
    {
      title: t('value.common.cardTypes'),
      dataIndex: 'cardTypeIds',
      width: 160,
      render: (ids: string[]) => (
        <Names ids={ids} nameOf={cardTypeName} all={t('value.common.allCardTypes')} />
      ),
    },
    { title: t('value.rechargeRules.priority'), dataIndex: 'priority', width: 80, align: 'right' },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 100,
      render: (status: RechargeRule['status']) => (
        <Badge status={status === 'active' ? 'success' : 'default'} text={t(`value.common.${status}`)} />
      ),
    },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 140,
      fixed: 'right',
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
      <PageHeader
        title={t('value.rechargeRules.title')}
        subtitle={t('value.rechargeRules.subtitle')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create' })}>
              {t('value.rechargeRules.create')}
            </Button>
          )
        }
      />
      <Card>
        <Table<RechargeRule>
          rowKey="id"
          columns={columns}
          dataSource={rules.data ?? []}
          loading={rules.isPending}
          pagination={false}
          scroll={{ x: 1080 }}
          locale={{ emptyText: <Empty description={t('value.rechargeRules.empty')} /> }}
        />
      </Card>
      <RechargeRuleFormModal
        target={target}
        cardTypes={cardTypes.data ?? []}
        storeOptions={stores.options}
        onClose={() => setTarget(null)}
      />
    </>
  );
}
