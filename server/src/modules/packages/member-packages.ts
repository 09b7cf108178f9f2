// A member's sold packages: how one is presented, the checks every movement of its uses
// shares (scope, state, store), and the read views (a member's list, one package's detail
// with its usage history and payments).
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Trx } from '../../db/transaction.ts';
import type { Permission } from '../../platform/access/permissions.ts';
import { todayIn } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, page } from '../../platform/http/schemas.ts';
import { merchantFacts } from '../../platform/merchant.ts';
import { memberInScope } from '../members/access.ts';
import type { MemberRow } from '../members/repo.ts';
import * as repo from './repo.ts';
import type { memberPackagesQuery } from './schema.ts';

export type PackageRow = repo.MemberPackageRow;

/** "Today" for expiry: the server's clock in the merchant's time zone. */
export async function merchantToday(db: Db | Trx, merchantId: string): Promise<string> {
  return todayIn((await merchantFacts(db, merchantId)).timeZone);
}

export function isPastExpiry(pkg: Pick<PackageRow, 'expiresOn'>, today: string): boolean {
  return pkg.expiresOn !== null && pkg.expiresOn < today;
}

export function packageState(pkg: PackageRow, today: string): repo.PackageState {
  if (pkg.status === 'refunded') return 'refunded';
  if (pkg.status === 'expired' || isPastExpiry(pkg, today)) return 'expired';
  return pkg.remaining > 0 ? 'active' : 'used_up';
}

export function presentPackage(pkg: PackageRow, today: string) {
  return {
    id: pkg.id,
    memberId: pkg.memberId,
    accountId: pkg.accountId,
    productId: pkg.productId,
    name: pkg.name,
    services: JSON.parse(pkg.servicesJson) as string[],
    storeIds: JSON.parse(pkg.unitIdsJson) as string[],
    usesBought: pkg.usesBought,
    remaining: pkg.remaining,
    pricePaid: pkg.pricePaidFen,
    expiresOn: pkg.expiresOn,
    status: packageState(pkg, today),
    saleTransactionId: pkg.saleTransactionId,
    soldUnitId: pkg.soldUnitId,
    soldAt: pkg.createdAt,
  };
}

/**
 * A package whose member is in the actor's scope for `permission`, else PACKAGE_NOT_FOUND
 * as if absent. With `lock`, the package and its account are locked for the change.
 */
export async function packageInScope(
  db: Db | Trx,
  ctx: CallContext,
  permission: Permission,
  packageId: string,
  lock?: { trx: Trx },
): Promise<{ pkg: PackageRow; member: MemberRow }> {
  const { merchantId } = ctx.actor;
  const pkg = lock
    ? await repo.lockPackage(lock.trx, merchantId, packageId)
    : await repo.findPackage(db, merchantId, packageId);
  if (!pkg) throw new AppError('PACKAGE_NOT_FOUND');
  const member = await memberInScope(db, ctx.actor, permission, pkg.memberId).catch(() => {
    throw new AppError('PACKAGE_NOT_FOUND');
  });
  return { pkg, member };
}

/** Refunded and expired packages move no more uses (a used-up one may still be renewed). */
export function assertOpen(pkg: PackageRow, today: string): void {
  if (pkg.status === 'refunded') throw new AppError('PACKAGE_ALREADY_REFUNDED');
  if (pkg.status === 'expired' || isPastExpiry(pkg, today))
    throw new AppError('PACKAGE_EXPIRED', { expiresOn: pkg.expiresOn ?? '' });
}

/** A package (or product) limited to some stores moves only at one of them, chosen by X-Store-Id. */
export function assertStoreAllowed(unitIdsJson: string, storeId: string | null): void {
  const stores = JSON.parse(unitIdsJson) as string[];
  if (stores.length > 0 && !(storeId && stores.includes(storeId))) {
    throw new AppError('PACKAGE_STORE_NOT_ALLOWED');
  }
}

export function assertMemberActive(member: MemberRow): void {
  if (member.status !== 'active') throw new AppError('MEMBER_CANCELLED');
}

export async function listMemberPackages(
  db: Db,
  ctx: CallContext,
  memberId: string,
  query: z.infer<typeof memberPackagesQuery>,
) {
  await memberInScope(db, ctx.actor, 'ledger.read', memberId);
  const today = await merchantToday(db, ctx.actor.merchantId);
  const rows = await repo.packagesOfMember(db, memberId, {
    limit: query.limit,
    before: decodeCursor(query.cursor),
    state: query.status,
    today,
  });
  const { items, nextCursor } = page(rows, query.limit);
  return { items: items.map((pkg) => presentPackage(pkg, today)), nextCursor };
}

export async function packageDetail(db: Db, ctx: CallContext, packageId: string) {
  const { pkg } = await packageInScope(db, ctx, 'ledger.read', packageId);
  const today = await merchantToday(db, ctx.actor.merchantId);
  const payments = await repo.paymentsOf(db, pkg.id);
  return {
    ...presentPackage(pkg, today),
    history: await repo.packageHistory(db, pkg.accountId),
    payments: payments.map((p) => ({
      kind: p.kind,
      transactionId: p.transactionId,
      tender: p.tender,
      amount: p.amountFen,
      uses: p.uses,
      principal: p.principalFen,
      bonus: p.bonusFen,
      createdAt: p.createdAt,
    })),
  };
}

/** Usable packages for the member's balances (ledger/queries.ts memberBalances). */
export async function packageBalances(db: Db | Trx, memberId: string, today: string) {
  const rows = await repo.usablePackages(db, memberId, today);
  return rows.map((pkg) => ({
    accountId: pkg.accountId,
    packageId: pkg.id,
    name: pkg.name,
    remaining: pkg.remaining,
    expiresOn: pkg.expiresOn,
  }));
}
