// Creating or editing a gift: its points price, the per-member limit and the stock at each
// store. A store line removed while editing is sent as 0, since stock lines set a count.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Input, InputNumber, Modal, Select, Space, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useReportProblem } from '../../../api/problems.ts';
import { type Gift, valueKeys } from '../queries.ts';

export type GiftTarget = { mode: 'create' } | { mode: 'edit'; gift: Gift };

interface Values {
  name: string;
  description?: string;
  pointsPrice: number;
  perMemberLimit?: number | null;
  active: boolean;
  stock?: { storeId?: string; quantity?: number }[];
}

function save(target: GiftTarget, values: Values) {
  const stock = (values.stock ?? [])
    .filter((line): line is { storeId: string; quantity?: number } => Boolean(line.storeId))
    .map((line) => ({ storeId: line.storeId, quantity: line.quantity ?? 0 }));
  const body = {
    name: values.name.trim(),
    description: values.description?.trim() || undefined,
    pointsPrice: values.pointsPrice,
    perMemberLimit: values.perMemberLimit ?? null,
    active: values.active,
  };
  if (target.mode === 'create') return unwrap(api.POST('/api/v1/gifts', { body: { ...body, stock } }));
  const kept = new Set(stock.map((line) => line.storeId));
  const removed = target.gift.stock
    .filter((line) => !kept.has(line.storeId))
    .map((line) => ({ ...line, quantity: 0 }));
  return unwrap(
    api.PATCH('/api/v1/gifts/{id}', {
      params: { path: { id: target.gift.id } },
      body: { ...body, stock: [...stock, ...removed] },
    }),
  );
}

export function GiftFormModal({
  target,
  storeOptions,
  onClose,
}: {
  target: GiftTarget | null;
  storeOptions: { value: string; label: string }[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportProblem = useReportProblem();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      const { name, description, pointsPrice, perMemberLimit, active, stock } = target.gift;
      form.setFieldsValue({
        name,
        description: description ?? '',
        pointsPrice,
        perMemberLimit,
        active,
        stock,
      });
    }
  }, [target, form]);

  const mutation = useMutation({
    mutationFn: (values: Values) => save(target!, values),
    onSuccess: () => {
      void message.success(t(target?.mode === 'create' ? 'common.created' : 'common.saved'));
      void queryClient.invalidateQueries({ queryKey: valueKeys.gifts });
      onClose();
    },
    onError: (error) => reportProblem(error, form),
  });

  const creating = target?.mode === 'create';
  return (
    <Modal
      title={creating ? t('value.gifts.create') : t('value.gifts.edit')}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={creating ? t('common.create') : t('common.save')}
      okButtonProps={{ loading: mutation.isPending }}
      width={600}
      forceRender
    >
      <Form<Values>
        name="gift"
        form={form}
        layout="vertical"
        initialValues={{ active: true, stock: [] }}
        onFinish={(values) => mutation.mutate(values)}
        style={{ marginTop: 16 }}
      >
        <Form.Item
          name="name"
          label={t('value.common.name')}
          rules={[{ required: true, whitespace: true }, { max: 60 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('value.gifts.description')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item
            name="pointsPrice"
            label={t('value.gifts.pointsPrice')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <InputNumber<number> min={1} max={100_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="perMemberLimit" label={t('value.gifts.perMemberLimit')} style={{ flex: 1 }}>
            <InputNumber<number>
              min={1}
              max={1_000_000}
              precision={0}
              placeholder={t('value.gifts.noLimit')}
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item name="active" label={t('common.status')} valuePropName="checked">
            <Switch
              checkedChildren={t('value.common.active')}
              unCheckedChildren={t('value.common.archived')}
            />
          </Form.Item>
        </Flex>
        <Form.List name="stock">
          {(fields, { add, remove }) => (
            <Form.Item label={t('value.gifts.stock')}>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item
                    name={[field.name, 'storeId']}
                    rules={[{ required: true, message: t('value.gifts.stockStore') }]}
                  >
                    <Select
                      options={storeOptions}
                      placeholder={t('value.gifts.stockStore')}
                      style={{ width: 240 }}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'quantity']}
                    rules={[{ required: true, message: t('value.gifts.stockQuantity') }]}
                  >
                    <InputNumber<number>
                      min={0}
                      max={1_000_000}
                      precision={0}
                      placeholder={t('value.gifts.stockQuantity')}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t('common.delete')}
                  />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ quantity: 0 })}>
                {t('value.gifts.addStock')}
              </Button>
            </Form.Item>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
