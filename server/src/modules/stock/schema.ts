// Request and response shapes for stock: levels, movements, receiving, adjustments,
// stocktakes, transfers between stores, reorder points and the store's stock settings.
// Quantities arrive as any number so that a negative, fractional or zero quantity gets its
// own QUANTITY_INVALID rather than a generic validation failure.
import { z } from 'zod';
import { entityId, listQuery, optionalText, plainString, text } from '../../platform/http/schemas.ts';

export const movementKinds = [
  'receive',
  'sale',
  'return',
  'transfer_out',
  'transfer_in',
  'adjust',
  'stocktake',
] as const;

const quantity = z.number().finite();

export const stockLevelSchema = z
  .object({
    storeId: z.string(),
    storeName: z.string(),
    productId: z.string(),
    code: z.string(),
    barcode: z.string().nullable(),
    name: z.string(),
    unit: z.string(),
    onHand: z.number(),
    reorderPoint: z.number().nullable().describe("the store's own, else the product's default"),
    low: z.boolean(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'StockLevel' });

export const stockListQuery = listQuery.extend({
  storeId: entityId.optional(),
  productId: entityId.optional(),
  q: plainString(60).trim().optional(),
  lowOnly: z.enum(['true', 'false']).optional(),
});

export const lowStockQuery = stockListQuery.omit({ lowOnly: true });

export const movementSchema = z
  .object({
    id: z.string(),
    storeId: z.string(),
    storeName: z.string(),
    productId: z.string(),
    productCode: z.string(),
    productName: z.string(),
    kind: z.enum(movementKinds),
    quantity: z.number().describe('signed: what the movement added to or took from the on-hand quantity'),
    onHandAfter: z.number(),
    reason: z.string().nullable(),
    refId: z.string().nullable(),
    operatorId: z.string().nullable(),
    operatorName: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'StockMovement' });

export const movementListQuery = listQuery.extend({
  storeId: entityId.optional(),
  productId: entityId.optional(),
  kind: z.enum(movementKinds).optional(),
  refId: entityId.optional(),
});

export const movementsResult = z.object({ items: z.array(movementSchema) });

const line = z.strictObject({ productId: entityId, quantity });

export const receiveBody = z.strictObject({
  storeId: entityId.optional().describe('default: the selected store (X-Store-Id)'),
  lines: z.array(line).min(1).max(500),
  reason: optionalText(200).optional().describe('supplier, delivery note…'),
  refId: plainString(64).trim().min(1).optional(),
});

export const adjustBody = z.strictObject({
  storeId: entityId.optional(),
  productId: entityId,
  quantity: quantity.describe('signed: +3 adds three, -2 takes two'),
  reason: text(200),
});

export const stocktakeBody = z.strictObject({
  storeId: entityId.optional(),
  lines: z
    .array(z.strictObject({ productId: entityId, counted: quantity }))
    .min(1)
    .max(2000),
  reason: optionalText(200).optional(),
});

export const reorderPointBody = z.strictObject({
  storeId: entityId.optional(),
  productId: entityId,
  reorderPoint: z
    .number()
    .int()
    .min(0)
    .max(1_000_000_000)
    .nullable()
    .describe("null: use the product's default"),
});

export const stockSettingsSchema = z
  .object({ storeId: z.string(), allowNegativeStock: z.boolean() })
  .meta({ id: 'StockSettings' });

export const stockSettingsBody = z.strictObject({ allowNegativeStock: z.boolean() });

export const storeParams = z.object({ storeId: entityId });

export const transferSchema = z
  .object({
    id: z.string(),
    fromStoreId: z.string(),
    fromStoreName: z.string(),
    toStoreId: z.string(),
    toStoreName: z.string(),
    status: z.enum(['sent', 'received', 'cancelled']),
    note: z.string().nullable(),
    lines: z.array(
      z.object({ productId: z.string(), code: z.string(), name: z.string(), quantity: z.number() }),
    ),
    sentBy: z.string(),
    sentAt: z.string(),
    receivedBy: z.string().nullable(),
    receivedAt: z.string().nullable(),
    cancelledBy: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    cancelReason: z.string().nullable(),
  })
  .meta({ id: 'StockTransfer' });

export const createTransferBody = z.strictObject({
  fromStoreId: entityId.optional().describe('default: the selected store (X-Store-Id)'),
  toStoreId: entityId,
  lines: z.array(line).min(1).max(500),
  note: optionalText(200).optional(),
});

export const cancelTransferBody = z.strictObject({ reason: text(200) });

export const transferListQuery = listQuery.extend({
  storeId: entityId.optional().describe('transfers from or to this store'),
  status: z.enum(['sent', 'received', 'cancelled']).optional(),
});
