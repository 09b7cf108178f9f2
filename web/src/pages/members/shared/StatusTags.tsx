// A member's and a card's status as coloured tags, the same on every page.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CardStatus, Member } from '../queries.ts';

const cardColors: Record<CardStatus, string> = {
  active: 'success',
  lost: 'warning',
  frozen: 'processing',
  expired: 'default',
  replaced: 'default',
  cancelled: 'error',
};

export function MemberStatusTag({ status }: { status: Member['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={status === 'active' ? 'success' : 'error'} data-testid="member-status">
      {t(`members.status.${status}`)}
    </Tag>
  );
}

export function CardStatusTag({ status }: { status: CardStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={cardColors[status]} data-testid="card-status">
      {t(`members.cardStatus.${status}`)}
    </Tag>
  );
}
