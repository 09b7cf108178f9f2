// Which products an operator reaches. A headquarters product (no store) is seen by every
// catalog.read holder and written only with catalog.write at headquarters; a store's own
// product is seen and written within that store's subtree, and is simply not found outside.
import type { Db } from '../../db/database.ts';
import type { Trx } from '../../db/transaction.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Permission } from '../../platform/access/permissions.ts';
import { coversPath, holdsMerchantWide, unitIdsInScope } from '../../platform/access/scope.ts';
import { AppError } from '../../platform/errors.ts';
import { findProduct, type ProductRow } from './repo.ts';

/** Stores whose own products the actor reaches for `permission`; undefined means every store. */
export async function productStoreScope(
  db: Db | Trx,
  actor: Actor,
  permission: Permission,
): Promise<string[] | undefined> {
  if (holdsMerchantWide(actor, permission)) return undefined;
  return unitIdsInScope(db, actor, permission);
}

async function storePath(db: Db | Trx, merchantId: string, storeId: string): Promise<string | undefined> {
  const unit = await db
    .selectFrom('orgUnits')
    .select('path')
    .where('merchantId', '=', merchantId)
    .where('id', '=', storeId)
    .executeTakeFirst();
  return unit?.path;
}

/** Whether the actor reaches this product for `permission`. */
export async function reachesProduct(
  db: Db | Trx,
  actor: Actor,
  permission: Permission,
  product: Pick<ProductRow, 'storeId'>,
): Promise<boolean> {
  if (product.storeId === null) {
    return permission === 'catalog.write' ? holdsMerchantWide(actor, permission) : true;
  }
  const path = await storePath(db, actor.merchantId, product.storeId);
  return path !== undefined && coversPath(actor, permission, path);
}

/** A product the actor may read, or PRODUCT_NOT_FOUND as if it did not exist. */
export async function readableProduct(db: Db | Trx, actor: Actor, productId: string): Promise<ProductRow> {
  const product = await findProduct(db, actor.merchantId, productId);
  if (!product || !(await reachesProduct(db, actor, 'catalog.read', product))) {
    throw new AppError('PRODUCT_NOT_FOUND');
  }
  return product;
}

/** A product the actor may change: not found outside read scope, forbidden outside write scope. */
export async function writableProduct(db: Db | Trx, actor: Actor, productId: string): Promise<ProductRow> {
  const product = await readableProduct(db, actor, productId);
  if (!(await reachesProduct(db, actor, 'catalog.write', product))) {
    throw new AppError('FORBIDDEN', { permission: 'catalog.write' });
  }
  return product;
}
