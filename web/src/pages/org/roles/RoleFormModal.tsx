// Creating or editing a custom role; built-in roles open read-only so their permissions can be read.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useReportProblem } from '../../../api/problems.ts';
import type { paths } from '../../../api/schema';
import { roleDescription, roleLabel } from '../../../i18n/labels.ts';
import { orgKeys, type Role, usePermissions } from '../queries.ts';
import { PermissionChecklist } from './PermissionChecklist.tsx';

export type RoleFormTarget = { mode: 'create' } | { mode: 'edit'; role: Role } | { mode: 'view'; role: Role };

interface Values {
  name: string;
  description?: string;
  permissions: string[];
}

type PermissionName =
  paths['/api/v1/org/roles']['post']['requestBody']['content']['application/json']['permissions'][number];

function save(target: RoleFormTarget, values: Values) {
  // The checklist only offers names the server listed, so they are valid permission names.
  const permissions = values.permissions as PermissionName[];
  if (target.mode === 'create') {
    return unwrap(
      api.POST('/api/v1/org/roles', {
        body: { name: values.name, description: values.description || undefined, permissions },
      }),
    );
  }
  return unwrap(
    api.PATCH('/api/v1/org/roles/{id}', {
      params: { path: { id: target.mode === 'edit' ? target.role.id : '' } },
      body: { name: values.name, description: values.description || null, permissions },
    }),
  );
}

export function RoleFormModal({ target, onClose }: { target: RoleFormTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportProblem = useReportProblem();
  const queryClient = useQueryClient();
  const permissions = usePermissions();
  const [form] = Form.useForm<Values>();
  const readOnly = target?.mode === 'view';

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode !== 'create') {
      const { role } = target;
      form.setFieldsValue({
        name: roleLabel(role),
        description: roleDescription(role),
        permissions: role.permissions,
      });
    }
  }, [target, form]);

  const mutation = useMutation({
    mutationFn: (values: Values) => save(target!, values),
    onSuccess: () => {
      void message.success(t(target?.mode === 'create' ? 'common.created' : 'common.saved'));
      void queryClient.invalidateQueries({ queryKey: orgKeys.roles });
      onClose();
    },
    onError: (error) => reportProblem(error, form),
  });

  const title =
    target?.mode === 'create' ? t('roles.create') : readOnly ? t('roles.viewTitle') : t('roles.edit');
  return (
    <Modal
      title={title}
      open={target !== null}
      onCancel={onClose}
      width={820}
      forceRender
      footer={
        readOnly
          ? [
              <Button key="close" onClick={onClose}>
                {t('common.ok')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose}>
                {t('common.cancel')}
              </Button>,
              <Button key="ok" type="primary" loading={mutation.isPending} onClick={() => form.submit()}>
                {target?.mode === 'create' ? t('common.create') : t('common.save')}
              </Button>,
            ]
      }
    >
      {readOnly && (
        <Alert type="info" showIcon title={t('roles.readonlyHint')} style={{ margin: '16px 0 0' }} />
      )}
      <Form
        form={form}
        layout="vertical"
        disabled={readOnly}
        onFinish={(values) => mutation.mutate(values)}
        style={{ marginTop: 16 }}
      >
        <Form.Item
          name="name"
          label={t('roles.name')}
          rules={[{ required: true, whitespace: true }, { max: 60 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('roles.description')} rules={[{ max: 300 }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} placeholder={t('common.optional')} />
        </Form.Item>
        <Form.Item
          name="permissions"
          label={t('roles.permissions')}
          rules={[{ required: true, type: 'array', min: 1, message: t('roles.permissionsRequired') }]}
        >
          <PermissionChecklist permissions={permissions.data ?? []} disabled={readOnly} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
