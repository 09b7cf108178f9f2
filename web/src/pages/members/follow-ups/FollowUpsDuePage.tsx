// Follow-ups due on or before a day (today unless the URL says otherwise), each linking to
// its member, so a store works through the list from top to bottom.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../../api/client.ts';
import { LoadMore } from '../../../components/LoadMore.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { formatDateTime } from '../../../format.ts';
import { useCursorList } from '../../../hooks/useCursorList.ts';
import { useUrlFilters } from '../../../hooks/useUrlFilters.ts';
import { type FollowUp, memberKeys } from '../queries.ts';

const filterKeys = ['until'] as const;

export function FollowUpsDuePage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useUrlFilters(filterKeys);
  const list = useCursorList([...memberKeys.due, filters], (cursor) =>
    unwrap(
      api.GET('/api/v1/follow-ups/due', { params: { query: { until: filters.until, cursor, limit: 50 } } }),
    ),
  );
  const today = dayjs().format('YYYY-MM-DD');

  const columns: TableColumnsType<FollowUp> = [
    {
      title: t('members.due.nextDate'),
      dataIndex: 'nextFollowUpOn',
      width: 130,
      render: (on: string) => <Tag color={on < today ? 'red' : on === today ? 'orange' : 'blue'}>{on}</Tag>,
    },
    {
      title: t('members.due.member'),
      dataIndex: 'memberName',
      width: 140,
      render: (name: string, f) => <Link to={`/members/${f.memberId}?tab=followUps`}>{name}</Link>,
    },
    {
      title: t('members.followUps.channel'),
      dataIndex: 'channel',
      width: 100,
      render: (channel: FollowUp['channel']) => t(`members.followUps.channels.${channel}`),
    },
    { title: t('members.due.lastContact'), dataIndex: 'content', ellipsis: true },
    {
      title: t('members.followUps.outcome'),
      dataIndex: 'outcome',
      ellipsis: true,
      render: (o: string | null) => o ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('members.due.by'),
      dataIndex: 'operatorName',
      width: 240,
      render: (name: string, f) => (
        <Flex vertical>
          <span>{name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(f.createdAt)}
          </Typography.Text>
        </Flex>
      ),
    },
  ];

  return (
    <>
      <Link to="/members">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0, marginBottom: 8 }}>
          {t('members.detail.back')}
        </Button>
      </Link>
      <PageHeader title={t('members.due.title')} subtitle={t('members.due.subtitle')} />
      <Card>
        <Flex gap={12} align="center" style={{ marginBottom: 16 }}>
          <Typography.Text>{t('members.due.until')}</Typography.Text>
          <DatePicker
            value={filters.until ? dayjs(filters.until) : null}
            placeholder={t('members.due.today')}
            onChange={(d) => setFilters({ until: d ? d.format('YYYY-MM-DD') : '' })}
          />
        </Flex>
        <Table<FollowUp>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description={t('members.due.empty')} /> }}
        />
        <LoadMore
          shown={list.items.length}
          hasMore={list.hasMore}
          loading={list.loadingMore}
          onLoadMore={list.loadMore}
        />
      </Card>
    </>
  );
}
