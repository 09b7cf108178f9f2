// Request and response shapes for categories, products, member prices and dealer tiers.
// Prices are integers in fen, as everywhere in the API.
import { z } from 'zod';
import { entityId, listQuery, plainString, text } from '../../platform/http/schemas.ts';

/** The largest price a product may carry: ¥100,000,000. */
export const maxPriceFen = 10_000_000_000;
/** The largest reorder point or stock quantity in one call. */
export const maxQuantity = 1_000_000_000;

const price = z.number().int().min(0).max(maxPriceFen);
const productCode = plainString(32)
  .trim()
  .regex(/^[0-9A-Za-z._\-/]+$/, 'product_code_invalid');
const barcode = plainString(32)
  .trim()
  .regex(/^[0-9A-Za-z.-]+$/, 'barcode_invalid');

export const categorySchema = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    name: z.string(),
    depth: z.number(),
    /** Ids from the top category down to this one. */
    pathIds: z.array(z.string()),
    sort: z.number(),
    status: z.enum(['active', 'archived']),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ProductCategory' });

export const createCategoryBody = z.strictObject({
  name: text(40),
  parentId: entityId.nullable().optional(),
  sort: z.number().int().min(0).max(10_000).optional(),
});

export const updateCategoryBody = z.strictObject({
  name: text(40).optional(),
  parentId: entityId.nullable().optional(),
  sort: z.number().int().min(0).max(10_000).optional(),
  status: z.enum(['active', 'archived']).optional(),
});

export const memberPriceInput = z.strictObject({
  levelId: entityId.optional(),
  cardTypeId: entityId.optional(),
  price,
});

export const memberPriceSchema = z.object({
  levelId: z.string().nullable(),
  cardTypeId: z.string().nullable(),
  price: z.number(),
});

export const productSchema = z
  .object({
    id: z.string(),
    storeId: z.string().nullable().describe('null: a headquarters product sold in every store'),
    kind: z.enum(['product', 'service']),
    code: z.string(),
    barcode: z.string().nullable(),
    name: z.string(),
    unit: z.string(),
    categoryId: z.string().nullable(),
    retailPrice: z.number(),
    cost: z.number().nullable(),
    wholesalePrice: z.number().nullable().describe('what dealer members pay instead of the retail price'),
    memberPrices: z.array(memberPriceSchema),
    noMemberDiscount: z.boolean(),
    earnsPoints: z.boolean(),
    stockTracked: z.boolean(),
    reorderPoint: z.number().nullable(),
    status: z.enum(['active', 'archived']),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Product' });

export const createProductBody = z.strictObject({
  kind: z.enum(['product', 'service']).optional(),
  code: productCode.min(1),
  barcode: barcode.min(1).nullable().optional(),
  name: text(80),
  unit: text(10).optional(),
  categoryId: entityId.nullable().optional(),
  retailPrice: price,
  cost: price.nullable().optional(),
  wholesalePrice: price.nullable().optional(),
  memberPrices: z.array(memberPriceInput).max(50).optional(),
  noMemberDiscount: z.boolean().optional(),
  earnsPoints: z.boolean().optional(),
  stockTracked: z.boolean().optional(),
  reorderPoint: z.number().int().min(0).max(maxQuantity).nullable().optional(),
  storeId: entityId.nullable().optional(),
});

export const updateProductBody = createProductBody
  .omit({ storeId: true, kind: true })
  .partial()
  .extend({ status: z.enum(['active', 'archived']).optional() })
  .strict();

export const productListQuery = listQuery.extend({
  q: plainString(60).trim().optional(),
  categoryId: entityId.optional(),
  storeId: entityId.optional().describe('only products sold at this store (headquarters and its own)'),
  kind: z.enum(['product', 'service']).optional(),
  status: z.enum(['active', 'archived']).optional(),
});

export const barcodeParams = z.object({ barcode: plainString(64).min(1) });

export const dealerTiersSchema = z
  .object({ levelIds: z.array(z.string()), cardTypeIds: z.array(z.string()) })
  .meta({ id: 'DealerTiers' });

export const dealerTiersBody = z.strictObject({
  levelIds: z.array(entityId).max(50),
  cardTypeIds: z.array(entityId).max(50),
});

export const productImportOptions = z.strictObject({
  dryRun: z.boolean(),
  /** Import as this store's own products; absent = headquarters products. */
  storeId: entityId.nullable().optional(),
});

export const productImportResult = z
  .object({
    dryRun: z.boolean(),
    totalRows: z.number(),
    created: z.number(),
    updated: z.number(),
    errorRows: z.number(),
    errors: z.array(z.object({ row: z.number(), column: z.string(), code: z.string(), message: z.string() })),
  })
  .meta({ id: 'ProductImportResult' });
