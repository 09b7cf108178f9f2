// SQL for the gift catalogue, stock per store and redemption orders. Stock moves only by
// guarded updates (backed by CHECK quantity >= 0), a redemption is cancelled by a guarded
// status change, so concurrent tills cannot oversell a gift or cancel twice.
import type { Db } from '../../db/database.ts';
import type { GiftsTable, RedemptionsTable } from '../../db/schema.ts';
import type { Trx } from '../../db/transaction.ts';

type Handle = Db | Trx;

export function findGift(db: Handle, merchantId: string, id: string) {
  return db
    .selectFrom('gifts')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listGiftRows(
  db: Handle,
  merchantId: string,
  options: { active?: boolean; before?: string; limit: number },
) {
  let q = db
    .selectFrom('gifts')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .orderBy('id', 'desc')
    .limit(options.limit + 1);
  if (options.active !== undefined) q = q.where('active', '=', options.active ? 1 : 0);
  if (options.before) q = q.where('id', '<', options.before);
  return q.execute();
}

export async function insertGift(trx: Trx, row: GiftsTable): Promise<void> {
  await trx.insertInto('gifts').values(row).execute();
}

export async function updateGiftRow(trx: Trx, id: string, changes: Partial<GiftsTable>): Promise<void> {
  await trx.updateTable('gifts').set(changes).where('id', '=', id).execute();
}

export async function stockOf(db: Handle, giftIds: readonly string[]) {
  if (giftIds.length === 0) return [];
  const rows = await db
    .selectFrom('giftStock')
    .selectAll()
    .where('giftId', 'in', [...giftIds])
    .orderBy('unitId')
    .execute();
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
}

/** Sets a store's stock of a gift to an absolute quantity (a stock count). */
export async function setStock(trx: Trx, giftId: string, unitId: string, quantity: number): Promise<void> {
  await trx
    .insertInto('giftStock')
    .values({ giftId, unitId, quantity })
    .onConflict((oc) => oc.columns(['giftId', 'unitId']).doUpdateSet({ quantity }))
    .execute();
}

/** Takes `quantity` from a store's stock if it holds that many; false when it does not. */
export async function takeStock(
  trx: Trx,
  giftId: string,
  unitId: string,
  quantity: number,
): Promise<boolean> {
  const result = await trx
    .updateTable('giftStock')
    .set((eb) => ({ quantity: eb('quantity', '-', quantity) }))
    .where('giftId', '=', giftId)
    .where('unitId', '=', unitId)
    .where('quantity', '>=', quantity)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function returnStock(trx: Trx, giftId: string, unitId: string, quantity: number): Promise<void> {
  await trx
    .insertInto('giftStock')
    .values({ giftId, unitId, quantity })
    .onConflict((oc) =>
      oc
        .columns(['giftId', 'unitId'])
        .doUpdateSet((eb) => ({ quantity: eb('giftStock.quantity', '+', quantity) })),
    )
    .execute();
}

/** Units of a gift the member holds in redemptions that were not cancelled. */
export async function redeemedQuantity(db: Handle, memberId: string, giftId: string): Promise<number> {
  const row = await db
    .selectFrom('redemptions')
    .select((eb) => eb.fn.sum<number>('quantity').as('total'))
    .where('memberId', '=', memberId)
    .where('giftId', '=', giftId)
    .where('status', '=', 'completed')
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

export async function insertRedemption(trx: Trx, row: RedemptionsTable): Promise<void> {
  await trx.insertInto('redemptions').values(row).execute();
}

function redemptionColumns(db: Handle) {
  return db
    .selectFrom('redemptions as r')
    .innerJoin('gifts as g', 'g.id', 'r.giftId')
    .selectAll('r')
    .select('g.name as giftName');
}

export type RedemptionRow = RedemptionsTable & { giftName: string };

export function findRedemption(
  db: Handle,
  merchantId: string,
  id: string,
): Promise<RedemptionRow | undefined> {
  return redemptionColumns(db)
    .where('r.merchantId', '=', merchantId)
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export function redemptionsOfMember(
  db: Handle,
  memberId: string,
  options: { before?: string; limit: number },
) {
  let q = redemptionColumns(db)
    .where('r.memberId', '=', memberId)
    .orderBy('r.id', 'desc')
    .limit(options.limit + 1);
  if (options.before) q = q.where('r.id', '<', options.before);
  return q.execute();
}

/** Marks a redemption cancelled if it still is not; false when another call got there first. */
export async function markCancelled(
  trx: Trx,
  id: string,
  changes: Pick<RedemptionsTable, 'cancelledAt' | 'cancelReason'>,
): Promise<boolean> {
  const result = await trx
    .updateTable('redemptions')
    .set({ ...changes, status: 'cancelled' })
    .where('id', '=', id)
    .where('status', '=', 'completed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setCancelTransaction(trx: Trx, id: string, transactionId: string): Promise<void> {
  await trx
    .updateTable('redemptions')
    .set({ cancelTransactionId: transactionId })
    .where('id', '=', id)
    .execute();
}
