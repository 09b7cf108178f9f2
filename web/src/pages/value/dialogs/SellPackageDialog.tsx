// Selling a count package to a member: the product, how many of it, and how it is paid
// (stored value needs the card and, when the card type asks, its PIN).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Empty, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useSession } from '../../../app/session.tsx';
import { formatCount, formatMoney } from '../../../format.ts';
import { CardSelect, ProblemAlert, showFieldProblems, TenderRadio } from '../fields.tsx';
import { useIdempotencyKey } from '../idempotency.ts';
import { tenders, useMemberCards, usePackageProducts, valueKeys } from '../queries.ts';

const packageTenders = [...tenders, 'stored_value'] as const;
type PackageTender = (typeof packageTenders)[number];

interface Values {
  packageProductId: string;
  quantity: number;
  tender: PackageTender;
  cardNo?: string;
  pin?: string;
  note?: string;
}

export function SellPackageDialog({
  memberId,
  open,
  onClose,
}: {
  memberId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { keyFor, reset: resetKey } = useIdempotencyKey();
  const products = usePackageProducts(true, open);
  const cards = useMemberCards(memberId, open && can('cards.read'));
  const productId = Form.useWatch('packageProductId', form);
  const quantity = Form.useWatch('quantity', form) ?? 1;
  const tender = Form.useWatch('tender', form);
  const product = products.data?.find((p) => p.id === productId);

  const mutation = useMutation({
    mutationFn: (values: Values) => {
      const body = {
        packageProductId: values.packageProductId,
        tender: values.tender,
        quantity: values.quantity,
        ...(values.tender === 'stored_value' && values.cardNo ? { cardNo: values.cardNo } : {}),
        ...(values.tender === 'stored_value' && values.pin ? { pin: values.pin } : {}),
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
      };
      return unwrap(
        api.POST('/api/v1/members/{id}/packages', {
          params: { path: { id: memberId }, header: { 'idempotency-key': keyFor(body) } },
          body,
        }),
      );
    },
    onSuccess: (sale) => {
      void message.success(t('value.packageSale.success', { name: sale.package.name }));
      resetKey();
      void queryClient.invalidateQueries({ queryKey: valueKeys.member(memberId) });
      onClose();
    },
    onError: (error) => showFieldProblems(form, error),
  });
  const { reset } = mutation;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    reset();
    resetKey();
  }, [open, form, reset, resetKey]);

  const empty = products.data?.length === 0;
  return (
    <Modal
      title={t('value.packageSale.title')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('value.packageSale.title')}
      okButtonProps={{ loading: mutation.isPending, disabled: empty }}
      width={560}
      forceRender
    >
      {empty && <Empty description={t('value.packageSale.noProducts')} />}

      <Form
        name="sellPackage"
        form={form}
        layout="vertical"
        initialValues={{ quantity: 1, tender: 'wechat' }}
        onFinish={(values) => mutation.mutate(values)}
        style={{ marginTop: 16, display: empty ? 'none' : undefined }}
      >
        <ProblemAlert error={mutation.error} />
        <Form.Item
          name="packageProductId"
          label={t('value.packageSale.product')}
          rules={[{ required: true, message: t('value.packageSale.productRequired') }]}
          extra={
            product && (
              <Typography.Text type="secondary">
                {t('value.packageSale.summary', {
                  uses: product.uses * quantity,
                  amount: formatMoney(product.price * quantity),
                })}
              </Typography.Text>
            )
          }
        >
          <Select
            loading={products.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={(products.data ?? []).map((p) => ({
              value: p.id,
              label: `${p.name} · ${t('value.units.uses', { n: formatCount(p.uses) })} · ${formatMoney(p.price)}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="quantity" label={t('value.packageSale.quantity')}>
          <InputNumber<number> min={1} max={100} precision={0} />
        </Form.Item>
        <Form.Item name="tender" label={t('value.common.tender')}>
          <TenderRadio tenders={packageTenders} />
        </Form.Item>
        {tender === 'stored_value' && can('cards.read') && (
          <Form.Item name="cardNo" label={t('value.common.card')}>
            <CardSelect cards={cards.data ?? []} loading={cards.isPending} />
          </Form.Item>
        )}
        {tender === 'stored_value' && (
          <Form.Item name="pin" label={t('value.common.pin')}>
            <Input.Password autoComplete="off" maxLength={12} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('value.common.note')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
