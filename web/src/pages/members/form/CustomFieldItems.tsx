// The merchant's own member fields, each as the input its type asks for. Values live at
// custom.<key>, the same path the server names in its field errors.
import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberField } from '../queries.ts';

/**
 * The control for a field. It is returned as an element, not wrapped in a component, so it is
 * Form.Item's direct child and receives the id, value and onChange the form hands down.
 */
function fieldInput(field: MemberField, t: TFunction): ReactNode {
  const options = field.options.map((option) => ({ value: option, label: option }));
  switch (field.type) {
    case 'number':
      return <InputNumber style={{ width: '100%' }} />;
    case 'date':
      return <DatePicker style={{ width: '100%' }} />;
    case 'single':
      return <Select options={options} allowClear placeholder={t('members.form.choose')} />;
    case 'multi':
      return <Select mode="multiple" options={options} allowClear placeholder={t('members.form.choose')} />;
    default:
      return <Input maxLength={500} />;
  }
}

export function CustomFieldItems({ fields }: { fields: readonly MemberField[] }) {
  const { t } = useTranslation();
  const active = fields.filter((f) => f.status === 'active').sort((a, b) => a.sort - b.sort);
  return active.map((field) => (
    <Form.Item
      key={field.id}
      name={['custom', field.key]}
      label={field.label}
      rules={field.required ? [{ required: true }] : []}
      // Dates are kept as YYYY-MM-DD in the form, as the API takes them.
      {...(field.type === 'date'
        ? {
            getValueProps: (value: string | null | undefined) => ({ value: value ? dayjs(value) : null }),
            normalize: (value: dayjs.Dayjs | null) => (value ? value.format('YYYY-MM-DD') : null),
          }
        : {})}
    >
      {fieldInput(field, t)}
    </Form.Item>
  ));
}
