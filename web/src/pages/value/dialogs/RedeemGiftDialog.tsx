// Redeeming a gift for points at the selected store (stock and the per-member limit are
// checked by the server, all or nothing).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Empty, Form, InputNumber, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { formatCount } from '../../../format.ts';
import { ProblemAlert, showFieldProblems } from '../fields.tsx';
import { useIdempotencyKey } from '../idempotency.ts';
import { valueKeys } from '../queries.ts';

interface Values {
  giftId: string;
  quantity: number;
}

export function RedeemGiftDialog({
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
  const gifts = useQuery({
    queryKey: [...valueKeys.gifts, 'active'],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/gifts', { params: { query: { active: 'true', limit: 200 } } }))).items,
    enabled: open,
  });

  const mutation = useMutation({
    mutationFn: (body: Values) =>
      unwrap(
        api.POST('/api/v1/members/{id}/redemptions', {
          params: { path: { id: memberId }, header: { 'idempotency-key': keyFor(body) } },
          body,
        }),
      ),
    onSuccess: (redemption) => {
      void message.success(
        t('value.redeem.success', { name: redemption.giftName, balance: redemption.balance }),
      );
      resetKey();
      void queryClient.invalidateQueries({ queryKey: valueKeys.member(memberId) });
      void queryClient.invalidateQueries({ queryKey: valueKeys.gifts });
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

  const empty = gifts.data?.length === 0;
  return (
    <Modal
      title={t('value.redeem.title')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('value.redeem.title')}
      okButtonProps={{ loading: mutation.isPending, disabled: empty }}
      width={480}
      forceRender
    >
      {empty && <Empty description={t('value.redeem.noGifts')} />}

      <Form
        name="redeem"
        form={form}
        layout="vertical"
        initialValues={{ quantity: 1 }}
        onFinish={(values) => mutation.mutate(values)}
        style={{ marginTop: 16, display: empty ? 'none' : undefined }}
      >
        <ProblemAlert error={mutation.error} />
        <Form.Item
          name="giftId"
          label={t('value.redeem.gift')}
          rules={[{ required: true, message: t('value.redeem.giftRequired') }]}
        >
          <Select
            loading={gifts.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={(gifts.data ?? []).map((gift) => ({
              value: gift.id,
              label: `${gift.name} · ${t('value.redeem.cost', { points: t('value.units.points', { n: formatCount(gift.pointsPrice) }) })}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="quantity" label={t('value.common.quantity')}>
          <InputNumber<number> min={1} max={1000} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
