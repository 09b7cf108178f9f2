// SQL for points accounts and lots. Every change to a lot is a guarded UPDATE whose
// affected-row count says whether it happened, so two tills (or two expiry runs) can never
// take the same points twice; the CHECK remaining >= 0 backs it.
import { type Db, dialectOf } from '../../db/database.ts';
import type { PointsLotsTable } from '../../db/schema.ts';
import { forUpdate, type Trx } from '../../db/transaction.ts';

type Handle = Db | Trx;

export interface LotRow {
  id: string;
  remaining: number;
  expiresOn: string;
  expired: 0 | 1;
}

/** The points account row, locked on PostgreSQL until the transaction ends. */
export async function lockAccount(trx: Trx, accountId: string) {
  const row = await forUpdate(
    trx.selectFrom('accounts').select(['id', 'balance', 'floor']).where('id', '=', accountId),
    dialectOf(trx),
  ).executeTakeFirstOrThrow();
  return { id: row.id, balance: Number(row.balance), floor: Number(row.floor) };
}

function lotColumns(db: Handle, accountId: string) {
  return db
    .selectFrom('pointsLots')
    .select(['id', 'remaining', 'expiresOn', 'expired'])
    .where('accountId', '=', accountId)
    .where('expired', '=', 0)
    .where('remaining', '>', 0)
    .orderBy('expiresOn')
    .orderBy('id');
}

function toLot(row: LotRow): LotRow {
  return { ...row, remaining: Number(row.remaining) };
}

/** Lots that may still be spent today, the one expiring first first. */
export async function spendableLots(db: Handle, accountId: string, today: string): Promise<LotRow[]> {
  return (await lotColumns(db, accountId).where('expiresOn', '>=', today).execute()).map(toLot);
}

/** Every lot holding points not yet marked expired, including ones past their day. */
export async function openLots(db: Handle, accountId: string): Promise<LotRow[]> {
  return (await lotColumns(db, accountId).execute()).map(toLot);
}

/** Lots past their last day that the expiry job has not posted yet. */
export async function dueLots(db: Handle, accountId: string, today: string): Promise<LotRow[]> {
  return (await lotColumns(db, accountId).where('expiresOn', '<', today).execute()).map(toLot);
}

export async function findLot(db: Handle, lotId: string): Promise<LotRow | undefined> {
  const row = await db
    .selectFrom('pointsLots')
    .select(['id', 'remaining', 'expiresOn', 'expired'])
    .where('id', '=', lotId)
    .executeTakeFirst();
  return row ? toLot(row) : undefined;
}

/** Takes points from a lot if it still holds them; false when it does not. */
export async function takeFromLot(trx: Trx, lotId: string, points: number): Promise<boolean> {
  const result = await trx
    .updateTable('pointsLots')
    .set((eb) => ({ remaining: eb('remaining', '-', points) }))
    .where('id', '=', lotId)
    .where('expired', '=', 0)
    .where('remaining', '>=', points)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives points back to a lot that has not been expired; false when it has. */
export async function giveToLot(trx: Trx, lotId: string, points: number): Promise<boolean> {
  const result = await trx
    .updateTable('pointsLots')
    .set((eb) => ({ remaining: eb('remaining', '+', points) }))
    .where('id', '=', lotId)
    .where('expired', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Marks a lot expired if it still holds exactly what the job saw; false when another run
 * (or a spend) got there first, so the job posts nothing for it.
 */
export async function markLotExpired(trx: Trx, lotId: string, seenRemaining: number): Promise<boolean> {
  const result = await trx
    .updateTable('pointsLots')
    .set({ expired: 1, remaining: 0 })
    .where('id', '=', lotId)
    .where('expired', '=', 0)
    .where('remaining', '=', seenRemaining)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertLots(trx: Trx, rows: PointsLotsTable[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto('pointsLots').values(rows).execute();
}

/** Points accounts of a merchant with lots past their day, and the member of each. */
export function accountsWithDueLots(db: Db, merchantId: string, today: string) {
  return db
    .selectFrom('pointsLots as l')
    .innerJoin('accounts as a', 'a.id', 'l.accountId')
    .select(['a.id as accountId', 'a.memberId'])
    .distinct()
    .where('a.merchantId', '=', merchantId)
    .where('l.expired', '=', 0)
    .where('l.remaining', '>', 0)
    .where('l.expiresOn', '<', today)
    .orderBy('a.id')
    .execute();
}

/** A transaction of the merchant and its entries on points accounts, with their lots. */
export async function pointsTransaction(db: Handle, merchantId: string, transactionId: string) {
  const txn = await db
    .selectFrom('ledgerTransactions')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('id', '=', transactionId)
    .executeTakeFirst();
  if (!txn) return undefined;
  const entries = await db
    .selectFrom('ledgerEntries as e')
    .innerJoin('accounts as a', 'a.id', 'e.accountId')
    .select(['e.accountId', 'e.amount', 'e.lotId'])
    .where('e.transactionId', '=', transactionId)
    .where('a.kind', '=', 'points')
    .orderBy('e.id')
    .execute();
  return { txn, entries: entries.map((e) => ({ ...e, amount: Number(e.amount) })) };
}

/** Points a member earned (by kind points_earn) since an instant, net of nothing else. */
export async function pointsEarnedSince(db: Handle, accountId: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('ledgerEntries as e')
    .innerJoin('ledgerTransactions as t', 't.id', 'e.transactionId')
    .select((eb) => eb.fn.sum<number>('e.amount').as('total'))
    .where('e.accountId', '=', accountId)
    .where('t.kind', '=', 'points_earn')
    .where('e.createdAt', '>=', since)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

/** A member's lots, newest first; `spendableOn` keeps only lots that may be spent that day. */
export function lotsOfAccount(
  db: Handle,
  accountId: string,
  options: { before?: string | undefined; limit: number; spendableOn?: string | undefined },
) {
  let q = db
    .selectFrom('pointsLots')
    .selectAll()
    .where('accountId', '=', accountId)
    .orderBy('id', 'desc')
    .limit(options.limit + 1);
  if (options.before) q = q.where('id', '<', options.before);
  if (options.spendableOn) {
    q = q.where('expired', '=', 0).where('remaining', '>', 0).where('expiresOn', '>=', options.spendableOn);
  }
  return q.execute();
}

/** The member's points account, if one was ever opened. */
export function pointsAccountOf(db: Handle, memberId: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'balance'])
    .where('memberId', '=', memberId)
    .where('kind', '=', 'points')
    .where('refId', '=', '')
    .executeTakeFirst();
}
