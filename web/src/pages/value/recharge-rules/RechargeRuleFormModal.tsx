// Creating or editing a recharge rule: tiers (充X送Y, in yuan) or a percentage with an
// optional cap, the dates, stores and card types it applies to, its priority and status.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useReportProblem } from '../../../api/problems.ts';
import { YuanInput } from '../fields.tsx';
import { type CardType, type RechargeRule, valueKeys } from '../queries.ts';
import { type RuleFormValues, toBody, toFormValues } from './rule-body.ts';

export type RuleTarget = { mode: 'create' } | { mode: 'edit'; rule: RechargeRule };

function save(target: RuleTarget, values: RuleFormValues) {
  const body = toBody(values);
  if (target.mode === 'create') return unwrap(api.POST('/api/v1/recharge-rules', { body }));
  return unwrap(api.PUT('/api/v1/recharge-rules/{id}', { params: { path: { id: target.rule.id } }, body }));
}

export function RechargeRuleFormModal({
  target,
  cardTypes,
  storeOptions,
  onClose,
}: {
  target: RuleTarget | null;
  cardTypes: readonly CardType[];
  storeOptions: { value: string; label: string }[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportProblem = useReportProblem();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RuleFormValues>();
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') form.setFieldsValue(toFormValues(target.rule));
  }, [target, form]);

  const mutation = useMutation({
    mutationFn: (values: RuleFormValues) => save(target!, values),
    onSuccess: () => {
      void message.success(t(target?.mode === 'create' ? 'common.created' : 'common.saved'));
      void queryClient.invalidateQueries({ queryKey: valueKeys.rechargeRules });
      onClose();
    },
    onError: (error) => reportProblem(error, form),
  });

  const creating = target?.mode === 'create';
  return (
    <Modal
      title={creating ? t('value.rechargeRules.create') : t('value.rechargeRules.edit')}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={creating ? t('common.create') : t('common.save')}
      okButtonProps={{ loading: mutation.isPending }}
      width={640}
      forceRender
    >
      <Form<RuleFormValues>
        name="rechargeRule"
        form={form}
        layout="vertical"
        initialValues={{ kind: 'tiers', tiers: [{}], status: 'active', priority: 0 }}
        onFinish={(values) => mutation.mutate(values)}
        style={{ marginTop: 16 }}
      >
        <Form.Item
          name="name"
          label={t('value.common.name')}
          rules={[{ required: true, whitespace: true }, { max: 60 }]}
        >
          <Input placeholder="充100送20" />
        </Form.Item>
        <Form.Item name="kind" label={t('value.rechargeRules.kind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'tiers', label: t('value.rechargeRules.kindTiers') },
              { value: 'percent', label: t('value.rechargeRules.kindPercent') },
            ]}
          />
        </Form.Item>
        {kind === 'percent' ? (
          <Flex gap={16}>
            <Form.Item
              name="percent"
              label={t('value.rechargeRules.percent')}
              rules={[{ required: true }]}
              style={{ flex: 1 }}
            >
              <InputNumber<number> min={0.01} max={100} precision={2} suffix="%" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="cap" label={t('value.rechargeRules.cap')} style={{ flex: 1 }}>
              <YuanInput placeholder={t('value.rechargeRules.capNone')} />
            </Form.Item>
          </Flex>
        ) : (
          <Form.List
            name="tiers"
            rules={[
              {
                validator: async (_, tiers?: unknown[]) => {
                  if (!tiers || tiers.length === 0) throw new Error(t('value.rechargeRules.tiersRequired'));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <Form.Item label={t('value.rechargeRules.tiers')} required>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                    <Typography.Text>{t('value.rechargeRules.tierFrom')}</Typography.Text>
                    <Form.Item
                      name={[field.name, 'min']}
                      rules={[{ required: true, message: t('value.rechargeRules.tierMin') }]}
                    >
                      <YuanInput placeholder={t('value.rechargeRules.tierMin')} style={{ width: 200 }} />
                    </Form.Item>
                    <Typography.Text>{t('value.rechargeRules.tierGet')}</Typography.Text>
                    <Form.Item
                      name={[field.name, 'bonus']}
                      rules={[{ required: true, message: t('value.rechargeRules.tierBonus') }]}
                    >
                      <YuanInput placeholder={t('value.rechargeRules.tierBonus')} style={{ width: 200 }} />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('common.delete')}
                    />
                  </Space>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({})}
                  disabled={fields.length >= 20}
                >
                  {t('value.rechargeRules.addTier')}
                </Button>
                <Form.ErrorList errors={errors} />
              </Form.Item>
            )}
          </Form.List>
        )}
        <Form.Item name="dates" label={t('value.common.dates')}>
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            placeholder={[t('value.common.startsOn'), t('value.common.endsOn')]}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="storeIds" label={t('value.common.stores')}>
          <Select
            mode="multiple"
            allowClear
            options={storeOptions}
            placeholder={t('value.common.allStores')}
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item name="cardTypeIds" label={t('value.common.cardTypes')}>
          <Select
            mode="multiple"
            allowClear
            options={cardTypes.map((type) => ({ value: type.id, label: type.name }))}
            placeholder={t('value.common.allCardTypes')}
          />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item
            name="priority"
            label={t('value.rechargeRules.priority')}
            extra={t('value.rechargeRules.priorityHelp')}
            style={{ flex: 1 }}
          >
            <InputNumber<number> min={0} max={1000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="status" label={t('common.status')} style={{ flex: 1 }}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'active', label: t('value.common.active') },
                { value: 'archived', label: t('value.common.archived') },
              ]}
            />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}
