// Refunding a count package (退卡): the unused uses at the prorated price, given back the
// way they were paid. The package account goes to zero in a transaction that names the
// sale (so a package is refunded once, by the database's own unique index), and each
// stored-value payment is reversed into the very principal and bonus accounts it took
// from, never turning bonus into cash.
import type { Trx } from '../../db/transaction.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { nowIso } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError, isAppError } from '../../platform/errors.ts';
import { ensureAccount, postTransaction, type TransactionHeader } from '../ledger/post.ts';
import { assertOpen, merchantToday, packageInScope, presentPackage } from './member-packages.ts';
import { proratedRefund, spreadByWeight, storedValueBack } from './refund-math.ts';
import * as repo from './repo.ts';

/** The refund's transaction header, completed with what differs between its transactions. */
type HeaderFor = (
  fields: Pick<TransactionHeader, 'kind' | 'reversesId' | 'tender' | 'amountFen'>,
) => TransactionHeader;

export async function refundPackage(
  trx: Trx,
  ctx: CallContext,
  packageId: string,
  input: { reason: string },
) {
  const { merchantId } = ctx.actor;
  const { pkg, member } = await packageInScope(trx, ctx, 'checkout.return', packageId, { trx });
  const today = await merchantToday(trx, merchantId);
  assertOpen(pkg, today);
  const unused = pkg.remaining;
  if (unused <= 0) throw new AppError('PACKAGE_NOTHING_TO_REFUND');
  const amount = proratedRefund(pkg.pricePaidFen, unused, pkg.usesBought);
  const payments = await repo.paymentsOf(trx, pkg.id);
  const shares = spreadByWeight(
    amount,
    payments.map((p) => p.amountFen),
  );
  const unitId = ctx.storeId ?? member.homeUnitId;
  const header: HeaderFor = (fields) => ({
    merchantId,
    memberId: pkg.memberId,
    cardId: null,
    unitId,
    actorType: 'operator',
    actorId: ctx.actor.operatorId,
    note: input.reason,
    ...fields,
  });
  const saleTender = payments[0]?.tender ?? null;
  let posted: Awaited<ReturnType<typeof postTransaction>>;
  try {
    posted = await postTransaction(
      trx,
      header({
        kind: 'package_refund',
        reversesId: pkg.saleTransactionId,
        tender: saleTender,
        amountFen: amount,
      }),
      [{ accountId: pkg.accountId, amount: -unused }],
    );
  } catch (error) {
    if (isAppError(error) && error.code === 'ALREADY_REVERSED')
      throw new AppError('PACKAGE_ALREADY_REFUNDED');
    throw error;
  }

  const byTender = new Map<string, number>();
  const storedValue = { principal: 0, bonus: 0 };
  for (const [index, payment] of payments.entries()) {
    const share = shares[index] ?? 0;
    if (share > 0) byTender.set(payment.tender, (byTender.get(payment.tender) ?? 0) + share);
    if (!payment.spendTransactionId) continue;
    // Every stored-value spend of the package is reversed, even for nothing, so the same
    // spend cannot also be refunded on its own through the charges route.
    const back = storedValueBack(share, { principal: payment.principalFen, bonus: payment.bonusFen });
    await reverseSpend(trx, header, payment.spendTransactionId, back);
    storedValue.principal += back.principal;
    storedValue.bonus += back.bonus;
  }

  const now = nowIso();
  await repo.updatePackage(trx, pkg.id, {
    status: 'refunded',
    refundTransactionId: posted.id,
    updatedAt: now,
  });
  const refunds = [...byTender].map(([tender, value]) => ({ tender, amount: value }));
  await recordAudit(trx, ctx, {
    action: 'packages.refund',
    entityType: 'member_package',
    entityId: pkg.id,
    unitId,
    before: presentPackage(pkg, today),
    after: {
      transactionId: posted.id,
      usesRefunded: unused,
      amount,
      refunds,
      storedValue,
      reason: input.reason,
    },
  });
  return { transactionId: posted.id, packageId: pkg.id, usesRefunded: unused, amount, refunds, storedValue };
}

/** Gives a stored-value payment's share back to the accounts (and card limit) it came from. */
async function reverseSpend(
  trx: Trx,
  header: (
    fields: Pick<TransactionHeader, 'kind' | 'reversesId' | 'tender' | 'amountFen'>,
  ) => TransactionHeader,
  spendTransactionId: string,
  back: { principal: number; bonus: number },
) {
  const spend = await trx
    .selectFrom('ledgerTransactions')
    .select(['merchantId', 'memberId', 'cardId'])
    .where('id', '=', spendTransactionId)
    .executeTakeFirstOrThrow();
  const principal = await ensureAccount(trx, spend.merchantId, spend.memberId, 'sv_principal');
  const bonus = await ensureAccount(trx, spend.merchantId, spend.memberId, 'sv_bonus');
  const total = back.principal + back.bonus;
  await postTransaction(
    trx,
    {
      ...header({
        kind: 'spend_refund',
        reversesId: spendTransactionId,
        tender: 'stored_value',
        amountFen: total,
      }),
      cardId: spend.cardId,
    },
    [
      { accountId: principal.id, amount: back.principal },
      { accountId: bonus.id, amount: back.bonus },
    ],
  );
  // A subsidiary or holder card's spending limit gets back what the refund returns.
  if (spend.cardId && total > 0) {
    await trx
      .updateTable('cards')
      .set((eb) => ({ spentFen: eb('spentFen', '-', total) }))
      .where('id', '=', spend.cardId)
      .where('spendLimitFen', 'is not', null)
      .execute();
  }
}
