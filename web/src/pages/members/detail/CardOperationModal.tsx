// Confirms one step of a card's life with its reason, and whatever else that step needs: a
// replacement number and PIN, the fee and how it was paid, the new card type, a new PIN.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Descriptions, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReportProblem } from '../../../api/problems.ts';
import { formatMoney } from '../../../format.ts';
import { type Card, type CardType, memberKeys } from '../queries.ts';
import { type CardOperation, isFinal } from './card-lifecycle.ts';
import { type CardOperationValues, feeTenders, runCardOperation } from './card-operation-call.ts';

export interface CardOperationTarget {
  card: Card;
  operation: CardOperation;
}

const pinRule = { pattern: /^\d{6}$/ };

function feeFor(operation: CardOperation, type: CardType | undefined): number {
  if (!type) return 0;
  if (operation === 'replace') return type.replacementFee;
  if (operation === 'renew') return type.annualFee;
  return 0;
}

export function CardOperationModal({
  target,
  cardTypes,
  onClose,
}: {
  target: CardOperationTarget | null;
  cardTypes: readonly CardType[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportProblem = useReportProblem();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CardOperationValues>();
  const operation = target?.operation;
  const card = target?.card;
  const type = cardTypes.find((ct) => ct.id === card?.cardTypeId);
  const fee = operation ? feeFor(operation, type) : 0;

  const mutation = useMutation({
    mutationFn: (values: CardOperationValues) => runCardOperation(operation!, card!.cardNo, values),
    onSuccess: (result) => {
      void message.success(
        result.newCard
          ? t('members.cardOps.replacedMessage', { cardNo: result.newCard.cardNo })
          : t('members.cardOps.doneMessage', {
              operation: t(`members.cardOps.names.${operation!}`),
              cardNo: result.card.cardNo,
            }),
      );
      void queryClient.invalidateQueries({ queryKey: memberKeys.cards(result.card.memberId) });
      onClose();
    },
    onError: (error) => reportProblem(error, form),
  });

  if (!operation || !card) return null;
  const final = isFinal(operation);
  const otherTypes = cardTypes.filter((ct) => ct.status === 'active' && ct.id !== card.cardTypeId);
  return (
    <Modal
      title={t('members.cardOps.title', {
        operation: t(`members.cardOps.names.${operation}`),
        cardNo: card.cardNo,
      })}
      open
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('members.cardOps.confirm', { operation: t(`members.cardOps.names.${operation}`) })}
      okButtonProps={{ danger: final, loading: mutation.isPending }}
      destroyOnHidden
    >
      <Alert
        type={final ? 'error' : 'info'}
        showIcon
        title={t(`members.cardOps.help.${operation}`)}
        style={{ margin: '16px 0' }}
      />
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'type', label: t('members.cards.type'), children: card.cardTypeName },
          ...(fee > 0
            ? [{ key: 'fee', label: t('members.cardOps.fee'), children: <strong>{formatMoney(fee)}</strong> }]
            : []),
        ]}
      />
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ feeTender: 'cash' }}
        onFinish={(values) => mutation.mutate(values)}
      >
        {operation === 'change-type' && (
          <Form.Item name="cardTypeId" label={t('members.cardOps.newType')} rules={[{ required: true }]}>
            <Select options={otherTypes.map((ct) => ({ value: ct.id, label: ct.name }))} />
          </Form.Item>
        )}
        {operation === 'replace' && (
          <Form.Item
            name="newCardNo"
            label={t('members.cardOps.newCardNo')}
            extra={t('members.cardOps.newCardNoHelp')}
            rules={[{ max: 40 }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        )}
        {(operation === 'replace' || operation === 'reset-pin') && (
          <Form.Item
            name="pin"
            label={t('members.cardOps.newPin')}
            extra={operation === 'replace' ? t('members.cardOps.keepPinHelp') : t('members.cards.pinHelp')}
            rules={[{ required: operation === 'reset-pin' }, pinRule]}
          >
            <Input.Password inputMode="numeric" maxLength={6} autoComplete="new-password" />
          </Form.Item>
        )}
        {fee > 0 && (
          <Form.Item name="feeTender" label={t('members.cards.feeTender')}>
            <Select options={feeTenders.map((v) => ({ value: v, label: t(`members.tender.${v}`) }))} />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('members.common.reason')}
          rules={[{ required: true, whitespace: true }, { max: 200 }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
