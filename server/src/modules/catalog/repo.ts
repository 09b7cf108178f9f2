// SQL for categories, products, their member prices and the dealer tiers.
import type { Db } from '../../db/database.ts';
import type {
  DealerTiersTable,
  ProductCategoriesTable,
  ProductMemberPricesTable,
  ProductsTable,
} from '../../db/schema.ts';
import type { Trx } from '../../db/transaction.ts';

type Handle = Db | Trx;

/** The largest code point, so `key >= q and key < q + MAX` is "starts with q" in byte order. */
const maxChar = '\u{10FFFF}';

export type CategoryRow = ProductCategoriesTable;
export type ProductRow = ProductsTable;
export type MemberPriceRow = ProductMemberPricesTable;

export function listCategories(db: Handle, merchantId: string): Promise<CategoryRow[]> {
  return db
    .selectFrom('productCategories')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .orderBy('depth')
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

export function findCategory(db: Handle, merchantId: string, id: string): Promise<CategoryRow | undefined> {
  return db
    .selectFrom('productCategories')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function siblingNamed(
  db: Handle,
  merchantId: string,
  parentId: string | null,
  name: string,
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('productCategories')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where((eb) => (parentId === null ? eb('parentId', 'is', null) : eb('parentId', '=', parentId)))
    .where('name', '=', name)
    .executeTakeFirst();
}

/** The category and every category below it. */
export function subtree(db: Handle, merchantId: string, path: string): Promise<CategoryRow[]> {
  return db
    .selectFrom('productCategories')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('path', '>=', path)
    .where('path', '<', path + maxChar)
    .execute();
}

export async function insertCategory(trx: Trx, row: CategoryRow): Promise<void> {
  await trx.insertInto('productCategories').values(row).execute();
}

export async function updateCategoryRow(trx: Trx, id: string, changes: Partial<CategoryRow>): Promise<void> {
  await trx.updateTable('productCategories').set(changes).where('id', '=', id).execute();
}

export function findProduct(db: Handle, merchantId: string, id: string): Promise<ProductRow | undefined> {
  return db
    .selectFrom('products')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findProductBy(
  db: Handle,
  merchantId: string,
  column: 'code' | 'barcode',
  value: string,
): Promise<ProductRow | undefined> {
  return db
    .selectFrom('products')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where(column, '=', value)
    .executeTakeFirst();
}

export function productsByCodes(db: Handle, merchantId: string, codes: string[]): Promise<ProductRow[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('products')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('code', 'in', codes)
    .execute();
}

export async function barcodeHolders(
  db: Handle,
  merchantId: string,
  barcodes: string[],
): Promise<Map<string, string>> {
  if (barcodes.length === 0) return new Map();
  const rows = await db
    .selectFrom('products')
    .select(['barcode', 'code'])
    .where('merchantId', '=', merchantId)
    .where('barcode', 'in', barcodes)
    .execute();
  return new Map(rows.map((r) => [r.barcode ?? '', r.code]));
}

export async function insertProduct(trx: Trx, row: ProductRow): Promise<void> {
  await trx.insertInto('products').values(row).execute();
}

export async function updateProductRow(trx: Trx, id: string, changes: Partial<ProductRow>): Promise<void> {
  await trx.updateTable('products').set(changes).where('id', '=', id).execute();
}

export async function memberPricesOf(
  db: Handle,
  productIds: string[],
): Promise<Map<string, MemberPriceRow[]>> {
  const byProduct = new Map<string, MemberPriceRow[]>();
  if (productIds.length === 0) return byProduct;
  const rows = await db
    .selectFrom('productMemberPrices')
    .selectAll()
    .where('productId', 'in', productIds)
    .orderBy('levelId')
    .orderBy('cardTypeId')
    .execute();
  for (const row of rows) byProduct.set(row.productId, [...(byProduct.get(row.productId) ?? []), row]);
  return byProduct;
}

export async function replaceMemberPrices(
  trx: Trx,
  productId: string,
  rows: MemberPriceRow[],
): Promise<void> {
  await trx.deleteFrom('productMemberPrices').where('productId', '=', productId).execute();
  if (rows.length > 0) await trx.insertInto('productMemberPrices').values(rows).execute();
}

export async function existingIds(
  db: Handle,
  table: 'memberLevels' | 'cardTypes',
  merchantId: string,
  ids: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom(table)
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export function dealerTierRows(db: Handle, merchantId: string): Promise<DealerTiersTable[]> {
  return db.selectFrom('dealerTiers').selectAll().where('merchantId', '=', merchantId).execute();
}

export async function replaceDealerTiers(
  trx: Trx,
  merchantId: string,
  rows: DealerTiersTable[],
): Promise<void> {
  await trx.deleteFrom('dealerTiers').where('merchantId', '=', merchantId).execute();
  if (rows.length > 0) await trx.insertInto('dealerTiers').values(rows).execute();
}

export interface ProductSearch {
  merchantId: string;
  /** Stores whose own products the caller sees; undefined = every store. */
  storeIds: string[] | undefined;
  /** Only products sold at this store: headquarters products and its own. */
  availableAt?: string | undefined;
  text?: { raw: string; upper: string; nameKey: string; initials: string | null } | undefined;
  categoryPath?: string | undefined;
  kind?: 'product' | 'service' | undefined;
  status?: 'active' | 'archived' | undefined;
  beforeId?: string | undefined;
  limit: number;
}

/** Newest first; the text matches a code, barcode or name prefix, or pinyin initials. */
export function searchProducts(db: Handle, search: ProductSearch) {
  let query = db.selectFrom('products as p').selectAll('p').where('p.merchantId', '=', search.merchantId);
  const { storeIds, availableAt, text, categoryPath } = search;
  if (storeIds) {
    query = query.where((eb) =>
      eb.or([eb('p.storeId', 'is', null), eb('p.storeId', 'in', storeIds.length ? storeIds : [''])]),
    );
  }
  if (availableAt) {
    query = query.where((eb) => eb.or([eb('p.storeId', 'is', null), eb('p.storeId', '=', availableAt)]));
  }
  if (text) {
    query = query.where((eb) => {
      const startsWith = (column: 'p.code' | 'p.barcode' | 'p.nameKey' | 'p.nameInitials', prefix: string) =>
        eb.and([eb(column, '>=', prefix), eb(column, '<', prefix + maxChar)]);
      const any = [
        startsWith('p.code', text.raw),
        startsWith('p.code', text.upper),
        startsWith('p.barcode', text.raw),
        startsWith('p.nameKey', text.nameKey),
      ];
      if (text.initials) any.push(startsWith('p.nameInitials', text.initials));
      return eb.or(any);
    });
  }
  if (categoryPath) {
    query = query.where((eb) =>
      eb(
        'p.categoryId',
        'in',
        eb
          .selectFrom('productCategories as c')
          .select('c.id')
          .where('c.merchantId', '=', search.merchantId)
          .where('c.path', '>=', categoryPath)
          .where('c.path', '<', categoryPath + maxChar),
      ),
    );
  }
  if (search.kind) query = query.where('p.kind', '=', search.kind);
  if (search.status) query = query.where('p.status', '=', search.status);
  if (search.beforeId) query = query.where('p.id', '<', search.beforeId);
  return query.orderBy('p.id', 'desc').limit(search.limit + 1);
}

/** Products by id or barcode that are sold at a store (headquarters products and its own). */
export function productsAtStore(
  db: Handle,
  merchantId: string,
  storeId: string,
  keys: { ids?: readonly string[]; barcodes?: readonly string[] },
): Promise<ProductRow[]> {
  const ids = [...(keys.ids ?? [])];
  const barcodes = [...(keys.barcodes ?? [])];
  if (ids.length === 0 && barcodes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('products')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where((eb) => eb.or([eb('storeId', 'is', null), eb('storeId', '=', storeId)]))
    .where((eb) => {
      const any = [];
      if (ids.length) any.push(eb('id', 'in', ids));
      if (barcodes.length) any.push(eb('barcode', 'in', barcodes));
      return eb.or(any);
    })
    .execute();
}
