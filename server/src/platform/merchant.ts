// Merchant-wide facts that many services need (time zone, settings), read once per
// process and refreshed when a merchant's settings change.
import type { Db } from '../db/database.ts';
import type { Trx } from '../db/transaction.ts';

export interface MerchantSettings {
  /** 'store': members are managed and seen within their home store's subtree (default).
   *  'chain': every operator with members.read finds any member of the chain. */
  memberSharing: 'store' | 'chain';
  /** Which stored-value account a spend draws on first (DESIGN: proportional by default). */
  spendOrder: 'proportional' | 'bonus_first' | 'principal_first';
}

export interface MerchantFacts {
  id: string;
  name: string;
  timeZone: string;
  currency: string;
  settings: MerchantSettings;
}

const defaults: MerchantSettings = { memberSharing: 'store', spendOrder: 'proportional' };
// Another process may change the settings; a minute of staleness is the price of not
// reading the merchant row on every request.
const ttlMs = 60_000;
const cache = new Map<string, { facts: MerchantFacts; at: number }>();

export async function merchantFacts(db: Db | Trx, merchantId: string): Promise<MerchantFacts> {
  const cached = cache.get(merchantId);
  if (cached && Date.now() - cached.at < ttlMs) return cached.facts;
  const row = await db
    .selectFrom('merchants')
    .select(['id', 'name', 'timeZone', 'currency', 'settingsJson'])
    .where('id', '=', merchantId)
    .executeTakeFirstOrThrow();
  const facts: MerchantFacts = {
    id: row.id,
    name: row.name,
    timeZone: row.timeZone,
    currency: row.currency,
    settings: { ...defaults, ...(JSON.parse(row.settingsJson) as Partial<MerchantSettings>) },
  };
  cache.set(merchantId, { facts, at: Date.now() });
  return facts;
}

/** Call after changing a merchant's row so the next read sees it. */
export function forgetMerchant(merchantId: string): void {
  cache.delete(merchantId);
}
