// Reversing a points transaction, mirroring what it did (DESIGN "Refunds mirror what they
// undo"). Spent points go back to the lots they came from (or, when a lot was expired in
// between, to a new lot with the same last day, so a cancel cannot extend an expiry).
// Earned points are taken back from their own lot, then from the other lots, and what is
// missing becomes a debt if the merchant allows it; otherwise POINTS_ALREADY_SPENT.
// The unique index on reverses_id makes a second reversal fail (ALREADY_REVERSED).
import type { PointsLotsTable } from '../../db/schema.ts';
import type { Trx } from '../../db/transaction.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { nowIso, todayIn } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { merchantFacts } from '../../platform/merchant.ts';
import { type EntryDraft, postTransaction } from '../ledger/post.ts';
import { lockedPointsAccount, operatorHeader, type PointsTransactionKind } from './account.ts';
import { lotExpiresOn } from './policy.ts';
import { findLot, giveToLot, insertLots, openLots, pointsTransaction, takeFromLot } from './repo.ts';

const reversalKinds: Partial<Record<string, PointsTransactionKind>> = {
  points_earn: 'points_earn_reversal',
  points_spend: 'points_spend_reversal',
  points_redeem: 'points_redeem_cancel',
};

type Account = Awaited<ReturnType<typeof lockedPointsAccount>>;
type OriginalEntry = { lotId: string | null; amount: number };

/** Points back into the lots a spend took them from; a debt is repaid first. */
async function giveBack(trx: Trx, account: Account, taken: OriginalEntry[], fallbackExpiry: string) {
  let debt = Math.max(0, -account.balance);
  const drafts: EntryDraft[] = [];
  const newLots: Array<Omit<PointsLotsTable, 'earnedTransactionId'>> = [];
  for (const entry of taken) {
    const points = -entry.amount;
    const repaid = Math.min(debt, points);
    debt -= repaid;
    const back = points - repaid;
    let lotId = entry.lotId;
    if (back > 0 && !(lotId && (await giveToLot(trx, lotId, back)))) {
      const original = lotId ? await findLot(trx, lotId) : undefined;
      lotId = newId('lot');
      newLots.push({
        id: lotId,
        accountId: account.id,
        amount: back,
        remaining: back,
        expiresOn: original?.expiresOn ?? fallbackExpiry,
        expired: 0,
        createdAt: nowIso(),
      });
    }
    drafts.push({ accountId: account.id, amount: points, lotId });
  }
  return { drafts, newLots };
}

/** Earned points out of their own lot first, then the others; the rest is a debt. */
async function takeBack(trx: Trx, account: Account, earned: OriginalEntry[], allowDebt: boolean) {
  const points = earned.reduce((sum, e) => sum + e.amount, 0);
  const own = new Set(earned.map((e) => e.lotId).filter((id): id is string => id !== null));
  const lots = await openLots(trx, account.id);
  const ordered = [...lots.filter((l) => own.has(l.id)), ...lots.filter((l) => !own.has(l.id))];
  const drafts: EntryDraft[] = [];
  let left = points;
  for (const lot of ordered) {
    if (left === 0) break;
    const take = Math.min(left, lot.remaining);
    if (!(await takeFromLot(trx, lot.id, take))) throw new AppError('CONFLICT');
    drafts.push({ accountId: account.id, amount: -take, lotId: lot.id });
    left -= take;
  }
  if (left > 0) {
    if (!allowDebt || account.balance - points < account.floor) {
      throw new AppError('POINTS_ALREADY_SPENT', { spent: left });
    }
    drafts.push({ accountId: account.id, amount: -left, lotId: null });
  }
  return { drafts, debt: left };
}

/**
 * Reverses an earn, a spend or a redemption's spend of points. Returns the reversal's
 * transaction and the signed points it moved (positive when points came back).
 */
export async function reversePointsTransaction(
  trx: Trx,
  ctx: CallContext,
  transactionId: string,
  options: { note?: string | null | undefined } = {},
) {
  const { merchantId } = ctx.actor;
  const original = await pointsTransaction(trx, merchantId, transactionId);
  if (!original) throw new AppError('TRANSACTION_NOT_FOUND');
  const kind = reversalKinds[original.txn.kind];
  if (!kind) throw new AppError('NOT_REVERSIBLE', { reason: original.txn.kind });
  const { txn, entries } = original;
  const facts = await merchantFacts(trx, merchantId);
  const account = await lockedPointsAccount(trx, merchantId, txn.memberId);
  const net = entries.reduce((sum, e) => sum + e.amount, 0);
  const today = todayIn(facts.timeZone);
  let drafts: EntryDraft[];
  let newLots: Array<Omit<PointsLotsTable, 'earnedTransactionId'>> = [];
  let debt = 0;
  if (net < 0) {
    ({ drafts, newLots } = await giveBack(
      trx,
      account,
      entries,
      lotExpiresOn(facts.settings.pointsExpiry, today),
    ));
  } else {
    ({ drafts, debt } = await takeBack(trx, account, entries, facts.settings.allowPointsDebt));
  }
  const unitId = ctx.storeId ?? txn.unitId;
  const posted = await postTransaction(
    trx,
    operatorHeader(ctx, txn.memberId, unitId, -net, {
      kind,
      reversesId: txn.id,
      cardId: txn.cardId,
      note: options.note,
    }),
    drafts,
  );
  await insertLots(
    trx,
    newLots.map((lot) => ({ ...lot, earnedTransactionId: posted.id })),
  );
  await recordAudit(trx, ctx, {
    action: 'points.reverse',
    entityType: 'ledger_transaction',
    entityId: posted.id,
    unitId,
    after: { reverses: txn.id, kind, points: -net, debt, note: options.note ?? null },
  });
  return { transactionId: posted.id, memberId: txn.memberId, points: -net, debt };
}
