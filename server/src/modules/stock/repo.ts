// SQL for stock: levels with their guarded updates, movements, settings and transfers.
import type { Db } from '../../db/database.ts';
import type {
  StockLevelsTable,
  StockMovementKind,
  StockMovementsTable,
  StockTransferLinesTable,
  StockTransfersTable,
} from '../../db/schema.ts';
import type { Trx } from '../../db/transaction.ts';

type Handle = Db | Trx;

const maxChar = '\u{10FFFF}';

/**
 * Adds `delta` to the on-hand quantity. A decrease is guarded as the ledger guards a debit:
 * it only happens if the result stays at or above zero or the row allows negative stock,
 * so the affected row (or its absence) decides, and CHECK backs it. Undefined: refused or no row.
 */
export async function applyDelta(
  trx: Trx,
  unitId: string,
  productId: string,
  delta: number,
  at: string,
): Promise<number | undefined> {
  let query = trx
    .updateTable('stockLevels')
    .set((eb) => ({ onHand: eb('onHand', '+', delta), updatedAt: at }))
    .where('unitId', '=', unitId)
    .where('productId', '=', productId);
  if (delta < 0) {
    query = query.where((eb) => eb.or([eb(eb('onHand', '+', delta), '>=', 0), eb('allowNegative', '=', 1)]));
  }
  const row = await query.returning('onHand').executeTakeFirst();
  return row === undefined ? undefined : Number(row.onHand);
}

export function findLevel(
  db: Handle,
  unitId: string,
  productId: string,
): Promise<StockLevelsTable | undefined> {
  return db
    .selectFrom('stockLevels')
    .selectAll()
    .where('unitId', '=', unitId)
    .where('productId', '=', productId)
    .executeTakeFirst();
}

/** Creates the empty level row once; a concurrent creation of the same row is not an error. */
export async function ensureLevel(
  trx: Trx,
  row: Pick<StockLevelsTable, 'unitId' | 'productId' | 'merchantId' | 'allowNegative' | 'updatedAt'>,
): Promise<void> {
  await trx
    .insertInto('stockLevels')
    .values({ ...row, onHand: 0, reorderPoint: null })
    .onConflict((oc) => oc.columns(['unitId', 'productId']).doNothing())
    .execute();
}

export async function setLevelReorderPoint(
  trx: Trx,
  unitId: string,
  productId: string,
  reorderPoint: number | null,
  at: string,
): Promise<void> {
  await trx
    .updateTable('stockLevels')
    .set({ reorderPoint, updatedAt: at })
    .where('unitId', '=', unitId)
    .where('productId', '=', productId)
    .execute();
}

export async function insertMovement(trx: Trx, row: StockMovementsTable): Promise<void> {
  await trx.insertInto('stockMovements').values(row).execute();
}

export async function allowsNegative(db: Handle, unitId: string): Promise<boolean> {
  const row = await db
    .selectFrom('stockSettings')
    .select('allowNegative')
    .where('unitId', '=', unitId)
    .executeTakeFirst();
  return row?.allowNegative === 1;
}

export async function saveSettings(
  trx: Trx,
  merchantId: string,
  unitId: string,
  allowNegative: 0 | 1,
  at: string,
) {
  await trx
    .insertInto('stockSettings')
    .values({ unitId, merchantId, allowNegative, updatedAt: at })
    .onConflict((oc) => oc.column('unitId').doUpdateSet({ allowNegative, updatedAt: at }))
    .execute();
}

/**
 * Copies the store's setting onto its level rows. Forbidding negative stock leaves rows
 * already below zero alone and answers how many there are (the caller refuses then).
 */
