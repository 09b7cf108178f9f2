// The gift catalogue (积分礼品): name, points price, per-member limit, active flag and stock
// per store. Headquarters keeps it; a stock count names stores in the caller's scope.
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { GiftsTable } from '../../db/schema.ts';
import type { Trx } from '../../db/transaction.ts';
import { unitInScope } from '../../platform/access/scope.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { nowIso } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, page } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import { findGift, insertGift, listGiftRows, setStock, stockOf, updateGiftRow } from './gifts-repo.ts';
import type { createGiftBody, giftsQuery, updateGiftBody } from './schema.ts';

type Stock = Awaited<ReturnType<typeof stockOf>>;

function presentGift(row: GiftsTable, stock: Stock) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    pointsPrice: Number(row.pointsPrice),
    perMemberLimit: row.perMemberLimit === null ? null : Number(row.perMemberLimit),
    active: row.active === 1,
    stock: stock.filter((s) => s.giftId === row.id).map((s) => ({ storeId: s.unitId, quantity: s.quantity })),
    createdAt: row.createdAt,
  };
}

export async function getGift(db: Db | Trx, merchantId: string, id: string) {
  const row = await findGift(db, merchantId, id);
  if (!row) throw new AppError('GIFT_NOT_FOUND');
  return presentGift(row, await stockOf(db, [row.id]));
}

export async function listGifts(db: Db, merchantId: string, query: z.infer<typeof giftsQuery>) {
  const before = decodeCursor(query.cursor);
  const rows = await listGiftRows(db, merchantId, {
    limit: query.limit,
    ...(query.active ? { active: query.active === 'true' } : {}),
    ...(before ? { before } : {}),
  });
  const { items, nextCursor } = page(rows, query.limit);
  const stock = await stockOf(
    db,
    items.map((g) => g.id),
  );
  return { items: items.map((row) => presentGift(row, stock)), nextCursor };
}

async function applyStock(
  trx: Trx,
  ctx: CallContext,
  giftId: string,
  lines: Array<{ storeId: string; quantity: number }>,
) {
  for (const [index, line] of lines.entries()) {
    await unitInScope(trx, ctx.actor, 'catalog.write', line.storeId, 'STORE_NOT_FOUND').catch(
      (error: unknown) => {
        if (error instanceof AppError) {
          throw new AppError(error.code, {}, [
            { field: `stock.${index}.storeId`, code: 'not_found', message: '' },
          ]);
        }
        throw error;
      },
    );
    await setStock(trx, giftId, line.storeId, line.quantity);
  }
}

export async function createGift(trx: Trx, ctx: CallContext, input: z.infer<typeof createGiftBody>) {
  const now = nowIso();
  const row: GiftsTable = {
    id: newId('gift'),
    merchantId: ctx.actor.merchantId,
    name: input.name,
    description: input.description || null,
    pointsPrice: input.pointsPrice,
    perMemberLimit: input.perMemberLimit ?? null,
    active: input.active === false ? 0 : 1,
    createdAt: now,
    updatedAt: now,
  };
  await insertGift(trx, row);
  await applyStock(trx, ctx, row.id, input.stock ?? []);
  const gift = await getGift(trx, ctx.actor.merchantId, row.id);
  await recordAudit(trx, ctx, {
    action: 'points.gift_create',
    entityType: 'gift',
    entityId: row.id,
    unitId: null,
    after: gift,
  });
  return gift;
}

export async function updateGift(
  trx: Trx,
  ctx: CallContext,
  id: string,
  input: z.infer<typeof updateGiftBody>,
) {
  const before = await getGift(trx, ctx.actor.merchantId, id);
  const changes: Partial<GiftsTable> = { updatedAt: nowIso() };
  if (input.name !== undefined) changes.name = input.name;
  if (input.description !== undefined) changes.description = input.description || null;
  if (input.pointsPrice !== undefined) changes.pointsPrice = input.pointsPrice;
  if (input.perMemberLimit !== undefined) changes.perMemberLimit = input.perMemberLimit;
  if (input.active !== undefined) changes.active = input.active ? 1 : 0;
  await updateGiftRow(trx, id, changes);
  await applyStock(trx, ctx, id, input.stock ?? []);
  const after = await getGift(trx, ctx.actor.merchantId, id);
  await recordAudit(trx, ctx, {
    action: 'points.gift_update',
    entityType: 'gift',
    entityId: id,
    unitId: null,
    before,
    after,
  });
  return after;
}
