// Spending stored value without a cart (快速消费): amount, card and, when the card type asks
// for it, the card's PIN. Refusals (insufficient balance, wrong or locked PIN, a lost or
// frozen card) are shown in the dialog in the server's words, which are already localized.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError, type Schemas, unwrap } from '../../../api/client.ts';
import { problemText } from '../../../api/problems.ts';
import { useSession } from '../../../app/session.tsx';
import { formatMoney } from '../../../format.ts';
import { CardSelect, ProblemAlert, showFieldProblems, YuanInput } from '../fields.tsx';
import { useIdempotencyKey } from '../idempotency.ts';
import { yuanToFen } from '../money.ts';
import { useBalances, useMemberCards, valueKeys } from '../queries.ts';
import { DialogResult } from './DialogResult.tsx';

interface Values {
  amount?: number;
  cardNo?: string;
  pin?: string;
  note?: string;
}

const pinCodes = new Set(['CARD_PIN_REQUIRED', 'CARD_PIN_INVALID', 'CARD_PIN_LOCKED']);

export function ChargeDialog({
  memberId,
  open,
  onClose,
}: {
  memberId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { keyFor, reset: resetKey } = useIdempotencyKey();
  const [result, setResult] = useState<Schemas['Charge'] | null>(null);
  const [pinAsked, setPinAsked] = useState(false);
  const balances = useBalances(memberId);
  const cards = useMemberCards(memberId, open && can('cards.read'));
  const cardNo = Form.useWatch('cardNo', form);
  const list = cards.data ?? [];
  const card =
    list.find((c) => c.cardNo === cardNo) ?? list.find((c) => c.role === 'primary' && c.status === 'active');
  const needsPin = pinAsked || Boolean(card?.pinRequired);

  const mutation = useMutation({
    mutationFn: (values: Values) => {
      const body = {
        amount: yuanToFen(values.amount ?? 0),
        ...(values.cardNo ? { cardNo: values.cardNo } : {}),
        ...(values.pin ? { pin: values.pin } : {}),
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
      };
      return unwrap(
        api.POST('/api/v1/members/{id}/charges', {
          params: { path: { id: memberId }, header: { 'idempotency-key': keyFor(body) } },
          body,
        }),
      );
    },
    onSuccess: (charge) => {
      setResult(charge);
      resetKey();
      void queryClient.invalidateQueries({ queryKey: valueKeys.member(memberId) });
    },
    onError: (error) => {
      showFieldProblems(form, error);
      if (isApiError(error) && pinCodes.has(error.code)) {
        // The PIN box appears (or is marked) right where the cashier must type.
        setPinAsked(true);
        form.setFields([{ name: 'pin', value: '', errors: [problemText(error)] }]);
      }
    },
  });
  const { reset } = mutation;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setResult(null);
    setPinAsked(false);
    reset();
    resetKey();
  }, [open, form, reset, resetKey]);

  return (
    <Modal
      title={t('value.charge.title')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('value.charge.submit')}
      okButtonProps={{ loading: mutation.isPending }}
      footer={result ? null : undefined}
      width={520}
      forceRender
    >
      {result && (
        <DialogResult
          title={t('value.charge.successTitle')}
          detail={t('value.charge.successDetail', {
            amount: formatMoney(result.amount),
            principal: formatMoney(result.principal),
            bonus: formatMoney(result.bonus),
          })}
          balances={result.balances}
          onDone={onClose}
        />
      )}
      <Form
        name="charge"
        form={form}
        layout="vertical"
        onFinish={(values) => mutation.mutate(values)}
        style={{ marginTop: 16, display: result ? 'none' : undefined }}
      >
        <ProblemAlert error={mutation.error} />
        <Form.Item
          name="amount"
          label={t('value.common.amountYuan')}
          rules={[{ required: true, message: t('value.common.amountRequired') }]}
          extra={
            balances.data && (
              <Typography.Text type="secondary">
                {t('value.charge.available', { amount: formatMoney(balances.data.storedValue.total) })}
              </Typography.Text>
            )
          }
        >
          <YuanInput autoFocus size="large" />
        </Form.Item>
        {can('cards.read') && (
          <Form.Item name="cardNo" label={t('value.common.card')}>
            <CardSelect cards={list} loading={cards.isPending} />
          </Form.Item>
        )}
        {needsPin && (
          <Form.Item name="pin" label={t('value.common.pin')} extra={t('value.charge.pinHelp')}>
            <Input.Password autoComplete="off" maxLength={12} inputMode="numeric" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('value.common.note')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
