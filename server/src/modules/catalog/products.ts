// Products and services (商品/服务项目): code and barcode unique per merchant, prices in fen,
// member prices by level or card type, a wholesale price for dealers, and the flags that
// checkout and points read. Headquarters products are sold everywhere; a store's own
// products stay within its scope.
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { isUniqueViolation, type Trx } from '../../db/transaction.ts';
import { holdsMerchantWide, unitInScope } from '../../platform/access/scope.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { nowIso } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError, isAppError } from '../../platform/errors.ts';
import { decodeCursor, page } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import { nameInitials, nameKey } from '../members/name-keys.ts';
import { productStoreScope, reachesProduct, readableProduct, writableProduct } from './access.ts';
import * as repo from './repo.ts';
import { assertProductConsistent, type MemberPrice, type ProductTerms } from './rules.ts';
import type { createProductBody, productListQuery, updateProductBody } from './schema.ts';

export type CreateProductInput = z.infer<typeof createProductBody>;
export type UpdateProductInput = z.infer<typeof updateProductBody>;

const flag = (value: boolean) => (value ? 1 : 0) as 0 | 1;
const defaultUnit = '件';

export function presentProduct(row: repo.ProductRow, prices: readonly repo.MemberPriceRow[]) {
  return {
    id: row.id,
    storeId: row.storeId,
    kind: row.kind,
    code: row.code,
    barcode: row.barcode,
    name: row.name,
    unit: row.unit,
    categoryId: row.categoryId,
    retailPrice: Number(row.retailPriceFen),
    cost: row.costFen === null ? null : Number(row.costFen),
    wholesalePrice: row.wholesalePriceFen === null ? null : Number(row.wholesalePriceFen),
    memberPrices: prices.map((p) => ({
      levelId: p.levelId,
      cardTypeId: p.cardTypeId,
      price: Number(p.priceFen),
    })),
    noMemberDiscount: row.noMemberDiscount === 1,
    earnsPoints: row.earnsPoints === 1,
    stockTracked: row.stockTracked === 1,
    reorderPoint: row.reorderPoint === null ? null : Number(row.reorderPoint),
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export type Product = ReturnType<typeof presentProduct>;

export function termsOf(row: repo.ProductRow, memberPrices: readonly MemberPrice[]): ProductTerms {
  return {
    kind: row.kind,
    retailPrice: Number(row.retailPriceFen),
    wholesalePrice: row.wholesalePriceFen === null ? null : Number(row.wholesalePriceFen),
    memberPrices,
    noMemberDiscount: row.noMemberDiscount === 1,
    stockTracked: row.stockTracked === 1,
    reorderPoint: row.reorderPoint === null ? null : Number(row.reorderPoint),
  };
}

function memberPriceInput(prices: NonNullable<CreateProductInput['memberPrices']>): MemberPrice[] {
  return prices.map((p) => ({
    levelId: p.levelId ?? null,
    cardTypeId: p.cardTypeId ?? null,
    price: p.price,
  }));
}

/** Every level and card type a member price names exists at this merchant. */
export async function checkPriceTargets(db: Db | Trx, merchantId: string, prices: readonly MemberPrice[]) {
  const levels = await repo.existingIds(
    db,
    'memberLevels',
    merchantId,
    prices.flatMap((p) => p.levelId ?? []),
  );
  const types = await repo.existingIds(
    db,
    'cardTypes',
    merchantId,
    prices.flatMap((p) => p.cardTypeId ?? []),
  );
  for (const [index, p] of prices.entries()) {
    if (p.levelId && !levels.has(p.levelId)) {
      throw new AppError('LEVEL_NOT_FOUND', {}, [
        { field: `memberPrices.${index}.levelId`, code: 'not_found', message: '' },
      ]);
    }
    if (p.cardTypeId && !types.has(p.cardTypeId)) {
      throw new AppError('CARD_TYPE_NOT_FOUND', {}, [
        { field: `memberPrices.${index}.cardTypeId`, code: 'not_found', message: '' },
      ]);
    }
  }
}

async function checkCategory(db: Db | Trx, merchantId: string, categoryId: string | null | undefined) {
  if (!categoryId) return null;
  const category = await repo.findCategory(db, merchantId, categoryId);
  if (category?.status !== 'active') {
    throw new AppError('CATEGORY_NOT_FOUND', {}, [{ field: 'categoryId', code: 'not_found', message: '' }]);
  }
  return category.id;
}

async function assertCodeFree(trx: Trx, merchantId: string, code: string, exceptId?: string) {
  const holder = await repo.findProductBy(trx, merchantId, 'code', code);
  if (holder && holder.id !== exceptId) {
    throw new AppError('PRODUCT_CODE_TAKEN', { code }, [{ field: 'code', code: 'taken', message: '' }]);
  }
}

async function assertBarcodeFree(trx: Trx, merchantId: string, barcode: string | null, exceptId?: string) {
  if (!barcode) return;
  const holder = await repo.findProductBy(trx, merchantId, 'barcode', barcode);
  if (holder && holder.id !== exceptId) {
    throw new AppError('PRODUCT_BARCODE_TAKEN', { barcode }, [
      { field: 'barcode', code: 'taken', message: '' },
    ]);
  }
}

/** A concurrent insert of the same code or barcode answers as the check before it would. */
function takenError(error: unknown, row: Pick<repo.ProductRow, 'code' | 'barcode'>): unknown {
  if (!isUniqueViolation(error)) return error;
  const detail = `${(error as { message?: string }).message ?? ''} ${(error as { constraint?: string }).constraint ?? ''}`;
  return detail.includes('barcode')
    ? new AppError('PRODUCT_BARCODE_TAKEN', { barcode: row.barcode ?? '' })
    : new AppError('PRODUCT_CODE_TAKEN', { code: row.code });
}

/** The store that will own a new product: none (headquarters) needs catalog.write at headquarters. */
export async function owningStore(
  db: Db | Trx,
  ctx: CallContext,
  storeId: string | null,
): Promise<string | null> {
  if (storeId === null) {
    if (!holdsMerchantWide(ctx.actor, 'catalog.write')) {
      throw new AppError('FORBIDDEN', { permission: 'catalog.write' });
    }
    return null;
  }
  const store = await unitInScope(db, ctx.actor, 'catalog.write', storeId, 'STORE_NOT_FOUND').catch(
    (error) => {
      if (!isAppError(error)) throw error;
      throw new AppError('STORE_NOT_FOUND', {}, [{ field: 'storeId', code: 'not_found', message: '' }]);
    },
  );
  return store.id;
}

/** Writes a checked product row and its member prices; shared by the API and the import. */
export async function saveProduct(
  trx: Trx,
  row: repo.ProductRow,
  prices: readonly MemberPrice[],
  mode: 'insert' | 'update',
) {
  try {
    if (mode === 'insert') await repo.insertProduct(trx, row);
    else await repo.updateProductRow(trx, row.id, row);
  } catch (error) {
    throw takenError(error, row);
  }
  const rows = prices.map((p) => ({
    productId: row.id,
    levelId: p.levelId,
    cardTypeId: p.cardTypeId,
    priceFen: p.price,
  }));
  await repo.replaceMemberPrices(trx, row.id, rows);
  return rows;
}

export async function createProduct(trx: Trx, ctx: CallContext, input: CreateProductInput) {
  const { merchantId } = ctx.actor;
  const storeId = await owningStore(trx, ctx, input.storeId ?? null);
  const kind = input.kind ?? 'product';
  const prices = memberPriceInput(input.memberPrices ?? []);
  const at = nowIso();
  const row: repo.ProductRow = {
    id: newId('product'),
    merchantId,
    storeId,
    kind,
    code: input.code,
    barcode: input.barcode ?? null,
    name: input.name,
    nameKey: nameKey(input.name),
    nameInitials: nameInitials(input.name),
    unit: input.unit ?? defaultUnit,
    categoryId: null,
    retailPriceFen: input.retailPrice,
    costFen: input.cost ?? null,
    wholesalePriceFen: input.wholesalePrice ?? null,
    noMemberDiscount: flag(input.noMemberDiscount ?? false),
    earnsPoints: flag(input.earnsPoints ?? true),
    stockTracked: flag(input.stockTracked ?? kind === 'product'),
    reorderPoint: input.reorderPoint ?? null,
    status: 'active',
    createdAt: at,
    updatedAt: at,
  };
  assertProductConsistent(termsOf(row, prices), ctx.locale);
  await checkPriceTargets(trx, merchantId, prices);
  row.categoryId = await checkCategory(trx, merchantId, input.categoryId);
  await assertCodeFree(trx, merchantId, row.code);
  await assertBarcodeFree(trx, merchantId, row.barcode);
  const saved = await saveProduct(trx, row, prices, 'insert');
  const product = presentProduct(row, saved);
  await recordAudit(trx, ctx, {
    action: 'catalog.product.create',
    entityType: 'product',
    entityId: row.id,
    unitId: storeId,
    after: product,
  });
  return product;
}

export async function updateProduct(
  trx: Trx,
  ctx: CallContext,
  productId: string,
  input: UpdateProductInput,
) {
  const { merchantId } = ctx.actor;
  const before = await writableProduct(trx, ctx.actor, productId);
  const beforePrices = (await repo.memberPricesOf(trx, [productId])).get(productId) ?? [];
  const row: repo.ProductRow = { ...before, updatedAt: nowIso() };
  if (input.code !== undefined) row.code = input.code;
  if (input.barcode !== undefined) row.barcode = input.barcode;
  if (input.name !== undefined) {
    row.name = input.name;
    row.nameKey = nameKey(input.name);
    row.nameInitials = nameInitials(input.name);
  }
  if (input.unit !== undefined) row.unit = input.unit;
  if (input.retailPrice !== undefined) row.retailPriceFen = input.retailPrice;
  if (input.cost !== undefined) row.costFen = input.cost;
  if (input.wholesalePrice !== undefined) row.wholesalePriceFen = input.wholesalePrice;
  if (input.noMemberDiscount !== undefined) row.noMemberDiscount = flag(input.noMemberDiscount);
  if (input.earnsPoints !== undefined) row.earnsPoints = flag(input.earnsPoints);
  if (input.stockTracked !== undefined) row.stockTracked = flag(input.stockTracked);
  if (input.reorderPoint !== undefined) row.reorderPoint = input.reorderPoint;
  if (input.status !== undefined) row.status = input.status;
  const prices =
    input.memberPrices !== undefined
      ? memberPriceInput(input.memberPrices)
      : beforePrices.map((p) => ({
          levelId: p.levelId,
          cardTypeId: p.cardTypeId,
          price: Number(p.priceFen),
        }));
  assertProductConsistent(termsOf(row, prices), ctx.locale);
  if (input.memberPrices !== undefined) await checkPriceTargets(trx, merchantId, prices);
  if (input.categoryId !== undefined) row.categoryId = await checkCategory(trx, merchantId, input.categoryId);
  if (row.code !== before.code) await assertCodeFree(trx, merchantId, row.code, productId);
  if (row.barcode !== before.barcode) await assertBarcodeFree(trx, merchantId, row.barcode, productId);
  const saved = await saveProduct(trx, row, prices, 'update');
  const product = presentProduct(row, saved);
  await recordAudit(trx, ctx, {
    action: 'catalog.product.update',
    entityType: 'product',
    entityId: productId,
    unitId: row.storeId,
    before: presentProduct(before, beforePrices),
    after: product,
  });
  return product;
}

export async function getProduct(db: Db | Trx, ctx: CallContext, productId: string) {
  const row = await readableProduct(db, ctx.actor, productId);
  return presentProduct(row, (await repo.memberPricesOf(db, [productId])).get(productId) ?? []);
}

/** The product with this barcode, if the caller sees it (and, with a store selected, it is sold there). */
export async function productByBarcode(db: Db, ctx: CallContext, barcode: string) {
  const row = await repo.findProductBy(db, ctx.actor.merchantId, 'barcode', barcode.trim());
  const soldHere = !row || !ctx.storeId || row.storeId === null || row.storeId === ctx.storeId;
  if (!row || !soldHere || !(await reachesProduct(db, ctx.actor, 'catalog.read', row))) {
    throw new AppError('UNKNOWN_BARCODE', { barcode });
  }
  return presentProduct(row, (await repo.memberPricesOf(db, [row.id])).get(row.id) ?? []);
}

export function textSearch(q: string | undefined): repo.ProductSearch['text'] {
  const raw = q?.trim();
  if (!raw) return undefined;
  return {
    raw,
    upper: raw.toUpperCase(),
    nameKey: nameKey(raw),
    initials: /^[A-Za-z]+$/.test(raw) ? raw.toLowerCase() : null,
  };
}

export async function listProducts(db: Db, ctx: CallContext, query: z.infer<typeof productListQuery>) {
  const { merchantId } = ctx.actor;
  if (query.storeId) await unitInScope(db, ctx.actor, 'catalog.read', query.storeId, 'STORE_NOT_FOUND');
  const category = query.categoryId ? await repo.findCategory(db, merchantId, query.categoryId) : undefined;
  if (query.categoryId && !category) throw new AppError('CATEGORY_NOT_FOUND');
  const rows = await repo
    .searchProducts(db, {
      merchantId,
      storeIds: await productStoreScope(db, ctx.actor, 'catalog.read'),
      availableAt: query.storeId,
      text: textSearch(query.q),
      categoryPath: category?.path,
      kind: query.kind,
      status: query.status,
      beforeId: decodeCursor(query.cursor),
      limit: query.limit,
    })
    .execute();
  const { items, nextCursor } = page(rows, query.limit);
  const prices = await repo.memberPricesOf(
    db,
    items.map((r) => r.id),
  );
  return { items: items.map((row) => presentProduct(row, prices.get(row.id) ?? [])), nextCursor };
}
