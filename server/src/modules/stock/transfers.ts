// Transfers between stores (调拨): sending takes the goods out of the source store at once
// (status `sent`); the destination receives them, once (`received`); the sender may cancel a
// transfer still on its way, which puts the goods back (`cancelled`). Leaving `sent` is a
// guarded update, so a transfer is received or cancelled exactly once however many try.
import type { z } from 'zod';
import type { Locale } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { StockTransferStatus } from '../../db/schema.ts';
import type { Trx } from '../../db/transaction.ts';
import { coversPath } from '../../platform/access/scope.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { nowIso } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, page } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import { assertQuantity, moveStock, stockedProduct } from './move.ts';
import * as repo from './repo.ts';
import type { cancelTransferBody, createTransferBody, transferListQuery } from './schema.ts';
import { actingStore, storeScope } from './service.ts';

const words = {
  sent: { 'zh-CN': '已发出', 'en-US': 'sent' },
  received: { 'zh-CN': '已收货', 'en-US': 'received' },
  cancelled: { 'zh-CN': '已取消', 'en-US': 'cancelled' },
  receive: { 'zh-CN': '收货', 'en-US': 'received' },
  cancel: { 'zh-CN': '取消', 'en-US': 'cancelled' },
} as const satisfies Record<string, Record<Locale, string>>;

const reasons = {
  same_store: {
    'zh-CN': '调出和调入不能是同一门店',
    'en-US': 'the source and destination are the same store',
  },
  store_product: {
    'zh-CN': '门店自有商品只在本店销售，不能调拨到其他门店',
    'en-US': "a store's own product is sold only there and cannot be transferred",
  },
} as const satisfies Record<string, Record<Locale, string>>;

function invalid(reason: keyof typeof reasons, locale: Locale, field: string): AppError {
  const message = reasons[reason][locale];
  return new AppError('TRANSFER_INVALID', { reason: message }, [{ field, code: reason, message }]);
}

function presentTransfer(row: repo.TransferRow, lines: Awaited<ReturnType<typeof repo.transferLines>>) {
  return {
    id: row.id,
    fromStoreId: row.fromUnitId,
    fromStoreName: row.fromStoreName,
    toStoreId: row.toUnitId,
    toStoreName: row.toStoreName,
    status: row.status,
    note: row.note,
    lines: lines
      .filter((l) => l.transferId === row.id)
      .map((l) => ({ productId: l.productId, code: l.code, name: l.name, quantity: Number(l.quantity) })),
    sentBy: row.sentBy,
    sentAt: row.sentAt,
    receivedBy: row.receivedBy,
    receivedAt: row.receivedAt,
    cancelledBy: row.cancelledBy,
    cancelledAt: row.cancelledAt,
    cancelReason: row.cancelReason,
  };
}

/** A transfer either end of which the caller sees, or TRANSFER_NOT_FOUND as if absent. */
async function visibleTransfer(db: Db | Trx, ctx: CallContext, id: string): Promise<repo.TransferRow> {
  const row = await repo.findTransfer(db, ctx.actor.merchantId, id);
  const seen =
    row &&
    (coversPath(ctx.actor, 'catalog.read', row.fromPath) ||
      coversPath(ctx.actor, 'catalog.read', row.toPath));
  if (!row || !seen) throw new AppError('TRANSFER_NOT_FOUND');
  return row;
}

export async function getTransfer(db: Db | Trx, ctx: CallContext, id: string) {
  const row = await visibleTransfer(db, ctx, id);
  return presentTransfer(row, await repo.transferLines(db, [row.id]));
}

async function destinationStore(trx: Trx, merchantId: string, storeId: string) {
  const store = await trx
    .selectFrom('orgUnits')
    .select(['id', 'kind', 'status'])
    .where('merchantId', '=', merchantId)
    .where('id', '=', storeId)
    .executeTakeFirst();
  if (store?.kind !== 'store' || store.status !== 'active') {
    throw new AppError('STORE_NOT_FOUND', {}, [{ field: 'toStoreId', code: 'not_found', message: '' }]);
  }
  return store.id;
}

/** Sends goods to another store of the chain (any store: the sender need not manage it). */
export async function sendTransfer(trx: Trx, ctx: CallContext, input: z.infer<typeof createTransferBody>) {
  const { merchantId } = ctx.actor;
  const fromId = await actingStore(trx, ctx, 'stock.write', input.fromStoreId, 'fromStoreId');
  const toId = await destinationStore(trx, merchantId, input.toStoreId);
  if (fromId === toId) throw invalid('same_store', ctx.locale, 'toStoreId');
  const seen = new Set<string>();
  for (const [index, line] of input.lines.entries()) {
    assertQuantity(line.quantity, 'positive', ctx.locale, `lines.${index}.quantity`);
    if (seen.has(line.productId)) {
      throw new AppError('VALIDATION_FAILED', {}, [
        { field: `lines.${index}.productId`, code: 'duplicate', message: '' },
      ]);
    }
    seen.add(line.productId);
    const product = await stockedProduct(trx, merchantId, fromId, line.productId, `lines.${index}.productId`);
    if (product.storeId !== null) throw invalid('store_product', ctx.locale, `lines.${index}.productId`);
  }
  const id = newId('stockTransfer');
  const at = nowIso();
  await repo.insertTransfer(
    trx,
    {
      id,
      merchantId,
      fromUnitId: fromId,
      toUnitId: toId,
      status: 'sent',
      note: input.note || null,
      sentBy: ctx.actor.operatorId,
      sentAt: at,
      receivedBy: null,
      receivedAt: null,
      cancelledBy: null,
      cancelledAt: null,
      cancelReason: null,
    },
    input.lines.map((line, index) => ({
      transferId: id,
      lineNo: index + 1,
      productId: line.productId,
      quantity: line.quantity,
    })),
  );
  await moveLines(trx, ctx, id, fromId, input.lines, 'transfer_out', input.note || null);
  const transfer = await getTransfer(trx, ctx, id);
  await recordAudit(trx, ctx, {
    action: 'stock.transfer.send',
    entityType: 'stock_transfer',
    entityId: id,
    unitId: fromId,
    after: transfer,
  });
  return transfer;
}

