// The ledger history table's columns: what happened, by how much, each account's change
// with its balance after, where and by whom, and a refund on recharges and spends.
import { Button, Flex, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session.tsx';
import { formatCount, formatDateTime, formatMoney } from '../../../format.ts';
import { accountLabel, accountUnit, kindLabel, kindUnit, tenderLabel } from '../labels.ts';
import type { HistoryItem } from '../queries.ts';

const kindColors: Record<string, string> = {
  recharge: 'green',
  spend: 'orange',
  order_payment: 'orange',
  package_payment: 'orange',
  sv_adjust: 'blue',
  points_adjust: 'blue',
  points_earn: 'gold',
  points_expire: 'default',
  package_expiry: 'default',
};

function kindColor(kind: string): string {
  if (kind.endsWith('_refund') || kind.endsWith('_reversal') || kind.endsWith('_cancel')) return 'purple';
  return kindColors[kind] ?? 'cyan';
}

export function useAmountText(): (unit: 'money' | 'points' | 'uses', n: number, signed?: boolean) => string {
  const { t } = useTranslation();
  return (unit, n, signed = false) => {
    const sign = signed && n > 0 ? '+' : '';
    if (unit === 'money') return `${sign}${formatMoney(n)}`;
    const count = `${sign}${formatCount(n)}`;
    return unit === 'points' ? t('value.units.points', { n: count }) : t('value.units.uses', { n: count });
  };
}

export function useHistoryColumns({
  reversed,
  onRefundRecharge,
  onRefundCharge,
}: {
  reversed: ReadonlySet<string>;
  onRefundRecharge: (item: HistoryItem) => void;
  onRefundCharge: (item: HistoryItem) => void;
}): TableColumnsType<HistoryItem> {
  const { t } = useTranslation();
  const { can, operator } = useSession();
  const amountText = useAmountText();

  return [
    {
      title: t('value.common.time'),
      dataIndex: 'createdAt',
      width: 160,
      render: (at: string) => formatDateTime(at, operator.timeZone),
    },
    {
      title: t('value.history.kind'),
      dataIndex: 'kind',
      width: 120,
      render: (kind: string) => <Tag color={kindColor(kind)}>{kindLabel(kind)}</Tag>,
    },
    {
      title: t('value.history.amount'),
      dataIndex: 'amount',
      width: 110,
      align: 'right',
      render: (amount: number, item) => amountText(kindUnit(item.kind), amount),
    },
    {
      title: t('value.history.entries'),
      dataIndex: 'entries',
      width: 240,
      render: (entries: HistoryItem['entries']) => (
        <Flex vertical gap={2}>
          {entries.map((entry) => (
            <Typography.Text
              key={`${entry.account}:${entry.amount}:${entry.balanceAfter}`}
              style={{ fontSize: 13, whiteSpace: 'nowrap' }}
            >
              {accountLabel(entry.account)}{' '}
              <Typography.Text type={entry.amount < 0 ? 'danger' : 'success'}>
                {amountText(accountUnit(entry.account), entry.amount, true)}
              </Typography.Text>
              <Typography.Text type="secondary">
                {' → '}
                {amountText(accountUnit(entry.account), entry.balanceAfter)}
              </Typography.Text>
            </Typography.Text>
          ))}
        </Flex>
      ),
    },
    {
      title: t('value.history.tender'),
      dataIndex: 'tender',
      width: 100,
      render: (tender: string | null) => tenderLabel(tender),
    },
    {
      // Where and by whom, stacked, so the note keeps room to be read.
      title: t('value.history.storeOperator'),
      dataIndex: 'unitName',
      width: 170,
      render: (unitName: string, item) => (
        <Flex vertical>
          <Typography.Text>{unitName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {item.actorName ??
              (item.actorType === 'member' ? t('value.history.memberActor') : t('value.history.system'))}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('value.history.note'),
      dataIndex: 'note',
      ellipsis: true,
      render: (note: string | null) => note ?? '',
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, item) => {
        const refundable =
          (item.kind === 'recharge' && can('ledger.refund')) ||
          (item.kind === 'spend' && can('checkout.return'));
        if (!refundable) return null;
        if (reversed.has(item.id)) return <Tag>{t('value.history.refunded')}</Tag>;
        return (
          <Button
            type="link"
            size="small"
            danger
            onClick={() => (item.kind === 'recharge' ? onRefundRecharge(item) : onRefundCharge(item))}
          >
            {t('value.history.refund')}
          </Button>
        );
      },
    },
  ];
}
