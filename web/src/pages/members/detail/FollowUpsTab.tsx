// Follow-ups (回访) with this member, newest first, and a form to record the next contact.
// Recording one closes the earlier open follow-up: its own next date is what is due now.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useReportProblem } from '../../../api/problems.ts';
import { useSession } from '../../../app/session.tsx';
import { formatDateTime } from '../../../format.ts';
import { type FollowUp, type Member, memberKeys } from '../queries.ts';

export const followUpChannels = ['phone', 'sms', 'wechat', 'visit', 'email', 'other'] as const;

interface Values {
  channel: FollowUp['channel'];
  content: string;
  outcome?: string;
  nextFollowUpOn?: string | null;
}

function FollowUpForm({ member }: { member: Member }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportProblem = useReportProblem();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const mutation = useMutation({
    mutationFn: (values: Values) =>
      unwrap(
        api.POST('/api/v1/members/{id}/follow-ups', {
          params: { path: { id: member.id } },
          body: {
            channel: values.channel,
            content: values.content.trim(),
            outcome: values.outcome?.trim() || null,
            nextFollowUpOn: values.nextFollowUpOn ?? null,
          },
        }),
      ),
    onSuccess: () => {
      void message.success(t('members.followUps.added'));
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: memberKeys.followUps(member.id) });
      void queryClient.invalidateQueries({ queryKey: memberKeys.due });
    },
    onError: (error) => reportProblem(error, form),
  });

  return (
    <Card size="small" title={t('members.followUps.add')}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ channel: 'phone' }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="channel" label={t('members.followUps.channel')} rules={[{ required: true }]}>
              <Select
                options={followUpChannels.map((c) => ({
                  value: c,
                  label: t(`members.followUps.channels.${c}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="nextFollowUpOn"
              label={t('members.followUps.nextDate')}
              getValueProps={(value: string | null | undefined) => ({ value: value ? dayjs(value) : null })}
              normalize={(value: dayjs.Dayjs | null) => (value ? value.format('YYYY-MM-DD') : null)}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="content"
          label={t('members.followUps.content')}
          rules={[{ required: true, whitespace: true }, { max: 2000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item name="outcome" label={t('members.followUps.outcome')} rules={[{ max: 500 }]}>
          <Input />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={mutation.isPending}>
          {t('members.followUps.save')}
        </Button>
      </Form>
    </Card>
  );
}

export function FollowUpsTab({ member }: { member: Member }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const followUps = useQuery({
    queryKey: memberKeys.followUps(member.id),
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/members/{id}/follow-ups', { params: { path: { id: member.id } } })))
        .items,
  });
  const items = followUps.data ?? [];

  return (
    <Row gutter={[24, 16]}>
      <Col xs={24} lg={14}>
        {items.length === 0 ? (
          <Empty
            description={followUps.isPending ? t('members.common.loading') : t('members.followUps.empty')}
          />
        ) : (
          <Timeline
            items={items.map((f) => ({
              key: f.id,
              color: f.done ? 'gray' : 'blue',
              content: (
                <Flex vertical gap={4}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(f.createdAt)} · {f.operatorName}
                  </Typography.Text>
                  <div>
                    <Tag>{t(`members.followUps.channels.${f.channel}`)}</Tag>
                    <span style={{ whiteSpace: 'pre-wrap' }}>{f.content}</span>
                  </div>
                  {f.outcome && (
                    <Typography.Text type="secondary">
                      {t('members.followUps.outcomeText', { outcome: f.outcome })}
                    </Typography.Text>
                  )}
                  {f.nextFollowUpOn && (
                    <Typography.Text type={f.done ? 'secondary' : 'warning'}>
                      {t('members.followUps.nextText', { date: f.nextFollowUpOn })}
                    </Typography.Text>
                  )}
                </Flex>
              ),
            }))}
          />
        )}
      </Col>
      {can('members.write') && (
        <Col xs={24} lg={10}>
          <FollowUpForm member={member} />
        </Col>
      )}
    </Row>
  );
}
