// Request and response shapes for points: earn rules (one body shape per rule kind, from the
// registry), adjustments, lots, gifts, redemptions, the expiry run, settings and summary.
// Points are integers everywhere.
import { z } from 'zod';
import { entityId, listQuery, optionalText, text } from '../../platform/http/schemas.ts';
import { pointsRuleKinds } from './rules/registry.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date_invalid');
/** Checked by the service so zero, fractions and absurd numbers get their own code. */
const points = z.number().describe('whole points');

const ruleCommon = {
  name: text(60),
  startsOn: day.nullable().optional(),
  endsOn: day.nullable().optional(),
  status: z.enum(['active', 'archived']).optional(),
};

const ruleBodies = pointsRuleKinds.map((kind) =>
  z.strictObject({ kind: z.literal(kind.code), params: kind.params, ...ruleCommon }),
);

export const pointsRuleBody = z.discriminatedUnion(
  'kind',
  ruleBodies as unknown as [(typeof ruleBodies)[number], ...(typeof ruleBodies)[number][]],
);

export const pointsRuleSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    params: z.record(z.string(), z.unknown()),
    startsOn: z.string().nullable(),
    endsOn: z.string().nullable(),
    status: z.enum(['active', 'archived']),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PointsRule' });

export const earnQuoteBody = z.strictObject({
  memberId: entityId.optional(),
  lines: z
    .array(
      z.strictObject({
        id: z.string().min(1).max(64),
        amountFen: z.number().int().min(0).max(100_000_000),
        categoryIds: z.array(entityId).max(20).optional(),
        earnsPoints: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(500),
});

export const earnQuoteResult = z.object({
  points: z.number().int(),
  rate: z.number().int(),
  lines: z.array(z.object({ id: z.string(), points: z.number().int() })),
  applied: z.array(z.object({ ruleId: z.string(), name: z.string(), kind: z.string() })),
  uncapped: z.number().int().nullable(),
});

export const adjustBody = z.strictObject({ points, reason: text(200) });

export const adjustResult = z.object({
  id: z.string(),
  memberId: z.string(),
  points: z.number().int(),
  reason: z.string(),
  balance: z.number().int(),
});

export const lotSchema = z
  .object({
    id: z.string(),
    amount: z.number().int(),
    remaining: z.number().int(),
    /** null: never expires. */
    expiresOn: z.string().nullable(),
    status: z.enum(['active', 'used', 'expired']),
    earnedTransactionId: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'PointsLot' });

export const lotsQuery = listQuery.extend({ active: z.enum(['true', 'false']).optional() });

const stockLine = z.strictObject({ storeId: entityId, quantity: z.number().int().min(0).max(1_000_000) });

export const createGiftBody = z.strictObject({
  name: text(60),
  description: optionalText(500).optional(),
  pointsPrice: z.number().int().min(1).max(100_000_000),
  perMemberLimit: z.number().int().min(1).max(1_000_000).nullable().optional(),
  active: z.boolean().optional(),
  stock: z.array(stockLine).max(500).optional(),
});

export const updateGiftBody = createGiftBody.partial();

export const giftSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    pointsPrice: z.number().int(),
    perMemberLimit: z.number().int().nullable(),
    active: z.boolean(),
    stock: z.array(z.object({ storeId: z.string(), quantity: z.number().int() })),
    createdAt: z.string(),
  })
  .meta({ id: 'Gift' });

export const giftsQuery = listQuery.extend({ active: z.enum(['true', 'false']).optional() });

export const redeemBody = z.strictObject({
  giftId: entityId,
  quantity: z.number().int().min(1).max(1000).default(1),
});

export const cancelRedemptionBody = z.strictObject({ reason: optionalText(200).optional() });

export const redemptionSchema = z
  .object({
    id: z.string(),
    memberId: z.string(),
    giftId: z.string(),
    giftName: z.string(),
    storeId: z.string(),
    quantity: z.number().int(),
    points: z.number().int(),
    status: z.enum(['completed', 'cancelled']),
    transactionId: z.string(),
    cancelTransactionId: z.string().nullable(),
    createdAt: z.string(),
    cancelledAt: z.string().nullable(),
    cancelReason: z.string().nullable(),
  })
  .meta({ id: 'Redemption' });

export const redemptionResult = redemptionSchema.extend({ balance: z.number().int() });

export const expiryRunSchema = z.object({
  today: z.string(),
  points: z.number().int(),
  lots: z.number().int(),
  accounts: z.number().int(),
});

const expiryPolicy = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({ kind: z.literal('months'), months: z.number().int().min(1).max(120) }),
  z.strictObject({ kind: z.literal('year_end') }),
]);

export const pointsSettingsSchema = z
  .object({
    expiry: expiryPolicy,
    pointsPerYuan: z.number().int().min(0).max(1_000_000),
    cashMaxShareBp: z.number().int().min(0).max(10_000),
    allowDebt: z.boolean(),
  })
  .meta({ id: 'PointsSettings' });

export const pointsSettingsBody = z.strictObject(pointsSettingsSchema.shape).partial();

const instantOrDay = z.union([day, z.iso.datetime({ offset: true })]);

export const summaryQuery = z.object({ from: instantOrDay.optional(), to: instantOrDay.optional() });

export const summarySchema = z
  .object({
    from: z.string().nullable(),
    to: z.string(),
    opening: z.number().int(),
    issued: z.number().int(),
    spent: z.number().int(),
    expired: z.number().int(),
    adjusted: z.number().int(),
    outstanding: z.number().int(),
  })
  .meta({ id: 'PointsSummary' });
