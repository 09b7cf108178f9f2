// The points expiry job: every lot past its last day that still holds points is expired by
// one transaction per account (kind points_expire, one entry per lot, with its lot_id).
// Safe to run twice, or twice at once: each lot is marked by a guarded update that only one
// run can win, and a run that wins no lot posts nothing.
import type { Db } from '../../db/database.ts';
import { inTransaction, type Trx } from '../../db/transaction.ts';
import { recordAudit, recordAuditAs } from '../../platform/audit/service.ts';
import type { CallContext } from '../../platform/context.ts';
import { postTransaction } from '../ledger/post.ts';
import { findMember } from '../members/repo.ts';
import { accountsWithDueLots, dueLots, lockAccount, markLotExpired } from './repo.ts';

export interface ExpiryRun {
  /** The day the run treated as today: lots whose last day is before it expired. */
  today: string;
  points: number;
  lots: number;
  accounts: number;
  transactionIds: string[];
}

async function expireAccount(
  trx: Trx,
  merchantId: string,
  account: { accountId: string; memberId: string },
  today: string,
  ctx: CallContext | undefined,
) {
  await lockAccount(trx, account.accountId);
  const expired: Array<{ lotId: string; points: number }> = [];
  for (const lot of await dueLots(trx, account.accountId, today)) {
    if (await markLotExpired(trx, lot.id, lot.remaining))
      expired.push({ lotId: lot.id, points: lot.remaining });
  }
  if (expired.length === 0) return undefined;
  const points = expired.reduce((sum, lot) => sum + lot.points, 0);
  const member = await findMember(trx, merchantId, account.memberId);
  const posted = await postTransaction(
    trx,
    {
      merchantId,
      memberId: account.memberId,
      kind: 'points_expire',
      cardId: null,
      unitId: member?.homeUnitId ?? ctx?.actor.unitId ?? '',
      actorType: ctx ? 'operator' : 'system',
      actorId: ctx?.actor.operatorId ?? null,
      reversesId: null,
      tender: null,
      amountFen: -points,
      note: `expired before ${today}`,
    },
    expired.map((lot) => ({ accountId: account.accountId, amount: -lot.points, lotId: lot.lotId })),
  );
  return { transactionId: posted.id, points, lots: expired.length };
}

/**
 * Expires every due lot of the merchant. `today` is the merchant's today (from the server's
 * clock, never a client's). With a call context the run is recorded as that operator's;
 * without one (the scheduler) as the system's.
 */
export async function expirePoints(
  db: Db,
  merchantId: string,
  today: string,
  ctx?: CallContext,
): Promise<ExpiryRun> {
  const run: ExpiryRun = { today, points: 0, lots: 0, accounts: 0, transactionIds: [] };
  for (const account of await accountsWithDueLots(db, merchantId, today)) {
    const done = await inTransaction(db, (trx) => expireAccount(trx, merchantId, account, today, ctx));
    if (!done) continue;
    run.points += done.points;
    run.lots += done.lots;
    run.accounts += 1;
    run.transactionIds.push(done.transactionId);
  }
  const entry = {
    action: 'points.expire_run',
    entityType: 'points_expiry',
    entityId: null,
    unitId: null,
    after: { today, points: run.points, lots: run.lots, accounts: run.accounts },
  };
  await inTransaction(db, (trx) =>
    ctx
      ? recordAudit(trx, ctx, entry)
      : recordAuditAs(trx, {
          ...entry,
          merchantId,
          actorType: 'system',
          actorId: null,
          actorName: 'points-expiry',
        }),
  );
  return run;
}
