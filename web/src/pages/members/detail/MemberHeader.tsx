// The top of a member's page: who they are, their standing, and their phone, masked unless an
// operator allowed to see personal data asks for it (each such look is audited).
import { EyeInvisibleOutlined, EyeOutlined, PhoneOutlined, ShopOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session.tsx';
import type { Member } from '../queries.ts';
import { MemberStatusTag } from '../shared/StatusTags.tsx';

export function MemberHeader({
  member,
  revealed,
  revealing,
  onReveal,
  extra,
}: {
  member: Member;
  revealed: boolean;
  revealing: boolean;
  onReveal: (reveal: boolean) => void;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const { can } = useSession();
  return (
    <Card style={{ marginBottom: 16 }}>
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <Flex vertical gap={8} style={{ minWidth: 0 }}>
          <Space size={12} align="center" wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="member-name">
              {member.name}
            </Typography.Title>
            <MemberStatusTag status={member.status} />
            <Tag color={member.levelName ? 'gold' : 'default'}>
              {member.levelName ?? t('members.detail.noLevel')}
            </Tag>
          </Space>
          <Space size={20} wrap>
            <Space size={6}>
              <PhoneOutlined />
              <Typography.Text data-testid="member-mobile" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {member.mobile}
              </Typography.Text>
              {can('members.pii') && (
                <Tooltip title={revealed ? t('members.detail.hide') : t('members.detail.reveal')}>
                  <Button
                    type="text"
                    size="small"
                    loading={revealing}
                    icon={revealed ? <EyeInvisibleOutlined /> : <EyeOutlined />}
                    aria-label={revealed ? t('members.detail.hide') : t('members.detail.reveal')}
                    data-testid="reveal-button"
                    onClick={() => onReveal(!revealed)}
                  />
                </Tooltip>
              )}
            </Space>
            <Space size={6}>
              <ShopOutlined />
              <Typography.Text>{member.homeStoreName}</Typography.Text>
            </Space>
          </Space>
          {member.status === 'cancelled' && member.statusReason && (
            <Typography.Text type="danger">
              {t('members.detail.cancelledBecause', { reason: member.statusReason })}
            </Typography.Text>
          )}
        </Flex>
        {extra && <Space wrap>{extra}</Space>}
      </Flex>
    </Card>
  );
}
