// SQL for count packages: products, sold packages with their remaining uses (the package
// account's balance), the payments that bought them, and their ledger history.
import type { Db } from '../../db/database.ts';
import { dialectOf } from '../../db/database.ts';
import type { MemberPackagesTable, PackagePaymentsTable, PackageProductsTable } from '../../db/schema.ts';
import type { Trx } from '../../db/transaction.ts';
import { forUpdate } from '../../db/transaction.ts';

type Handle = Db | Trx;

export type PackageProductRow = PackageProductsTable;
export type MemberPackageRow = MemberPackagesTable & { remaining: number };

export async function insertProduct(trx: Trx, row: PackageProductRow): Promise<void> {
  await trx.insertInto('packageProducts').values(row).execute();
}

export async function updateProduct(
  trx: Trx,
  id: string,
  changes: Partial<Omit<PackageProductRow, 'id' | 'merchantId' | 'createdAt'>>,
): Promise<void> {
  await trx.updateTable('packageProducts').set(changes).where('id', '=', id).execute();
}

export function findProduct(db: Handle, merchantId: string, id: string) {
  return db
    .selectFrom('packageProducts')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listProducts(db: Handle, merchantId: string, active?: boolean) {
  let q = db.selectFrom('packageProducts').selectAll().where('merchantId', '=', merchantId);
  if (active !== undefined) q = q.where('active', '=', active ? 1 : 0);
  return q.orderBy('id').execute();
}

/** Which of `ids` are stores of the merchant. */
export async function existingStores(db: Handle, merchantId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('orgUnits')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('kind', '=', 'store')
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

function packagesWithBalance(db: Handle) {
  return db
    .selectFrom('memberPackages as p')
    .innerJoin('accounts as a', 'a.id', 'p.accountId')
    .selectAll('p')
    .select('a.balance as remaining');
}

function withNumbers<T extends { remaining: number; usesBought: number; pricePaidFen: number }>(row: T): T {
  return {
    ...row,
    remaining: Number(row.remaining),
    usesBought: Number(row.usesBought),
    pricePaidFen: Number(row.pricePaidFen),
  };
}

export async function findPackage(db: Handle, merchantId: string, id: string) {
  const row = await packagesWithBalance(db)
    .where('p.merchantId', '=', merchantId)
    .where('p.id', '=', id)
    .executeTakeFirst();
  return row ? withNumbers(row) : undefined;
}

/**
 * The package row and its account, locked on PostgreSQL (package first, then account, as
 * every writer does) so a refund or renewal reads the remaining uses as they stand.
 */
export async function lockPackage(trx: Trx, merchantId: string, id: string) {
  const dialect = dialectOf(trx);
  const row = await forUpdate(
    trx
      .selectFrom('memberPackages')
      .select('accountId')
      .where('merchantId', '=', merchantId)
      .where('id', '=', id),
    dialect,
  ).executeTakeFirst();
  if (!row) return undefined;
  await forUpdate(trx.selectFrom('accounts').select('id').where('id', '=', row.accountId), dialect).execute();
  return findPackage(trx, merchantId, id);
}

export async function insertPackage(trx: Trx, row: MemberPackagesTable): Promise<void> {
  await trx.insertInto('memberPackages').values(row).execute();
}

export async function updatePackage(
  trx: Trx,
  id: string,
  changes: Partial<Omit<MemberPackagesTable, 'id' | 'merchantId' | 'memberId' | 'accountId'>>,
): Promise<void> {
  await trx.updateTable('memberPackages').set(changes).where('id', '=', id).execute();
}

export async function insertPayment(trx: Trx, row: PackagePaymentsTable): Promise<void> {
  await trx.insertInto('packagePayments').values(row).execute();
}

export async function paymentsOf(db: Handle, packageId: string) {
  const rows = await db
    .selectFrom('packagePayments')
    .selectAll()
    .where('packageId', '=', packageId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    ...r,
    amountFen: Number(r.amountFen),
    uses: Number(r.uses),
    principalFen: Number(r.principalFen),
    bonusFen: Number(r.bonusFen),
  }));
}

export type PackageState = 'active' | 'used_up' | 'expired' | 'refunded';

/** A member's packages, newest first, optionally in one state as of `today`. */
export async function packagesOfMember(
  db: Handle,
  memberId: string,
  page: { limit: number; before?: string | undefined; state?: PackageState | undefined; today: string },
) {
  let q = packagesWithBalance(db)
    .where('p.memberId', '=', memberId)
    .orderBy('p.id', 'desc')
    .limit(page.limit + 1);
  if (page.before) q = q.where('p.id', '<', page.before);
  const { state, today } = page;
  if (state === 'refunded') q = q.where('p.status', '=', 'refunded');
  if (state === 'expired')
    q = q.where((eb) =>
      eb.or([
        eb('p.status', '=', 'expired'),
        eb.and([eb('p.status', '=', 'active'), eb('p.expiresOn', '<', today)]),
      ]),
    );
  if (state === 'active' || state === 'used_up')
    q = q
      .where('p.status', '=', 'active')
      .where('a.balance', state === 'active' ? '>' : '=', 0)
      .where((eb) => eb.or([eb('p.expiresOn', 'is', null), eb('p.expiresOn', '>=', today)]));
  return (await q.execute()).map(withNumbers);
}

/** Every movement of a package's uses, oldest first, with where and by whom. */
export async function packageHistory(db: Handle, accountId: string) {
  const rows = await db
    .selectFrom('ledgerEntries as e')
    .innerJoin('ledgerTransactions as t', 't.id', 'e.transactionId')
    .innerJoin('orgUnits as u', 'u.id', 't.unitId')
    .leftJoin('operators as o', 'o.id', 't.actorId')
    .select([
      't.id as transactionId',
      't.kind',
      'e.amount as uses',
      'e.balanceAfter',
      't.amountFen',
      't.tender',
      't.unitId',
      'u.name as unitName',
      't.actorType',
      'o.displayName as actorName',
      't.note',
      't.createdAt',
    ])
    .where('e.accountId', '=', accountId)
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    transactionId: r.transactionId,
    kind: r.kind,
    uses: Number(r.uses),
    balanceAfter: Number(r.balanceAfter),
    amount: Number(r.amountFen),
    tender: r.tender,
    unitId: r.unitId,
    unitName: r.unitName,
    actorType: r.actorType,
    actorName: r.actorName,
    note: r.note,
    createdAt: r.createdAt,
  }));
}

/** A member's packages that can be used today: active, not expired, uses left. */
export async function usablePackages(db: Handle, memberId: string, today: string) {
  const rows = await packagesWithBalance(db)
    .where('p.memberId', '=', memberId)
    .where('p.status', '=', 'active')
    .where('a.balance', '>', 0)
    .where((eb) => eb.or([eb('p.expiresOn', 'is', null), eb('p.expiresOn', '>=', today)]))
    .orderBy('p.id')
    .execute();
  return rows.map(withNumbers);
}

/** Active packages of a merchant whose last day is before `today`. */
export function expiredPackageIds(db: Handle, merchantId: string, today: string) {
  return db
    .selectFrom('memberPackages')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('status', '=', 'active')
    .where('expiresOn', 'is not', null)
    .where('expiresOn', '<', today)
    .orderBy('id')
    .execute();
}
