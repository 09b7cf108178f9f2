// The expiry job: a package past its last day loses its remaining uses in an expiry
// transaction of its own. Each package expires in its own short transaction after a
// re-check under lock, so running the job twice (or on two processes) expires it once.
import type { Db } from '../../db/database.ts';
import { inTransaction, type Trx } from '../../db/transaction.ts';
import { recordAuditAs } from '../../platform/audit/service.ts';
import { nowIso } from '../../platform/clock.ts';
import { postTransaction } from '../ledger/post.ts';
import { isPastExpiry } from './member-packages.ts';
import * as repo from './repo.ts';

export interface ExpiryReport {
  /** Packages that expired in this run. */
  expired: number;
  /** Uses they lost between them. */
  uses: number;
}

/** Expires the merchant's packages whose last day is before `today` (YYYY-MM-DD, merchant time zone). */
export async function expirePackages(db: Db, merchantId: string, today: string): Promise<ExpiryReport> {
  const report: ExpiryReport = { expired: 0, uses: 0 };
  for (const { id } of await repo.expiredPackageIds(db, merchantId, today)) {
    const lost = await inTransaction(db, (trx) => expireOne(trx, merchantId, id, today));
    if (lost === null) continue;
    report.expired += 1;
    report.uses += lost;
  }
  return report;
}

/** The uses lost, or null when another run got there first. */
async function expireOne(
  trx: Trx,
  merchantId: string,
  packageId: string,
  today: string,
): Promise<number | null> {
  const pkg = await repo.lockPackage(trx, merchantId, packageId);
  if (pkg?.status !== 'active' || !isPastExpiry(pkg, today)) return null;
  let transactionId: string | null = null;
  if (pkg.remaining > 0) {
    const posted = await postTransaction(
      trx,
      {
        merchantId,
        memberId: pkg.memberId,
        kind: 'package_expiry',
        cardId: null,
        unitId: pkg.soldUnitId,
        actorType: 'system',
        actorId: null,
        reversesId: null,
        tender: null,
        amountFen: pkg.remaining,
        note: `expired ${pkg.expiresOn}`,
      },
      [{ accountId: pkg.accountId, amount: -pkg.remaining }],
    );
    transactionId = posted.id;
  }
  await repo.updatePackage(trx, pkg.id, {
    status: 'expired',
    expiryTransactionId: transactionId,
    updatedAt: nowIso(),
  });
  await recordAuditAs(trx, {
    merchantId,
    actorType: 'system',
    actorId: null,
    actorName: 'packages.expiry',
    unitId: pkg.soldUnitId,
    action: 'packages.expire',
    entityType: 'member_package',
    entityId: pkg.id,
    after: { expiresOn: pkg.expiresOn, usesLost: pkg.remaining, transactionId, today },
  });
  return pkg.remaining;
}
