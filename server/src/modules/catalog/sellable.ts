// What checkout asks the catalog: the products a store sells, by id or barcode, with their
// member price table and category chain, and whether a member buys at the wholesale price
// (a dealer: a member level or card type that headquarters marked as a dealer tier).
import type { Db } from '../../db/database.ts';
import type { Trx } from '../../db/transaction.ts';
import { holdsMerchantWide } from '../../platform/access/scope.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import * as repo from './repo.ts';
import type { MemberPrice, PriceBuyer } from './rules.ts';

export interface SellableProduct {
  id: string;
  /** Null for a headquarters product. */
  storeId: string | null;
  kind: 'product' | 'service';
  code: string;
  barcode: string | null;
  name: string;
  unit: string;
  /** The product's category and every category above it (for category rules). */
  categoryIds: string[];
  retailPrice: number;
  cost: number | null;
  wholesalePrice: number | null;
  memberPrices: MemberPrice[];
  noMemberDiscount: boolean;
  earnsPoints: boolean;
  stockTracked: boolean;
  /** An archived product is returned so checkout can say PRODUCT_INACTIVE rather than "unknown". */
  status: 'active' | 'archived';
}

/**
 * Products sold at `storeId` (headquarters products and the store's own), by id or barcode.
 * Pure reading: pass a transaction to read inside checkout's. Keys that match nothing are
 * simply absent; the caller answers PRODUCT_NOT_FOUND or UNKNOWN_BARCODE for them.
 */
export async function findSellableProducts(
  db: Db | Trx,
  merchantId: string,
  storeId: string,
  keys: { ids?: readonly string[]; barcodes?: readonly string[] },
): Promise<SellableProduct[]> {
  const rows = await repo.productsAtStore(db, merchantId, storeId, keys);
  if (rows.length === 0) return [];
  const prices = await repo.memberPricesOf(
    db,
    rows.map((r) => r.id),
  );
  const categoryIds = [...new Set(rows.flatMap((r) => r.categoryId ?? []))];
  const paths = new Map<string, string[]>();
  for (const id of categoryIds) {
    const category = await repo.findCategory(db, merchantId, id);
    if (category) paths.set(id, category.path.split('/').filter(Boolean));
  }
  return rows.map((row) => ({
    id: row.id,
    storeId: row.storeId,
    kind: row.kind,
    code: row.code,
    barcode: row.barcode,
    name: row.name,
    unit: row.unit,
    categoryIds: row.categoryId ? (paths.get(row.categoryId) ?? []) : [],
    retailPrice: Number(row.retailPriceFen),
    cost: row.costFen === null ? null : Number(row.costFen),
    wholesalePrice: row.wholesalePriceFen === null ? null : Number(row.wholesalePriceFen),
    memberPrices: (prices.get(row.id) ?? []).map((p) => ({
      levelId: p.levelId,
      cardTypeId: p.cardTypeId,
      price: Number(p.priceFen),
    })),
    noMemberDiscount: row.noMemberDiscount === 1,
    earnsPoints: row.earnsPoints === 1,
    stockTracked: row.stockTracked === 1,
    status: row.status,
  }));
}

export async function dealerTiers(db: Db | Trx, merchantId: string) {
  const rows = await repo.dealerTierRows(db, merchantId);
  return {
    levelIds: rows.flatMap((r) => r.levelId ?? []).sort(),
    cardTypeIds: rows.flatMap((r) => r.cardTypeId ?? []).sort(),
  };
}

/** The buyer as pricing sees it: level, card type, and whether either is a dealer tier. */
export async function priceBuyer(
  db: Db | Trx,
  merchantId: string,
  member: { levelId: string | null; cardTypeId: string | null },
): Promise<PriceBuyer> {
  const tiers = await dealerTiers(db, merchantId);
  const dealer =
    (member.levelId !== null && tiers.levelIds.includes(member.levelId)) ||
    (member.cardTypeId !== null && tiers.cardTypeIds.includes(member.cardTypeId));
  return { levelId: member.levelId, cardTypeId: member.cardTypeId, dealer };
}

/** Replaces the dealer tiers; headquarters only, as prices are set there. */
export async function setDealerTiers(
  trx: Trx,
  ctx: CallContext,
  input: { levelIds: string[]; cardTypeIds: string[] },
) {
  if (!holdsMerchantWide(ctx.actor, 'catalog.write')) {
    throw new AppError('FORBIDDEN', { permission: 'catalog.write' });
  }
  const { merchantId } = ctx.actor;
  const levelIds = [...new Set(input.levelIds)];
  const cardTypeIds = [...new Set(input.cardTypeIds)];
  const levels = await repo.existingIds(trx, 'memberLevels', merchantId, levelIds);
  const types = await repo.existingIds(trx, 'cardTypes', merchantId, cardTypeIds);
  const missingLevel = levelIds.findIndex((id) => !levels.has(id));
  if (missingLevel >= 0) {
    throw new AppError('LEVEL_NOT_FOUND', {}, [
      { field: `levelIds.${missingLevel}`, code: 'not_found', message: '' },
    ]);
  }
  const missingType = cardTypeIds.findIndex((id) => !types.has(id));
  if (missingType >= 0) {
    throw new AppError('CARD_TYPE_NOT_FOUND', {}, [
      { field: `cardTypeIds.${missingType}`, code: 'not_found', message: '' },
    ]);
  }
  const before = await dealerTiers(trx, merchantId);
  await repo.replaceDealerTiers(trx, merchantId, [
    ...levelIds.map((levelId) => ({ merchantId, levelId, cardTypeId: null })),
    ...cardTypeIds.map((cardTypeId) => ({ merchantId, levelId: null, cardTypeId })),
  ]);
  const after = await dealerTiers(trx, merchantId);
  await recordAudit(trx, ctx, {
    action: 'catalog.dealer_tiers.update',
    entityType: 'dealer_tiers',
    entityId: null,
    unitId: null,
    before,
    after,
  });
  return after;
}
