// Card types (卡类型): what each kind of card holds, costs and allows.
import { PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rateToPointsPerYuan, rateToZhe } from '../../../amounts.ts';
import { useSession } from '../../../app/session.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { formatMoney } from '../../../format.ts';
import { type CardType, useCardTypes } from '../../members/queries.ts';
import { CardTypeFormModal, type CardTypeFormTarget } from './CardTypeFormModal.tsx';

const holdings = ['storedValue', 'points', 'discount', 'countBased'] as const;

export function CardTypesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const types = useCardTypes();
  const [target, setTarget] = useState<CardTypeFormTarget | null>(null);
  const canWrite = can('settings.write');

  const validityText = (validity: CardType['validity']) => {
    if (validity.kind === 'months') return t('members.cardTypes.validityMonths', { months: validity.months });
    if (validity.kind === 'fixed_date') return t('members.cardTypes.validityUntil', { date: validity.date });
    return t('members.cardTypes.validityKinds.none');
  };

  const columns: TableColumnsType<CardType> = [
    {
      title: t('members.cardTypes.name'),
      dataIndex: 'name',
      width: 160,
      render: (name: string, type) => (
        <Flex vertical>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {type.named ? t('members.cardTypes.named') : t('members.cardTypes.anonymous')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('members.cardTypes.holds'),
      key: 'holds',
      render: (_, type) => (
        <Flex gap={4} wrap>
          {holdings
            .filter((flag) => type[flag])
            .map((flag) => (
              <Tag key={flag} color="blue" style={{ marginInlineEnd: 0 }}>
                {flag === 'discount'
                  ? t('members.cardTypes.discountTag', { zhe: rateToZhe(type.discountRate) })
                  : flag === 'points'
                    ? t('members.cardTypes.pointsTag', { rate: rateToPointsPerYuan(type.pointsRate) })
                    : t(`members.cardTypes.kinds.${flag}`)}
              </Tag>
            ))}
          {type.pinRequired && <Tag style={{ marginInlineEnd: 0 }}>{t('members.cardTypes.pinTag')}</Tag>}
          {type.subsidiaryAllowed && (
            <Tag style={{ marginInlineEnd: 0 }}>{t('members.cardTypes.subsidiaryTag')}</Tag>
          )}
        </Flex>
      ),
    },
    {
      title: t('members.cardTypes.validity'),
      dataIndex: 'validity',
      width: 150,
      render: validityText,
    },
    {
      title: t('members.cardTypes.fees'),
      key: 'fees',
      width: 220,
      render: (_, type) => (
        <Flex vertical style={{ fontSize: 12 }}>
          <span>{t('members.cardTypes.joinFeeShort', { fee: formatMoney(type.joinFee) })}</span>
          <span>{t('members.cardTypes.annualFeeShort', { fee: formatMoney(type.annualFee) })}</span>
          <span>{t('members.cardTypes.replacementFeeShort', { fee: formatMoney(type.replacementFee) })}</span>
        </Flex>
      ),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 100,
      render: (status: CardType['status']) => (
        <Badge
          status={status === 'active' ? 'success' : 'default'}
          text={t(`members.cardTypes.statuses.${status}`)}
        />
      ),
    },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, type) => (
        <Button type="link" size="small" onClick={() => setTarget({ mode: 'edit', type })}>
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('members.cardTypes.title')}
        subtitle={t('members.cardTypes.subtitle')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create' })}>
              {t('members.cardTypes.create')}
            </Button>
          )
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<CardType>
          rowKey="id"
          columns={columns}
          dataSource={types.data ?? []}
          loading={types.isPending}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description={t('members.cardTypes.empty')} /> }}
        />
      </Card>
      <CardTypeFormModal target={target} onClose={() => setTarget(null)} />
    </>
  );
}
