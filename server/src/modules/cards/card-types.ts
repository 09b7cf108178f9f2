// Card types (卡类型), defined by each merchant: what a card can hold (stored value,
// points, discount, count packages), its fees, validity, PIN rule and subsidiary cards.
// Contradictory settings are refused with the reason.
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { CardTypesTable } from '../../db/schema.ts';
import type { Trx } from '../../db/transaction.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { isRealDate, nowIso } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { createCardTypeBody, updateCardTypeBody } from './schema.ts';

type Row = CardTypesTable;
const flag = (value: boolean | undefined) => (value ? 1 : 0) as 0 | 1;

export function presentCardType(row: Row) {
  return {
    id: row.id,
    name: row.name,
    named: row.named === 1,
    storedValue: row.storedValue === 1,
    points: row.points === 1,
    discount: row.discount === 1,
    countBased: row.countBased === 1,
    discountRate: row.discountRate,
    pointsRate: row.pointsRate,
    pinRequired: row.pinRequired === 1,
    rechargeable: row.rechargeable === 1,
    validity:
      row.validityKind === 'months'
        ? { kind: 'months' as const, months: row.validityMonths ?? 0 }
        : row.validityKind === 'fixed_date'
          ? { kind: 'fixed_date' as const, date: row.validityDate ?? '' }
          : { kind: 'none' as const },
    joinFee: row.joinFeeFen,
    annualFee: row.annualFeeFen,
    replacementFee: row.replacementFeeFen,
    subsidiaryAllowed: row.subsidiaryAllowed === 1,
    subsidiaryLimit: row.subsidiaryLimitFen,
    status: row.status,
    createdAt: row.createdAt,
  };
}

/** A reason (in English, shown in the message) when the settings contradict each other. */
function contradiction(row: Row): string | undefined {
  if (!row.storedValue && !row.points && !row.discount && !row.countBased) {
    return 'a card type must hold stored value, points, a discount or count packages';
  }
  if (row.rechargeable && !row.storedValue) return 'only a stored-value card can be recharged';
  if (row.discountRate < 10000 && !row.discount) return 'a discount rate needs the discount flag';
  if (row.discount && row.discountRate >= 10000)
    return 'a discount card needs a rate below 10000 (e.g. 9500 = 9.5折)';
  if (row.pointsRate > 0 && !row.points) return 'a points rate needs the points flag';
  if (row.subsidiaryLimitFen !== null && !row.subsidiaryAllowed)
    return 'a subsidiary limit needs subsidiary cards allowed';
  if (row.validityKind === 'fixed_date' && !isRealDate(row.validityDate ?? ''))
    return 'the validity date is not a real date';
  return undefined;
}

function applyInput(row: Row, input: z.infer<typeof updateCardTypeBody>): Row {
  const next = { ...row };
  if (input.name !== undefined) next.name = input.name;
  if (input.named !== undefined) next.named = flag(input.named);
  if (input.storedValue !== undefined) next.storedValue = flag(input.storedValue);
  if (input.points !== undefined) next.points = flag(input.points);
  if (input.discount !== undefined) next.discount = flag(input.discount);
  if (input.countBased !== undefined) next.countBased = flag(input.countBased);
  if (input.discountRate !== undefined) next.discountRate = input.discountRate;
  if (input.pointsRate !== undefined) next.pointsRate = input.pointsRate;
  if (input.pinRequired !== undefined) next.pinRequired = flag(input.pinRequired);
  if (input.rechargeable !== undefined) next.rechargeable = flag(input.rechargeable);
  if (input.validity !== undefined) {
    next.validityKind = input.validity.kind;
    next.validityMonths = input.validity.kind === 'months' ? input.validity.months : null;
    next.validityDate = input.validity.kind === 'fixed_date' ? input.validity.date : null;
  }
  if (input.joinFee !== undefined) next.joinFeeFen = input.joinFee;
  if (input.annualFee !== undefined) next.annualFeeFen = input.annualFee;
  if (input.replacementFee !== undefined) next.replacementFeeFen = input.replacementFee;
  if (input.subsidiaryAllowed !== undefined) next.subsidiaryAllowed = flag(input.subsidiaryAllowed);
  if (input.subsidiaryLimit !== undefined) next.subsidiaryLimitFen = input.subsidiaryLimit;
  if (input.status !== undefined) next.status = input.status;
  return next;
}

async function assertNameFree(trx: Trx, merchantId: string, name: string, exceptId?: string) {
  let query = trx
    .selectFrom('cardTypes')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('name', '=', name);
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) {
    throw new AppError('CARD_TYPE_NAME_TAKEN', { name }, [{ field: 'name', code: 'taken', message: '' }]);
  }
}

export async function listCardTypes(db: Db, merchantId: string) {
  const rows = await db
    .selectFrom('cardTypes')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .orderBy('id')
    .execute();
  return rows.map(presentCardType);
}

export async function findCardType(db: Db | Trx, merchantId: string, cardTypeId: string): Promise<Row> {
  const row = await db
    .selectFrom('cardTypes')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('id', '=', cardTypeId)
    .executeTakeFirst();
  if (!row)
    throw new AppError('CARD_TYPE_NOT_FOUND', {}, [{ field: 'cardTypeId', code: 'not_found', message: '' }]);
  return row;
}

export async function createCardType(trx: Trx, ctx: CallContext, input: z.infer<typeof createCardTypeBody>) {
  const blank: Row = {
    id: newId('cardType'),
    merchantId: ctx.actor.merchantId,
    name: input.name,
    named: 1,
    storedValue: 0,
    points: 0,
    discount: 0,
    countBased: 0,
    discountRate: 10000,
    pointsRate: 0,
    validityKind: 'none',
    validityMonths: null,
    validityDate: null,
    joinFeeFen: 0,
    annualFeeFen: 0,
    replacementFeeFen: 0,
    rechargeable: flag(input.storedValue),
    pinRequired: 0,
    subsidiaryAllowed: 0,
    subsidiaryLimitFen: null,
    status: 'active',
    createdAt: nowIso(),
  };
  const row = applyInput(blank, input);
  const reason = contradiction(row);
  if (reason) throw new AppError('CARD_TYPE_INVALID', { reason });
  await assertNameFree(trx, row.merchantId, row.name);
  await trx.insertInto('cardTypes').values(row).execute();
  await recordAudit(trx, ctx, {
    action: 'cards.type.create',
    entityType: 'card_type',
    entityId: row.id,
    unitId: null,
    after: row,
  });
  return presentCardType(row);
}

export async function updateCardType(
  trx: Trx,
  ctx: CallContext,
  cardTypeId: string,
  input: z.infer<typeof updateCardTypeBody>,
) {
  const before = await findCardType(trx, ctx.actor.merchantId, cardTypeId);
  const after = applyInput(before, input);
  const reason = contradiction(after);
  if (reason) throw new AppError('CARD_TYPE_INVALID', { reason });
  if (input.name !== undefined) await assertNameFree(trx, before.merchantId, after.name, cardTypeId);
  const { id: _id, merchantId: _m, createdAt: _c, ...changes } = after;
  await trx.updateTable('cardTypes').set(changes).where('id', '=', cardTypeId).execute();
  await recordAudit(trx, ctx, {
    action: 'cards.type.update',
    entityType: 'card_type',
    entityId: cardTypeId,
    unitId: null,
    before,
    after,
  });
  return presentCardType(after);
}
