// Creating or editing a points earn rule: its kind (fixed once created), the kind's
// parameters, the dates it applies and its status.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useReportProblem } from '../../../api/problems.ts';
import { type PointsRule, valueKeys } from '../queries.ts';
import { type ParamOptions, RuleParamsFields } from './RuleParamsFields.tsx';
import { type PointsRuleFormValues, ruleKinds, toBody, toFormValues } from './rule-params.ts';

export type PointsRuleTarget = { mode: 'create' } | { mode: 'edit'; rule: PointsRule };

function save(target: PointsRuleTarget, values: PointsRuleFormValues) {
  const body = toBody(values);
  if (target.mode === 'create') return unwrap(api.POST('/api/v1/points-rules', { body }));
  return unwrap(api.PUT('/api/v1/points-rules/{id}', { params: { path: { id: target.rule.id } }, body }));
}

export function PointsRuleFormModal({
  target,
  options,
  onClose,
}: {
  target: PointsRuleTarget | null;
  options: ParamOptions;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportProblem = useReportProblem();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PointsRuleFormValues>();
  const kind = Form.useWatch('kind', form) ?? 'base_rate';

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') form.setFieldsValue(toFormValues(target.rule));
  }, [target, form]);

  const mutation = useMutation({
    mutationFn: (values: PointsRuleFormValues) => save(target!, values),
    onSuccess: () => {
      void message.success(t(target?.mode === 'create' ? 'common.created' : 'common.saved'));
      void queryClient.invalidateQueries({ queryKey: valueKeys.pointsRules });
      onClose();
    },
    onError: (error) => reportProblem(error, form),
  });

  const creating = target?.mode === 'create';
  return (
    <Modal
      title={creating ? t('value.points.createRule') : t('value.points.editRule')}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={creating ? t('common.create') : t('common.save')}
      okButtonProps={{ loading: mutation.isPending }}
      width={620}
      forceRender
    >
      <Form<PointsRuleFormValues>
        name="pointsRule"
        form={form}
        layout="vertical"
        initialValues={{ kind: 'base_rate', status: 'active', params: { multiplier: 2, window: 'day' } }}
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
          name="kind"
          label={t('value.points.ruleKind')}
          extra={<Typography.Text type="secondary">{t(`value.points.kindHelp.${kind}`)}</Typography.Text>}
        >
          <Select
            disabled={!creating}
            options={ruleKinds.map((k) => ({ value: k, label: t(`value.points.kinds.${k}`) }))}
          />
        </Form.Item>
        <RuleParamsFields kind={kind} options={options} />
        <Form.Item name="dates" label={t('value.common.dates')}>
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            placeholder={[t('value.common.startsOn'), t('value.common.endsOn')]}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="status" label={t('common.status')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'active', label: t('value.common.active') },
              { value: 'archived', label: t('value.common.archived') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
