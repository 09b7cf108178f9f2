// Which operations a card offers: those its status allows by the life cycle in DESIGN.md
// (active ⇄ lost, active ⇄ frozen, lost → replaced, expired → active, any but cancelled →
// cancelled) and the operator's permissions allow (cards.write for the counter's everyday
// steps, cards.manage for freezing, cancelling, type changes and PIN resets).
import type { CardStatus } from '../queries.ts';

export const cardOperations = [
  'report-loss',
  'cancel-loss',
  'freeze',
  'unfreeze',
  'replace',
  'renew',
  'change-type',
  'reset-pin',
  'cancel',
] as const;
export type CardOperation = (typeof cardOperations)[number];

const rules: Record<
  CardOperation,
  { from: readonly CardStatus[]; permission: 'cards.write' | 'cards.manage' }
> = {
  'report-loss': { from: ['active'], permission: 'cards.write' },
  'cancel-loss': { from: ['lost'], permission: 'cards.write' },
  freeze: { from: ['active'], permission: 'cards.manage' },
  unfreeze: { from: ['frozen'], permission: 'cards.manage' },
  replace: { from: ['lost'], permission: 'cards.write' },
  renew: { from: ['expired'], permission: 'cards.write' },
  'change-type': { from: ['active'], permission: 'cards.manage' },
  // A PIN can be reset whenever the card may still come back into use.
  'reset-pin': { from: ['active', 'lost', 'frozen', 'expired'], permission: 'cards.manage' },
  cancel: { from: ['active', 'lost', 'frozen', 'expired', 'replaced'], permission: 'cards.manage' },
};

export function allowedOperations(status: CardStatus, can: (permission: string) => boolean): CardOperation[] {
  return cardOperations.filter((op) => rules[op].from.includes(status) && can(rules[op].permission));
}

/** Cancelling is final: shown in red and confirmed as such. */
export function isFinal(operation: CardOperation): boolean {
  return operation === 'cancel';
}
