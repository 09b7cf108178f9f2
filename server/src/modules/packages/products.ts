// Package products (计次卡项目): what a package covers, how many uses, the price, the
// validity from sale and the stores where it may be sold and used. Editing a product
// changes future sales only; a package sold keeps the terms it was sold with.
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Trx } from '../../db/transaction.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { addDays, addMonths, nowIso } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { assertAmount } from '../ledger/amounts.ts';
import * as repo from './repo.ts';
import type { createPackageProductBody, PackageValidity, updatePackageProductBody } from './schema.ts';

type ValidityColumns = Pick<repo.PackageProductRow, 'validityKind' | 'validityCount'>;

export function validityOf(row: ValidityColumns): PackageValidity {
  if (row.validityKind === 'days') return { kind: 'days', days: row.validityCount ?? 0 };
  if (row.validityKind === 'months') return { kind: 'months', months: row.validityCount ?? 0 };
  return { kind: 'none' };
}

function validityColumns(validity: PackageValidity): ValidityColumns {
  if (validity.kind === 'days') return { validityKind: 'days', validityCount: validity.days };
  if (validity.kind === 'months') return { validityKind: 'months', validityCount: validity.months };
  return { validityKind: 'none', validityCount: null };
}

/** The last day a package sold (or renewed) on `today` may be used; null = no expiry. */
export function expiryFrom(row: ValidityColumns, today: string): string | null {
  const count = row.validityCount ?? 0;
  if (row.validityKind === 'days') return addDays(today, count - 1);
  if (row.validityKind === 'months') return addDays(addMonths(today, count), -1);
  return null;
}

/** A price may be zero (a free trial package); otherwise the ledger's amount rules apply. */
export function assertPrice(price: number, field = 'price'): void {
  if (price !== 0) assertAmount(price, field);
}

export function presentProduct(row: repo.PackageProductRow) {
  return {
    id: row.id,
    name: row.name,
    services: JSON.parse(row.servicesJson) as string[],
    uses: Number(row.uses),
    price: Number(row.priceFen),
    validity: validityOf(row),
    storeIds: JSON.parse(row.unitIdsJson) as string[],
    active: row.active === 1,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function checkedStoreIds(trx: Trx, merchantId: string, storeIds: string[] | undefined) {
  const unique = [...new Set(storeIds ?? [])];
  const stores = await repo.existingStores(trx, merchantId, unique);
  const unknown = unique.filter((id) => !stores.has(id));
  if (unknown.length > 0) {
    throw new AppError('PACKAGE_PRODUCT_INVALID', { reason: `not a store: ${unknown.join(', ')}` }, [
      { field: 'storeIds', code: 'store_not_found', message: '' },
    ]);
  }
  return unique;
}

export async function listPackageProducts(db: Db, merchantId: string, active?: boolean) {
  return (await repo.listProducts(db, merchantId, active)).map(presentProduct);
}

export async function createPackageProduct(
  trx: Trx,
  ctx: CallContext,
  input: z.infer<typeof createPackageProductBody>,
) {
  assertPrice(input.price);
  const now = nowIso();
  const row: repo.PackageProductRow = {
    id: newId('packageProduct'),
    merchantId: ctx.actor.merchantId,
    name: input.name,
    servicesJson: JSON.stringify(input.services),
    uses: input.uses,
    priceFen: input.price,
    ...validityColumns(input.validity),
    unitIdsJson: JSON.stringify(await checkedStoreIds(trx, ctx.actor.merchantId, input.storeIds)),
    active: input.active === false ? 0 : 1,
    createdAt: now,
    updatedAt: now,
  };
  await repo.insertProduct(trx, row);
  const product = presentProduct(row);
  await recordAudit(trx, ctx, {
    action: 'packages.product.create',
    entityType: 'package_product',
    entityId: row.id,
    unitId: null,
    after: product,
  });
  return product;
}

export async function updatePackageProduct(
  trx: Trx,
  ctx: CallContext,
  productId: string,
  input: z.infer<typeof updatePackageProductBody>,
) {
  const before = await repo.findProduct(trx, ctx.actor.merchantId, productId);
  if (!before) throw new AppError('PACKAGE_PRODUCT_NOT_FOUND');
  if (input.price !== undefined) assertPrice(input.price);
  const changes: Parameters<typeof repo.updateProduct>[2] = { updatedAt: nowIso() };
  if (input.name !== undefined) changes.name = input.name;
  if (input.services !== undefined) changes.servicesJson = JSON.stringify(input.services);
  if (input.uses !== undefined) changes.uses = input.uses;
  if (input.price !== undefined) changes.priceFen = input.price;
  if (input.validity !== undefined) Object.assign(changes, validityColumns(input.validity));
  if (input.storeIds !== undefined)
    changes.unitIdsJson = JSON.stringify(await checkedStoreIds(trx, ctx.actor.merchantId, input.storeIds));
  if (input.active !== undefined) changes.active = input.active ? 1 : 0;
  await repo.updateProduct(trx, productId, changes);
  const after = presentProduct({ ...before, ...changes });
  await recordAudit(trx, ctx, {
    action: 'packages.product.update',
    entityType: 'package_product',
    entityId: productId,
    unitId: null,
    before: presentProduct(before),
    after,
  });
  return after;
}
