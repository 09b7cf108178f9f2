// The foot of a cursor-paged table: how many rows are shown, and a button for the next page.
import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function LoadMore({
  shown,
  hasMore,
  loading,
  onLoadMore,
}: {
  shown: number;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}) {
  const { t } = useTranslation();
  if (shown === 0) return null;
  return (
    <Flex justify="center" align="center" gap={12} style={{ marginTop: 16 }}>
      <Typography.Text type="secondary">{t('common.shownCount', { count: shown })}</Typography.Text>
      {hasMore ? (
        <Button onClick={onLoadMore} loading={loading}>
          {t('common.loadMore')}
        </Button>
      ) : (
        <Typography.Text type="secondary">· {t('common.allLoaded')}</Typography.Text>
      )}
    </Flex>
  );
}
