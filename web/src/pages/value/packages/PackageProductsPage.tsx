// Count package products (计次卡项目): what each covers, its uses, price and validity, and
// where it is sold; sold to and used by members from their balances page.
import { PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, Flex, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { formatMoney } from '../../../format.ts';
import { type PackageProduct, usePackageProducts, useStoreNames } from '../queries.ts';
import { PackageProductFormModal, type PackageTarget } from './PackageProductFormModal.tsx';

export function PackageProductsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const stores = useStoreNames();
  const products = usePackageProducts();
  const [target, setTarget] = useState<PackageTarget | null>(null);
  const canWrite = can('settings.write');

  const validityText = (validity: PackageProduct['validity']) => {
    if (validity.kind === 'days') return t('value.packages.daysText', { count: validity.days });
    if (validity.kind === 'months') return t('value.packages.monthsText', { count: validity.months });
    return t('value.packages.validityNone');
  };

  const columns: TableColumnsType<PackageProduct> = [
    { title: t('value.common.name'), dataIndex: 'name', width: 180 },
    {
      title: t('value.packages.services'),
      dataIndex: 'services',
      render: (services: string[]) => (
        <Flex gap={4} wrap>
          {services.map((service) => (
            <Tag key={service}>{service}</Tag>
          ))}
        </Flex>
      ),
    },
    { title: t('value.packages.uses'), dataIndex: 'uses', width: 80, align: 'right' },
    {
      title: t('value.packages.priceColumn'),
      dataIndex: 'price',
      width: 120,
      align: 'right',
      render: (fen: number) => formatMoney(fen),
    },
    { title: t('value.packages.validity'), dataIndex: 'validity', width: 120, render: validityText },
    {
      title: t('value.common.stores'),
      dataIndex: 'storeIds',
      width: 220,
      render: (ids: string[]) =>
        ids.length === 0 ? (
          <Tag>{t('value.common.allStores')}</Tag>
        ) : (
          <Flex gap={4} wrap>
            {ids.map((id) => (
              <Tag key={id}>{stores.nameOf(id)}</Tag>
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
      render: (_, product) => (
        <Button type="link" size="small" onClick={() => setTarget({ mode: 'edit', product })}>
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('value.packages.title')}
        subtitle={t('value.packages.subtitle')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create' })}>
              {t('value.packages.create')}
            </Button>
          )
        }
      />
      <Card>
        <Table<PackageProduct>
          rowKey="id"
          columns={columns}
          dataSource={products.data ?? []}
          loading={products.isPending}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <Empty description={t('value.packages.empty')} /> }}
        />
      </Card>
      <PackageProductFormModal
        target={target}
        storeOptions={stores.options}
        onClose={() => setTarget(null)}
      />
    </>
  );
}
