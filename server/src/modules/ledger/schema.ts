// Request and response shapes for stored value, recharge rules and ledger queries.
import { z } from 'zod';
import { entityId, listQuery, optionalText, text } from '../../platform/http/schemas.ts';

/** Amounts are checked by the service so zero, fractions and absurd sums get their own codes. */
const amount = z.number().describe('integer fen (10000 = ¥100.00)');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date_invalid');

export const tenders = ['cash', 'bank_card', 'wechat', 'alipay', 'other'] as const;

export const rechargeBody = z.strictObject({
  amount,
  tender: z.enum(tenders),
  cardNo: z.string().max(40).optional(),
  note: optionalText(200).optional(),
});

export const refundRechargeBody = z.strictObject({
  reason: text(200),
  /** A manager (ledger.adjust) may refund although bonus was spent, deducting it. */
  deductSpentBonus: z.boolean().optional(),
});

export const chargeBody = z.strictObject({
  amount,
  cardNo: z.string().max(40).optional(),
  pin: z.string().max(12).optional(),
  note: optionalText(200).optional(),
});

export const refundChargeBody = z.strictObject({ reason: text(200) });

export const balancesSchema = z
  .object({
    memberId: z.string(),
    storedValue: z.object({ principal: z.number(), bonus: z.number(), total: z.number() }),
    points: z.object({
      balance: z.number(),
      expiring: z.array(z.object({ expiresOn: z.string().nullable(), points: z.number() })),
    }),
    /** Packages usable today: active, not past their last day, with uses left. */
    packages: z.array(
      z.object({
        accountId: z.string(),
        packageId: z.string(),
        name: z.string(),
        remaining: z.number(),
        expiresOn: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'Balances' });

export const rechargeResult = z
  .object({
    id: z.string(),
    memberId: z.string(),
    amount: z.number(),
    bonus: z.number(),
    ruleName: z.string().nullable(),
    tender: z.enum(tenders),
    balances: balancesSchema,
  })
  .meta({ id: 'Recharge' });

export const rechargeRefundResult = z.object({
  id: z.string(),
  rechargeId: z.string(),
  refunded: z.number(),
  principalTakenBack: z.number(),
  bonusTakenBack: z.number(),
  spentBonusDeducted: z.number(),
  balances: balancesSchema,
});

export const chargeResult = z
  .object({
    id: z.string(),
    memberId: z.string(),
    amount: z.number(),
    principal: z.number(),
    bonus: z.number(),
    balances: balancesSchema,
  })
  .meta({ id: 'Charge' });

export const chargeRefundResult = z.object({
  id: z.string(),
  chargeId: z.string(),
  principal: z.number(),
  bonus: z.number(),
  balances: balancesSchema,
});

export const historyQuery = listQuery.extend({
  kind: z.string().max(40).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export const historyExportQuery = historyQuery.omit({ cursor: true, limit: true }).extend({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});

export const historyItem = z.object({
  id: z.string(),
  kind: z.string(),
  amount: z.number(),
  tender: z.string().nullable(),
  note: z.string().nullable(),
  reversesId: z.string().nullable(),
  /** The transaction that reversed this one (a refund), if any. */
  reversedById: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  actorType: z.string(),
  actorName: z.string().nullable(),
  createdAt: z.string(),
  entries: z.array(z.object({ account: z.string(), amount: z.number(), balanceAfter: z.number() })),
});

export const liabilitySchema = z
  .object({
    at: z.string(),
    /** 'merchant' for headquarters; 'stores' when counted over the caller's stores' members. */
    scope: z.enum(['merchant', 'stores']),
    principal: z.number(),
    bonus: z.number(),
    total: z.number(),
  })
  .meta({ id: 'StoredValueLiability' });

export const liabilityQuery = z.object({ at: z.iso.datetime({ offset: true }).optional() });

const tier = z.strictObject({
  minFen: z.number().int().min(1).max(1e9),
  bonusFen: z.number().int().min(1).max(1e9),
});

export const rechargeRuleBody = z.strictObject({
  name: text(60),
  kind: z.enum(['tiers', 'percent']),
  tiers: z.array(tier).max(20).optional(),
  percentBp: z.number().int().min(1).max(10000).optional(),
  maxBonusFen: z.number().int().min(1).max(1e9).nullable().optional(),
  startsOn: day.nullable().optional(),
  endsOn: day.nullable().optional(),
  storeIds: z.array(entityId).max(500).optional(),
  cardTypeIds: z.array(entityId).max(100).optional(),
  priority: z.number().int().min(0).max(1000).optional(),
  status: z.enum(['active', 'archived']).optional(),
});

export const rechargeRuleSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['tiers', 'percent']),
    tiers: z.array(z.object({ minFen: z.number(), bonusFen: z.number() })),
    percentBp: z.number().nullable(),
    maxBonusFen: z.number().nullable(),
    startsOn: z.string().nullable(),
    endsOn: z.string().nullable(),
    unitIds: z.array(z.string()),
    cardTypeIds: z.array(z.string()),
    priority: z.number(),
    status: z.enum(['active', 'archived']),
  })
  .meta({ id: 'RechargeRule' });

export const bonusPreviewQuery = z.object({
  amount: z.coerce.number().int().min(1).max(1e9),
  cardTypeId: entityId.optional(),
});

export const adjustBody = z.strictObject({
  account: z.enum(['principal', 'bonus']),
  /** Signed fen: positive credits, negative debits. */
  amount: z.number(),
  reason: text(200),
});

export const adjustResult = z.object({ id: z.string(), memberId: z.string(), balances: balancesSchema });

export const batchRechargeBody = z
  .strictObject({
    tender: z.enum(tenders),
    note: optionalText(200).optional(),
    dryRun: z.boolean(),
    /** One amount for every member of the filter… */
    amount: amount.optional(),
    filter: z
      .strictObject({
        q: z.string().trim().max(60).optional(),
        tag: z.string().trim().max(30).optional(),
        homeStoreId: entityId.optional(),
        levelId: entityId.optional(),
      })
      .optional(),
    /** …or rows from a company's list: a member (mobile, card number or id) and an amount each. */
    rows: z
      .array(z.strictObject({ member: z.string().trim().min(1).max(40), amount }))
      .min(1)
      .max(20_000)
      .optional(),
  })
  .refine((body) => (body.rows ? !body.filter && body.amount === undefined : body.amount !== undefined), {
    message: 'rows_or_filter',
    path: ['rows'],
  });

export const batchJobSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    dryRun: z.boolean(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed']),
    total: z.number(),
    processed: z.number(),
    succeeded: z.number(),
    failed: z.number(),
    amountTotal: z.number(),
    bonusTotal: z.number(),
    results: z.array(
      z.object({
        row: z.number(),
        member: z.string(),
        memberId: z.string().nullable(),
        amount: z.number(),
        bonus: z.number(),
        status: z.enum(['ok', 'error']),
        code: z.string().nullable(),
        transactionId: z.string().nullable(),
      }),
    ),
    failure: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'BatchJob' });

export const rechargeReportQuery = z.object({
  storeId: entityId.optional(),
  tender: z.enum(tenders).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export const rechargeReportListQuery = rechargeReportQuery.extend(listQuery.shape);

export const rechargeReportExportQuery = rechargeReportQuery.extend({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});

export const rechargeReportRow = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    memberId: z.string(),
    memberName: z.string(),
    amount: z.number(),
    bonus: z.number(),
    tender: z.string().nullable(),
    unitId: z.string(),
    unitName: z.string(),
    operatorName: z.string().nullable(),
    refundedById: z.string().nullable(),
  })
  .meta({ id: 'RechargeReportRow' });
