// SQL for the org domain: units, operators with their grants, roles.
import { type Db, dialectOf } from '../../db/database.ts';
import { lowerContains } from '../../db/like.ts';
import type { OrgUnitsTable } from '../../db/schema.ts';
import { forUpdate, type Trx } from '../../db/transaction.ts';

type Handle = Db | Trx;

export function findUnit(db: Handle, merchantId: string, unitId: string) {
  return db
    .selectFrom('orgUnits')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('id', '=', unitId)
    .executeTakeFirst();
}

export function listUnitsByIds(db: Handle, merchantId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([] as OrgUnitsTable[]);
  return db
    .selectFrom('orgUnits')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('id', 'in', ids)
    .orderBy('path')
    .execute();
}

/**
 * Locks the merchant row until the transaction ends, so the org-tree changes of one merchant
 * take turns and each reads what the others committed (a no-op on SQLite, whose writers
 * already take turns).
 */
export async function lockMerchant(trx: Trx, merchantId: string): Promise<void> {
  await forUpdate(
    trx.selectFrom('merchants').select('id').where('id', '=', merchantId),
    dialectOf(trx),
  ).execute();
}

export async function insertUnit(trx: Trx, unit: OrgUnitsTable): Promise<void> {
  await trx.insertInto('orgUnits').values(unit).execute();
}

export async function updateUnitRow(
  trx: Trx,
  unitId: string,
  changes: Partial<OrgUnitsTable>,
): Promise<void> {
  await trx.updateTable('orgUnits').set(changes).where('id', '=', unitId).execute();
}

export async function countUnitsOfKind(trx: Trx, merchantId: string, kind: OrgUnitsTable['kind']) {
  const row = await trx
    .selectFrom('orgUnits')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('merchantId', '=', merchantId)
    .where('kind', '=', kind)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function unitCodeTaken(trx: Trx, merchantId: string, code: string, exceptId?: string) {
  let query = trx
    .selectFrom('orgUnits')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('code', '=', code);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** Active units or operators directly under a unit: a unit with either cannot be closed. */
export async function unitHasDependents(trx: Trx, unitId: string): Promise<boolean> {
  const child = await trx
    .selectFrom('orgUnits')
    .select('id')
    .where('parentId', '=', unitId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (child) return true;
  const operator = await trx
    .selectFrom('operators')
    .select('id')
    .where('unitId', '=', unitId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return operator !== undefined;
}

export function findOperator(db: Handle, merchantId: string, operatorId: string) {
  return db
    .selectFrom('operators as o')
    .innerJoin('orgUnits as u', 'u.id', 'o.unitId')
    .select([
      'o.id',
      'o.merchantId',
      'o.username',
      'o.displayName',
      'o.unitId',
      'o.status',
      'o.locale',
      'o.createdAt',
      'o.passwordHash',
      'u.name as unitName',
      'u.path as unitPath',
    ])
    .where('o.merchantId', '=', merchantId)
    .where('o.id', '=', operatorId)
    .executeTakeFirst();
}

export function findOperatorByUsername(db: Handle, username: string) {
  return db
    .selectFrom('operators')
    .selectAll()
    .where('username', '=', username.toLowerCase())
    .executeTakeFirst();
}

export interface OperatorFilter {
  merchantId: string;
  unitIds: string[];
  q?: string | undefined;
  unitId?: string | undefined;
  status?: 'active' | 'disabled' | undefined;
  afterId?: string | undefined;
  limit: number;
}

export function listOperatorRows(db: Handle, filter: OperatorFilter) {
  let query = db
    .selectFrom('operators as o')
    .innerJoin('orgUnits as u', 'u.id', 'o.unitId')
    .select([
      'o.id',
      'o.username',
      'o.displayName',
      'o.unitId',
      'o.status',
      'o.locale',
      'o.createdAt',
      'u.name as unitName',
    ])
    .where('o.merchantId', '=', filter.merchantId)
    .where('o.unitId', 'in', filter.unitIds.length ? filter.unitIds : [''])
    .orderBy('o.id')
    .limit(filter.limit + 1);
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) => eb.or([lowerContains('o.username', q), lowerContains('o.displayName', q)]));
  }
  if (filter.unitId) query = query.where('o.unitId', '=', filter.unitId);
  if (filter.status) query = query.where('o.status', '=', filter.status);
  if (filter.afterId) query = query.where('o.id', '>', filter.afterId);
  return query.execute();
}

export function grantsOf(db: Handle, operatorIds: string[]) {
  if (operatorIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('operatorGrants as g')
    .innerJoin('roles as r', 'r.id', 'g.roleId')
    .innerJoin('orgUnits as u', 'u.id', 'g.unitId')
    .select([
      'g.operatorId',
      'g.roleId',
      'r.name as roleName',
      'r.systemCode as roleCode',
      'g.unitId',
      'u.name as unitName',
    ])
    .where('g.operatorId', 'in', operatorIds)
    .orderBy('g.id')
    .execute();
}

export async function replaceGrants(
  trx: Trx,
  operatorId: string,
  grants: Array<{ id: string; roleId: string; unitId: string }>,
): Promise<void> {
  await trx.deleteFrom('operatorGrants').where('operatorId', '=', operatorId).execute();
  if (grants.length === 0) return;
  await trx
    .insertInto('operatorGrants')
    .values(grants.map((g) => ({ id: g.id, operatorId, roleId: g.roleId, unitId: g.unitId })))
    .execute();
}

export function listRoleRows(db: Handle, merchantId: string) {
  return db
    .selectFrom('roles as r')
    .leftJoin('operatorGrants as g', 'g.roleId', 'r.id')
    .select((eb) => [
      'r.id',
      'r.name',
      'r.systemCode',
      'r.description',
      'r.permissionsJson',
      'r.createdAt',
      eb.fn.count<number>('g.id').as('grantCount'),
    ])
    .where('r.merchantId', '=', merchantId)
    .groupBy(['r.id', 'r.name', 'r.systemCode', 'r.description', 'r.permissionsJson', 'r.createdAt'])
    .orderBy('r.id')
    .execute();
}

export function findRole(db: Handle, merchantId: string, roleId: string) {
  return db
    .selectFrom('roles')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('id', '=', roleId)
    .executeTakeFirst();
}

export async function roleNameTaken(trx: Trx, merchantId: string, name: string, exceptId?: string) {
  let query = trx
    .selectFrom('roles')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('name', '=', name);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function operatorsHoldingRole(trx: Trx, roleId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('operatorGrants')
    .select('operatorId')
    .where('roleId', '=', roleId)
    .execute();
  return [...new Set(rows.map((row) => row.operatorId))];
}