export async function applySettingToLevels(trx: Trx, unitId: string, allowNegative: 0 | 1): Promise<number> {
  let update = trx.updateTable('stockLevels').set({ allowNegative }).where('unitId', '=', unitId);
  if (allowNegative === 0) update = update.where('onHand', '>=', 0);
  await update.execute();
  if (allowNegative === 1) return 0;
  const row = await trx
    .selectFrom('stockLevels')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unitId', '=', unitId)
    .where('onHand', '<', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface StockSearch {
  merchantId: string;
  /** Stores the caller sees; undefined = every store. */
  storeIds: string[] | undefined;
  storeId?: string | undefined;
  productId?: string | undefined;
  text?: { raw: string; upper: string; nameKey: string } | undefined;
  lowOnly: boolean;
  after?: { unitId: string; productId: string } | undefined;
  limit: number;
}

/**
 * Every tracked product at every store in view, with its level (zero where nothing has moved
 * yet): stores × the products each sells (headquarters products and its own).
 */
export function searchStock(db: Handle, search: StockSearch) {
  const { storeIds, text, after } = search;
  let query = db
    .selectFrom('orgUnits as s')
    // Each store with the products it sells: headquarters products and its own.
    .innerJoin('products as p', (join) =>
      join.on((eb) => eb.or([eb('p.storeId', 'is', null), eb('p.storeId', '=', eb.ref('s.id'))])),
    )
    .leftJoin('stockLevels as l', (join) =>
      join.onRef('l.unitId', '=', 's.id').onRef('l.productId', '=', 'p.id'),
    )
    .select((eb) => [
      's.id as storeId',
      's.name as storeName',
      'p.id as productId',
      'p.code',
      'p.barcode',
      'p.name',
      'p.unit',
      eb.fn.coalesce('l.onHand', eb.val(0)).as('onHand'),
      eb.fn.coalesce('l.reorderPoint', 'p.reorderPoint').as('reorderPoint'),
      'l.updatedAt',
    ])
    .where('s.merchantId', '=', search.merchantId)
    .where('s.kind', '=', 'store')
    .where('s.status', '=', 'active')
    .where('p.merchantId', '=', search.merchantId)
    .where('p.stockTracked', '=', 1)
    .where((eb) => eb.or([eb('p.status', '=', 'active'), eb('l.onHand', '<>', 0)]));
  if (storeIds) query = query.where('s.id', 'in', storeIds.length ? storeIds : ['']);
  if (search.storeId) query = query.where('s.id', '=', search.storeId);
  if (search.productId) query = query.where('p.id', '=', search.productId);
  if (text) {
    query = query.where((eb) => {
      const startsWith = (column: 'p.code' | 'p.barcode' | 'p.nameKey', prefix: string) =>
        eb.and([eb(column, '>=', prefix), eb(column, '<', prefix + maxChar)]);
      return eb.or([
        startsWith('p.code', text.raw),
        startsWith('p.code', text.upper),
        startsWith('p.barcode', text.raw),
        startsWith('p.nameKey', text.nameKey),
      ]);
    });
  }
  if (search.lowOnly) {
    query = query.where((eb) => {
      const reorderPoint = eb.fn.coalesce('l.reorderPoint', 'p.reorderPoint');
      return eb.and([
        eb(reorderPoint, 'is not', null),
        eb(eb.fn.coalesce('l.onHand', eb.val(0)), '<=', reorderPoint),
      ]);
    });
  }
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('s.id', '>', after.unitId),
        eb.and([eb('s.id', '=', after.unitId), eb('p.id', '>', after.productId)]),
      ]),
    );
  }
  return query
    .orderBy('s.id')
    .orderBy('p.id')
    .limit(search.limit + 1);
}

export interface MovementSearch {
  merchantId: string;
  storeIds: string[] | undefined;
  storeId?: string | undefined;
  productId?: string | undefined;
  kind?: StockMovementKind | undefined;
  refId?: string | undefined;
  beforeId?: string | undefined;
  limit: number;
}

export function movementColumns(db: Handle) {
  return db
    .selectFrom('stockMovements as m')
    .innerJoin('products as p', 'p.id', 'm.productId')
    .innerJoin('orgUnits as u', 'u.id', 'm.unitId')
    .leftJoin('operators as o', 'o.id', 'm.operatorId')
    .selectAll('m')
    .select([
      'p.code as productCode',
      'p.name as productName',
      'u.name as storeName',
      'o.displayName as operatorName',
    ]);
}

