// Setting a new password for another operator; the server signs them out everywhere.
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useReportProblem } from '../../../api/problems.ts';
import type { Operator } from '../queries.ts';

export function ResetPasswordModal({
  operator,
  onClose,
}: {
  operator: Operator | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportProblem = useReportProblem();
  const [form] = Form.useForm<{ password: string }>();
  const reset = useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      unwrap(
        api.POST('/api/v1/org/operators/{id}/password', { params: { path: { id } }, body: { password } }),
      ),
    onSuccess: () => {
      void message.success(t('operators.passwordReset'));
      onClose();
    },
    onError: (error) => reportProblem(error, form),
  });

  return (
    <Modal
      title={operator ? t('operators.resetPasswordTitle', { name: operator.displayName }) : ''}
      open={operator !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ danger: true, loading: reset.isPending }}
      okText={t('operators.resetPassword')}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('operators.resetPasswordHelp')} style={{ margin: '16px 0' }} />
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={({ password }) => operator && reset.mutate({ id: operator.id, password })}
      >
        <Form.Item
          name="password"
          label={t('operators.newPassword')}
          extra={t('password.rule')}
          rules={[{ required: true }, { min: 8 }, { max: 128 }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
