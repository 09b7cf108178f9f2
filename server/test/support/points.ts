// Helpers for the points tests: the lots' own invariant (what the lots hold is what the
// account says, less any debt), and a call context for driving services directly where no
// route exists yet (earning and taking back earned points belong to checkout).
import { sql } from 'kysely';
import type { Db } from '../../src/db/database.ts';
import { loadGrants } from '../../src/platform/access/actor.ts';
import type { CallContext } from '../../src/platform/context.ts';

export interface LotsReport {
  /** Points accounts whose unexpired lots do not hold their balance (or hold points while in debt). */
  mismatched: Array<{ accountId: string; balance: number; lots: number }>;
  /** Lots marked expired that still hold points, or hold more than they were given. */
  badLots: string[];
}

export async function checkPointsLots(db: Db): Promise<LotsReport> {
  const rows = await db
    .selectFrom('accounts as a')
    .leftJoin('pointsLots as l', (join) => join.onRef('l.accountId', '=', 'a.id').on('l.expired', '=', 0))
    .select(['a.id', 'a.balance', sql<number>`coalesce(sum(l.remaining), 0)`.as('lots')])
    .where('a.kind', '=', 'points')
    .groupBy(['a.id', 'a.balance'])
    .execute();
  const bad = await db
    .selectFrom('pointsLots')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('expired', '=', 1), eb('remaining', '!=', 0)]),
        eb('remaining', '>', eb.ref('amount')),
        eb('remaining', '<', 0),
      ]),
    )
    .execute();
  return {
    mismatched: rows
      .map((r) => ({ accountId: r.id, balance: Number(r.balance), lots: Number(r.lots) }))
      .filter((r) => r.lots !== Math.max(0, r.balance)),
    badLots: bad.map((b) => b.id),
  };
}

export const cleanLots: LotsReport = { mismatched: [], badLots: [] };

/** The call context a request by this demo operator at this store would have. */
export async function contextOf(db: Db, username: string, storeId: string | null): Promise<CallContext> {
  const operator = await db
    .selectFrom('operators')
    .select(['id', 'merchantId', 'username', 'displayName', 'unitId'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return {
    actor: {
      kind: 'operator',
      operatorId: operator.id,
      merchantId: operator.merchantId,
      username: operator.username,
      displayName: operator.displayName,
      unitId: operator.unitId,
      sessionId: 'test',
      grants: await loadGrants(db, operator.id),
    },
    locale: 'en-US',
    requestId: 'test',
    ip: null,
    storeId,
  };
}
