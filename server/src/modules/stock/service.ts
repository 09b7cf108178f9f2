// Stock at each store: receiving goods, adjustments with a reason, stocktakes that post the
// difference, reorder points, the store's negative-stock setting, and the lists (levels,
// low stock, movements). Headquarters sees every store; a store sees its own.
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { dialectOf } from '../../db/database.ts';
import { forUpdate, type Trx } from '../../db/transaction.ts';
import type { Permission } from '../../platform/access/permissions.ts';
import { holdsMerchantWide, unitIdsInScope, unitInScope } from '../../platform/access/scope.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { nowIso } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError, isAppError } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor, page } from '../../platform/http/schemas.ts';
import { textSearch } from '../catalog/products.ts';
import { assertQuantity, ensureStockLevel, moveStock, type PostedMovement, stockedProduct } from './move.ts';
import * as repo from './repo.ts';
import type {
  adjustBody,
  movementListQuery,
  receiveBody,
  reorderPointBody,
  stockListQuery,
  stocktakeBody,
} from './schema.ts';

/** The store a call acts at: named in the body, else the console's selected store. */
export async function actingStore(
  db: Db | Trx,
  ctx: CallContext,
  permission: Permission,
  storeId: string | undefined,
  field = 'storeId',
): Promise<string> {
  const id = storeId ?? ctx.storeId;
  if (!id) throw new AppError('STORE_REQUIRED', {}, [{ field, code: 'required', message: '' }]);
  const store = await unitInScope(db, ctx.actor, permission, id, 'STORE_NOT_FOUND').catch((error) => {
    if (!isAppError(error)) throw error;
    throw new AppError('STORE_NOT_FOUND', {}, [{ field, code: 'not_found', message: '' }]);
  });
  return store.id;
}

/** Stores the actor sees for `permission`; undefined means every store. */
export async function storeScope(db: Db | Trx, ctx: CallContext, permission: Permission) {
  if (holdsMerchantWide(ctx.actor, permission)) return undefined;
  return unitIdsInScope(db, ctx.actor, permission);
}

/** Lines in product-id order, so concurrent calls lock level rows in the same order. */
function sortedLines<T extends { productId: string }>(lines: readonly T[]): Array<T & { index: number }> {
  const indexed = lines.map((line, index) => ({ ...line, index }));
  const seen = new Set<string>();
  for (const line of indexed) {
    if (seen.has(line.productId)) {
      throw new AppError('VALIDATION_FAILED', {}, [
        { field: `lines.${line.index}.productId`, code: 'duplicate', message: '' },
      ]);
    }
    seen.add(line.productId);
  }
  return indexed.sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}

async function audit(
  trx: Trx,
  ctx: CallContext,
  action: string,
  storeId: string,
  movements: PostedMovement[],
) {
  await recordAudit(trx, ctx, {
    action,
    entityType: 'stock',
    entityId: movements[0]?.id ?? null,
    unitId: storeId,
    after: { storeId, movements },
  });
}

export async function receiveStock(trx: Trx, ctx: CallContext, input: z.infer<typeof receiveBody>) {
  const storeId = await actingStore(trx, ctx, 'stock.write', input.storeId);
  for (const [index, line] of input.lines.entries()) {
    assertQuantity(line.quantity, 'positive', ctx.locale, `lines.${index}.quantity`);
  }
  const movements: PostedMovement[] = [];
  for (const line of sortedLines(input.lines)) {
    const move = { storeId, productId: line.productId, quantity: line.quantity, kind: 'receive' as const };
    movements.push(
      await moveStock(
        trx,
        ctx,
        { ...move, reason: input.reason || null, refId: input.refId ?? null },
        `lines.${line.index}.quantity`,
      ),
    );
  }
  await audit(trx, ctx, 'stock.receive', storeId, movements);
  return {
    items: await movementsById(
      trx,
      movements.map((m) => m.id),
    ),
  };
}

export async function adjustStock(trx: Trx, ctx: CallContext, input: z.infer<typeof adjustBody>) {
  const storeId = await actingStore(trx, ctx, 'stock.write', input.storeId);
  const movement = await moveStock(trx, ctx, {
    storeId,
    productId: input.productId,
    quantity: input.quantity,
    kind: 'adjust',
    reason: input.reason,
  });
  await audit(trx, ctx, 'stock.adjust', storeId, [movement]);
  return { items: await movementsById(trx, [movement.id]) };
}

/** Sets each counted quantity by posting the difference from what the books say. */
export async function stocktake(trx: Trx, ctx: CallContext, input: z.infer<typeof stocktakeBody>) {
  const storeId = await actingStore(trx, ctx, 'stock.write', input.storeId);
  const { merchantId } = ctx.actor;
  for (const [index, line] of input.lines.entries()) {
    assertQuantity(line.counted, 'not_negative', ctx.locale, `lines.${index}.counted`);
  }
  const movements: PostedMovement[] = [];
  for (const line of sortedLines(input.lines)) {
    await stockedProduct(trx, merchantId, storeId, line.productId, `lines.${line.index}.productId`);
    await ensureStockLevel(trx, merchantId, storeId, line.productId);
    const level = await forUpdate(
      trx
        .selectFrom('stockLevels')
        .select('onHand')
        .where('unitId', '=', storeId)
        .where('productId', '=', line.productId),
      dialectOf(trx),
    ).executeTakeFirstOrThrow();
    const difference = line.counted - Number(level.onHand);
    movements.push(
      await moveStock(trx, ctx, {
        storeId,
        productId: line.productId,
        quantity: difference,
        kind: 'stocktake',
        reason: input.reason || null,
      }),
    );
  }
  await audit(trx, ctx, 'stock.stocktake', storeId, movements);
  return {
    items: await movementsById(
      trx,
      movements.map((m) => m.id),
    ),
  };
}

