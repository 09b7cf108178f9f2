// The only code that changes an on-hand quantity. Each call is one movement (receive, sale,
// return, transfer out or in, adjustment, stocktake) with its operator, reason and the
// order or transfer it belongs to, written in the caller's transaction: checkout calls
// moveStock inside the transaction that takes the payment, so both happen or neither.
// Movements are never edited; a correction is another movement.
import type { Locale } from '../../config.ts';
import type { StockMovementKind } from '../../db/schema.ts';
import type { Trx } from '../../db/transaction.ts';
import { nowIso } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { findProduct, type ProductRow } from '../catalog/repo.ts';
import * as repo from './repo.ts';

/** The most one movement (or a counted quantity) may be. */
export const maxQuantity = 1_000_000_000;

const quantityRules = {
  positive: { 'zh-CN': '须为正整数', 'en-US': 'it must be a positive whole number' },
  negative: { 'zh-CN': '须为负整数', 'en-US': 'it must be a negative whole number' },
  non_zero: { 'zh-CN': '须为不等于零的整数', 'en-US': 'it must be a whole number other than zero' },
  not_negative: { 'zh-CN': '须为零或正整数', 'en-US': 'it must be zero or a positive whole number' },
  any: { 'zh-CN': '须为整数', 'en-US': 'it must be a whole number' },
  too_large: {
    'zh-CN': `绝对值最多 ${maxQuantity}`,
    'en-US': `it can be at most ${maxQuantity} either way`,
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type QuantityRule = Exclude<keyof typeof quantityRules, 'too_large'>;

/** QUANTITY_INVALID, with the rule broken in the caller's language, for a quantity that breaks `rule`. */
export function assertQuantity(value: number, rule: QuantityRule, locale: Locale, field = 'quantity'): void {
  const broken = quantityProblem(value, rule);
  if (!broken) return;
  const message = quantityRules[broken][locale];
  throw new AppError('QUANTITY_INVALID', { rule: message }, [{ field, code: 'quantity_invalid', message }]);
}

export function quantityProblem(value: number, rule: QuantityRule): keyof typeof quantityRules | undefined {
  if (!Number.isInteger(value)) return rule;
  if (Math.abs(value) > maxQuantity) return 'too_large';
  if (rule === 'positive' && value <= 0) return rule;
  if (rule === 'negative' && value >= 0) return rule;
  if (rule === 'non_zero' && value === 0) return rule;
  if (rule === 'not_negative' && value < 0) return rule;
  return undefined;
}

/** Which way each kind of movement goes. A stocktake posts the difference, whatever it is. */
const ruleFor: Record<StockMovementKind, QuantityRule> = {
  receive: 'positive',
  return: 'positive',
  transfer_in: 'positive',
  sale: 'negative',
  transfer_out: 'negative',
  adjust: 'non_zero',
  stocktake: 'any',
};

/** Kinds that bring in or send out goods, which an archived product no longer does. */
const activeOnly = new Set<StockMovementKind>(['receive', 'sale', 'transfer_out']);

export interface StockMove {
  storeId: string;
  productId: string;
  /** Signed: positive adds to the on-hand quantity, negative takes from it. */
  quantity: number;
  kind: StockMovementKind;
  reason?: string | null;
  /** The order, return or transfer this movement belongs to. */
  refId?: string | null;
}

export interface PostedMovement {
  id: string;
  storeId: string;
  productId: string;
  kind: StockMovementKind;
  quantity: number;
  onHandAfter: number;
  reason: string | null;
  refId: string | null;
  operatorId: string;
  createdAt: string;
}

/** A tracked product sold at the store, or the error that says why not. */
export async function stockedProduct(
  trx: Trx,
  merchantId: string,
  storeId: string,
  productId: string,
  field = 'productId',
): Promise<ProductRow> {
  const product = await findProduct(trx, merchantId, productId);
  if (!product || (product.storeId !== null && product.storeId !== storeId)) {
    throw new AppError('PRODUCT_NOT_FOUND', {}, [{ field, code: 'not_found', message: '' }]);
  }
  if (product.stockTracked !== 1)
    throw new AppError('STOCK_NOT_TRACKED', { code: product.code }, [
      { field, code: 'not_tracked', message: '' },
    ]);
  return product;
}

/** Makes sure the store has a level row for the product, with the store's negative-stock setting. */
export async function ensureStockLevel(trx: Trx, merchantId: string, storeId: string, productId: string) {
  if (await repo.findLevel(trx, storeId, productId)) return;
  const allowNegative = (await repo.allowsNegative(trx, storeId)) ? 1 : 0;
  await repo.ensureLevel(trx, { unitId: storeId, productId, merchantId, allowNegative, updatedAt: nowIso() });
}

/**
 * Moves stock at a store, inside the caller's transaction. The store and the caller's right
 * to move stock there are the caller's to check (checkout checks checkout.sell; the stock
 * routes stock.write). Decreases are guarded: below zero is refused with STOCK_INSUFFICIENT
 * unless the store allows negative stock, and a refused call writes nothing. Callers moving
 * several products in one transaction should go in product-id order (fixed lock order).
 */
export async function moveStock(
  trx: Trx,
  ctx: CallContext,
  move: StockMove,
  field = 'quantity',
): Promise<PostedMovement> {
  const { merchantId } = ctx.actor;
  assertQuantity(move.quantity, ruleFor[move.kind], ctx.locale, field);
  const product = await stockedProduct(trx, merchantId, move.storeId, move.productId);
  if (product.status !== 'active' && activeOnly.has(move.kind)) {
    throw new AppError('PRODUCT_INACTIVE', { code: product.code });
  }
  const at = nowIso();
  let onHand = await repo.applyDelta(trx, move.storeId, product.id, move.quantity, at);
  if (onHand === undefined && !(await repo.findLevel(trx, move.storeId, product.id))) {
    await ensureStockLevel(trx, merchantId, move.storeId, product.id);
    onHand = await repo.applyDelta(trx, move.storeId, product.id, move.quantity, at);
  }
  if (onHand === undefined) {
    const level = await repo.findLevel(trx, move.storeId, product.id);
    throw new AppError(
      'STOCK_INSUFFICIENT',
      { code: product.code, available: Number(level?.onHand ?? 0), required: -move.quantity },
      [{ field, code: 'insufficient', message: '' }],
    );
  }
  const movement: PostedMovement = {
    id: newId('stockMovement'),
    storeId: move.storeId,
    productId: product.id,
    kind: move.kind,
    quantity: move.quantity,
    onHandAfter: onHand,
    reason: move.reason ?? null,
    refId: move.refId ?? null,
    operatorId: ctx.actor.operatorId,
    createdAt: at,
  };
  await repo.insertMovement(trx, {
    id: movement.id,
    merchantId,
    unitId: movement.storeId,
    productId: movement.productId,
    kind: movement.kind,
    quantity: movement.quantity,
    onHandAfter: movement.onHandAfter,
    reason: movement.reason,
    refId: movement.refId,
    operatorId: movement.operatorId,
    createdAt: at,
  });
  return movement;
}
