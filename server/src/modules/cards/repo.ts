// SQL for cards and card fees.
import type { Db } from '../../db/database.ts';
import type { CardStatus, CardsTable } from '../../db/schema.ts';
import type { Trx } from '../../db/transaction.ts';

type Handle = Db | Trx;

function cardColumns(db: Handle) {
  return db
    .selectFrom('cards as c')
    .innerJoin('members as m', 'm.id', 'c.memberId')
    .innerJoin('cardTypes as t', 't.id', 'c.cardTypeId')
    .innerJoin('orgUnits as u', 'u.id', 'm.homeUnitId')
    .selectAll('c')
    .select([
      'm.name as memberName',
      't.name as cardTypeName',
      't.pinRequired',
      'm.homeUnitId',
      'u.path as homePath',
    ]);
}

export type CardRow = CardsTable & {
  memberName: string;
  cardTypeName: string;
  pinRequired: 0 | 1;
  homeUnitId: string;
  homePath: string;
};

export function findCardByNo(db: Handle, merchantId: string, cardNo: string): Promise<CardRow | undefined> {
  return cardColumns(db)
    .where('c.merchantId', '=', merchantId)
    .where('c.cardNo', '=', cardNo)
    .executeTakeFirst();
}

export function cardsOfMember(db: Handle, memberId: string): Promise<CardRow[]> {
  return cardColumns(db).where('c.memberId', '=', memberId).orderBy('c.id').execute();
}

export async function cardNoTaken(db: Handle, merchantId: string, cardNo: string): Promise<boolean> {
  const row = await db
    .selectFrom('cards')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('cardNo', '=', cardNo)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertCard(trx: Trx, row: CardsTable): Promise<void> {
  await trx.insertInto('cards').values(row).execute();
}

/**
 * Changes a card only if it is still in the status the caller read, so two tills acting
 * on one card at once cannot both succeed. Returns whether the row changed.
 */
export async function updateCardGuarded(
  trx: Trx,
  cardId: string,
  expectedStatus: CardStatus,
  changes: Partial<CardsTable>,
): Promise<boolean> {
  const result = await trx
    .updateTable('cards')
    .set(changes)
    .where('id', '=', cardId)
    .where('status', '=', expectedStatus)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Takes one of a card's PIN tries before the PIN is judged: a guarded increment, so guesses
 * that arrive together cannot all slip in under the limit. Returns the count including this
 * try, or undefined when no try is left.
 */
export async function takePinTry(trx: Trx, cardId: string, maxTries: number): Promise<number | undefined> {
  const result = await trx
    .updateTable('cards')
    .set((eb) => ({ pinFailures: eb('pinFailures', '+', 1) }))
    .where('id', '=', cardId)
    .where('pinFailures', '<', maxTries)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  const row = await trx
    .selectFrom('cards')
    .select('pinFailures')
    .where('id', '=', cardId)
    .executeTakeFirstOrThrow();
  return row.pinFailures;
}

export async function clearPinFailures(trx: Trx, cardId: string): Promise<void> {
  await trx.updateTable('cards').set({ pinFailures: 0 }).where('id', '=', cardId).execute();
}

export function feesOfMember(db: Handle, memberId: string) {
  return db.selectFrom('cardFees').selectAll().where('memberId', '=', memberId).orderBy('id').execute();
}
