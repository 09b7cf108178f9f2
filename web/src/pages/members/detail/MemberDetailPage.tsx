// One member: the header (standing, masked phone with reveal), and tabs for the profile,
// cards, balances, points, orders and follow-ups. The open tab is in the URL.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Result, Skeleton, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../../api/client.ts';
import { problemText } from '../../../api/problems.ts';
import { useSession } from '../../../app/session.tsx';
import { useMember } from '../queries.ts';
import { MemberBalancesTab } from './BalancesTab.tsx';
import { CardsTab } from './CardsTab.tsx';
import { FollowUpsTab } from './FollowUpsTab.tsx';
import { MemberHeader } from './MemberHeader.tsx';
import { ComingWithModule } from './PlaceholderTab.tsx';
import { ProfileTab } from './ProfileTab.tsx';

const tabKeys = ['profile', 'cards', 'balances', 'points', 'orders', 'followUps'] as const;
type TabKey = (typeof tabKeys)[number];

function isTabKey(value: string | null): value is TabKey {
  return (tabKeys as readonly (string | null)[]).includes(value);
}

export function MemberDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const [revealed, setRevealed] = useState(false);
  const query = useMember(id, revealed);
  const tab = params.get('tab');
  const activeTab: TabKey = isTabKey(tab) ? tab : 'profile';

  const back = (
    <Link to="/members">
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0, marginBottom: 8 }}>
        {t('members.detail.back')}
      </Button>
    </Link>
  );
  if (query.isPending) {
    return (
      <>
        {back}
        <Card>
          <Skeleton active />
        </Card>
      </>
    );
  }
  if (query.isError) {
    const missing = isApiError(query.error) && query.error.status === 404;
    return (
      <>
        {back}
        <Result
          status={missing ? '404' : 'error'}
          title={missing ? t('members.detail.notFound') : problemText(query.error)}
        />
      </>
    );
  }
  const member = query.data;
  // The revealed reading is what the server answered with reveal=true; until it arrives the
  // masked one stays on screen.
  const showingRevealed = revealed && !member.masked;

  const items = [
    { key: 'profile', label: t('members.detail.tabs.profile'), children: <ProfileTab member={member} /> },
    ...(can('cards.read')
      ? [{ key: 'cards', label: t('members.detail.tabs.cards'), children: <CardsTab member={member} /> }]
      : []),
    {
      key: 'balances',
      label: t('members.detail.tabs.balances'),
      children: <MemberBalancesTab memberId={member.id} />,
    },
    {
      key: 'points',
      label: t('members.detail.tabs.points'),
      children: <ComingWithModule what={t('members.detail.tabs.points')} module="ledger" />,
    },
    {
      key: 'orders',
      label: t('members.detail.tabs.orders'),
      children: <ComingWithModule what={t('members.detail.tabs.orders')} module="checkout" />,
    },
    {
      key: 'followUps',
      label: t('members.detail.tabs.followUps'),
      children: <FollowUpsTab member={member} />,
    },
  ];

  return (
    <>
      {back}
      <MemberHeader
        member={member}
        revealed={showingRevealed}
        revealing={revealed && query.isPlaceholderData}
        onReveal={setRevealed}
      />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={activeTab}
          items={items}
          destroyOnHidden
          onChange={(key) =>
            setParams(
              (prev) => {
                const next = new URLSearchParams(prev);
                next.set('tab', key);
                return next;
              },
              { replace: true },
            )
          }
        />
      </Card>
    </>
  );
}
