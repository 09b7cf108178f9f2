// Creating an operator (username, name, initial password, home unit, grants) or editing one
// (name, home unit, status, grants). Usernames never change.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio, TreeSelect } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useReportProblem } from '../../../api/problems.ts';
import { type Operator, orgKeys, type Role } from '../queries.ts';
import { type UnitNode, unitTreeOptions } from '../units/unit-tree.ts';
import { GrantsField } from './GrantsField.tsx';

export type OperatorFormTarget = { mode: 'create' } | { mode: 'edit'; operator: Operator };

interface Values {
  username?: string;
  displayName: string;
  password?: string;
  unitId: string;
  status?: Operator['status'];
  grants?: { roleId: string; unitId: string }[];
}

function save(target: OperatorFormTarget, values: Values) {
  const grants = (values.grants ?? []).map(({ roleId, unitId }) => ({ roleId, unitId }));
  if (target.mode === 'create') {
    return unwrap(
      api.POST('/api/v1/org/operators', {
        body: {
          username: values.username ?? '',
          displayName: values.displayName,
          password: values.password ?? '',
          unitId: values.unitId,
          grants,
        },
      }),
    );
  }
  return unwrap(
    api.PATCH('/api/v1/org/operators/{id}', {
      params: { path: { id: target.operator.id } },
      body: { displayName: values.displayName, unitId: values.unitId, status: values.status, grants },
    }),
  );
}

export function OperatorFormModal({
  target,
  unitTree,
  roles,
  onClose,
}: {
  target: OperatorFormTarget | null;
  unitTree: UnitNode[];
  roles: readonly Role[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportProblem = useReportProblem();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const unitOptions = useMemo(() => unitTreeOptions(unitTree, (u) => u.status === 'active'), [unitTree]);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      const { displayName, unitId, status, grants } = target.operator;
      form.setFieldsValue({
        displayName,
        unitId,
        status,
        grants: grants.map(({ roleId, unitId }) => ({ roleId, unitId })),
      });
    }
  }, [target, form]);

  const mutation = useMutation({
    mutationFn: (values: Values) => save(target!, values),
    onSuccess: () => {
      void message.success(t(target?.mode === 'create' ? 'common.created' : 'common.saved'));
      void queryClient.invalidateQueries({ queryKey: orgKeys.operators });
      void queryClient.invalidateQueries({ queryKey: orgKeys.roles });
      onClose();
    },
    onError: (error) => reportProblem(error, form),
  });

  const creating = target?.mode === 'create';
  return (
    <Modal
      title={creating ? t('operators.create') : t('operators.edit')}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={creating ? t('common.create') : t('common.save')}
      okButtonProps={{ loading: mutation.isPending }}
      width={640}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => mutation.mutate(values)}
        style={{ marginTop: 16 }}
      >
        {creating ? (
          <Form.Item
            name="username"
            label={t('operators.username')}
            rules={[{ required: true }, { min: 3, max: 64 }, { pattern: /^[A-Za-z0-9_.@-]+$/ }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        ) : (
          <Form.Item label={t('operators.username')}>
            <Input value={target?.mode === 'edit' ? target.operator.username : ''} disabled />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label={t('operators.displayName')}
          rules={[{ required: true, whitespace: true }, { max: 60 }]}
        >
          <Input />
        </Form.Item>
        {creating && (
          <Form.Item
            name="password"
            label={t('operators.password')}
            extra={t('password.rule')}
            rules={[{ required: true }, { min: 8, max: 128 }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="unitId" label={t('operators.unit')} rules={[{ required: true }]}>
          <TreeSelect treeData={unitOptions} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
        </Form.Item>
        {!creating && (
          <Form.Item name="status" label={t('common.status')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'active', label: t('status.active') },
                { value: 'disabled', label: t('status.disabled') },
              ]}
            />
          </Form.Item>
        )}
        <GrantsField roles={roles} unitTree={unitTree} />
      </Form>
    </Modal>
  );
}
