// A card's life, as DESIGN.md's contract states it: active ⇄ lost (report-loss,
// cancel-loss), active ⇄ frozen (freeze, unfreeze), lost → replaced (replace),
// expired → active (renew), any state but cancelled → cancelled (cancel). Pure: the
// caller supplies today's date, so expiry is decided by the server's clock.
import type { Locale } from '../../config.ts';
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

/** A status as CARD_STATE_INVALID's message names it: "The card is lost; …". */
const statusNames: Record<CardStatus, Record<Locale, string>> = {
  active: { 'zh-CN': '正常', 'en-US': 'active' },
  lost: { 'zh-CN': '挂失', 'en-US': 'lost' },
  frozen: { 'zh-CN': '冻结', 'en-US': 'frozen' },
  expired: { 'zh-CN': '过期', 'en-US': 'expired' },
  replaced: { 'zh-CN': '已补卡作废', 'en-US': 'replaced' },
  cancelled: { 'zh-CN': '已销卡', 'en-US': 'cancelled' },
};

/** An operation as the same message names it: "…; it cannot be frozen". */
const operationNames: Record<CardOperation | 'change-type', Record<Locale, string>> = {
  'report-loss': { 'zh-CN': '挂失', 'en-US': 'reported lost' },
  'cancel-loss': { 'zh-CN': '解挂', 'en-US': 'taken off the loss report' },
  freeze: { 'zh-CN': '冻结', 'en-US': 'frozen' },
  unfreeze: { 'zh-CN': '解冻', 'en-US': 'unfrozen' },
  replace: { 'zh-CN': '补卡', 'en-US': 'replaced' },
  cancel: { 'zh-CN': '销卡', 'en-US': 'cancelled' },
  renew: { 'zh-CN': '续期', 'en-US': 'renewed' },
  'change-type': { 'zh-CN': '变更卡类型', 'en-US': 'moved to another card type' },
};

/** The message parameters of CARD_STATE_INVALID, in the caller's language. */
export function stateInvalidParams(
  status: CardStatus,
  operation: CardOperation | 'change-type',
  locale: Locale,
): { state: string; operation: string } {
  return { state: statusNames[status][locale], operation: operationNames[operation][locale] };
}
