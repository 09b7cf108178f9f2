// The member's profile: every field, the merchant's custom ones included, with editing and
// cancelling or restoring the membership for those who may write.
import { EditOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Descriptions, type DescriptionsProps, Flex, Space, Tag, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session.tsx';
import { formatDateTime } from '../../../format.ts';
import { MemberFormDrawer, type MemberFormTarget } from '../form/MemberFormDrawer.tsx';
import { type Member, useMemberFields } from '../queries.ts';
import { birthdayText } from '../shared/birthday-text.ts';
import { MemberStatusModal } from './MemberStatusModal.tsx';

const none = <Typography.Text type="secondary">—</Typography.Text>;

function orNone(value: ReactNode): ReactNode {
  return value === null || value === undefined || value === '' ? none : value;
}

function customText(value: unknown, separator: string): ReactNode {
  if (Array.isArray(value)) return value.length > 0 ? value.join(separator) : none;
  return orNone(value as ReactNode);
}

export function ProfileTab({ member }: { member: Member }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const fields = useMemberFields();
  const [editing, setEditing] = useState(false);
  const [statusAction, setStatusAction] = useState<'cancel' | 'restore' | null>(null);
  // A stable target: the drawer resets its inputs whenever the target changes.
  const formTarget = useMemo<MemberFormTarget | null>(
    () => (editing ? { mode: 'edit', member } : null),
    [editing, member],
  );

  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t('members.fields.name'), children: member.name },
    { key: 'mobile', label: t('members.fields.mobile'), children: member.mobile },
    { key: 'gender', label: t('members.fields.gender'), children: t(`members.gender.${member.gender}`) },
    {
      key: 'birthday',
      label: t('members.fields.birthday'),
      children: <span data-testid="member-birthday">{orNone(birthdayText(member.birthday, t))}</span>,
    },
    { key: 'email', label: t('members.fields.email'), children: orNone(member.email) },
    { key: 'occupation', label: t('members.fields.occupation'), children: orNone(member.occupation) },
    { key: 'address', label: t('members.fields.address'), children: orNone(member.address), span: 2 },
    {
      key: 'tags',
      label: t('members.fields.tags'),
      span: 2,
      children:
        member.tags.length === 0 ? (
          none
        ) : (
          <Flex gap={6} wrap>
            {member.tags.map((tag) => (
              <Tag key={tag} color="blue" style={{ marginInlineEnd: 0 }}>
                {tag}
              </Tag>
            ))}
          </Flex>
        ),
    },
    { key: 'homeStore', label: t('members.fields.homeStore'), children: member.homeStoreName },
    { key: 'level', label: t('members.fields.level'), children: orNone(member.levelName) },
    { key: 'source', label: t('members.fields.source'), children: t(`members.source.${member.source}`) },
    {
      key: 'consent',
      label: t('members.fields.marketingConsent'),
      children: member.marketingConsent ? t('members.common.yes') : t('members.common.no'),
    },
    {
      key: 'anniversaries',
      label: t('members.fields.anniversaries'),
      span: 2,
      children:
        member.anniversaries.length === 0
          ? none
          : member.anniversaries.map((a) => `${a.name} ${a.date}`).join(t('members.common.listSeparator')),
    },
    { key: 'externalId', label: t('members.fields.externalId'), children: orNone(member.externalId) },
    {
      key: 'registeredAt',
      label: t('members.fields.registeredAt'),
      children: formatDateTime(member.registeredAt),
    },
    {
      key: 'notes',
      label: t('members.fields.notes'),
      span: 2,
      children: <span style={{ whiteSpace: 'pre-wrap' }}>{orNone(member.notes)}</span>,
    },
    ...(fields.data ?? [])
      .filter((field) => field.status === 'active' || member.custom[field.key] !== undefined)
      .sort((a, b) => a.sort - b.sort)
      .map((field) => ({
        key: `custom.${field.key}`,
        label: field.label,
        children: customText(member.custom[field.key], t('members.common.listSeparator')),
      })),
  ];

  return (
    <Flex vertical gap={16}>
      {can('members.write') && (
        <Space wrap>
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('members.detail.edit')}
          </Button>
          {member.status === 'active' ? (
            <Button danger icon={<StopOutlined />} onClick={() => setStatusAction('cancel')}>
              {t('members.detail.cancelMembership')}
            </Button>
          ) : (
            <Button icon={<UndoOutlined />} onClick={() => setStatusAction('restore')}>
              {t('members.detail.restoreMembership')}
            </Button>
          )}
        </Space>
      )}
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={items}
        styles={{ label: { width: 150 }, content: { minWidth: 180 } }}
      />
      <MemberFormDrawer target={formTarget} onClose={() => setEditing(false)} />
      <MemberStatusModal member={member} action={statusAction} onClose={() => setStatusAction(null)} />
    </Flex>
  );
}
