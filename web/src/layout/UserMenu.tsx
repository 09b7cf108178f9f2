// The signed-in operator's menu: change password, sign out.
import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Avatar, Dropdown, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, setCsrfToken, setRequestStore, unwrap } from '../api/client.ts';
import { useReportProblem } from '../api/problems.ts';
import { useSession } from '../app/session.tsx';
import { ChangePasswordModal } from './ChangePasswordModal.tsx';

export function UserMenu() {
  const { t } = useTranslation();
  const { operator } = useSession();
  const { message } = App.useApp();
  const reportProblem = useReportProblem();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [changingPassword, setChangingPassword] = useState(false);

  /** Leaves the shell first, so nothing under it refetches with the session already gone. */
  const leave = async () => {
    setCsrfToken(null);
    setRequestStore(null);
    await navigate('/login', { replace: true });
    queryClient.clear();
  };

  const signOut = async () => {
    try {
      await unwrap(api.POST('/api/v1/auth/logout'));
      void message.success(t('header.signedOut'));
      await leave();
    } catch (error) {
      reportProblem(error);
    }
  };

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword') },
            { type: 'divider' },
            { key: 'signOut', icon: <LogoutOutlined />, label: t('header.signOut'), danger: true },
          ],
          onClick: ({ key }) => {
            if (key === 'password') setChangingPassword(true);
            if (key === 'signOut') void signOut();
          },
        }}
      >
        <Flex align="center" gap={8} style={{ cursor: 'pointer' }} data-testid="user-menu">
          <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1677ff' }} />
          <Typography.Text style={{ maxWidth: 220 }} ellipsis>
            {operator.displayName}
          </Typography.Text>
          <DownOutlined style={{ fontSize: 10 }} />
        </Flex>
      </Dropdown>
      <ChangePasswordModal
        open={changingPassword}
        onClose={() => setChangingPassword(false)}
        onChanged={() => {
          setChangingPassword(false);
          void message.success(t('password.changed'));
          void leave();
        }}
      />
    </>
  );
}
