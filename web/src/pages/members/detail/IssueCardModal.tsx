// Issuing a card (办卡): its type, a generated or pre-printed number, the PIN when the type
// needs one, and for a subsidiary or group card its holder and spending limit (yuan in the
// input, fen to the API).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { fenToYuan, yuanToFen } from '../../../amounts.ts';
import { api, unwrap } from '../../../api/client.ts';
import { useReportProblem } from '../../../api/problems.ts';
import { formatMoney } from '../../../format.ts';
import { type CardType, type Member, memberKeys } from '../queries.ts';
import { type FeeTender, feeTenders } from './card-operation-call.ts';

interface Values {
  cardTypeId: string;
  numberMode: 'generate' | 'enter';
  cardNo?: string;
  pin?: string;
  role: 'primary' | 'subsidiary' | 'holder';
  holderName?: string;
  holderMobile?: string;
  spendLimitYuan?: number | null;
  feeTender: FeeTender;
}

function issueBody(values: Values, type: CardType | undefined) {
  const secondary = values.role !== 'primary';
  return {
    cardTypeId: values.cardTypeId,
    cardNo: values.numberMode === 'enter' ? values.cardNo?.trim() : undefined,
    pin: values.pin || undefined,
    role: values.role,
    holderName: secondary ? values.holderName?.trim() : undefined,
    holderMobile: secondary && values.holderMobile?.trim() ? values.holderMobile.trim() : undefined,
    spendLimit:
      secondary && values.spendLimitYuan !== undefined
        ? values.spendLimitYuan === null
          ? null
          : yuanToFen(values.spendLimitYuan)
        : undefined,
    feeTender: type && type.joinFee > 0 ? values.feeTender : undefined,
  };
}

export function IssueCardModal({
  member,
  open,
  cardTypes,
  onClose,
}: {
  member: Member;
  open: boolean;
  cardTypes: readonly CardType[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportProblem = useReportProblem();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const active = cardTypes.filter((ct) => ct.status === 'active');
  const typeId = Form.useWatch('cardTypeId', form);
  const numberMode = Form.useWatch('numberMode', form);
  const role = Form.useWatch('role', form);
  const type = active.find((ct) => ct.id === typeId);

  // A new type brings its own default limit for subsidiary cards.
  useEffect(() => {
    if (type)
      form.setFieldValue(
        'spendLimitYuan',
        type.subsidiaryLimit === null ? null : fenToYuan(type.subsidiaryLimit),
      );
    if (type && !type.subsidiaryAllowed && form.getFieldValue('role') === 'subsidiary')
      form.setFieldValue('role', 'primary');
  }, [type, form]);

  const mutation = useMutation({
    mutationFn: (values: Values) =>
      unwrap(
        api.POST('/api/v1/members/{id}/cards', {
          params: { path: { id: member.id } },
          body: issueBody(values, type),
        }),
      ),
    onSuccess: (card) => {
      void message.success(t('members.cards.issuedMessage', { cardNo: card.cardNo }));
      void queryClient.invalidateQueries({ queryKey: memberKeys.cards(member.id) });
      onClose();
    },
    onError: (error) => reportProblem(error, form),
  });

  const roles = [
    { value: 'primary', label: t('members.cards.roles.primary') },
    ...(type?.subsidiaryAllowed ? [{ value: 'subsidiary', label: t('members.cards.roles.subsidiary') }] : []),
    ...(member.kind === 'organisation' ? [{ value: 'holder', label: t('members.cards.roles.holder') }] : []),
  ];
  return (
    <Modal
      title={t('members.cards.issueTitle', { name: member.name })}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('members.cards.issue')}
      okButtonProps={{ loading: mutation.isPending }}
      destroyOnHidden
      width={560}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        style={{ marginTop: 16 }}
        initialValues={{
          cardTypeId: active[0]?.id,
          numberMode: 'generate',
          role: member.kind === 'organisation' ? 'holder' : 'primary',
          feeTender: 'cash',
        }}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item name="cardTypeId" label={t('members.cards.type')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={active.map((ct) => ({ value: ct.id, label: ct.name }))}
          />
        </Form.Item>
        <Form.Item name="numberMode" label={t('members.cards.cardNo')}>
          <Radio.Group
            options={[
              { value: 'generate', label: t('members.cards.generateNo') },
              { value: 'enter', label: t('members.cards.enterNo') },
            ]}
          />
        </Form.Item>
        {numberMode === 'enter' && (
          <Form.Item
            name="cardNo"
            label={t('members.cards.enteredNo')}
            rules={[{ required: true, whitespace: true }, { max: 40 }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item
          name="pin"
          label={t('members.cards.pin')}
          extra={t('members.cards.pinHelp')}
          rules={[{ required: Boolean(type?.pinRequired) }, { pattern: /^\d{6}$/ }]}
        >
          <Input.Password inputMode="numeric" maxLength={6} autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role" label={t('members.cards.role')}>
          <Radio.Group optionType="button" options={roles} />
        </Form.Item>
        {role && role !== 'primary' && (
          <>
            <Form.Item
              name="holderName"
              label={t('members.cards.holderName')}
              rules={[{ required: true, whitespace: true }, { max: 60 }]}
            >
              <Input />
            </Form.Item>
            <Form.Item name="holderMobile" label={t('members.cards.holderMobile')} rules={[{ max: 30 }]}>
              <Input inputMode="tel" />
            </Form.Item>
            <Form.Item
              name="spendLimitYuan"
              label={t('members.cards.spendLimit')}
              extra={t('members.cards.spendLimitHelp')}
            >
              <InputNumber min={0} max={10_000_000} precision={2} prefix="¥" style={{ width: 200 }} />
            </Form.Item>
          </>
        )}
        {type && type.joinFee > 0 && (
          <Form.Item
            name="feeTender"
            label={t('members.cards.feeTender')}
            extra={
              <Typography.Text type="secondary">
                {t('members.cards.joinFee', { fee: formatMoney(type.joinFee) })}
              </Typography.Text>
            }
          >
            <Select options={feeTenders.map((v) => ({ value: v, label: t(`members.tender.${v}`) }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
