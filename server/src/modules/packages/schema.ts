// Request and response shapes for count packages (计次卡): products, sales, uses,
// renewals, refunds and the views of a member's packages.
import { z } from 'zod';
import { entityId, listQuery, optionalText, text } from '../../platform/http/schemas.ts';

/** Amounts are checked by the service so zero, fractions and absurd sums get their own codes. */
const amount = z.number().describe('integer fen (10000 = ¥100.00)');
const uses = z.number().int().min(1).max(10_000).describe('whole uses');

export const packageTenders = ['cash', 'bank_card', 'wechat', 'alipay', 'other', 'stored_value'] as const;
export type PackageTender = (typeof packageTenders)[number];

export const packageValidity = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({ kind: z.literal('days'), days: z.number().int().min(1).max(3650) }),
  z.strictObject({ kind: z.literal('months'), months: z.number().int().min(1).max(120) }),
]);
export type PackageValidity = z.infer<typeof packageValidity>;

export const createPackageProductBody = z.strictObject({
  name: text(60),
  /** Service names or product codes the package covers (free text until the catalogue lands). */
  services: z.array(text(100)).min(1).max(50),
  uses,
  price: amount,
  validity: packageValidity,
  /** Stores where it may be sold and used; empty or absent = every store. */
  storeIds: z.array(entityId).max(500).optional(),
  active: z.boolean().optional(),
});

export const updatePackageProductBody = createPackageProductBody.partial();

export const packageProductSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    services: z.array(z.string()),
    uses: z.number(),
    price: z.number(),
    validity: z.union([
      z.object({ kind: z.literal('none') }),
      z.object({ kind: z.literal('days'), days: z.number() }),
      z.object({ kind: z.literal('months'), months: z.number() }),
    ]),
    storeIds: z.array(z.string()),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PackageProduct' });

export const packageProductsQuery = z.object({
  active: z.enum(['true', 'false']).optional(),
});

/** Card and PIN for paying by stored value, as a spend without a cart takes them. */
const storedValueCard = {
  cardNo: z.string().max(40).optional(),
  pin: z.string().max(12).optional(),
};

export const sellPackageBody = z.strictObject({
  packageProductId: entityId,
  tender: z.enum(packageTenders),
  /** Buys the product this many times over, as one package (uses and price multiplied). */
  quantity: z.number().int().min(1).max(100).optional(),
  ...storedValueCard,
  note: optionalText(200).optional(),
});

export const usePackageBody = z.strictObject({
  uses,
  note: optionalText(200).optional(),
});

export const renewPackageBody = z.strictObject({
  uses,
  /** What the renewal costs, in fen; 0 for uses given free. */
  price: amount,
  tender: z.enum(packageTenders),
  /** Also restart the validity from today (never shortens it). */
  extendValidity: z.boolean().optional(),
  ...storedValueCard,
  note: optionalText(200).optional(),
});

export const refundPackageBody = z.strictObject({ reason: text(200) });

export const packageStates = ['active', 'used_up', 'expired', 'refunded'] as const;

export const memberPackageSchema = z
  .object({
    id: z.string(),
    memberId: z.string(),
    accountId: z.string(),
    productId: z.string(),
    name: z.string(),
    services: z.array(z.string()),
    storeIds: z.array(z.string()),
    usesBought: z.number(),
    remaining: z.number(),
    pricePaid: z.number(),
    expiresOn: z.string().nullable(),
    status: z.enum(packageStates),
    saleTransactionId: z.string(),
    soldUnitId: z.string(),
    soldAt: z.string(),
  })
  .meta({ id: 'MemberPackage' });

export const memberPackagesQuery = listQuery.extend({
  status: z.enum(packageStates).optional(),
});

export const packageHistoryItem = z.object({
  transactionId: z.string(),
  kind: z.string(),
  uses: z.number(),
  balanceAfter: z.number(),
  amount: z.number(),
  tender: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  actorType: z.string(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});

export const packagePaymentSchema = z.object({
  kind: z.enum(['sale', 'renewal']),
  transactionId: z.string(),
  tender: z.string(),
  amount: z.number(),
  uses: z.number(),
  principal: z.number(),
  bonus: z.number(),
  createdAt: z.string(),
});

export const memberPackageDetail = memberPackageSchema
  .extend({ history: z.array(packageHistoryItem), payments: z.array(packagePaymentSchema) })
  .meta({ id: 'MemberPackageDetail' });

const storedValuePart = z.object({ principal: z.number(), bonus: z.number() });

export const sellPackageResult = z
  .object({
    id: z.string().describe('the package_sale transaction'),
    package: memberPackageSchema,
    amount: z.number(),
    tender: z.enum(packageTenders),
    spendTransactionId: z.string().nullable(),
    storedValue: storedValuePart.nullable(),
  })
  .meta({ id: 'PackageSale' });

export const usePackageResult = z
  .object({
    id: z.string().describe('the package_use transaction'),
    packageId: z.string(),
    uses: z.number(),
    remaining: z.number(),
    expiresOn: z.string().nullable(),
    unitId: z.string(),
  })
  .meta({ id: 'PackageUse' });

export const renewPackageResult = z
  .object({
    id: z.string().describe('the package_renewal transaction'),
    package: memberPackageSchema,
    uses: z.number(),
    amount: z.number(),
    tender: z.enum(packageTenders),
    spendTransactionId: z.string().nullable(),
    storedValue: storedValuePart.nullable(),
  })
  .meta({ id: 'PackageRenewal' });

export const refundPackageResult = z
  .object({
    id: z.string().describe('the package_refund transaction'),
    packageId: z.string(),
    usesRefunded: z.number(),
    amount: z.number().describe('total money refunded, fen'),
    refunds: z.array(z.object({ tender: z.string(), amount: z.number() })),
    storedValue: storedValuePart,
  })
  .meta({ id: 'PackageRefund' });
