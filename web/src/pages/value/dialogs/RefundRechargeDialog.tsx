// Refunding a recharge: its principal goes back to the payer and its bonus is taken back.
// When part of the bonus was already spent the server refuses (RECHARGE_BONUS_SPENT); an
// operator holding ledger.adjust may then confirm deducting the spent bonus from the refund.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError, unwrap } from '../../../api/client.ts';
import { useSession } from '../../../app/session.tsx';
import { formatDateTime, formatMoney } from '../../../format.ts';
import { ProblemAlert, showFieldProblems } from '../fields.tsx';
import { useIdempotencyKey } from '../idempotency.ts';
import { type HistoryItem, useBalances, valueKeys } from '../queries.ts';
import { DialogResult } from './DialogResult.tsx';

type RefundResult = Awaited<ReturnType<typeof refund>>;

function refund(rechargeId: string, body: { reason: string; deductSpentBonus?: boolean }, key: string) {
  return unwrap(
    api.POST('/api/v1/recharges/{id}/refund', {
      params: { path: { id: rechargeId }, header: { 'idempotency-key': key } },
      body,
    }),
  );
}

function entryOf(recharge: HistoryItem, account: string): number {
  return recharge.entries.filter((e) => e.account === account).reduce((sum, e) => sum + e.amount, 0);
}

export function RefundRechargeDialog({
  memberId,
  recharge,
  onClose,
}: {
  memberId: string;
  recharge: HistoryItem | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { can, operator } = useSession();
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const { keyFor, reset: resetKey } = useIdempotencyKey();
  const [result, setResult] = useState<RefundResult | null>(null);
  const balances = useBalances(memberId);

  const mutation = useMutation({
    mutationFn: (body: { reason: string; deductSpentBonus?: boolean }) =>
      refund(recharge!.id, body, keyFor({ id: recharge!.id, ...body })),
    onSuccess: (answer) => {
      setResult(answer);
      resetKey();
      void queryClient.invalidateQueries({ queryKey: valueKeys.member(memberId) });
    },
    onError: (error) => showFieldProblems(form, error),
  });
  const { reset } = mutation;

  useEffect(() => {
    if (!recharge) return;
    form.resetFields();
    setResult(null);
    reset();
    resetKey();
  }, [recharge, form, reset, resetKey]);

  const bonusSpent = isApiError(mutation.error) && mutation.error.code === 'RECHARGE_BONUS_SPENT';
  const principal = recharge ? entryOf(recharge, 'sv_principal') : 0;
  const bonus = recharge ? entryOf(recharge, 'sv_bonus') : 0;
  const spent = Math.max(0, bonus - (balances.data?.storedValue.bonus ?? bonus));
  const cashBack = principal - spent;

  const confirmDeduct = () =>
    modal.confirm({
      title: t('common.confirmTitle'),
      content: t('value.refund.deductConfirm', {
        spent: formatMoney(spent),
        cashBack: formatMoney(cashBack),
      }),
      okButtonProps: { danger: true },
      okText: t('value.refund.deduct'),
      onOk: () =>
        mutation
          .mutateAsync({ reason: form.getFieldValue('reason') as string, deductSpentBonus: true })
          .catch(() => undefined),
    });

  return (
    <Modal
      title={t('value.refund.rechargeTitle')}
      open={recharge !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('value.refund.submit')}
      okButtonProps={{ loading: mutation.isPending, danger: true, disabled: bonusSpent }}
      footer={result ? null : undefined}
      width={560}
      forceRender
    >
      {result && (
        <DialogResult
          title={t('value.refund.successTitle')}
          detail={t('value.refund.rechargeSuccess', {
            refunded: formatMoney(result.refunded),
            bonus: formatMoney(result.bonusTakenBack),
            deducted: formatMoney(result.spentBonusDeducted),
          })}
          balances={result.balances}
          onDone={onClose}
        />
      )}
      <div style={{ display: result ? 'none' : undefined, marginTop: 16 }}>
        {recharge && (
          <Typography.Paragraph>
            {t('value.refund.rechargeSummary', {
              amount: formatMoney(recharge.amount),
              time: formatDateTime(recharge.createdAt, operator.timeZone),
            })}
          </Typography.Paragraph>
        )}
        {bonusSpent ? (
          <Alert
            type="warning"
            showIcon
            data-testid="bonus-spent"
            style={{ marginBottom: 16 }}
            title={t('value.refund.bonusSpentTitle')}
            // Our own sentence rather than the server's: its detail states the amount in fen.
            description={
              can('ledger.adjust')
                ? t('value.refund.bonusSpentManager', {
                    spent: formatMoney(spent),
                    cashBack: formatMoney(cashBack),
                  })
                : t('value.refund.bonusSpentNoPermission')
            }
            action={
              can('ledger.adjust') && (
                <Button danger size="small" onClick={confirmDeduct} loading={mutation.isPending}>
                  {t('value.refund.deduct')}
                </Button>
              )
            }
          />
        ) : (
          <ProblemAlert error={mutation.error} />
        )}
        <Form
          name="refundRecharge"
          form={form}
          layout="vertical"
          onFinish={(values) => mutation.mutate({ reason: values.reason.trim() })}
        >
          <Form.Item
            name="reason"
            label={t('value.common.reason')}
            rules={[
              { required: true, whitespace: true, message: t('value.common.reasonRequired') },
              { max: 200 },
            ]}
          >
            <Input.TextArea rows={2} autoFocus />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
