// Codes the server sends for the value area (transaction kinds, accounts, tenders, card
// states, batch row codes) in the current language; an unknown code shows as sent.
import { translateDynamic } from '../../i18n/index.ts';

export function kindLabel(kind: string): string {
  return translateDynamic(`value.kind.${kind}`, kind);
}

export function accountLabel(account: string): string {
  return translateDynamic(`value.account.${account}`, account);
}

export function tenderLabel(tender: string | null | undefined): string {
  return tender ? translateDynamic(`value.tender.${tender}`, tender) : '';
}

export function cardStatusLabel(status: string): string {
  return translateDynamic(`value.cardStatus.${status}`, status);
}

export function batchCodeLabel(code: string): string {
  return translateDynamic(`value.batch.codes.${code}`, code);
}

/** Which unit a transaction kind's headline amount is in. */
export function kindUnit(kind: string): 'money' | 'points' | 'uses' {
  if (kind.startsWith('points_')) return 'points';
  if (kind === 'package_use' || kind === 'package_use_reversal' || kind === 'package_expiry') return 'uses';
  return 'money';
}

/** Which unit an account's entries are in. */
export function accountUnit(account: string): 'money' | 'points' | 'uses' {
  if (account === 'points') return 'points';
  if (account === 'package') return 'uses';
  return 'money';
}
