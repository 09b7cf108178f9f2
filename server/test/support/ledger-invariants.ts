// The ledger's invariants (DESIGN.md "The ledger"), checked against the database itself.
import { sql } from 'kysely';
import type { Db } from '../../src/db/database.ts';

export interface InvariantReport {
  /** Accounts whose cached balance differs from the sum of their entries (invariant 1). */
  drifted: Array<{ accountId: string; balance: number; entries: number }>;
  /** Accounts below their floor (invariant 2). */
  belowFloor: string[];
  /** Transactions reversed more than once (invariant 3). */
  doubleReversed: string[];
}

export async function checkLedgerInvariants(db: Db): Promise<InvariantReport> {
  const sums = await db
    .selectFrom('accounts as a')
    .leftJoin('ledgerEntries as e', 'e.accountId', 'a.id')
    .select(['a.id', 'a.balance', 'a.floor', sql<number>`coalesce(sum(e.amount), 0)`.as('total')])
    .groupBy(['a.id', 'a.balance', 'a.floor'])
    .execute();
  const reversals = await db
    .selectFrom('ledgerTransactions')
    .select(['reversesId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('reversesId', 'is not', null)
    .groupBy('reversesId')
    .execute();
  return {
    drifted: sums
      .filter((row) => Number(row.balance) !== Number(row.total))
      .map((row) => ({ accountId: row.id, balance: Number(row.balance), entries: Number(row.total) })),
    belowFloor: sums.filter((row) => Number(row.balance) < Number(row.floor)).map((row) => row.id),
    doubleReversed: reversals.filter((r) => Number(r.n) > 1).map((r) => r.reversesId!),
  };
}

export const cleanReport: InvariantReport = { drifted: [], belowFloor: [], doubleReversed: [] };
