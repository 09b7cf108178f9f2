// The bonus a recharge would get, asked of the server as the amount changes (the rules,
// the store and today's date live there), shown as "赠送 ¥20.00（充100送20）".
import { GiftOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { formatMoney } from '../../../format.ts';

/** The value once it has stopped changing for `ms`, so typing 1-0-0 asks once, not three times. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function BonusPreview({ amountFen, cardTypeId }: { amountFen: number | null; cardTypeId?: string }) {
  const { t } = useTranslation();
  const amount = useSettled(amountFen, 250);
  const preview = useQuery({
    queryKey: ['value', 'bonus-preview', amount, cardTypeId ?? null],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/recharge-rules/preview', {
          params: { query: { amount: amount ?? 0, ...(cardTypeId ? { cardTypeId } : {}) } },
        }),
      ),
    enabled: amount !== null && amount > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });

  if (amountFen === null || amountFen <= 0) return null;
  const settling = amount !== amountFen || preview.isFetching;
  let text: string;
  if (!preview.data) text = t('value.recharge.previewLoading');
  else if (preview.data.bonus > 0)
    text = t('value.recharge.previewBonus', {
      bonus: formatMoney(preview.data.bonus),
      rule: preview.data.ruleName ?? '',
    });
  else text = t('value.recharge.previewNone');
  return (
    <Typography.Text
      data-testid="bonus-preview"
      type={preview.data && preview.data.bonus > 0 ? 'success' : 'secondary'}
      style={{ opacity: settling ? 0.6 : 1 }}
    >
      <GiftOutlined /> {text}
    </Typography.Text>
  );
}
