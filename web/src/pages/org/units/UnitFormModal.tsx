// Creating a region or store under a unit, or editing a unit's name, code and contact details.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio, TreeSelect } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useReportProblem } from '../../../api/problems.ts';
import { meQueryKey } from '../../../app/session.tsx';
import { type OrgUnit, orgKeys } from '../queries.ts';
import { buildUnitTree, unitTreeOptions } from './unit-tree.ts';

export type UnitFormTarget =
  | { mode: 'create'; parentId: string | undefined }
  | { mode: 'edit'; unit: OrgUnit };

interface Values {
  parentId?: string;
  kind?: 'region' | 'store';
  name: string;
  code?: string;
  address?: string;
  phone?: string;
}

function save(target: UnitFormTarget, values: Values) {
  const code = values.code?.trim() || undefined;
  if (target.mode === 'create') {
    return unwrap(
      api.POST('/api/v1/org/units', {
        body: {
          parentId: values.parentId ?? '',
          kind: values.kind ?? 'store',
          name: values.name,
          code,
          address: values.address || undefined,
          phone: values.phone || undefined,
        },
      }),
    );
  }
  return unwrap(
    api.PATCH('/api/v1/org/units/{id}', {
      params: { path: { id: target.unit.id } },
      body: { name: values.name, code, address: values.address || null, phone: values.phone || null },
    }),
  );
}

export function UnitFormModal({
  target,
  units,
  onClose,
}: {
  target: UnitFormTarget | null;
  units: readonly OrgUnit[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportProblem = useReportProblem();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  // Regions and stores go under headquarters or a region that is still open.
  const parents = useMemo(
    () => unitTreeOptions(buildUnitTree(units), (u) => u.kind !== 'store' && u.status === 'active'),
    [units],
  );

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'create') form.setFieldsValue({ parentId: target.parentId, kind: 'store' });
    else {
      const { name, code, address, phone } = target.unit;
      form.setFieldsValue({ name, code, address: address ?? '', phone: phone ?? '' });
    }
  }, [target, form]);

  const mutation = useMutation({
    mutationFn: (values: Values) => save(target!, values),
    onSuccess: () => {
      void message.success(t(target?.mode === 'create' ? 'common.created' : 'common.saved'));
      void queryClient.invalidateQueries({ queryKey: orgKeys.units });
      // A new or renamed store changes what the store switcher offers.
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
      onClose();
    },
    onError: (error) => reportProblem(error, form),
  });

  const creating = target?.mode === 'create';
  return (
    <Modal
      title={creating ? t('units.create') : t('units.edit')}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={creating ? t('common.create') : t('common.save')}
      okButtonProps={{ loading: mutation.isPending }}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => mutation.mutate(values)}
        style={{ marginTop: 16 }}
      >
        {creating && (
          <>
            <Form.Item name="parentId" label={t('units.parent')} rules={[{ required: true }]}>
              <TreeSelect treeData={parents} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
            </Form.Item>
            <Form.Item name="kind" label={t('units.kindLabel')} rules={[{ required: true }]}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'store', label: t('units.kind.store') },
                  { value: 'region', label: t('units.kind.region') },
                ]}
              />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="name"
          label={t('units.name')}
          rules={[{ required: true, whitespace: true }, { max: 100 }]}
        >
          <Input placeholder={t('units.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="code" label={t('units.code')} rules={[{ max: 32 }, { pattern: /^[A-Za-z0-9_-]*$/ }]}>
          <Input placeholder={creating ? t('units.codeAuto') : undefined} />
        </Form.Item>
        <Form.Item name="address" label={t('units.address')} rules={[{ max: 300 }]}>
          <Input placeholder={t('common.optional')} />
        </Form.Item>
        <Form.Item name="phone" label={t('units.phone')} rules={[{ max: 40 }]}>
          <Input placeholder={t('common.optional')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
