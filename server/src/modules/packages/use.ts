// Using a count package (核销): a guarded decrement of the package account through the
// ledger, so concurrent uses can never take it below zero; and giving back the uses of a
// use made in error or returned with its order. Callable from checkout inside its transaction.
import type { Trx } from '../../db/transaction.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError, isAppError } from '../../platform/errors.ts';
import { postTransaction } from '../ledger/post.ts';
import {
  assertMemberActive,
  assertOpen,
  assertStoreAllowed,
  merchantToday,
  packageInScope,
} from './member-packages.ts';

export interface UseInput {
  uses: number;
  note?: string | undefined;
}

/** Takes `uses` from a package at the selected store (X-Store-Id), by the signed-in operator. */
export async function usePackage(trx: Trx, ctx: CallContext, packageId: string, input: UseInput) {
  const { pkg, member } = await packageInScope(trx, ctx, 'members.read', packageId, { trx });
  assertMemberActive(member);
  const today = await merchantToday(trx, ctx.actor.merchantId);
  assertOpen(pkg, today);
  assertStoreAllowed(pkg.unitIdsJson, ctx.storeId);
  const exhausted = (remaining: number) =>
    new AppError('PACKAGE_USES_EXHAUSTED', { remaining, requested: input.uses }, [
      { field: 'uses', code: 'exhausted', message: '' },
    ]);
  if (pkg.remaining < input.uses) throw exhausted(pkg.remaining);
  const unitId = ctx.storeId ?? member.homeUnitId;
  let posted: Awaited<ReturnType<typeof postTransaction>>;
  try {
    posted = await postTransaction(
      trx,
      {
        merchantId: ctx.actor.merchantId,
        memberId: pkg.memberId,
        kind: 'package_use',
        cardId: null,
        unitId,
        actorType: 'operator',
        actorId: ctx.actor.operatorId,
        reversesId: null,
        tender: null,
        amountFen: input.uses,
        note: input.note ?? null,
      },
      [{ accountId: pkg.accountId, amount: -input.uses }],
    );
  } catch (error) {
    // The guarded decrement lost a race with another use: the account decides, not our read.
    if (isAppError(error) && error.code === 'INSUFFICIENT_BALANCE')
      throw exhausted(Number(error.params.available ?? 0));
    throw error;
  }
  const remaining = posted.entries[0]?.balanceAfter ?? pkg.remaining - input.uses;
  await recordAudit(trx, ctx, {
    action: 'packages.use',
    entityType: 'member_package',
    entityId: pkg.id,
    unitId,
    after: { uses: input.uses, remaining, transactionId: posted.id, note: input.note ?? null },
  });
  return {
    transactionId: posted.id,
    packageId: pkg.id,
    uses: input.uses,
    remaining,
    expiresOn: pkg.expiresOn,
    unitId,
  };
}

/**
 * Gives back the uses a use took (a use made in error, or an order line returned), as a
 * new transaction naming the use; a use is given back once. Not after a refund or expiry.
 */
export async function reverseUse(trx: Trx, ctx: CallContext, useTransactionId: string, reason: string) {
  const use = await trx
    .selectFrom('ledgerTransactions as t')
    .innerJoin('ledgerEntries as e', 'e.transactionId', 't.id')
    .innerJoin('accounts as a', 'a.id', 'e.accountId')
    .select(['t.id', 't.kind', 't.cardId', 'e.amount', 'a.refId'])
    .where('t.merchantId', '=', ctx.actor.merchantId)
    .where('t.id', '=', useTransactionId)
    .where('a.kind', '=', 'package')
    .executeTakeFirst();
  if (!use) throw new AppError('TRANSACTION_NOT_FOUND');
  if (use.kind !== 'package_use') throw new AppError('NOT_REVERSIBLE', { reason: use.kind });
  const { pkg, member } = await packageInScope(trx, ctx, 'checkout.return', use.refId, { trx }).catch(() => {
    throw new AppError('TRANSACTION_NOT_FOUND');
  });
  if (pkg.status === 'refunded') throw new AppError('PACKAGE_ALREADY_REFUNDED');
  if (pkg.status === 'expired') throw new AppError('PACKAGE_EXPIRED', { expiresOn: pkg.expiresOn ?? '' });
  const uses = -Number(use.amount);
  const unitId = ctx.storeId ?? member.homeUnitId;
  const posted = await postTransaction(
    trx,
    {
      merchantId: ctx.actor.merchantId,
      memberId: pkg.memberId,
      kind: 'package_use_reversal',
      cardId: use.cardId,
      unitId,
      actorType: 'operator',
      actorId: ctx.actor.operatorId,
      reversesId: use.id,
      tender: null,
      amountFen: uses,
      note: reason,
    },
    [{ accountId: pkg.accountId, amount: uses }],
  );
  const remaining = posted.entries[0]?.balanceAfter ?? pkg.remaining + uses;
  await recordAudit(trx, ctx, {
    action: 'packages.use_reversal',
    entityType: 'member_package',
    entityId: pkg.id,
    unitId,
    after: { useTransactionId, uses, remaining, transactionId: posted.id, reason },
  });
  return { transactionId: posted.id, packageId: pkg.id, useTransactionId, uses, remaining };
}
