// Recharging a member's stored value: amount in yuan, tender, optional card and note, with
// the bonus the rules give shown live as the amount changes, and the new balances after.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Flex, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Schemas, unwrap } from '../../../api/client.ts';
import { useSession } from '../../../app/session.tsx';
import { formatMoney } from '../../../format.ts';
import { CardSelect, ProblemAlert, showFieldProblems, TenderRadio, YuanInput } from '../fields.tsx';
import { useIdempotencyKey } from '../idempotency.ts';
import { yuanToFen } from '../money.ts';
import { type Tender, tenders, useMemberCards, valueKeys } from '../queries.ts';
import { BonusPreview } from './BonusPreview.tsx';
import { DialogResult } from './DialogResult.tsx';

interface Values {
  amount?: number;
  tender: Tender;
  cardNo?: string;
  note?: string;
}

const quickAmounts = [100, 200, 500, 1000];

export function RechargeDialog({
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
  const [result, setResult] = useState<Schemas['Recharge'] | null>(null);
  const cards = useMemberCards(memberId, open && can('cards.read'));
  const yuan = Form.useWatch('amount', form);
  const cardNo = Form.useWatch('cardNo', form);

  const list = cards.data ?? [];
  const card =
    list.find((c) => c.cardNo === cardNo) ?? list.find((c) => c.role === 'primary' && c.status === 'active');
  const amountFen = typeof yuan === 'number' && yuan > 0 ? yuanToFen(yuan) : null;

  const mutation = useMutation({
    mutationFn: (values: Values) => {
      const body = {
        amount: yuanToFen(values.amount ?? 0),
        tender: values.tender,
        ...(values.cardNo ? { cardNo: values.cardNo } : {}),
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
      };
      return unwrap(
        api.POST('/api/v1/members/{id}/recharges', {
          params: { path: { id: memberId }, header: { 'idempotency-key': keyFor(body) } },
          body,
        }),
      );
    },
    onSuccess: (recharge) => {
      setResult(recharge);
      resetKey();
      void queryClient.invalidateQueries({ queryKey: valueKeys.member(memberId) });
    },
    onError: (error) => showFieldProblems(form, error),
  });
  const { reset } = mutation;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setResult(null);
    reset();
    resetKey();
  }, [open, form, reset, resetKey]);

  return (
    <Modal
      title={t('value.recharge.title')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('value.recharge.submit')}
      okButtonProps={{ loading: mutation.isPending }}
      footer={result ? null : undefined}
      width={560}
      forceRender
    >
      {result && (
        <DialogResult
          title={t('value.recharge.successTitle')}
          detail={t('value.recharge.successDetail', {
            amount: formatMoney(result.amount),
            bonus: formatMoney(result.bonus),
          })}
          balances={result.balances}
          onDone={onClose}
        />
      )}
      {/* Kept mounted behind the result so the form instance stays connected between uses. */}
      <Form
        name="recharge"
        form={form}
        layout="vertical"
        initialValues={{ tender: 'wechat' }}
        onFinish={(values) => mutation.mutate(values)}
        style={{ marginTop: 16, display: result ? 'none' : undefined }}
      >
        <ProblemAlert error={mutation.error} />
        <Form.Item
          label={t('value.common.amountYuan')}
          required
          extra={<BonusPreview amountFen={amountFen} cardTypeId={card?.cardTypeId} />}
        >
          <Form.Item
            name="amount"
            noStyle
            rules={[{ required: true, message: t('value.common.amountRequired') }]}
          >
            <YuanInput autoFocus size="large" />
          </Form.Item>
          <Flex gap={8} style={{ marginTop: 8 }}>
            {quickAmounts.map((quick) => (
              <Button key={quick} size="small" onClick={() => form.setFieldValue('amount', quick)}>
                {formatMoney(quick * 100)}
              </Button>
            ))}
          </Flex>
        </Form.Item>
        <Form.Item name="tender" label={t('value.common.tender')} rules={[{ required: true }]}>
          <TenderRadio tenders={tenders} />
        </Form.Item>
        {can('cards.read') && (
          <Form.Item name="cardNo" label={t('value.common.card')}>
            <CardSelect cards={list} loading={cards.isPending} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('value.common.note')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
