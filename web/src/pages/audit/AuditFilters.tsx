// The audit log's filters; each change goes straight to the URL.
import { Button, DatePicker, Flex, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Filters } from '../../hooks/useUrlFilters.ts';
import { auditActionLabel, entityTypeLabel } from '../../i18n/labels.ts';
import { zhCN } from '../../i18n/zh-CN.ts';

export const auditFilterKeys = ['action', 'entityType', 'entityId', 'from', 'to'] as const;
type Key = (typeof auditFilterKeys)[number];

/** Every action the catalogue names (`auth.login`, `org.unit.create`, …), from its nested keys. */
function leafKeys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value as object, `${prefix}${key}.`),
  );
}
const knownActions = leafKeys(zhCN.auditActions);
const knownEntityTypes = Object.keys(zhCN.entityTypes);

export function AuditFilters({
  filters,
  onChange,
}: {
  filters: Filters<Key>;
  onChange: (changes: Filters<Key> | null) => void;
}) {
  const { t } = useTranslation();
  const range: [dayjs.Dayjs, dayjs.Dayjs] | null =
    filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null;

  return (
    <Flex gap={12} wrap style={{ marginBottom: 16 }}>
      <Select
        value={filters.action}
        placeholder={t('audit.action')}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        options={knownActions.map((action) => ({ value: action, label: auditActionLabel(action) }))}
        onChange={(action?: string) => onChange({ action })}
        style={{ width: 180 }}
      />
      <Select
        value={filters.entityType}
        placeholder={t('audit.entityType')}
        allowClear
        options={knownEntityTypes.map((type) => ({ value: type, label: entityTypeLabel(type) }))}
        onChange={(entityType?: string) => onChange({ entityType })}
        style={{ width: 150 }}
      />
      <Input.Search
        key={filters.entityId ?? ''}
        defaultValue={filters.entityId}
        placeholder={t('audit.entityId')}
        allowClear
        onSearch={(entityId) => onChange({ entityId: entityId.trim() })}
        style={{ width: 240 }}
      />
      <DatePicker.RangePicker
        showTime={{ format: 'HH:mm' }}
        format="YYYY-MM-DD HH:mm"
        value={range}
        onChange={(dates) =>
          onChange({ from: dates?.[0]?.toISOString() ?? '', to: dates?.[1]?.toISOString() ?? '' })
        }
        aria-label={t('audit.range')}
      />
      {Object.keys(filters).length > 0 && <Button onClick={() => onChange(null)}>{t('common.reset')}</Button>}
    </Flex>
  );
}
