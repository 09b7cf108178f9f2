// Registering a member or editing one, in a drawer beside the page. The server's field errors
// land on the inputs; an edit sends only what changed.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Divider, Drawer, Flex, Form, Input, Radio, Row, Select, Switch } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useReportProblem } from '../../../api/problems.ts';
import { useSession } from '../../../app/session.tsx';
import { type Member, memberKeys, useMemberFields, useMemberTags } from '../queries.ts';
import { AnniversariesField } from './AnniversariesField.tsx';
import { BirthdayInput, birthdayComplete } from './BirthdayInput.tsx';
import { CustomFieldItems } from './CustomFieldItems.tsx';
import { type MemberFormValues, toCreateBody, toFormValues, toUpdateBody } from './member-form-values.ts';

export type MemberFormTarget = { mode: 'create' } | { mode: 'edit'; member: Member };

const sources = ['store', 'call_center', 'web', 'import', 'self_service', 'referral'] as const;
const genders = ['female', 'male', 'unknown'] as const;

export function MemberFormDrawer({
  target,
  onClose,
  onSaved,
}: {
  target: MemberFormTarget | null;
  onClose: () => void;
  onSaved?: (member: Member) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportProblem = useReportProblem();
  const queryClient = useQueryClient();
  const { operator, storeId } = useSession();
  const [form] = Form.useForm<MemberFormValues>();
  const fields = useMemberFields(target !== null);
  const tags = useMemberTags();
  const editing = target?.mode === 'edit' ? target.member : null;
  const initial = useMemo<MemberFormValues>(
    () =>
      editing
        ? toFormValues(editing)
        : {
            name: '',
            gender: 'unknown',
            birthday: { calendar: 'solar' },
            source: 'store',
            marketingConsent: false,
            homeStoreId: storeId ?? (operator.stores.length === 1 ? operator.stores[0]?.id : undefined),
          },
    [editing, storeId, operator.stores],
  );

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    form.setFieldsValue(initial);
  }, [target, initial, form]);

  const mutation = useMutation({
    mutationFn: (values: MemberFormValues) => {
      const activeFields = fields.data ?? [];
      if (!editing) return unwrap(api.POST('/api/v1/members', { body: toCreateBody(values, activeFields) }));
      return unwrap(
        api.PATCH('/api/v1/members/{id}', {
          params: { path: { id: editing.id } },
          body: toUpdateBody(values, initial, activeFields),
        }),
      );
    },
    onSuccess: (member) => {
      void message.success(t(editing ? 'common.saved' : 'members.form.registered', { name: member.name }));
      void queryClient.invalidateQueries({ queryKey: memberKeys.all });
      onClose();
      onSaved?.(member);
    },
    onError: (error) => reportProblem(error, form),
  });

  const masked = editing?.masked ?? false;
  // Only a masked value that exists is kept when left empty; an absent one is simply absent.
  const keepHint = (value: string | null | undefined) =>
    masked && value ? t('members.form.maskedHint') : undefined;
  return (
    <Drawer
      title={editing ? t('members.form.editTitle', { name: editing.name }) : t('members.form.createTitle')}
      open={target !== null}
      onClose={onClose}
      size={680}
      forceRender
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={mutation.isPending} onClick={() => form.submit()}>
            {editing ? t('common.save') : t('members.form.submitCreate')}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" onFinish={(values) => mutation.mutate(values)} scrollToFirstError>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('members.fields.name')}
              rules={[{ required: true, whitespace: true }, { max: 60 }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="mobile"
              label={t('members.fields.mobile')}
              rules={masked ? [] : [{ required: true, whitespace: true }, { max: 30 }]}
              extra={keepHint(editing?.mobile)}
            >
              <Input
                inputMode="tel"
                autoComplete="off"
                placeholder={masked ? editing?.mobile : t('members.form.mobilePlaceholder')}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="gender" label={t('members.fields.gender')}>
          <Radio.Group
            optionType="button"
            options={genders.map((g) => ({ value: g, label: t(`members.gender.${g}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="birthday"
          label={t('members.fields.birthday')}
          rules={[
            {
              validator: (_, value) =>
                birthdayComplete(value)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('members.birthday.incomplete'))),
            },
          ]}
        >
          <BirthdayInput />
        </Form.Item>
        <AnniversariesField />
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="email"
              label={t('members.fields.email')}
              rules={[{ type: 'email' }, { max: 120 }]}
              extra={keepHint(editing?.email)}
            >
              <Input placeholder={masked ? (editing?.email ?? '') : undefined} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="occupation" label={t('members.fields.occupation')} rules={[{ max: 60 }]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="address"
          label={t('members.fields.address')}
          rules={[{ max: 300 }]}
          extra={keepHint(editing?.address)}
        >
          <Input placeholder={masked ? (editing?.address ?? '') : undefined} />
        </Form.Item>
        <Form.Item name="tags" label={t('members.fields.tags')}>
          <Select
            mode="tags"
            tokenSeparators={[',', '，']}
            options={(tags.data ?? []).map(({ tag }) => ({ value: tag, label: tag }))}
            placeholder={t('members.form.tagsPlaceholder')}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="homeStoreId" label={t('members.fields.homeStore')} rules={[{ required: true }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={operator.stores.map((store) => ({ value: store.id, label: store.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            {!editing && (
              <Form.Item name="source" label={t('members.fields.source')}>
                <Select options={sources.map((s) => ({ value: s, label: t(`members.source.${s}`) }))} />
              </Form.Item>
            )}
          </Col>
        </Row>
        <Form.Item
          name="marketingConsent"
          label={t('members.fields.marketingConsent')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
        <Form.Item name="notes" label={t('members.fields.notes')} rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        {(fields.data ?? []).some((f) => f.status === 'active') && (
          <>
            <Divider titlePlacement="start">{t('members.form.customSection')}</Divider>
            <CustomFieldItems fields={fields.data ?? []} />
          </>
        )}
      </Form>
    </Drawer>
  );
}
