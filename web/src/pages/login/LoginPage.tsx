// Sign-in. The server's message (in the chosen language) stays on screen until the next try.
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { api, setCsrfToken, unwrap } from '../../api/client.ts';
import { problemText } from '../../api/problems.ts';
import { meQueryKey } from '../../app/session.tsx';
import { LanguageSwitch } from '../../layout/LanguageSwitch.tsx';

interface Credentials {
  username: string;
  password: string;
}

/** Only same-site paths are followed after sign-in, never a full URL from the address bar. */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login'
    ? from
    : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Credentials>();

  const login = useMutation({
    mutationFn: (body: Credentials) => unwrap(api.POST('/api/v1/auth/login', { body })),
    onSuccess: async ({ csrfToken, operator }) => {
      queryClient.clear();
      setCsrfToken(csrfToken);
      queryClient.setQueryData(meQueryKey, { csrfToken, operator });
      await navigate(returnPath(location.state), { replace: true });
    },
  });

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 24,
        background: 'linear-gradient(135deg, #e6f4ff 0%, #f0f5ff 45%, #f9f0ff 100%)',
      }}
    >
      <div style={{ position: 'fixed', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: 400, maxWidth: '100%', boxShadow: '0 12px 32px rgba(22, 119, 255, 0.12)' }}>
        <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
          <img src="/favicon.svg" alt="" width={48} height={48} />
          <Typography.Title level={3} style={{ margin: '12px 0 0' }}>
            {t('login.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
        </Flex>
        {login.isError && (
          <Alert
            type="error"
            showIcon
            title={problemText(login.error)}
            style={{ marginBottom: 16 }}
            role="alert"
          />
        )}
        <Form
          form={form}
          layout="vertical"
          size="large"
          onFinish={(values) => login.mutate(values)}
          requiredMark={false}
        >
          <Form.Item name="username" rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input
              prefix={<UserOutlined />}
              placeholder={t('login.username')}
              autoComplete="username"
              autoFocus
            />
          </Form.Item>
          <Form.Item name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password
              prefix={<LockOutlined />}
              placeholder={t('login.password')}
              autoComplete="current-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph
          type="secondary"
          style={{ marginTop: 16, marginBottom: 0, fontSize: 12, textAlign: 'center' }}
        >
          {t('login.demoHint')}
        </Typography.Paragraph>
      </Card>
    </Flex>
  );
}
