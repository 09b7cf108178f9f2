// Exports the list as it is filtered: a plain download link built from the same query, so the
// browser streams the file and the page stays where it is.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session.tsx';
import type { Filters } from '../../../hooks/useUrlFilters.ts';
import type { MemberFilterKey } from './MemberFilters.tsx';

export function exportHref(
  filters: Filters<MemberFilterKey>,
  format: 'xlsx' | 'csv',
  reveal = false,
): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  query.set('format', format);
  if (reveal) query.set('reveal', 'true');
  return `/api/v1/members/export?${query.toString()}`;
}

export function ExportButton({ filters }: { filters: Filters<MemberFilterKey> }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const items: MenuProps['items'] = [
    { key: 'xlsx', label: <a href={exportHref(filters, 'xlsx')}>{t('members.export.xlsx')}</a> },
    { key: 'csv', label: <a href={exportHref(filters, 'csv')}>{t('members.export.csv')}</a> },
  ];
  if (can('members.pii')) {
    items.push(
      { type: 'divider' },
      {
        key: 'xlsx-revealed',
        label: <a href={exportHref(filters, 'xlsx', true)}>{t('members.export.xlsxRevealed')}</a>,
      },
    );
  }
  return (
    <Dropdown menu={{ items }} trigger={['click']}>
      <Button icon={<DownloadOutlined />} data-testid="member-export">
        {t('members.export.button')}
      </Button>
    </Dropdown>
  );
}