export type MovementRow = StockMovementsTable & {
  productCode: string;
  productName: string;
  storeName: string;
  operatorName: string | null;
};

/** Newest first. */
export function searchMovements(db: Handle, search: MovementSearch) {
  let query = movementColumns(db).where('m.merchantId', '=', search.merchantId);
  if (search.storeIds) query = query.where('m.unitId', 'in', search.storeIds.length ? search.storeIds : ['']);
  if (search.storeId) query = query.where('m.unitId', '=', search.storeId);
  if (search.productId) query = query.where('m.productId', '=', search.productId);
  if (search.kind) query = query.where('m.kind', '=', search.kind);
  if (search.refId) query = query.where('m.refId', '=', search.refId);
  if (search.beforeId) query = query.where('m.id', '<', search.beforeId);
  return query.orderBy('m.id', 'desc').limit(search.limit + 1);
}

export type TransferRow = StockTransfersTable & {
  fromStoreName: string;
  toStoreName: string;
  fromPath: string;
  toPath: string;
};

export function transferColumns(db: Handle) {
  return db
    .selectFrom('stockTransfers as t')
    .innerJoin('orgUnits as f', 'f.id', 't.fromUnitId')
    .innerJoin('orgUnits as d', 'd.id', 't.toUnitId')
    .selectAll('t')
    .select(['f.name as fromStoreName', 'd.name as toStoreName', 'f.path as fromPath', 'd.path as toPath']);
}

export function findTransfer(db: Handle, merchantId: string, id: string): Promise<TransferRow | undefined> {
  return transferColumns(db).where('t.merchantId', '=', merchantId).where('t.id', '=', id).executeTakeFirst();
}

export async function transferLines(db: Handle, transferIds: string[]) {
  if (transferIds.length === 0) return [];
  return db
    .selectFrom('stockTransferLines as l')
    .innerJoin('products as p', 'p.id', 'l.productId')
    .select(['l.transferId', 'l.lineNo', 'l.productId', 'l.quantity', 'p.code', 'p.name'])
    .where('l.transferId', 'in', transferIds)
    .orderBy('l.transferId')
    .orderBy('l.lineNo')
    .execute();
}

export async function insertTransfer(trx: Trx, row: StockTransfersTable, lines: StockTransferLinesTable[]) {
  await trx.insertInto('stockTransfers').values(row).execute();
  await trx.insertInto('stockTransferLines').values(lines).execute();
}

/** Moves a transfer out of `sent`; only one caller can, so a transfer is received or cancelled once. */
export async function closeTransfer(
  trx: Trx,
  id: string,
  changes: Partial<StockTransfersTable> & { status: 'received' | 'cancelled' },
): Promise<boolean> {
  const row = await trx
    .updateTable('stockTransfers')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', 'sent')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export interface TransferSearch {
  merchantId: string;
  storeIds: string[] | undefined;
  storeId?: string | undefined;
  status?: 'sent' | 'received' | 'cancelled' | undefined;
  beforeId?: string | undefined;
  limit: number;
}

export function searchTransfers(db: Handle, search: TransferSearch) {
  let query = transferColumns(db).where('t.merchantId', '=', search.merchantId);
  const { storeIds, storeId } = search;
  if (storeIds) {
    const ids = storeIds.length ? storeIds : [''];
    query = query.where((eb) => eb.or([eb('t.fromUnitId', 'in', ids), eb('t.toUnitId', 'in', ids)]));
  }
  if (storeId)
    query = query.where((eb) => eb.or([eb('t.fromUnitId', '=', storeId), eb('t.toUnitId', '=', storeId)]));
  if (search.status) query = query.where('t.status', '=', search.status);
  if (search.beforeId) query = query.where('t.id', '<', search.beforeId);
  return query.orderBy('t.id', 'desc').limit(search.limit + 1);
}
