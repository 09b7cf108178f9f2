// The member's cards with their status, and per card the operations its status and the
// operator's permissions allow; issuing a new card for those who may.
import { DownOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Dropdown, Empty, Flex, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useSession } from '../../../app/session.tsx';
import { formatDate, formatMoney } from '../../../format.ts';
import { type Card, type Member, memberKeys, useCardTypes } from '../queries.ts';
import { CardStatusTag } from '../shared/StatusTags.tsx';
import { CardOperationModal, type CardOperationTarget } from './CardOperationModal.tsx';
import { allowedOperations, isFinal } from './card-lifecycle.ts';
import { IssueCardModal } from './IssueCardModal.tsx';

export function CardsTab({ member }: { member: Member }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const cardTypes = useCardTypes();
  const [issuing, setIssuing] = useState(false);
  const [operating, setOperating] = useState<CardOperationTarget | null>(null);
  const cards = useQuery({
    queryKey: memberKeys.cards(member.id),
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/members/{id}/cards', { params: { path: { id: member.id } } }))).items,
  });

  const columns: TableColumnsType<Card> = [
    {
      title: t('members.cards.cardNo'),
      dataIndex: 'cardNo',
      render: (cardNo: string, card) => (
        <Flex vertical>
          <Typography.Text copyable strong style={{ fontVariantNumeric: 'tabular-nums' }}>
            {cardNo}
          </Typography.Text>
          {card.replacesCardId && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('members.cards.replacement')}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: t('members.cards.type'), dataIndex: 'cardTypeName', width: 120 },
    {
      title: t('members.cards.role'),
      dataIndex: 'role',
      width: 160,
      render: (role: Card['role'], card) =>
        role === 'primary'
          ? t('members.cards.roles.primary')
          : `${t(`members.cards.roles.${role}`)} · ${card.holderName ?? ''}`,
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 110,
      render: (status: Card['status']) => <CardStatusTag status={status} />,
    },
    {
      title: t('members.cards.spendLimit'),
      dataIndex: 'spendLimit',
      width: 140,
      align: 'right',
      render: (limit: number | null, card) =>
        card.role === 'primary' || limit === null ? '—' : formatMoney(limit),
    },
    {
      title: t('members.cards.expiresOn'),
      dataIndex: 'expiresOn',
      width: 120,
      render: (on: string | null) => on ?? t('members.cards.noExpiry'),
    },
    {
      title: t('members.cards.issuedAt'),
      dataIndex: 'issuedAt',
      width: 120,
      render: (at: string) => formatDate(at),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_, card) => {
        const operations = allowedOperations(card.status, can);
        if (operations.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <Dropdown
            trigger={['click']}
            menu={{
              items: operations.map((operation) => ({
                key: operation,
                label: t(`members.cardOps.names.${operation}`),
                danger: isFinal(operation),
              })),
              onClick: ({ key }) =>
                setOperating({ card, operation: key as CardOperationTarget['operation'] }),
            }}
          >
            <Button size="small" data-testid={`card-actions-${card.cardNo}`}>
              {t('members.cards.operations')} <DownOutlined />
            </Button>
          </Dropdown>
        );
      },
    },
  ];

  const canIssue = can('cards.write') && member.status === 'active';
  return (
    <Flex vertical gap={16}>
      {canIssue && (
        <div>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!cardTypes.data}
            onClick={() => setIssuing(true)}
          >
            {t('members.cards.issue')}
          </Button>
        </div>
      )}
      <Table<Card>
        rowKey="id"
        columns={columns}
        dataSource={cards.data ?? []}
        loading={cards.isPending}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{
          emptyText: (
            <Empty description={canIssue ? t('members.cards.empty') : t('members.cards.emptyReadOnly')} />
          ),
        }}
      />
      <IssueCardModal
        member={member}
        open={issuing}
        cardTypes={cardTypes.data ?? []}
        onClose={() => setIssuing(false)}
      />
      <CardOperationModal
        target={operating}
        cardTypes={cardTypes.data ?? []}
        onClose={() => setOperating(null)}
      />
    </Flex>
  );
}
