// A manager's correction (ledger.adjust): principal or bonus by a signed amount, or points,
// always with a reason; it is posted as its own transaction and audited, never an edit.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, InputNumber, Modal, Radio } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { ProblemAlert, showFieldProblems, YuanInput } from '../fields.tsx';
import { useIdempotencyKey } from '../idempotency.ts';
import { yuanToFen } from '../money.ts';
import { valueKeys } from '../queries.ts';

type Account = 'principal' | 'bonus' | 'points';

interface Values {
  account: Account;
  direction: 'increase' | 'decrease';
  amount?: number;
  points?: number;
  reason: string;
}

function post(memberId: string, values: Values, keyFor: (body: unknown) => string) {
  const sign = values.direction === 'decrease' ? -1 : 1;
  const reason = values.reason.trim();
  if (values.account === 'points') {
    const body = { points: sign * (values.points ?? 0), reason };
    return unwrap(
      api.POST('/api/v1/members/{id}/points/adjust', {
        params: {
          path: { id: memberId },
          header: { 'idempotency-key': keyFor({ account: 'points', ...body }) },
        },
        body,
      }),
    );
  }
  const body = { account: values.account, amount: sign * yuanToFen(values.amount ?? 0), reason };
  return unwrap(
    api.POST('/api/v1/members/{id}/stored-value/adjust', {
      params: { path: { id: memberId }, header: { 'idempotency-key': keyFor(body) } },
      body,
    }),
  );
}

export function AdjustDialog({
  memberId,
  open,
  onClose,
}: {
  memberId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { keyFor, reset: resetKey } = useIdempotencyKey();
  const account = Form.useWatch('account', form);

  const mutation = useMutation({
    mutationFn: async (values: Values) => {
      await post(memberId, values, keyFor);
    },
    onSuccess: () => {
      void message.success(t('value.adjust.success'));
      resetKey();
      void queryClient.invalidateQueries({ queryKey: valueKeys.member(memberId) });
      onClose();
    },
    onError: (error) => showFieldProblems(form, error),
  });
  const { reset } = mutation;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    reset();
    resetKey();
  }, [open, form, reset, resetKey]);

  return (
    <Modal
      title={t('value.adjust.title')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: mutation.isPending }}
      width={520}
      forceRender
    >
      <Form
        name="adjust"
        form={form}
        layout="vertical"
        initialValues={{ account: 'principal', direction: 'increase' }}
        onFinish={(values) => mutation.mutate(values)}
        style={{ marginTop: 16 }}
      >
        <Alert type="info" showIcon title={t('value.adjust.help')} style={{ marginBottom: 16 }} />
        <ProblemAlert error={mutation.error} />
        <Form.Item name="account" label={t('value.adjust.account')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'principal', label: t('value.common.principal') },
              { value: 'bonus', label: t('value.common.bonus') },
              { value: 'points', label: t('value.adjust.points') },
            ]}
          />
        </Form.Item>
        <Form.Item name="direction" label={t('value.adjust.direction')}>
          <Radio.Group
            options={[
              { value: 'increase', label: t('value.adjust.increase') },
              { value: 'decrease', label: t('value.adjust.decrease') },
            ]}
          />
        </Form.Item>
        {account === 'points' ? (
          <Form.Item
            name="points"
            label={t('value.adjust.points')}
            rules={[{ required: true, message: t('value.adjust.pointsRequired') }]}
          >
            <InputNumber<number> min={1} max={100_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        ) : (
          <Form.Item
            name="amount"
            label={t('value.common.amountYuan')}
            rules={[{ required: true, message: t('value.common.amountRequired') }]}
          >
            <YuanInput />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('value.common.reason')}
          rules={[
            { required: true, whitespace: true, message: t('value.common.reasonRequired') },
            { max: 200 },
          ]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
