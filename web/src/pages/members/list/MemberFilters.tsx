// The member list's search box and filters; each change goes straight to the URL.
import { Button, DatePicker, Flex, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session.tsx';
import type { Filters } from '../../../hooks/useUrlFilters.ts';
import { useMemberTags } from '../queries.ts';

export const memberFilterKeys = [
  'q',
  'tag',
  'homeStoreId',
  'levelId',
  'status',
  'registeredFrom',
  'registeredTo',
  'birthdayMonth',
] as const;
export type MemberFilterKey = (typeof memberFilterKeys)[number];

const months = Array.from({ length: 12 }, (_, i) => i + 1);

export function MemberFilters({
  filters,
  onChange,
  levels,
}: {
  filters: Filters<MemberFilterKey>;
  onChange: (changes: Filters<MemberFilterKey> | null) => void;
  /** Levels seen so far; there is no level catalogue to offer until the levels module lands. */
  levels: { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  const { operator } = useSession();
  const tags = useMemberTags();
  const range: [dayjs.Dayjs, dayjs.Dayjs] | null =
    filters.registeredFrom && filters.registeredTo
      ? [dayjs(filters.registeredFrom), dayjs(filters.registeredTo)]
      : null;

  return (
    <Flex vertical gap={12} style={{ marginBottom: 16 }}>
      <Input.Search
        // Remounted when the URL changes elsewhere (reset, back button) so the box shows it.
        key={filters.q ?? ''}
        defaultValue={filters.q}
        placeholder={t('members.list.searchPlaceholder')}
        aria-label={t('members.list.searchPlaceholder')}
        allowClear
        enterButton
        onSearch={(q) => onChange({ q: q.trim() })}
        style={{ maxWidth: 520 }}
        data-testid="member-search"
      />
      <Flex gap={12} wrap>
        <Select
          value={filters.tag}
          placeholder={t('members.fields.tags')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={(tags.data ?? []).map(({ tag, count }) => ({ value: tag, label: `${tag} (${count})` }))}
          onChange={(tag?: string) => onChange({ tag })}
          style={{ width: 160 }}
        />
        {operator.stores.length > 1 && (
          <Select
            value={filters.homeStoreId}
            placeholder={t('members.fields.homeStore')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={operator.stores.map((store) => ({ value: store.id, label: store.name }))}
            onChange={(homeStoreId?: string) => onChange({ homeStoreId })}
            style={{ width: 160 }}
          />
        )}
        <Select
          value={filters.levelId}
          placeholder={t('members.fields.level')}
          allowClear
          notFoundContent={t('members.list.noLevels')}
          options={levels.map((level) => ({ value: level.id, label: level.name }))}
          onChange={(levelId?: string) => onChange({ levelId })}
          style={{ width: 140 }}
        />
        <Select
          value={filters.status}
          placeholder={t('common.status')}
          allowClear
          options={[
            { value: 'active', label: t('members.status.active') },
            { value: 'cancelled', label: t('members.status.cancelled') },
          ]}
          onChange={(status?: string) => onChange({ status })}
          style={{ width: 120 }}
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(dates) =>
            onChange({
              registeredFrom: dates?.[0]?.format('YYYY-MM-DD') ?? '',
              registeredTo: dates?.[1]?.format('YYYY-MM-DD') ?? '',
            })
          }
          placeholder={[t('members.list.registeredFrom'), t('members.list.registeredTo')]}
          aria-label={t('members.fields.registeredAt')}
        />
        <Select
          value={filters.birthdayMonth}
          placeholder={t('members.list.birthdayMonth')}
          allowClear
          options={months.map((m) => ({ value: String(m), label: t('members.list.monthN', { month: m }) }))}
          onChange={(birthdayMonth?: string) => onChange({ birthdayMonth })}
          style={{ width: 160 }}
        />
        {Object.keys(filters).length > 0 && (
          <Button onClick={() => onChange(null)}>{t('common.reset')}</Button>
        )}
      </Flex>
    </Flex>
  );
}
