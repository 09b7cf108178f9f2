// Creating or editing a count package product (计次卡项目): services covered, uses, price
// in yuan, how long it lasts once sold, and the stores that sell and honour it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Flex, Form, Input, InputNumber, Modal, Radio, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useReportProblem } from '../../../api/problems.ts';
import { YuanInput } from '../fields.tsx';
import { fenToYuan, yuanToFen } from '../money.ts';
import { type PackageProduct, valueKeys } from '../queries.ts';

export type PackageTarget = { mode: 'create' } | { mode: 'edit'; product: PackageProduct };

interface Values {
  name: string;
  services: string[];
  uses: number;
  price: number;
  validityKind: PackageProduct['validity']['kind'];
  validityCount?: number;
  storeIds?: string[];
  active: boolean;
}

function validity(values: Values): PackageProduct['validity'] {
  const count = values.validityCount ?? 1;
  if (values.validityKind === 'days') return { kind: 'days', days: count };
  if (values.validityKind === 'months') return { kind: 'months', months: count };
  return { kind: 'none' };
}

function save(target: PackageTarget, values: Values) {
  const body = {
    name: values.name.trim(),
    services: values.services.map((s) => s.trim()).filter(Boolean),
    uses: values.uses,
    price: yuanToFen(values.price),
    validity: validity(values),
    storeIds: values.storeIds ?? [],
    active: values.active,
  };
  if (target.mode === 'create') return unwrap(api.POST('/api/v1/package-products', { body }));
  return unwrap(
    api.PATCH('/api/v1/package-products/{id}', { params: { path: { id: target.product.id } }, body }),
  );
}

function toValues(product: PackageProduct): Values {
  const { validity: v } = product;
  return {
    name: product.name,
    services: product.services,
    uses: product.uses,
    price: fenToYuan(product.price),
    validityKind: v.kind,
    validityCount: v.kind === 'days' ? v.days : v.kind === 'months' ? v.months : 12,
    storeIds: product.storeIds,
    active: product.active,
  };
}

export function PackageProductFormModal({
  target,
  storeOptions,
  onClose,
}: {
  target: PackageTarget | null;
  storeOptions: { value: string; label: string }[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportProblem = useReportProblem();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const validityKind = Form.useWatch('validityKind', form);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') form.setFieldsValue(toValues(target.product));
  }, [target, form]);

  const mutation = useMutation({
    mutationFn: (values: Values) => save(target!, values),
    onSuccess: () => {
      void message.success(t(target?.mode === 'create' ? 'common.created' : 'common.saved'));
      void queryClient.invalidateQueries({ queryKey: valueKeys.packageProducts });
      onClose();
    },
    onError: (error) => reportProblem(error, form),
  });

  const creating = target?.mode === 'create';
  return (
    <Modal
      title={creating ? t('value.packages.create') : t('value.packages.edit')}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={creating ? t('common.create') : t('common.save')}
      okButtonProps={{ loading: mutation.isPending }}
      width={600}
      forceRender
    >
      <Form<Values>
        name="packageProduct"
        form={form}
        layout="vertical"
        initialValues={{ validityKind: 'months', validityCount: 12, active: true, services: [] }}
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
        <Form.Item
          name="services"
          label={t('value.packages.services')}
          extra={t('value.packages.servicesHelp')}
          rules={[{ required: true, type: 'array', min: 1, message: t('value.packages.servicesRequired') }]}
        >
          <Select mode="tags" open={false} tokenSeparators={[',', '，']} />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item
            name="uses"
            label={t('value.packages.uses')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <InputNumber<number> min={1} max={10_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="price"
            label={t('value.packages.price')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <YuanInput />
          </Form.Item>
        </Flex>
        <Flex gap={16} align="flex-end">
          <Form.Item name="validityKind" label={t('value.packages.validity')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'none', label: t('value.packages.validityNone') },
                { value: 'days', label: t('value.packages.validityDays') },
                { value: 'months', label: t('value.packages.validityMonths') },
              ]}
            />
          </Form.Item>
          {validityKind !== 'none' && (
            <Form.Item
              name="validityCount"
              label={t('value.packages.validityCount')}
              rules={[{ required: true }]}
            >
              <InputNumber<number> min={1} max={validityKind === 'days' ? 3650 : 120} precision={0} />
            </Form.Item>
          )}
        </Flex>
        <Form.Item name="storeIds" label={t('value.common.stores')}>
          <Select
            mode="multiple"
            allowClear
            options={storeOptions}
            placeholder={t('value.common.allStores')}
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item name="active" label={t('common.status')} valuePropName="checked">
          <Switch checkedChildren={t('value.common.active')} unCheckedChildren={t('value.common.archived')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