async function moveLines(
  trx: Trx,
  ctx: CallContext,
  transferId: string,
  storeId: string,
  lines: ReadonlyArray<{ productId: string; quantity: number }>,
  kind: 'transfer_out' | 'transfer_in',
  reason: string | null,
) {
  // Product-id order: concurrent transfers lock level rows in the same order.
  const ordered = lines
    .map((line, index) => ({ ...line, index }))
    .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
  for (const line of ordered) {
    const quantity = kind === 'transfer_out' ? -Number(line.quantity) : Number(line.quantity);
    await moveStock(
      trx,
      ctx,
      { storeId, productId: line.productId, quantity, kind, reason, refId: transferId },
      `lines.${line.index}.quantity`,
    );
  }
}

function stateError(status: StockTransferStatus, operation: 'receive' | 'cancel', locale: Locale): AppError {
  return new AppError('TRANSFER_STATE_INVALID', {
    state: words[status][locale],
    operation: words[operation][locale],
  });
}

/** The destination takes the goods in; only once. */
export async function receiveTransfer(trx: Trx, ctx: CallContext, id: string) {
  const row = await visibleTransfer(trx, ctx, id);
  if (!coversPath(ctx.actor, 'stock.write', row.toPath))
    throw new AppError('FORBIDDEN', { permission: 'stock.write' });
  const at = nowIso();
  const closed = await repo.closeTransfer(trx, id, {
    status: 'received',
    receivedBy: ctx.actor.operatorId,
    receivedAt: at,
  });
  if (!closed) {
    const current = await repo.findTransfer(trx, ctx.actor.merchantId, id);
    throw stateError(current?.status ?? row.status, 'receive', ctx.locale);
  }
  const lines = await repo.transferLines(trx, [id]);
  await moveLines(trx, ctx, id, row.toUnitId, lines, 'transfer_in', row.note);
  const transfer = presentTransfer(
    { ...row, status: 'received', receivedBy: ctx.actor.operatorId, receivedAt: at },
    lines,
  );
  await recordAudit(trx, ctx, {
    action: 'stock.transfer.receive',
    entityType: 'stock_transfer',
    entityId: id,
    unitId: row.toUnitId,
    before: { status: row.status },
    after: transfer,
  });
  return transfer;
}

/** The sender calls back a transfer still on its way; the goods return to the source store. */
export async function cancelTransfer(
  trx: Trx,
  ctx: CallContext,
  id: string,
  input: z.infer<typeof cancelTransferBody>,
) {
  const row = await visibleTransfer(trx, ctx, id);
  if (!coversPath(ctx.actor, 'stock.write', row.fromPath))
    throw new AppError('FORBIDDEN', { permission: 'stock.write' });
  const at = nowIso();
  const changes = {
    status: 'cancelled' as const,
    cancelledBy: ctx.actor.operatorId,
    cancelledAt: at,
    cancelReason: input.reason,
  };
  if (!(await repo.closeTransfer(trx, id, changes))) {
    const current = await repo.findTransfer(trx, ctx.actor.merchantId, id);
    throw stateError(current?.status ?? row.status, 'cancel', ctx.locale);
  }
  const lines = await repo.transferLines(trx, [id]);
  // The goods come back as a transfer_in at the source, so the transfer's movements net to zero there.
  await moveLines(trx, ctx, id, row.fromUnitId, lines, 'transfer_in', input.reason);
  const transfer = presentTransfer({ ...row, ...changes }, lines);
  await recordAudit(trx, ctx, {
    action: 'stock.transfer.cancel',
    entityType: 'stock_transfer',
    entityId: id,
    unitId: row.fromUnitId,
    before: { status: row.status },
    after: transfer,
  });
  return transfer;
}

export async function listTransfers(db: Db, ctx: CallContext, query: z.infer<typeof transferListQuery>) {
  if (query.storeId) await actingStore(db, ctx, 'catalog.read', query.storeId);
  const rows = await repo
    .searchTransfers(db, {
      merchantId: ctx.actor.merchantId,
      storeIds: await storeScope(db, ctx, 'catalog.read'),
      storeId: query.storeId,
      status: query.status,
      beforeId: decodeCursor(query.cursor),
      limit: query.limit,
    })
    .execute();
  const { items, nextCursor } = page(rows, query.limit);
  const lines = await repo.transferLines(
    db,
    items.map((r) => r.id),
  );
  return { items: items.map((row) => presentTransfer(row, lines)), nextCursor };
}
