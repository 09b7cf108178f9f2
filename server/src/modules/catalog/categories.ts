// Product categories: a tree at most three levels deep (大类 → 中类 → 小类), kept by
// headquarters. Each category stores the path of ids from the top, so a subtree is a prefix
// and a move rewrites the paths below it.
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Trx } from '../../db/transaction.ts';
import { holdsMerchantWide } from '../../platform/access/scope.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { nowIso } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import * as repo from './repo.ts';
import type { createCategoryBody, updateCategoryBody } from './schema.ts';

export const maxCategoryDepth = 3;

export function presentCategory(row: repo.CategoryRow) {
  return {
    id: row.id,
    parentId: row.parentId,
    name: row.name,
    depth: Number(row.depth),
    pathIds: row.path.split('/').filter(Boolean),
    sort: Number(row.sort),
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Categories are shared by every store, so only headquarters changes them. */
function requireHeadquarters(ctx: CallContext): void {
  if (!holdsMerchantWide(ctx.actor, 'catalog.write')) {
    throw new AppError('FORBIDDEN', { permission: 'catalog.write' });
  }
}

async function parentCategory(trx: Trx, merchantId: string, parentId: string) {
  const parent = await repo.findCategory(trx, merchantId, parentId);
  if (!parent) {
    throw new AppError('CATEGORY_NOT_FOUND', {}, [{ field: 'parentId', code: 'not_found', message: '' }]);
  }
  return parent;
}

async function assertNameFree(
  trx: Trx,
  merchantId: string,
  parentId: string | null,
  name: string,
  exceptId?: string,
) {
  const holder = await repo.siblingNamed(trx, merchantId, parentId, name);
  if (holder && holder.id !== exceptId) {
    throw new AppError('CATEGORY_NAME_TAKEN', { name }, [{ field: 'name', code: 'taken', message: '' }]);
  }
}

export async function listCategories(db: Db, merchantId: string) {
  return (await repo.listCategories(db, merchantId)).map(presentCategory);
}

export async function createCategory(trx: Trx, ctx: CallContext, input: z.infer<typeof createCategoryBody>) {
  requireHeadquarters(ctx);
  const { merchantId } = ctx.actor;
  const parent = input.parentId ? await parentCategory(trx, merchantId, input.parentId) : undefined;
  const depth = parent ? Number(parent.depth) + 1 : 1;
  if (depth > maxCategoryDepth) {
    throw new AppError('CATEGORY_TOO_DEEP', {}, [{ field: 'parentId', code: 'too_deep', message: '' }]);
  }
  await assertNameFree(trx, merchantId, parent?.id ?? null, input.name);
  const id = newId('productCategory');
  const at = nowIso();
  const row: repo.CategoryRow = {
    id,
    merchantId,
    parentId: parent?.id ?? null,
    name: input.name,
    path: `${parent?.path ?? '/'}${id}/`,
    depth,
    sort: input.sort ?? 0,
    status: 'active',
    createdAt: at,
    updatedAt: at,
  };
  await repo.insertCategory(trx, row);
  const category = presentCategory(row);
  await recordAudit(trx, ctx, {
    action: 'catalog.category.create',
    entityType: 'product_category',
    entityId: id,
    unitId: null,
    after: category,
  });
  return category;
}

/** Moves a category (and everything below it) under another parent, or to the top. */
async function moveCategory(trx: Trx, before: repo.CategoryRow, parentId: string | null, at: string) {
  const parent = parentId ? await parentCategory(trx, before.merchantId, parentId) : undefined;
  if (parent?.path.startsWith(before.path)) {
    throw new AppError('CATEGORY_PARENT_INVALID', {}, [{ field: 'parentId', code: 'invalid', message: '' }]);
  }
  const rows = await repo.subtree(trx, before.merchantId, before.path);
  const height = Math.max(...rows.map((r) => Number(r.depth))) - Number(before.depth) + 1;
  const depth = parent ? Number(parent.depth) + 1 : 1;
  if (depth + height - 1 > maxCategoryDepth) {
    throw new AppError('CATEGORY_TOO_DEEP', {}, [{ field: 'parentId', code: 'too_deep', message: '' }]);
  }
  const path = `${parent?.path ?? '/'}${before.id}/`;
  const shift = depth - Number(before.depth);
  for (const row of rows) {
    if (row.id === before.id) continue;
    await repo.updateCategoryRow(trx, row.id, {
      path: path + row.path.slice(before.path.length),
      depth: Number(row.depth) + shift,
      updatedAt: at,
    });
  }
  return { parentId: parent?.id ?? null, path, depth };
}

export async function updateCategory(
  trx: Trx,
  ctx: CallContext,
  categoryId: string,
  input: z.infer<typeof updateCategoryBody>,
) {
  requireHeadquarters(ctx);
  const { merchantId } = ctx.actor;
  const before = await repo.findCategory(trx, merchantId, categoryId);
  if (!before) throw new AppError('CATEGORY_NOT_FOUND');
  const at = nowIso();
  const changes: Partial<repo.CategoryRow> = { updatedAt: at };
  if (input.parentId !== undefined && input.parentId !== before.parentId) {
    Object.assign(changes, await moveCategory(trx, before, input.parentId, at));
  }
  const name = input.name ?? before.name;
  const parentId = changes.parentId !== undefined ? changes.parentId : before.parentId;
  if (name !== before.name || parentId !== before.parentId) {
    await assertNameFree(trx, merchantId, parentId, name, before.id);
  }
  if (input.name !== undefined) changes.name = input.name;
  if (input.sort !== undefined) changes.sort = input.sort;
  if (input.status !== undefined) changes.status = input.status;
  await repo.updateCategoryRow(trx, categoryId, changes);
  const after = presentCategory({ ...before, ...changes });
  await recordAudit(trx, ctx, {
    action: 'catalog.category.update',
    entityType: 'product_category',
    entityId: categoryId,
    unitId: null,
    before: presentCategory(before),
    after,
  });
  return after;
}
