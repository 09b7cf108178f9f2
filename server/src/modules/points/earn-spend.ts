// Earning and spending points (DESIGN invariant 6). Earning creates a lot that expires by
// the merchant's policy, counted from the server's clock in the merchant's time zone.
// Spending takes the lots that expire first, one entry per lot touched; expired points
// (past their last day, whether or not the job has posted them yet) are never spendable.
import type { Trx } from '../../db/transaction.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { nowIso, todayIn } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { merchantFacts } from '../../platform/merchant.ts';
import { postTransaction } from '../ledger/post.ts';
import { activeMember, assertPoints, lockedPointsAccount, type Movement, operatorHeader } from './account.ts';
import { lotExpiresOn } from './policy.ts';
import { insertLots, spendableLots, takeFromLot } from './repo.ts';

export interface EarnSource extends Partial<Movement> {
  kind?: 'points_earn' | 'points_adjust';
}

export interface SpendPurpose extends Partial<Movement> {
  kind?: 'points_spend' | 'points_redeem' | 'points_adjust';
}

const auditAction: Record<string, string> = {
  points_earn: 'points.earn',
  points_spend: 'points.spend',
  points_redeem: 'points.redeem',
  points_adjust: 'points.adjust',
};

/**
 * Credits `points` to the member in a new lot. A member in debt repays it first: the lot
 * records what was earned, but holds only what is left after the debt.
 */
export async function earnPoints(
  trx: Trx,
  ctx: CallContext,
  memberId: string,
  points: number,
  source: EarnSource = {},
) {
  assertPoints(points);
  const { merchantId } = ctx.actor;
  const member = await activeMember(trx, ctx, memberId);
  const facts = await merchantFacts(trx, merchantId);
  const account = await lockedPointsAccount(trx, merchantId, memberId);
  const expiresOn = lotExpiresOn(facts.settings.pointsExpiry, todayIn(facts.timeZone));
  const debtRepaid = Math.min(points, Math.max(0, -account.balance));
  const kind = source.kind ?? 'points_earn';
  const lotId = newId('lot');
  const unitId = ctx.storeId ?? member.homeUnitId;
  const posted = await postTransaction(
    trx,
    operatorHeader(ctx, memberId, unitId, points, { ...source, kind }),
    [{ accountId: account.id, amount: points, lotId }],
  );
  await insertLots(trx, [
    {
      id: lotId,
      accountId: account.id,
      earnedTransactionId: posted.id,
      amount: points,
      remaining: points - debtRepaid,
      expiresOn,
      expired: 0,
      createdAt: nowIso(),
    },
  ]);
  await recordAudit(trx, ctx, {
    action: auditAction[kind] ?? kind,
    entityType: 'ledger_transaction',
    entityId: posted.id,
    unitId,
    after: { memberId, points, lotId, expiresOn, debtRepaid, note: source.note ?? null },
  });
  const balance = posted.entries[0]?.balanceAfter ?? account.balance + points;
  return { transactionId: posted.id, points, lotId, expiresOn, debtRepaid, balance };
}

/** What a spend of `points` would take from each lot, the one expiring first first. */
export function planSpend(lots: ReadonlyArray<{ id: string; remaining: number }>, points: number) {
  const plan: Array<{ lotId: string; points: number }> = [];
  let left = points;
  for (const lot of lots) {
    if (left === 0) break;
    const take = Math.min(left, lot.remaining);
    if (take > 0) plan.push({ lotId: lot.id, points: take });
    left -= take;
  }
  return { plan, short: left };
}

/**
 * Debits `points` from the member's lots, earliest expiry first. Refused with POINTS_IN_DEBT
 * while the balance is negative, and INSUFFICIENT_POINTS when the spendable lots fall short.
 */
export async function spendPoints(
  trx: Trx,
  ctx: CallContext,
  memberId: string,
  points: number,
  purpose: SpendPurpose = {},
) {
  assertPoints(points);
  const { merchantId } = ctx.actor;
  const member = await activeMember(trx, ctx, memberId);
  const facts = await merchantFacts(trx, merchantId);
  const account = await lockedPointsAccount(trx, merchantId, memberId);
  if (account.balance < 0) throw new AppError('POINTS_IN_DEBT', { debt: -account.balance });
  const lots = await spendableLots(trx, account.id, todayIn(facts.timeZone));
  const { plan, short } = planSpend(lots, points);
  if (short > 0) {
    throw new AppError('INSUFFICIENT_POINTS', { available: points - short, required: points });
  }
  for (const step of plan) {
    // The account row is locked, so a lot changing under us means a bug, not a race to lose.
    if (!(await takeFromLot(trx, step.lotId, step.points))) throw new AppError('CONFLICT');
  }
  const kind = purpose.kind ?? 'points_spend';
  const unitId = ctx.storeId ?? member.homeUnitId;
  const posted = await postTransaction(
    trx,
    operatorHeader(ctx, memberId, unitId, -points, { ...purpose, kind }),
    plan.map((step) => ({ accountId: account.id, amount: -step.points, lotId: step.lotId })),
  );
  await recordAudit(trx, ctx, {
    action: auditAction[kind] ?? kind,
    entityType: 'ledger_transaction',
    entityId: posted.id,
    unitId,
    after: { memberId, points: -points, lots: plan, note: purpose.note ?? null },
  });
  return {
    transactionId: posted.id,
    points,
    lots: plan,
    balance: posted.entries.at(-1)?.balanceAfter ?? account.balance - points,
  };
}
