// A card's life, as DESIGN.md's contract states it: active ⇄ lost (report-loss,
// cancel-loss), active ⇄ frozen (freeze, unfreeze), lost → replaced (replace),
// expired → active (renew), any state but cancelled → cancelled (cancel). Pure: the
// caller supplies today's date, so expiry is decided by the server's clock.
import type { CardStatus } from '../../db/schema.ts';
import type { ErrorCode } from '../../platform/errors.ts';

export const cardOperations = [
  'report-loss',
  'cancel-loss',
  'freeze',
  'unfreeze',
  'replace',
  'cancel',
  'renew',
] as const;
export type CardOperation = (typeof cardOperations)[number];

const transitions: Record<CardOperation, { from: CardStatus[] | 'any-but-cancelled'; to: CardStatus }> = {
  'report-loss': { from: ['active'], to: 'lost' },
  'cancel-loss': { from: ['lost'], to: 'active' },
  freeze: { from: ['active'], to: 'frozen' },
  unfreeze: { from: ['frozen'], to: 'active' },
  replace: { from: ['lost'], to: 'replaced' },
  cancel: { from: 'any-but-cancelled', to: 'cancelled' },
  renew: { from: ['expired'], to: 'active' },
};

/** The status a person sees: an active card past its last valid day is expired. */
export function effectiveStatus(
  card: { status: CardStatus; expiresOn: string | null },
  today: string,
): CardStatus {
  if (card.status === 'active' && card.expiresOn !== null && card.expiresOn < today) return 'expired';
  return card.status;
}

/** The status after `operation`, or undefined when the current status does not allow it. */
export function nextStatus(current: CardStatus, operation: CardOperation): CardStatus | undefined {
  const rule = transitions[operation];
  const allowed = rule.from === 'any-but-cancelled' ? current !== 'cancelled' : rule.from.includes(current);
  return allowed ? rule.to : undefined;
}

/** Why a card cannot be used to spend, or undefined when it can. */
export function unusableReason(status: CardStatus): ErrorCode | undefined {
  switch (status) {
    case 'active':
      return undefined;
    case 'lost':
      return 'CARD_LOST';
    case 'frozen':
      return 'CARD_FROZEN';
    case 'expired':
      return 'CARD_EXPIRED';
    case 'replaced':
    case 'cancelled':
      return 'CARD_CANCELLED';
  }
}