export async function setReorderPoint(trx: Trx, ctx: CallContext, input: z.infer<typeof reorderPointBody>) {
  const storeId = await actingStore(trx, ctx, 'stock.write', input.storeId);
  const { merchantId } = ctx.actor;
  const product = await stockedProduct(trx, merchantId, storeId, input.productId);
  if (product.status !== 'active') throw new AppError('PRODUCT_INACTIVE', { code: product.code });
  await ensureStockLevel(trx, merchantId, storeId, input.productId);
  const before = await repo.findLevel(trx, storeId, input.productId);
  await repo.setLevelReorderPoint(trx, storeId, input.productId, input.reorderPoint, nowIso());
  await recordAudit(trx, ctx, {
    action: 'stock.reorder_point',
    entityType: 'stock_level',
    entityId: input.productId,
    unitId: storeId,
    before: { reorderPoint: before?.reorderPoint ?? null },
    after: { reorderPoint: input.reorderPoint },
  });
  const level = await listStock(trx, ctx, { storeId, productId: input.productId, limit: 1 }, false);
  const item = level.items[0];
  if (!item) throw new AppError('PRODUCT_NOT_FOUND');
  return item;
}

export async function stockSettings(db: Db | Trx, ctx: CallContext, storeId: string) {
  const id = await actingStore(db, ctx, 'catalog.read', storeId);
  return { storeId: id, allowNegativeStock: await repo.allowsNegative(db, id) };
}

/** Turns negative stock on or off for a store; off is refused while any product is below zero. */
export async function updateStockSettings(
  trx: Trx,
  ctx: CallContext,
  storeId: string,
  allowNegativeStock: boolean,
) {
  const id = await actingStore(trx, ctx, 'settings.write', storeId);
  const before = await repo.allowsNegative(trx, id);
  const flag = allowNegativeStock ? 1 : 0;
  await repo.saveSettings(trx, ctx.actor.merchantId, id, flag, nowIso());
  const negative = await repo.applySettingToLevels(trx, id, flag);
  if (negative > 0) throw new AppError('STOCK_NEGATIVE_EXISTS', { count: negative });
  await recordAudit(trx, ctx, {
    action: 'stock.settings',
    entityType: 'stock_settings',
    entityId: id,
    unitId: id,
    before: { allowNegativeStock: before },
    after: { allowNegativeStock },
  });
  return { storeId: id, allowNegativeStock };
}

const idPattern = /^[a-z]+_[0-9A-Z]{26}$/;

function decodeStockCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  const [unitId = '', productId = ''] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!idPattern.test(unitId) || !idPattern.test(productId)) {
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'cursor', code: 'invalid', message: '' }]);
  }
  return { unitId, productId };
}

export async function listStock(
  db: Db | Trx,
  ctx: CallContext,
  query: Partial<z.infer<typeof stockListQuery>> & { limit: number },
  lowOnly = query.lowOnly === 'true',
) {
  if (query.storeId) await actingStore(db, ctx, 'catalog.read', query.storeId);
  const text = textSearch(query.q);
  const rows = await repo
    .searchStock(db, {
      merchantId: ctx.actor.merchantId,
      storeIds: await storeScope(db, ctx, 'catalog.read'),
      storeId: query.storeId,
      productId: query.productId,
      text: text && { raw: text.raw, upper: text.upper, nameKey: text.nameKey },
      lowOnly,
      after: decodeStockCursor(query.cursor),
      limit: query.limit,
    })
    .execute();
  const items = rows.slice(0, query.limit).map((row) => {
    const onHand = Number(row.onHand);
    const reorderPoint = row.reorderPoint === null ? null : Number(row.reorderPoint);
    return { ...row, onHand, reorderPoint, low: reorderPoint !== null && onHand <= reorderPoint };
  });
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > query.limit && last ? encodeCursor(`${last.storeId}|${last.productId}`) : null;
  return { items, nextCursor };
}

export function presentMovement(row: repo.MovementRow) {
  return {
    id: row.id,
    storeId: row.unitId,
    storeName: row.storeName,
    productId: row.productId,
    productCode: row.productCode,
    productName: row.productName,
    kind: row.kind,
    quantity: Number(row.quantity),
    onHandAfter: Number(row.onHandAfter),
    reason: row.reason,
    refId: row.refId,
    operatorId: row.operatorId,
    operatorName: row.operatorName,
    createdAt: row.createdAt,
  };
}

export async function listMovements(db: Db, ctx: CallContext, query: z.infer<typeof movementListQuery>) {
  if (query.storeId) await actingStore(db, ctx, 'catalog.read', query.storeId);
  const rows = await repo
    .searchMovements(db, {
      merchantId: ctx.actor.merchantId,
      storeIds: await storeScope(db, ctx, 'catalog.read'),
      storeId: query.storeId,
      productId: query.productId,
      kind: query.kind,
      refId: query.refId,
      beforeId: decodeCursor(query.cursor),
      limit: query.limit,
    })
    .execute();
  const { items, nextCursor } = page(rows, query.limit);
  return { items: items.map(presentMovement), nextCursor };
}

/** Movements as the lists show them (with names), for answers to the calls that made them. */
export async function movementsById(db: Db | Trx, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await repo.movementColumns(db).where('m.id', 'in', ids).orderBy('m.id').execute();
  return rows.map(presentMovement);
}
