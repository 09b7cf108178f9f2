// Which store the console works in; sent with every call as X-Store-Id. Only the operator's
// own stores are offered, and "all stores" only to those whose grants reach beyond a store.
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { isStoreBound, useSession } from '../app/session.tsx';

const allStores = '';

export function StoreSwitcher() {
  const { t } = useTranslation();
  const { operator, storeId, selectStore } = useSession();
  if (operator.stores.length === 0) return null;

  const options = [
    ...(isStoreBound(operator) ? [] : [{ value: allStores, label: t('header.allStores') }]),
    ...operator.stores.map((store) => ({ value: store.id, label: store.name })),
  ];
  return (
    <Select
      aria-label={t('header.store')}
      data-testid="store-switcher"
      value={storeId ?? allStores}
      options={options}
      onChange={(value: string) => selectStore(value === allStores ? null : value)}
      style={{ width: 180 }}
      showSearch={{ optionFilterProp: 'label' }}
      popupMatchSelectWidth={false}
    />
  );
}
