// Selling a count package and renewing one (续次). A sale opens a new package account
// credited with the uses; paying by stored value is the ledger's own spend (charge), in
// the same transaction, and the payment row keeps what it took from principal and bonus
// so a refund can give exactly that back. Callable from checkout inside its transaction.
import type { Trx } from '../../db/transaction.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { nowIso } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { CardRow } from '../cards/repo.ts';
import { ensureAccount, postTransaction } from '../ledger/post.ts';
import { charge } from '../ledger/stored-value.ts';
import { memberInScope } from '../members/access.ts';
import {
  assertMemberActive,
  assertOpen,
  assertStoreAllowed,
  merchantToday,
  packageInScope,
  presentPackage,
} from './member-packages.ts';
import { assertPrice, expiryFrom } from './products.ts';
import * as repo from './repo.ts';
import type { PackageTender } from './schema.ts';

interface Payment {
  spendTransactionId: string | null;
  principal: number;
  bonus: number;
}

/** Takes a stored-value payment through the ledger's spend; other tenders are money at the till. */
async function collectPayment(
  trx: Trx,
  ctx: CallContext,
  memberId: string,
  card: CardRow | undefined,
  payment: { amount: number; tender: PackageTender; note: string },
): Promise<Payment> {
  if (payment.tender !== 'stored_value' || payment.amount === 0) {
    return { spendTransactionId: null, principal: 0, bonus: 0 };
  }
  const spent = await charge(
    trx,
    ctx,
    memberId,
    card,
    { amount: payment.amount, note: payment.note },
    'package_payment',
  );
  return { spendTransactionId: spent.transactionId, principal: spent.principal, bonus: spent.bonus };
}

function storedValueOf(tender: PackageTender, payment: Payment) {
  return tender === 'stored_value' ? { principal: payment.principal, bonus: payment.bonus } : null;
}

export interface SellInput {
  packageProductId: string;
  tender: PackageTender;
  quantity?: number | undefined;
  note?: string | undefined;
}

export async function sellPackage(
  trx: Trx,
  ctx: CallContext,
  memberId: string,
  card: CardRow | undefined,
  input: SellInput,
) {
  const { merchantId } = ctx.actor;
  const member = await memberInScope(trx, ctx.actor, 'members.read', memberId);
  assertMemberActive(member);
  const product = await repo.findProduct(trx, merchantId, input.packageProductId);
  if (!product) throw new AppError('PACKAGE_PRODUCT_NOT_FOUND');
  if (product.active !== 1) throw new AppError('PACKAGE_PRODUCT_INACTIVE');
  assertStoreAllowed(product.unitIdsJson, ctx.storeId);
  const quantity = input.quantity ?? 1;
  const uses = Number(product.uses) * quantity;
  const price = Number(product.priceFen) * quantity;
  assertPrice(price);
  const today = await merchantToday(trx, merchantId);
  const unitId = ctx.storeId ?? member.homeUnitId;
  const payment = await collectPayment(trx, ctx, memberId, card, {
    amount: price,
    tender: input.tender,
    note: `计次卡 ${product.name}`,
  });
  const packageId = newId('memberPackage');
  const account = await ensureAccount(trx, merchantId, memberId, 'package', packageId);
  const posted = await postTransaction(
    trx,
    {
      merchantId,
      memberId,
      kind: 'package_sale',
      cardId: card?.id ?? null,
      unitId,
      actorType: 'operator',
      actorId: ctx.actor.operatorId,
      reversesId: null,
      tender: input.tender,
      amountFen: price,
      note: input.note ?? product.name,
    },
    [{ accountId: account.id, amount: uses }],
  );
  const now = nowIso();
  const row = {
    id: packageId,
    merchantId,
    memberId,
    productId: product.id,
    accountId: account.id,
    name: product.name,
    servicesJson: product.servicesJson,
    unitIdsJson: product.unitIdsJson,
    validityKind: product.validityKind,
    validityCount: product.validityCount,
    usesBought: uses,
    pricePaidFen: price,
    expiresOn: expiryFrom(product, today),
    status: 'active' as const,
    saleTransactionId: posted.id,
    refundTransactionId: null,
    expiryTransactionId: null,
    soldUnitId: unitId,
    soldBy: ctx.actor.operatorId,
    createdAt: now,
    updatedAt: now,
  };
  await repo.insertPackage(trx, row);
  await repo.insertPayment(trx, {
    id: newId('packagePayment'),
    packageId,
    kind: 'sale',
    transactionId: posted.id,
    tender: input.tender,
    amountFen: price,
    uses,
    spendTransactionId: payment.spendTransactionId,
    principalFen: payment.principal,
    bonusFen: payment.bonus,
    createdAt: now,
  });
  const sold = presentPackage({ ...row, remaining: uses }, today);
  await recordAudit(trx, ctx, {
    action: 'packages.sell',
    entityType: 'member_package',
    entityId: packageId,
    unitId,
    after: { ...sold, quantity, tender: input.tender, transactionId: posted.id, ...payment },
  });
  return {
    transactionId: posted.id,
    package: sold,
    amount: price,
    tender: input.tender,
    spendTransactionId: payment.spendTransactionId,
    storedValue: storedValueOf(input.tender, payment),
  };
}

