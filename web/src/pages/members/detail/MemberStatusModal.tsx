// Cancelling a membership (取消资格) or restoring it; both need a reason, kept with the member
// and in the audit log.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useReportProblem } from '../../../api/problems.ts';
import { type Member, memberKeys } from '../queries.ts';

export function MemberStatusModal({
  member,
  action,
  onClose,
}: {
  member: Member;
  action: 'cancel' | 'restore' | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportProblem = useReportProblem();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const cancelling = action === 'cancel';

  const mutation = useMutation({
    mutationFn: ({ reason }: { reason: string }) =>
      unwrap(
        api.POST(cancelling ? '/api/v1/members/{id}/cancel' : '/api/v1/members/{id}/restore', {
          params: { path: { id: member.id } },
          body: { reason },
        }),
      ),
    onSuccess: () => {
      void message.success(
        t(cancelling ? 'members.detail.cancelledMessage' : 'members.detail.restoredMessage'),
      );
      void queryClient.invalidateQueries({ queryKey: memberKeys.all });
      onClose();
    },
    onError: (error) => reportProblem(error, form),
  });

  return (
    <Modal
      title={t(cancelling ? 'members.detail.cancelTitle' : 'members.detail.restoreTitle', {
        name: member.name,
      })}
      open={action !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(cancelling ? 'members.detail.cancelMembership' : 'members.detail.restoreMembership')}
      okButtonProps={{ danger: cancelling, loading: mutation.isPending }}
      destroyOnHidden
    >
      <Alert
        type={cancelling ? 'warning' : 'info'}
        showIcon
        title={t(cancelling ? 'members.detail.cancelHelp' : 'members.detail.restoreHelp')}
        style={{ margin: '16px 0' }}
      />
      <Form form={form} layout="vertical" preserve={false} onFinish={(values) => mutation.mutate(values)}>
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
