// The merchant's points settings: when points expire, what they are worth as cash and how
// much of an order they may pay, and whether a return may leave a balance negative.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, InputNumber, Radio, Skeleton, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useReportProblem } from '../../../api/problems.ts';
import { useSession } from '../../../app/session.tsx';
import { type PointsSettings, valueKeys } from '../queries.ts';

interface Values {
  expiryKind: PointsSettings['expiry']['kind'];
  months?: number;
  pointsPerYuan: number;
  cashMaxSharePercent: number;
  allowDebt: boolean;
}

function toBody(values: Values): PointsSettings {
  return {
    expiry:
      values.expiryKind === 'months'
        ? { kind: 'months', months: values.months ?? 12 }
        : { kind: values.expiryKind },
    pointsPerYuan: values.pointsPerYuan,
    cashMaxShareBp: Math.round(values.cashMaxSharePercent * 100),
    allowDebt: values.allowDebt,
  };
}

function toValues(settings: PointsSettings): Values {
  return {
    expiryKind: settings.expiry.kind,
    months: settings.expiry.kind === 'months' ? settings.expiry.months : 12,
    pointsPerYuan: settings.pointsPerYuan,
    cashMaxSharePercent: settings.cashMaxShareBp / 100,
    allowDebt: settings.allowDebt,
  };
}

export function PointsSettingsTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const reportProblem = useReportProblem();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const expiryKind = Form.useWatch('expiryKind', form);
  const settings = useQuery({
    queryKey: valueKeys.pointsSettings,
    queryFn: () => unwrap(api.GET('/api/v1/points/settings')),
  });

  useEffect(() => {
    if (settings.data) form.setFieldsValue(toValues(settings.data));
  }, [settings.data, form]);

  const mutation = useMutation({
    mutationFn: (values: Values) => unwrap(api.PUT('/api/v1/points/settings', { body: toBody(values) })),
    onSuccess: (saved) => {
      void message.success(t('value.points.settings.saved'));
      queryClient.setQueryData(valueKeys.pointsSettings, saved);
    },
    onError: (error) => reportProblem(error, form),
  });

  if (settings.isPending) return <Skeleton active />;
  return (
    <Form<Values>
      name="pointsSettings"
      form={form}
      layout="vertical"
      disabled={!can('settings.write')}
      onFinish={(values) => mutation.mutate(values)}
      style={{ maxWidth: 560 }}
    >
      <Form.Item name="expiryKind" label={t('value.points.settings.expiry')}>
        <Radio.Group
          options={[
            { value: 'none', label: t('value.points.settings.expiryNone') },
            { value: 'months', label: t('value.points.settings.expiryMonths') },
            { value: 'year_end', label: t('value.points.settings.expiryYearEnd') },
          ]}
        />
      </Form.Item>
      {expiryKind === 'months' && (
        <Form.Item name="months" label={t('value.points.settings.months')} rules={[{ required: true }]}>
          <InputNumber<number> min={1} max={120} precision={0} />
        </Form.Item>
      )}
      <Form.Item
        name="pointsPerYuan"
        label={t('value.points.settings.pointsPerYuan')}
        extra={t('value.points.settings.pointsPerYuanHelp')}
        rules={[{ required: true }]}
      >
        <InputNumber<number> min={0} max={1_000_000} precision={0} />
      </Form.Item>
      <Form.Item
        name="cashMaxSharePercent"
        label={t('value.points.settings.cashMaxShare')}
        rules={[{ required: true }]}
      >
        <InputNumber<number> min={0} max={100} precision={2} suffix="%" />
      </Form.Item>
      <Form.Item
        name="allowDebt"
        label={t('value.points.settings.allowDebt')}
        extra={t('value.points.settings.allowDebtHelp')}
        valuePropName="checked"
      >
        <Switch />
      </Form.Item>
      {can('settings.write') && (
        <Button type="primary" htmlType="submit" loading={mutation.isPending}>
          {t('common.save')}
        </Button>
      )}
    </Form>
  );
}
