// Refunding a stored-value spend: the money goes back to the principal and bonus it came from.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useSession } from '../../../app/session.tsx';
import { formatDateTime, formatMoney } from '../../../format.ts';
import { ProblemAlert, showFieldProblems } from '../fields.tsx';
import { useIdempotencyKey } from '../idempotency.ts';
import { type HistoryItem, valueKeys } from '../queries.ts';
import { DialogResult } from './DialogResult.tsx';

type RefundResult = Awaited<ReturnType<typeof refund>>;

function refund(chargeId: string, reason: string, key: string) {
  return unwrap(
    api.POST('/api/v1/charges/{id}/refund', {
      params: { path: { id: chargeId }, header: { 'idempotency-key': key } },
      body: { reason },
    }),
  );
}

export function RefundChargeDialog({
  memberId,
  charge,
  onClose,
}: {
  memberId: string;
  charge: HistoryItem | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { operator } = useSession();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const { keyFor, reset: resetKey } = useIdempotencyKey();
  const [result, setResult] = useState<RefundResult | null>(null);

  const mutation = useMutation({
    mutationFn: (reason: string) => refund(charge!.id, reason, keyFor({ id: charge!.id, reason })),
    onSuccess: (answer) => {
      setResult(answer);
      resetKey();
      void queryClient.invalidateQueries({ queryKey: valueKeys.member(memberId) });
    },
    onError: (error) => showFieldProblems(form, error),
  });
  const { reset } = mutation;

  useEffect(() => {
    if (!charge) return;
    form.resetFields();
    setResult(null);
    reset();
    resetKey();
  }, [charge, form, reset, resetKey]);

  return (
    <Modal
      title={t('value.refund.chargeTitle')}
      open={charge !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('value.refund.submit')}
      okButtonProps={{ loading: mutation.isPending, danger: true }}
      footer={result ? null : undefined}
      width={520}
      forceRender
    >
      {result && (
        <DialogResult
          title={t('value.refund.successTitle')}
          detail={t('value.refund.chargeSuccess', {
            principal: formatMoney(result.principal),
            bonus: formatMoney(result.bonus),
          })}
          balances={result.balances}
          onDone={onClose}
        />
      )}
      <div style={{ display: result ? 'none' : undefined, marginTop: 16 }}>
        {charge && (
          <Typography.Paragraph>
            {t('value.refund.chargeSummary', {
              amount: formatMoney(charge.amount),
              time: formatDateTime(charge.createdAt, operator.timeZone),
            })}
          </Typography.Paragraph>
        )}
        <ProblemAlert error={mutation.error} />
        <Form
          name="refundCharge"
          form={form}
          layout="vertical"
          onFinish={(values) => mutation.mutate(values.reason.trim())}
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
