// Store scope: a grant at a unit covers its subtree. Queries filter by the units where the
// caller holds the needed permission, so an object outside that scope is simply not found
// (404), never "forbidden" (which would confirm that it exists).
import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import type { Trx } from '../../db/transaction.ts';
import { AppError } from '../errors.ts';
import type { Actor } from './actor.ts';
import type { Permission } from './permissions.ts';

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.grants.some((grant) => grant.permissions.has(permission));
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor, permission)) throw new AppError('FORBIDDEN', { permission });
}

/** Whether the actor holds `permission` over the whole merchant: a grant at headquarters. */
export function holdsMerchantWide(actor: Actor, permission: Permission): boolean {
  // A path of the root unit is `/id/`: two slashes around one id.
  return actor.grants.some((g) => g.permissions.has(permission) && g.unitPath.split('/').length === 3);
}

/** The subtree roots (unit paths) where the actor holds `permission`, without nested duplicates. */
export function scopeRoots(actor: Actor, permission: Permission): string[] {
  const paths = actor.grants.filter((g) => g.permissions.has(permission)).map((g) => g.unitPath);
  return paths.filter((path) => !paths.some((other) => other !== path && path.startsWith(other)));
}

/** Whether a unit (by its path) lies in the actor's scope for `permission`. */
export function coversPath(actor: Actor, permission: Permission, unitPath: string): boolean {
  return scopeRoots(actor, permission).some((root) => unitPath.startsWith(root));
}

/**
 * A where-clause for org_units rows inside the scope. Paths are `/id/id/` chains of ids
 * that all share the `unit_` prefix, so LIKE's `_` wildcard cannot match a foreign unit.
 */
export function unitPathInScope(roots: string[]) {
  return (eb: ExpressionBuilder<DB, 'orgUnits'>) =>
    roots.length === 0
      ? sql<boolean>`1 = 0`
      : eb.or(roots.map((root) => eb('orgUnits.path', 'like', `${root}%`)));
}

/** Ids of every unit (of any kind) in the actor's scope for `permission`. */
export async function unitIdsInScope(db: Db | Trx, actor: Actor, permission: Permission): Promise<string[]> {
  const roots = scopeRoots(actor, permission);
  if (roots.length === 0) return [];
  const rows = await db
    .selectFrom('orgUnits')
    .select('id')
    .where('merchantId', '=', actor.merchantId)
    .where(unitPathInScope(roots))
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Resolves a unit the caller names (a store in a header, a parent in a body) and checks it
 * is in scope; anything else is the same 404 as a unit that does not exist.
 */
export async function unitInScope(
  db: Db | Trx,
  actor: Actor,
  permission: Permission,
  unitId: string,
  notFound: 'UNIT_NOT_FOUND' | 'STORE_NOT_FOUND' = 'UNIT_NOT_FOUND',
) {
  const unit = await db
    .selectFrom('orgUnits')
    .selectAll()
    .where('id', '=', unitId)
    .where('merchantId', '=', actor.merchantId)
    .executeTakeFirst();
  if (!unit || !coversPath(actor, permission, unit.path)) throw new AppError(notFound);
  if (notFound === 'STORE_NOT_FOUND' && unit.kind !== 'store') throw new AppError(notFound);
  return unit;
}

/** The store the console selected (X-Store-Id): it must be a store under any of the caller's grants. */
export async function storeInScope(db: Db | Trx, actor: Actor, storeId: string) {
  const unit = await db
    .selectFrom('orgUnits')
    .selectAll()
    .where('id', '=', storeId)
    .where('merchantId', '=', actor.merchantId)
    .where('kind', '=', 'store')
    .executeTakeFirst();
  if (!unit || !actor.grants.some((grant) => unit.path.startsWith(grant.unitPath))) {
    throw new AppError('STORE_NOT_FOUND');
  }
  return unit;
}
