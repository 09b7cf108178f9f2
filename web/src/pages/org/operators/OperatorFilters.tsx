// The operators list's filters; each change goes straight to the URL.
import { Button, Flex, Input, Select, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Filters } from '../../../hooks/useUrlFilters.ts';
import { type UnitNode, unitTreeOptions } from '../units/unit-tree.ts';

type Key = 'q' | 'unitId' | 'status';

export function OperatorFilters({
  filters,
  onChange,
  unitTree,
}: {
  filters: Filters<Key>;
  onChange: (changes: Filters<Key> | null) => void;
  unitTree: UnitNode[];
}) {
  const { t } = useTranslation();
  return (
    <Flex gap={12} wrap style={{ marginBottom: 16 }}>
      <Input.Search
        // Remounted when the URL changes elsewhere (reset, back button) so the box shows it.
        key={filters.q ?? ''}
        defaultValue={filters.q}
        placeholder={t('operators.searchPlaceholder')}
        allowClear
        onSearch={(q) => onChange({ q: q.trim() })}
        style={{ width: 260 }}
      />
      {unitTree.length > 0 && (
        <TreeSelect
          value={filters.unitId}
          treeData={unitTreeOptions(unitTree)}
          placeholder={t('operators.unitFilter')}
          allowClear
          treeDefaultExpandAll
          showSearch
          treeNodeFilterProp="title"
          onChange={(unitId?: string) => onChange({ unitId })}
          style={{ width: 220 }}
        />
      )}
      <Select
        value={filters.status}
        placeholder={t('operators.statusFilter')}
        allowClear
        options={[
          { value: 'active', label: t('status.active') },
          { value: 'disabled', label: t('status.disabled') },
        ]}
        onChange={(status?: string) => onChange({ status })}
        style={{ width: 140 }}
      />
      {Object.keys(filters).length > 0 && <Button onClick={() => onChange(null)}>{t('common.reset')}</Button>}
    </Flex>
  );
}
