// Points: earn rules, the merchant's points settings and the points summary, one tab each
// (the tab is in the address), with the expiry job runnable on demand.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useReportProblem } from '../../../api/problems.ts';
import { useSession } from '../../../app/session.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { formatCount } from '../../../format.ts';
import { useUrlFilters } from '../../../hooks/useUrlFilters.ts';
import { PointsRulesTab } from './PointsRulesTab.tsx';
import { PointsSettingsTab } from './PointsSettingsTab.tsx';
import { PointsSummaryTab } from './PointsSummaryTab.tsx';

const tabKeys = ['tab'] as const;

export function PointsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const reportProblem = useReportProblem();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useUrlFilters(tabKeys);

  const expire = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/points/expire')),
    onSuccess: (run) => {
      void message.success(
        t('value.points.expiryDone', {
          points: formatCount(run.points),
          lots: formatCount(run.lots),
          accounts: formatCount(run.accounts),
        }),
      );
      void queryClient.invalidateQueries({ queryKey: ['value'] });
    },
    onError: (error) => reportProblem(error),
  });

  const items = [
    { key: 'rules', label: t('value.points.tabRules'), children: <PointsRulesTab /> },
    { key: 'settings', label: t('value.points.tabSettings'), children: <PointsSettingsTab /> },
    ...(can('reports.read')
      ? [{ key: 'summary', label: t('value.points.tabSummary'), children: <PointsSummaryTab /> }]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('value.points.title')}
        subtitle={t('value.points.subtitle')}
        extra={
          can('settings.write') && (
            <Popconfirm
              title={t('common.confirmTitle')}
              description={t('value.points.runExpiryConfirm')}
              okButtonProps={{ danger: true }}
              onConfirm={() => expire.mutateAsync().catch(() => undefined)}
            >
              <Button danger loading={expire.isPending}>
                {t('value.points.runExpiry')}
              </Button>
            </Popconfirm>
          )
        }
      />
      <Card>
        <Tabs
          activeKey={filters.tab ?? 'rules'}
          onChange={(tab) => setFilters({ tab: tab === 'rules' ? '' : tab })}
          items={items}
          destroyOnHidden
        />
      </Card>
    </>
  );
}
