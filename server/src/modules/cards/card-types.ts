// Card types (卡类型), defined by each merchant: what a card can hold (stored value,
// points, discount, count packages), its fees, validity, PIN rule and subsidiary cards.
// Contradictory settings are refused with the reason, in the caller's language.
import type { z } from 'zod';
import type { Locale } from '../../config.ts';
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

/** Why settings contradict each other, in each language, and the field to look at. */
const contradictions = {
  holds_nothing: {
    field: 'storedValue',
    'zh-CN': '卡类型至少要包含储值、积分、折扣或计次中的一项',
    'en-US': 'a card type must hold stored value, points, a discount or count packages',
  },
  recharge_needs_stored_value: {
    field: 'rechargeable',
    'zh-CN': '只有储值卡可以充值',
    'en-US': 'only a stored-value card can be recharged',
  },
  rate_needs_discount: {
    field: 'discountRate',
    'zh-CN': '设置折扣率须同时开启折扣',
    'en-US': 'a discount rate needs the discount flag',
  },
  discount_needs_rate: {
    field: 'discountRate',
    'zh-CN': '折扣卡的折扣率须低于 10000（如 9500 即 9.5 折）',
    'en-US': 'a discount card needs a rate below 10000 (e.g. 9500 = 9.5折)',
  },
  points_rate_needs_points: {
    field: 'pointsRate',
    'zh-CN': '设置积分比例须同时开启积分',
    'en-US': 'a points rate needs the points flag',
  },
  limit_needs_subsidiaries: {
    field: 'subsidiaryLimit',
    'zh-CN': '设置附属卡额度须允许办理附属卡',
    'en-US': 'a subsidiary limit needs subsidiary cards allowed',
  },
  date_not_real: {
    field: 'validity.date',
    'zh-CN': '有效期截止日期不存在',
    'en-US': 'the validity date is not a real date',
  },
} as const satisfies Record<string, { field: string } & Record<Locale, string>>;

type Contradiction = keyof typeof contradictions;

/** The first contradiction between the settings, if any. */
function contradiction(row: Row): Contradiction | undefined {
  if (!row.storedValue && !row.points && !row.discount && !row.countBased) return 'holds_nothing';
  if (row.rechargeable && !row.storedValue) return 'recharge_needs_stored_value';
  if (row.discountRate < 10000 && !row.discount) return 'rate_needs_discount';
  if (row.discount && row.discountRate >= 10000) return 'discount_needs_rate';
  if (row.pointsRate > 0 && !row.points) return 'points_rate_needs_points';
  if (row.subsidiaryLimitFen !== null && !row.subsidiaryAllowed) return 'limit_needs_subsidiaries';
  if (row.validityKind === 'fixed_date' && !isRealDate(row.validityDate ?? '')) return 'date_not_real';
  return undefined;
}

/** CARD_TYPE_INVALID with the reason in the caller's language, when the settings contradict. */
function assertConsistent(row: Row, locale: Locale): void {
  const found = contradiction(row);
  if (!found) return;
  const { field, [locale]: reason } = contradictions[found];
  throw new AppError('CARD_TYPE_INVALID', { reason }, [{ field, code: found, message: reason }]);
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
  assertConsistent(row, ctx.locale);
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
  assertConsistent(after, ctx.locale);
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
