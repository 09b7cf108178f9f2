// The member table's columns: who, how to reach them (masked), where they belong, since when.
import { Flex, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../format.ts';
import type { Member } from '../queries.ts';
import { MemberStatusTag } from '../shared/StatusTags.tsx';

export function useMemberColumns(): TableColumnsType<Member> {
  const { t } = useTranslation();
  return [
    {
      title: t('members.fields.name'),
      dataIndex: 'name',
      width: 160,
      render: (name: string, member) => (
        <Link to={`/members/${member.id}`} data-testid="member-link">
          <Typography.Text strong style={{ color: 'inherit' }}>
            {name}
          </Typography.Text>
        </Link>
      ),
    },
    {
      title: t('members.fields.mobile'),
      dataIndex: 'mobile',
      width: 140,
      render: (mobile: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{mobile}</span>,
    },
    {
      title: t('members.fields.level'),
      dataIndex: 'levelName',
      width: 100,
      render: (level: string | null) => level ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    { title: t('members.fields.homeStore'), dataIndex: 'homeStoreName', width: 140, ellipsis: true },
    {
      title: t('members.fields.tags'),
      dataIndex: 'tags',
      render: (tags: string[]) =>
        tags.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Flex gap={4} wrap>
            {tags.map((tag) => (
              <Tag key={tag} style={{ marginInlineEnd: 0 }}>
                {tag}
              </Tag>
            ))}
          </Flex>
        ),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 90,
      render: (status: Member['status']) => <MemberStatusTag status={status} />,
    },
    {
      title: t('members.fields.registeredAt'),
      dataIndex: 'registeredAt',
      width: 120,
      render: (at: string) => formatDate(at),
    },
  ];
}
