// The gift catalogue members redeem points for: price in points, the per-member limit and
// stock at each store. Members redeem from their balances page.
import { PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, Flex, Select, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useSession } from '../../../app/session.tsx';
import { LoadMore } from '../../../components/LoadMore.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { formatCount } from '../../../format.ts';
import { useCursorList } from '../../../hooks/useCursorList.ts';
import { useUrlFilters } from '../../../hooks/useUrlFilters.ts';
import { type Gift, useStoreNames, valueKeys } from '../queries.ts';
import { GiftFormModal, type GiftTarget } from './GiftFormModal.tsx';

const filterKeys = ['active'] as const;

export function GiftsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const stores = useStoreNames();
  const [filters, setFilters] = useUrlFilters(filterKeys);
  const [target, setTarget] = useState<GiftTarget | null>(null);
  const canWrite = can('catalog.write');
  const list = useCursorList([...valueKeys.gifts, filters], (cursor) =>
    unwrap(
      api.GET('/api/v1/gifts', {
        params: {
          query: {
            ...(filters.active === 'true' || filters.active === 'false' ? { active: filters.active } : {}),
            cursor,
            limit: 50,
          },
        },
      }),
    ),
  );

  const columns: TableColumnsType<Gift> = [
    { title: t('value.common.name'), dataIndex: 'name', width: 180 },
    {
      title: t('value.gifts.description'),
      dataIndex: 'description',
      ellipsis: true,
      render: (d: string | null) => d ?? '',
    },
    {
      title: t('value.gifts.pointsPrice'),
      dataIndex: 'pointsPrice',
      width: 110,
      align: 'right',
      render: (n: number) => formatCount(n),
    },
    {
      title: t('value.gifts.perMemberLimit'),
      dataIndex: 'perMemberLimit',
      width: 110,
      align: 'right',
      render: (n: number | null) => (n === null ? t('value.gifts.noLimit') : formatCount(n)),
    },
    {
      title: t('value.gifts.stock'),
      dataIndex: 'stock',
      render: (stock: Gift['stock']) =>
        stock.length === 0 ? (
          <Tag>{t('value.gifts.noStock')}</Tag>
        ) : (
          <Flex gap={4} wrap>
            {stock.map((line) => (
              <Tag key={line.storeId} color={line.quantity > 0 ? 'blue' : 'default'}>
                {stores.nameOf(line.storeId)} {formatCount(line.quantity)}
              </Tag>
            ))}
          </Flex>
        ),
    },
    {
      title: t('common.status'),
      dataIndex: 'active',
      width: 100,
      render: (active: boolean) => (
        <Badge
          status={active ? 'success' : 'default'}
          text={t(active ? 'value.common.active' : 'value.common.archived')}
        />
      ),
    },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, gift) => (
        <Button type="link" size="small" onClick={() => setTarget({ mode: 'edit', gift })}>
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('value.gifts.title')}
        subtitle={t('value.gifts.subtitle')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create' })}>
              {t('value.gifts.create')}
            </Button>
          )
        }
      />
      <Card>
        <Select
          value={filters.active}
          placeholder={t('value.gifts.activeFilter')}
          allowClear
          options={[
            { value: 'true', label: t('value.common.active') },
            { value: 'false', label: t('value.common.archived') },
          ]}
          onChange={(active?: string) => setFilters({ active })}
          style={{ width: 140, marginBottom: 16 }}
        />
        <Table<Gift>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 960 }}
          locale={{ emptyText: <Empty description={t('value.gifts.empty')} /> }}
        />
        <LoadMore
          shown={list.items.length}
          hasMore={list.hasMore}
          loading={list.loadingMore}
          onLoadMore={list.loadMore}
        />
      </Card>
      <GiftFormModal target={target} storeOptions={stores.options} onClose={() => setTarget(null)} />
    </>
  );
}
