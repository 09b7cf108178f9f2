// Using a member's count package (核销) at the selected store: which package, how many uses.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { ProblemAlert, showFieldProblems } from '../fields.tsx';
import { useIdempotencyKey } from '../idempotency.ts';
import { type Balances, valueKeys } from '../queries.ts';

interface Values {
  packageId: string;
  uses: number;
  note?: string;
}

export function UsePackageDialog({
  memberId,
  packages,
  open,
  onClose,
}: {
  memberId: string;
  packages: Balances['packages'];
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { keyFor, reset: resetKey } = useIdempotencyKey();

  const mutation = useMutation({
    mutationFn: (values: Values) => {
      const body = { uses: values.uses, ...(values.note?.trim() ? { note: values.note.trim() } : {}) };
      return unwrap(
        api.POST('/api/v1/member-packages/{id}/use', {
          params: {
            path: { id: values.packageId },
            header: { 'idempotency-key': keyFor({ id: values.packageId, ...body }) },
          },
          body,
        }),
      );
    },
    onSuccess: (use) => {
      void message.success(t('value.packageUse.success', { remaining: use.remaining }));
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
    form.setFieldsValue({ packageId: packages[0]?.packageId, uses: 1 });
    reset();
    resetKey();
  }, [open, form, reset, resetKey, packages]);

  return (
    <Modal
      title={t('value.packageUse.title')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('value.packageUse.title')}
      okButtonProps={{ loading: mutation.isPending }}
      width={480}
      forceRender
    >
      <Form
        name="usePackage"
        form={form}
        layout="vertical"
        onFinish={(values) => mutation.mutate(values)}
        style={{ marginTop: 16 }}
      >
        <ProblemAlert error={mutation.error} />
        <Form.Item
          name="packageId"
          label={t('value.packageUse.package')}
          rules={[{ required: true, message: t('value.packageUse.packageRequired') }]}
        >
          <Select
            options={packages.map((p) => ({
              value: p.packageId,
              label: `${p.name} · ${t('value.member.packageLine', { remaining: p.remaining })}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="uses" label={t('value.packageUse.uses')} rules={[{ required: true }]}>
          <InputNumber<number> min={1} max={10_000} precision={0} />
        </Form.Item>
        <Form.Item name="note" label={t('value.common.note')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
