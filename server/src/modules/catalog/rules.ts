// Product rules with no database: settings that contradict each other (refused with the
// reason, in the caller's language), and which price a member pays for a product.
import type { Locale } from '../../config.ts';
import { AppError } from '../../platform/errors.ts';

export interface MemberPrice {
  levelId: string | null;
  cardTypeId: string | null;
  price: number;
}

/** The settings of a product that must agree with each other. */
export interface ProductTerms {
  kind: 'product' | 'service';
  retailPrice: number;
  wholesalePrice: number | null;
  memberPrices: readonly MemberPrice[];
  noMemberDiscount: boolean;
  stockTracked: boolean;
  reorderPoint: number | null;
}

/** Why settings contradict each other, in each language, and the field to look at. */
export const productContradictions = {
  service_not_stocked: {
    field: 'stockTracked',
    'zh-CN': '服务项目没有库存，不能开启库存管理',
    'en-US': 'a service has no stock to track',
  },
  reorder_needs_stock: {
    field: 'reorderPoint',
    'zh-CN': '设置补货点须同时开启库存管理',
    'en-US': 'a reorder point needs stock tracking',
  },
  member_price_target: {
    field: 'memberPrices',
    'zh-CN': '每个会员价须指定一个会员等级或一个卡类型（不能都填或都不填）',
    'en-US': 'each member price names either a member level or a card type, not both or neither',
  },
  member_price_duplicate: {
    field: 'memberPrices',
    'zh-CN': '同一会员等级或卡类型只能有一个会员价',
    'en-US': 'a member level or card type has at most one member price',
  },
  member_price_no_discount: {
    field: 'memberPrices',
    'zh-CN': '不参与会员折扣的商品不能设置会员价',
    'en-US': 'a product with no member discount cannot have member prices',
  },
  member_price_above_retail: {
    field: 'memberPrices',
    'zh-CN': '会员价不能高于零售价',
    'en-US': 'a member price cannot be above the retail price',
  },
  wholesale_above_retail: {
    field: 'wholesalePrice',
    'zh-CN': '批发价不能高于零售价',
    'en-US': 'the wholesale price cannot be above the retail price',
  },
} as const satisfies Record<string, { field: string } & Record<Locale, string>>;

export type ProductContradiction = keyof typeof productContradictions;

/** The first contradiction between the settings, with the index of the member price at fault. */
export function productContradiction(
  terms: ProductTerms,
): { reason: ProductContradiction; index?: number } | undefined {
  if (terms.kind === 'service' && terms.stockTracked) return { reason: 'service_not_stocked' };
  if (terms.reorderPoint !== null && !terms.stockTracked) return { reason: 'reorder_needs_stock' };
  if (terms.wholesalePrice !== null && terms.wholesalePrice > terms.retailPrice) {
    return { reason: 'wholesale_above_retail' };
  }
  const seen = new Set<string>();
  for (const [index, entry] of terms.memberPrices.entries()) {
    if ((entry.levelId === null) === (entry.cardTypeId === null))
      return { reason: 'member_price_target', index };
    if (terms.noMemberDiscount) return { reason: 'member_price_no_discount', index };
    const key = entry.levelId ? `level:${entry.levelId}` : `card:${entry.cardTypeId}`;
    if (seen.has(key)) return { reason: 'member_price_duplicate', index };
    seen.add(key);
    if (entry.price > terms.retailPrice) return { reason: 'member_price_above_retail', index };
  }
  return undefined;
}

/** PRODUCT_INVALID with the reason in the caller's language, when the settings contradict. */
export function assertProductConsistent(terms: ProductTerms, locale: Locale): void {
  const found = productContradiction(terms);
  if (!found) return;
  const { field, [locale]: reason } = productContradictions[found.reason];
  const path = found.index === undefined ? field : `${field}.${found.index}`;
  throw new AppError('PRODUCT_INVALID', { reason }, [{ field: path, code: found.reason, message: reason }]);
}

/** Who is buying, as far as the product price goes. */
export interface PriceBuyer {
  levelId?: string | null;
  cardTypeId?: string | null;
  /** A member of a dealer tier (a dealer level or card type): pays the wholesale price. */
  dealer?: boolean;
}

export type PriceBasis = 'retail' | 'wholesale' | 'level' | 'card_type';

export interface PricedProduct {
  retailPrice: number;
  wholesalePrice: number | null;
  noMemberDiscount: boolean;
  memberPrices: readonly MemberPrice[];
}

/**
 * The unit price a buyer pays before promotions, and why. A dealer sees the wholesale price
 * instead of retail when the product has one; otherwise the lowest member price for the
 * buyer's card type or level applies, unless the product takes no member discount.
 */
export function memberUnitPrice(
  product: PricedProduct,
  buyer: PriceBuyer | null,
): { price: number; basis: PriceBasis } {
  if (!buyer) return { price: product.retailPrice, basis: 'retail' };
  if (buyer.dealer && product.wholesalePrice !== null) {
    return { price: product.wholesalePrice, basis: 'wholesale' };
  }
  let best: { price: number; basis: PriceBasis } = { price: product.retailPrice, basis: 'retail' };
  if (product.noMemberDiscount) return best;
  for (const entry of product.memberPrices) {
    const matches =
      (entry.cardTypeId !== null && entry.cardTypeId === buyer.cardTypeId) ||
      (entry.levelId !== null && entry.levelId === buyer.levelId);
    if (matches && entry.price < best.price) {
      best = { price: entry.price, basis: entry.cardTypeId !== null ? 'card_type' : 'level' };
    }
  }
  return best;
}
