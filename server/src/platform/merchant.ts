// Merchant-wide facts that many services need (time zone, settings), read once per
// process and refreshed when a merchant's settings change.
import type { Db } from '../db/database.ts';
import type { Trx } from '../db/transaction.ts';

/** When a points lot earned today stops being spendable (DESIGN invariant 6). */
export type PointsExpiryPolicy =
  | { kind: 'none' }
  /** The last spendable day is the day before the same date N months later. */
  | { kind: 'months'; months: number }
  /** Points earned in a year last until 31 December of the following year (次年年底). */
  | { kind: 'year_end' };

export interface MerchantSettings {
  /** 'store': members are managed and seen within their home store's subtree (default).
   *  'chain': every operator with members.read finds any member of the chain. */
  memberSharing: 'store' | 'chain';
  /** Which stored-value account a spend draws on first (DESIGN: proportional by default). */
  spendOrder: 'proportional' | 'bonus_first' | 'principal_first';
  /** How long earned points last. */
  pointsExpiry: PointsExpiryPolicy;
  /** Points worth ¥1 when paying with points (100 = one point per fen); 0 turns points-as-cash off. */
  pointsPerYuan: number;
  /** The largest share of an order points may pay, in basis points (5000 = half). */
  pointsCashMaxShareBp: number;
  /** Whether taking back already-spent earned points may leave a negative balance (a debt). */
  allowPointsDebt: boolean;
}

export interface MerchantFacts {
  id: string;
  name: string;
  timeZone: string;
  currency: string;
  settings: MerchantSettings;
}

const defaults: MerchantSettings = {
  memberSharing: 'store',
  spendOrder: 'proportional',
  pointsExpiry: { kind: 'none' },
  pointsPerYuan: 100,
  pointsCashMaxShareBp: 5000,
  allowPointsDebt: true,
};
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
