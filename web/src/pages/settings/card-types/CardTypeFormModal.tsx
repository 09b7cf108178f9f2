// Creating or editing a card type: what it holds, its discount and points rate, validity,
// fees, PIN rule and subsidiary cards. When the settings contradict each other the server
// says why (CARD_TYPE_INVALID), shown above the form and on the field it names.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Switch,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError, unwrap } from '../../../api/client.ts';
import { useReportProblem } from '../../../api/problems.ts';
import { type CardType, memberKeys } from '../../members/queries.ts';
import { type CardTypeFormValues, newCardTypeValues, toBody, toFormValues } from './card-type-values.ts';

export type CardTypeFormTarget = { mode: 'create' } | { mode: 'edit'; type: CardType };

const holdings = ['storedValue', 'points', 'discount', 'countBased'] as const;
const yuanInput = { min: 0, max: 10_000_000, precision: 2, prefix: '¥', style: { width: '100%' } } as const;

export function CardTypeFormModal({
  target,
  onClose,
}: {
  target: CardTypeFormTarget | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportProblem = useReportProblem();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CardTypeFormValues>();
  const [invalidReason, setInvalidReason] = useState<string | null>(null);
  const editing = target?.mode === 'edit' ? target.type : null;
  const storedValue = Form.useWatch('storedValue', form);
  const points = Form.useWatch('points', form);
  const discount = Form.useWatch('discount', form);
  const subsidiaryAllowed = Form.useWatch('subsidiaryAllowed', form);
  const validityKind = Form.useWatch(['validity', 'kind'], form);

  useEffect(() => {
    if (!target) return;
    setInvalidReason(null);
    form.resetFields();
    form.setFieldsValue(editing ? toFormValues(editing) : newCardTypeValues);
  }, [target, editing, form]);

  const mutation = useMutation({
    mutationFn: (values: CardTypeFormValues) =>
      editing
        ? unwrap(
            api.PATCH('/api/v1/card-types/{id}', {
              params: { path: { id: editing.id } },
              body: { ...toBody(values), status: values.status },
            }),
          )
        : unwrap(api.POST('/api/v1/card-types', { body: toBody(values) })),
    onSuccess: () => {
      void message.success(t(editing ? 'common.saved' : 'common.created'));
      void queryClient.invalidateQueries({ queryKey: memberKeys.cardTypes });
      onClose();
    },
    onError: (error) => {
      setInvalidReason(isApiError(error) && error.code === 'CARD_TYPE_INVALID' ? error.detail : null);
      reportProblem(error, form);
    },
  });

  return (
    <Modal
      title={editing ? t('members.cardTypes.edit') : t('members.cardTypes.create')}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={editing ? t('common.save') : t('common.create')}
      okButtonProps={{ loading: mutation.isPending }}
      width={720}
      forceRender
    >
      {invalidReason && (
        <Alert
          type="error"
          showIcon
          title={invalidReason}
          style={{ marginTop: 16 }}
          data-testid="card-type-invalid"
        />
      )}
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('members.cardTypes.name')}
              rules={[{ required: true, whitespace: true }, { max: 40 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="named" label={t('members.cardTypes.namedLabel')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: true, label: t('members.cardTypes.named') },
                  { value: false, label: t('members.cardTypes.anonymous') },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
        {/* The flags are noStyle items, so a contradiction the server reports on one of them
            (storedValue: "holds nothing") shows under this group. */}
        <Form.Item label={t('members.cardTypes.holds')} required>
          <Row>
            {holdings.map((flag) => (
              <Col key={flag} xs={12} md={6}>
                <Form.Item name={flag} valuePropName="checked" noStyle>
                  <Checkbox>{t(`members.cardTypes.kinds.${flag}`)}</Checkbox>
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Form.Item>
        <Row gutter={16}>
          {discount && (
            <Col xs={24} md={8}>
              <Form.Item
                name="discountRate"
                label={t('members.cardTypes.discountRate')}
                extra={t('members.cardTypes.discountHelp')}
              >
                <InputNumber
                  min={0.1}
                  max={10}
                  step={0.5}
                  precision={2}
                  suffix={t('members.cardTypes.zhe')}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
          )}
          {points && (
            <Col xs={24} md={8}>
              <Form.Item
                name="pointsRate"
                label={t('members.cardTypes.pointsRate')}
                extra={t('members.cardTypes.pointsHelp')}
              >
                <InputNumber min={0} max={1000} precision={2} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
          {storedValue && (
            <Col xs={24} md={8}>
              <Form.Item
                name="rechargeable"
                label={t('members.cardTypes.rechargeable')}
                valuePropName="checked"
              >
                <Switch />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Divider titlePlacement="start">{t('members.cardTypes.validitySection')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name={['validity', 'kind']} label={t('members.cardTypes.validityKind')}>
              <Radio.Group
                optionType="button"
                options={(['none', 'months', 'fixed_date'] as const).map((kind) => ({
                  value: kind,
                  label: t(`members.cardTypes.validityKinds.${kind}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            {validityKind === 'months' && (
              <Form.Item
                name={['validity', 'months']}
                label={t('members.cardTypes.months')}
                rules={[{ required: true }]}
              >
                <InputNumber
                  min={1}
                  max={600}
                  precision={0}
                  suffix={t('members.cardTypes.monthsUnit')}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            )}
            {validityKind === 'fixed_date' && (
              <Form.Item
                name={['validity', 'date']}
                label={t('members.cardTypes.fixedDate')}
                rules={[{ required: true }]}
                getValueProps={(value: string | null | undefined) => ({ value: value ? dayjs(value) : null })}
                normalize={(value: dayjs.Dayjs | null) => (value ? value.format('YYYY-MM-DD') : null)}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            )}
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('members.cardTypes.feesSection')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="joinFee" label={t('members.cardTypes.joinFee')}>
              <InputNumber {...yuanInput} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="annualFee" label={t('members.cardTypes.annualFee')}>
              <InputNumber {...yuanInput} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="replacementFee" label={t('members.cardTypes.replacementFee')}>
              <InputNumber {...yuanInput} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('members.cardTypes.rulesSection')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="pinRequired" label={t('members.cardTypes.pinRequired')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="subsidiaryAllowed"
              label={t('members.cardTypes.subsidiaryAllowed')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
          </Col>
          {subsidiaryAllowed && (
            <Col xs={24} md={8}>
              <Form.Item
                name="subsidiaryLimit"
                label={t('members.cardTypes.subsidiaryLimit')}
                extra={t('members.cardTypes.subsidiaryLimitHelp')}
              >
                <InputNumber {...yuanInput} />
              </Form.Item>
            </Col>
          )}
        </Row>
        {editing && (
          <Form.Item name="status" label={t('common.status')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'active', label: t('members.cardTypes.statuses.active') },
                { value: 'archived', label: t('members.cardTypes.statuses.archived') },
              ]}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
