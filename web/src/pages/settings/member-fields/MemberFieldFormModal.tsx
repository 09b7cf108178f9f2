// Creating a custom member field (its key and type are fixed once created) or editing its
// label, options, whether it is required and where it sorts.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useReportProblem } from '../../../api/problems.ts';
import { type MemberField, memberKeys } from '../../members/queries.ts';

export type MemberFieldTarget = { mode: 'create' } | { mode: 'edit'; field: MemberField };
export const fieldTypes = ['text', 'number', 'date', 'single', 'multi'] as const;

interface Values {
  key: string;
  label: string;
  type: MemberField['type'];
  options?: string[];
  required: boolean;
  sort: number;
}

const choiceTypes = new Set<MemberField['type']>(['single', 'multi']);

export function MemberFieldFormModal({
  target,
  onClose,
}: {
  target: MemberFieldTarget | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportProblem = useReportProblem();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const editing = target?.mode === 'edit' ? target.field : null;
  const type = Form.useWatch('type', form);
  const isChoice = choiceTypes.has(type);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    form.setFieldsValue(
      editing
        ? { ...editing, options: editing.options }
        : { type: 'text', required: false, sort: 0, options: [] },
    );
  }, [target, editing, form]);

  const mutation = useMutation({
    mutationFn: (values: Values) => {
      const options = isChoice ? (values.options ?? []) : undefined;
      if (editing) {
        return unwrap(
          api.PATCH('/api/v1/member-fields/{id}', {
            params: { path: { id: editing.id } },
            body: { label: values.label.trim(), options, required: values.required, sort: values.sort },
          }),
        );
      }
      return unwrap(
        api.POST('/api/v1/member-fields', {
          body: {
            key: values.key.trim(),
            label: values.label.trim(),
            type: values.type,
            options,
            required: values.required,
            sort: values.sort,
          },
        }),
      );
    },
    onSuccess: () => {
      void message.success(t(editing ? 'common.saved' : 'common.created'));
      void queryClient.invalidateQueries({ queryKey: memberKeys.fields });
      onClose();
    },
    onError: (error) => reportProblem(error, form),
  });

  return (
    <Modal
      title={editing ? t('members.customFields.edit') : t('members.customFields.create')}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={editing ? t('common.save') : t('common.create')}
      okButtonProps={{ loading: mutation.isPending }}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item
          name="key"
          label={t('members.customFields.key')}
          extra={t('members.customFields.keyHelp')}
          rules={
            editing
              ? []
              : [
                  { required: true },
                  { pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('members.customFields.keyRule') },
                ]
          }
        >
          <Input disabled={Boolean(editing)} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="label"
          label={t('members.customFields.label')}
          rules={[{ required: true, whitespace: true }, { max: 40 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="type" label={t('members.customFields.type')} rules={[{ required: true }]}>
          <Select
            disabled={Boolean(editing)}
            options={fieldTypes.map((value) => ({ value, label: t(`members.customFields.types.${value}`) }))}
          />
        </Form.Item>
        {isChoice && (
          <Form.Item
            name="options"
            label={t('members.customFields.options')}
            extra={t('members.customFields.optionsHelp')}
            rules={[{ required: true, type: 'array', min: 1 }]}
          >
            <Select mode="tags" open={false} tokenSeparators={[',', '，']} />
          </Form.Item>
        )}
        <Form.Item name="required" label={t('members.customFields.required')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item
          name="sort"
          label={t('members.customFields.sort')}
          extra={t('members.customFields.sortHelp')}
        >
          <InputNumber min={0} max={10000} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
