// Request and response shapes for card types and cards.
import { z } from 'zod';
import { entityId, optionalText, text } from '../../platform/http/schemas.ts';

/** Whole fen, up to ¥10,000,000. */
export const fen = z.number().int().min(0).max(1_000_000_000);

export const validityInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({ kind: z.literal('months'), months: z.number().int().min(1).max(600) }),
  z.strictObject({
    kind: z.literal('fixed_date'),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date_invalid'),
  }),
]);

export const createCardTypeBody = z.strictObject({
  name: text(40),
  named: z.boolean(),
  storedValue: z.boolean(),
  points: z.boolean(),
  discount: z.boolean().optional(),
  countBased: z.boolean().optional(),
  /** Basis points of the price paid: 9500 = 9.5折; 10000 = no discount. */
  discountRate: z.number().int().min(1).max(10000).optional(),
  /** Points per ¥100 of eligible spend (150 = 1.5 points per yuan). */
  pointsRate: z.number().int().min(0).max(100_000).optional(),
  pinRequired: z.boolean(),
  rechargeable: z.boolean().optional(),
  validity: validityInput,
  joinFee: fen.optional(),
  annualFee: fen.optional(),
  replacementFee: fen.optional(),
  subsidiaryAllowed: z.boolean().optional(),
  subsidiaryLimit: fen.nullable().optional(),
});

export const updateCardTypeBody = createCardTypeBody
  .partial()
  .extend({ status: z.enum(['active', 'archived']).optional() })
  .strict();

export const cardTypeSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    named: z.boolean(),
    storedValue: z.boolean(),
    points: z.boolean(),
    discount: z.boolean(),
    countBased: z.boolean(),
    discountRate: z.number(),
    pointsRate: z.number(),
    pinRequired: z.boolean(),
    rechargeable: z.boolean(),
    validity: z.object({
      kind: z.enum(['none', 'months', 'fixed_date']),
      months: z.number().optional(),
      date: z.string().optional(),
    }),
    joinFee: z.number(),
    annualFee: z.number(),
    replacementFee: z.number(),
    subsidiaryAllowed: z.boolean(),
    subsidiaryLimit: z.number().nullable(),
    status: z.enum(['active', 'archived']),
    createdAt: z.string(),
  })
  .meta({ id: 'CardType' });

const pin = z.string().regex(/^\d{6}$/, 'pin_invalid');
const feeTender = z.enum(['cash', 'bank_card', 'wechat', 'alipay', 'other']);

export const issueCardBody = z.strictObject({
  cardTypeId: entityId,
  /** Hand-entered number (a pre-printed card); generated when absent. */
  cardNo: z.string().max(40).optional(),
  pin: pin.optional(),
  role: z.enum(['primary', 'subsidiary', 'holder']).optional(),
  holderName: text(60).optional(),
  holderMobile: z.string().max(30).optional(),
  /** Spending limit of a subsidiary or holder card, in fen. */
  spendLimit: fen.nullable().optional(),
  feeTender: feeTender.optional(),
});

export const cardOperationBody = z.strictObject({ reason: optionalText(200).optional() });

export const replaceCardBody = z.strictObject({
  reason: optionalText(200).optional(),
  newCardNo: z.string().max(40).optional(),
  pin: pin.optional(),
  feeTender: feeTender.optional(),
});

export const renewCardBody = z.strictObject({
  reason: optionalText(200).optional(),
  feeTender: feeTender.optional(),
});

export const changeTypeBody = z.strictObject({ cardTypeId: entityId, reason: optionalText(200).optional() });

export const resetPinBody = z.strictObject({ pin, reason: optionalText(200).optional() });

export const verifyCardBody = z.strictObject({ pin: z.string().max(12).optional() });

export const cardNoParams = z.object({ cardNo: z.string().min(1).max(40) });

export const cardSchema = z
  .object({
    id: z.string(),
    cardNo: z.string(),
    memberId: z.string(),
    memberName: z.string(),
    cardTypeId: z.string(),
    cardTypeName: z.string(),
    role: z.enum(['primary', 'subsidiary', 'holder']),
    holderName: z.string().nullable(),
    holderMobile: z.string().nullable(),
    spendLimit: z.number().nullable(),
    status: z.enum(['active', 'lost', 'frozen', 'expired', 'replaced', 'cancelled']),
    statusReason: z.string().nullable(),
    hasPin: z.boolean(),
    pinLocked: z.boolean(),
    pinRequired: z.boolean(),
    expiresOn: z.string().nullable(),
    replacesCardId: z.string().nullable(),
    replacedByCardId: z.string().nullable(),
    issuedAt: z.string(),
    issuedUnitId: z.string(),
  })
  .meta({ id: 'Card' });

export const cardOperationResult = z.object({ card: cardSchema, newCard: cardSchema.optional() });
