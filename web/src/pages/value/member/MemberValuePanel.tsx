// A member's value in one panel: balances (stored value, points with expiry, packages), the
// money actions the operator may take, and the full ledger history. Used as the member
// detail page's balances tab and on its own page under /value/members/:id.
import { Alert, Button, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from '../../../api/problems.ts';
import { useSession } from '../../../app/session.tsx';
import { AdjustDialog } from '../dialogs/AdjustDialog.tsx';
import { ChargeDialog } from '../dialogs/ChargeDialog.tsx';
import { RechargeDialog } from '../dialogs/RechargeDialog.tsx';
import { RedeemGiftDialog } from '../dialogs/RedeemGiftDialog.tsx';
import { RefundChargeDialog } from '../dialogs/RefundChargeDialog.tsx';
import { RefundRechargeDialog } from '../dialogs/RefundRechargeDialog.tsx';
import { SellPackageDialog } from '../dialogs/SellPackageDialog.tsx';
import { UsePackageDialog } from '../dialogs/UsePackageDialog.tsx';
import { type Balances, type HistoryItem, useBalances } from '../queries.ts';
import { BalanceCards } from './BalanceCards.tsx';
import { LedgerHistory } from './LedgerHistory.tsx';

const noPackages: Balances['packages'] = [];

type Dialog = 'recharge' | 'charge' | 'adjust' | 'sellPackage' | 'usePackage' | 'redeem';

export function MemberValuePanel({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const balances = useBalances(memberId);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [refundingRecharge, setRefundingRecharge] = useState<HistoryItem | null>(null);
  const [refundingCharge, setRefundingCharge] = useState<HistoryItem | null>(null);
  const close = () => setDialog(null);
  const packages = balances.data?.packages ?? noPackages;

  if (balances.isError) return <Alert type="error" showIcon title={problemText(balances.error)} />;

  const actions: { key: Dialog; allowed: boolean; primary?: boolean; disabled?: boolean }[] = [
    { key: 'recharge', allowed: can('ledger.recharge'), primary: true },
    { key: 'charge', allowed: can('checkout.sell') },
    { key: 'sellPackage', allowed: can('checkout.sell') },
    { key: 'usePackage', allowed: can('checkout.sell'), disabled: packages.length === 0 },
    { key: 'redeem', allowed: can('checkout.sell') },
    { key: 'adjust', allowed: can('ledger.adjust') },
  ];
  const labels: Record<Dialog, string> = {
    recharge: t('value.member.recharge'),
    charge: t('value.member.charge'),
    adjust: t('value.member.adjust'),
    sellPackage: t('value.member.sellPackage'),
    usePackage: t('value.member.usePackage'),
    redeem: t('value.member.redeemGift'),
  };

  return (
    <div data-testid="member-value-panel">
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        {actions
          .filter((action) => action.allowed)
          .map((action) => (
            <Button
              key={action.key}
              type={action.primary ? 'primary' : 'default'}
              disabled={action.disabled}
              onClick={() => setDialog(action.key)}
            >
              {labels[action.key]}
            </Button>
          ))}
      </Flex>
      <BalanceCards balances={balances.data} loading={balances.isPending} />
      <LedgerHistory
        memberId={memberId}
        onRefundRecharge={setRefundingRecharge}
        onRefundCharge={setRefundingCharge}
      />
      <RechargeDialog memberId={memberId} open={dialog === 'recharge'} onClose={close} />
      <ChargeDialog memberId={memberId} open={dialog === 'charge'} onClose={close} />
      <AdjustDialog memberId={memberId} open={dialog === 'adjust'} onClose={close} />
      <SellPackageDialog memberId={memberId} open={dialog === 'sellPackage'} onClose={close} />
      <UsePackageDialog
        memberId={memberId}
        packages={packages}
        open={dialog === 'usePackage'}
        onClose={close}
      />
      <RedeemGiftDialog memberId={memberId} open={dialog === 'redeem'} onClose={close} />
      <RefundRechargeDialog
        memberId={memberId}
        recharge={refundingRecharge}
        onClose={() => setRefundingRecharge(null)}
      />
      <RefundChargeDialog
        memberId={memberId}
        charge={refundingCharge}
        onClose={() => setRefundingCharge(null)}
      />
    </div>
  );
}
