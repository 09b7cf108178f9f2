// The inputs one points rule kind takes (its registry entry on the server defines them):
// rate or multiplier, who and where it applies to, which days, or the cap.
import { Checkbox, Form, InputNumber, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { translateDynamic } from '../../../i18n/index.ts';
import type { RuleKind } from './rule-params.ts';

export interface ParamOptions {
  cardTypes: { value: string; label: string }[];
  stores: { value: string; label: string }[];
  categories: { value: string; label: string }[];
}

const weekdays = [1, 2, 3, 4, 5, 6, 7];
const monthDays = Array.from({ length: 31 }, (_, i) => i + 1);

export function RuleParamsFields({ kind, options }: { kind: RuleKind; options: ParamOptions }) {
  const { t } = useTranslation();
  const multiplier = (
    <Form.Item
      name={['params', 'multiplier']}
      label={t('value.points.multiplier')}
      rules={[{ required: true }]}
    >
      <InputNumber<number> min={0} max={10} step={0.5} precision={2} suffix="×" style={{ width: 160 }} />
    </Form.Item>
  );
  const levels = (required: boolean) => (
    <Form.Item
      name={['params', 'levelIds']}
      label={t('value.points.levels')}
      extra={t('value.points.levelsHelp')}
      rules={required ? [{ required: true }] : []}
    >
      {/* No levels endpoint yet, so level ids are typed; see the value report. */}
      <Select mode="tags" open={false} placeholder={t('value.points.anyLevel')} />
    </Form.Item>
  );
  const weekdayBoxes = (required: boolean) => (
    <Form.Item
      name={['params', 'weekdays']}
      label={t('value.points.weekdays')}
      rules={required ? [{ required: true }] : []}
    >
      <Checkbox.Group
        options={weekdays.map((d) => ({
          value: d,
          label: translateDynamic(`value.points.weekdayNames.${d}`, String(d)),
        }))}
      />
    </Form.Item>
  );

  switch (kind) {
    case 'base_rate':
      return (
        <>
          <Form.Item name={['params', 'rate']} label={t('value.points.rate')} rules={[{ required: true }]}>
            <InputNumber<number> min={0} max={1000} step={0.5} precision={2} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name={['params', 'cardTypeIds']} label={t('value.common.cardTypes')}>
            <Select
              mode="multiple"
              allowClear
              options={options.cardTypes}
              placeholder={t('value.common.allCardTypes')}
            />
          </Form.Item>
          {levels(false)}
        </>
      );
    case 'level_multiplier':
      return (
        <>
          {levels(true)}
          {multiplier}
        </>
      );
    case 'store_multiplier':
      return (
        <>
          <Form.Item
            name={['params', 'storeIds']}
            label={t('value.common.stores')}
            rules={[{ required: true }]}
          >
            <Select mode="multiple" options={options.stores} optionFilterProp="label" />
          </Form.Item>
          {multiplier}
        </>
      );
    case 'category_multiplier':
      return (
        <>
          <Form.Item
            name={['params', 'categoryIds']}
            label={t('value.points.categories')}
            rules={[{ required: true }]}
          >
            <Select mode="multiple" options={options.categories} optionFilterProp="label" />
          </Form.Item>
          {multiplier}
        </>
      );
    case 'weekday_multiplier':
      return (
        <>
          {weekdayBoxes(true)}
          {multiplier}
        </>
      );
    case 'member_day':
      return (
        <>
          {weekdayBoxes(false)}
          <Form.Item name={['params', 'monthDays']} label={t('value.points.monthDays')}>
            <Select
              mode="multiple"
              allowClear
              options={monthDays.map((d) => ({ value: d, label: String(d) }))}
            />
          </Form.Item>
          {multiplier}
        </>
      );
    case 'birthday_multiplier':
      return (
        <>
          <Form.Item
            name={['params', 'window']}
            label={t('value.points.window')}
            rules={[{ required: true }]}
          >
            <Radio.Group
              optionType="button"
              options={(['day', 'week', 'month'] as const).map((w) => ({
                value: w,
                label: t(`value.points.windows.${w}`),
              }))}
            />
          </Form.Item>
          {multiplier}
        </>
      );
    default:
      return (
        <Form.Item
          name={['params', 'maxPoints']}
          label={t('value.points.maxPoints')}
          rules={[{ required: true }]}
        >
          <InputNumber<number> min={0} max={1_000_000_000} precision={0} style={{ width: 200 }} />
        </Form.Item>
      );
  }
}