export interface RenewInput {
  uses: number;
  price: number;
  tender: PackageTender;
  extendValidity?: boolean | undefined;
  note?: string | undefined;
}

/** Adds uses to a package (续次), and with extendValidity restarts its validity from today. */
export async function renewPackage(
  trx: Trx,
  ctx: CallContext,
  packageId: string,
  card: CardRow | undefined,
  input: RenewInput,
) {
  assertPrice(input.price);
  const { pkg, member } = await packageInScope(trx, ctx, 'members.read', packageId, { trx });
  assertMemberActive(member);
  const today = await merchantToday(trx, ctx.actor.merchantId);
  assertOpen(pkg, today);
  assertStoreAllowed(pkg.unitIdsJson, ctx.storeId);
  const unitId = ctx.storeId ?? member.homeUnitId;
  const payment = await collectPayment(trx, ctx, pkg.memberId, card, {
    amount: input.price,
    tender: input.tender,
    note: `计次卡续次 ${pkg.name}`,
  });
  const posted = await postTransaction(
    trx,
    {
      merchantId: ctx.actor.merchantId,
      memberId: pkg.memberId,
      kind: 'package_renewal',
      cardId: card?.id ?? null,
      unitId,
      actorType: 'operator',
      actorId: ctx.actor.operatorId,
      reversesId: null,
      tender: input.tender,
      amountFen: input.price,
      note: input.note ?? pkg.name,
    },
    [{ accountId: pkg.accountId, amount: input.uses }],
  );
  // Restarting the validity never shortens it; a package without expiry keeps none.
  const restarted = input.extendValidity ? expiryFrom(pkg, today) : null;
  const expiresOn =
    pkg.expiresOn !== null && restarted !== null && restarted > pkg.expiresOn ? restarted : pkg.expiresOn;
  const now = nowIso();
  const changes = {
    usesBought: pkg.usesBought + input.uses,
    pricePaidFen: pkg.pricePaidFen + input.price,
    expiresOn,
    updatedAt: now,
  };
  await repo.updatePackage(trx, pkg.id, changes);
  await repo.insertPayment(trx, {
    id: newId('packagePayment'),
    packageId: pkg.id,
    kind: 'renewal',
    transactionId: posted.id,
    tender: input.tender,
    amountFen: input.price,
    uses: input.uses,
    spendTransactionId: payment.spendTransactionId,
    principalFen: payment.principal,
    bonusFen: payment.bonus,
    createdAt: now,
  });
  const before = presentPackage(pkg, today);
  const after = presentPackage({ ...pkg, ...changes, remaining: pkg.remaining + input.uses }, today);
  await recordAudit(trx, ctx, {
    action: 'packages.renew',
    entityType: 'member_package',
    entityId: pkg.id,
    unitId,
    before,
    after: { ...after, uses: input.uses, price: input.price, tender: input.tender, ...payment },
  });
  return {
    transactionId: posted.id,
    package: after,
    uses: input.uses,
    amount: input.price,
    tender: input.tender,
    spendTransactionId: payment.spendTransactionId,
    storedValue: storedValueOf(input.tender, payment),
  };
}
