// /value/members/:memberId: one member's value panel with who they are above it, for
// cashiers who come from the member lookup.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../../api/client.ts';
import { problemText } from '../../../api/problems.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useMemberProfile } from '../queries.ts';
import { MemberValuePanel } from './MemberValuePanel.tsx';

export function MemberValuePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const memberId = useParams().memberId ?? '';
  const member = useMemberProfile(memberId);

  if (member.isPending) return <Skeleton active />;
  if (member.isError) {
    const missing = isApiError(member.error) && member.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('value.member.notFound') : problemText(member.error)}
        extra={
          <Button onClick={() => void navigate('/value/members')}>{t('value.member.lookupTitle')}</Button>
        }
      />
    );
  }
  return (
    <>
      <PageHeader
        title={t('value.member.pageTitle', { name: member.data.name })}
        subtitle={`${member.data.mobile} · ${member.data.homeStoreName} · ${t('value.member.pageSubtitle')}`}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/value/members')}>
            {t('value.member.lookupTitle')}
          </Button>
        }
      />
      <MemberValuePanel memberId={memberId} />
    </>
  );
}
