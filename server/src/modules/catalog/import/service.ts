// Importing products from .xlsx or .csv (UTF-8 or GBK), answered at once for files of up
// to 20,000 rows. Every row is checked first; a dry run stops there and writes nothing. A
// real run writes the good rows (500 to a transaction) and reports the others. A code
// already in the catalog updates that product (blank cells leave its fields alone); a new
// code creates one, owned by headquarters or by the store the options name.
import type { Db } from '../../../db/database.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { coversPath, holdsMerchantWide } from '../../../platform/access/scope.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import type { CallContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { fileReason } from '../../members/import/messages.ts';
import { FileProblem, isBlankRow, readRows, type SheetRow, sniffFile } from '../../members/import/parse.ts';
import { owningStore, presentProduct, saveProduct } from '../products.ts';
import * as repo from '../repo.ts';
import * as cols from './columns.ts';
import { headerReason, rowMessage } from './messages.ts';
import { type Lookups, type Plan, planRow, type RowError, type Seen } from './plan.ts';

export const maxImportRows = 20_000;
const errorLimit = 1000;
const batchSize = 500;

export interface ImportOptions {
  dryRun: boolean;
  storeId?: string | null | undefined;
}

async function readSheet(path: string): Promise<{ headers: string[]; rows: SheetRow[] }> {
  const source = await sniffFile(path);
  let headers: string[] | undefined;
  const rows: SheetRow[] = [];
  for await (const sheetRow of readRows(source)) {
    if (headers === undefined) {
      if (sheetRow.row !== 1 || isBlankRow(sheetRow.cells)) throw new FileProblem('no_header');
      headers = sheetRow.cells.map((cell) => (cell === null ? '' : String(cell)));
      continue;
    }
    if (isBlankRow(sheetRow.cells)) continue;
    if (rows.length >= maxImportRows) throw new AppError('IMPORT_TOO_MANY_ROWS', { maxRows: maxImportRows });
    rows.push(sheetRow);
  }
  if (headers === undefined) throw new FileProblem('no_header');
  return { headers, rows };
}

function mappingError(
  ctx: CallContext,
  reason: Parameters<typeof headerReason>[0],
  params: Record<string, string>,
) {
  return new AppError('IMPORT_MAPPING_INVALID', { reason: headerReason(reason, params, ctx.locale) });
}

/** Member price columns name levels and card types; each must exist. */
async function resolvePriceTargets(db: Db, ctx: CallContext, header: cols.HeaderMap) {
  const { merchantId } = ctx.actor;
  const levels = await db
    .selectFrom('memberLevels')
    .select(['id', 'name'])
    .where('merchantId', '=', merchantId)
    .execute();
  const types = await db
    .selectFrom('cardTypes')
    .select(['id', 'name'])
    .where('merchantId', '=', merchantId)
    .where('status', '=', 'active')
    .execute();
  const targets = new Map<number, string>();
  for (const column of header.prices) {
    const pool = column.target === 'level' ? levels : types;
    const found = pool.find((entry) => entry.name.trim().toLowerCase() === column.name.toLowerCase());
    if (!found) {
      throw mappingError(ctx, column.target === 'level' ? 'level_not_found' : 'card_type_not_found', {
        name: column.name,
      });
    }
    targets.set(column.index, found.id);
  }
  return targets;
}

/** The distinct non-blank texts of one column, to look up in batches. */
function columnValues(rows: SheetRow[], index: number | undefined): string[] {
  if (index === undefined) return [];
  const values = new Set<string>();
  for (const row of rows) {
    const parsed = cols.parseText(row.cells[index] ?? null, 32);
    if ('value' in parsed && parsed.value) values.add(parsed.value);
  }
  return [...values];
}

async function buildLookups(
  db: Db,
  ctx: CallContext,
  header: cols.HeaderMap,
  rows: SheetRow[],
  storeId: string | null,
) {
  const { merchantId } = ctx.actor;
  const codes = columnValues(rows, header.columns.code?.index);
  const barcodeValues = columnValues(rows, header.columns.barcode?.index);
  const existing = new Map<string, repo.ProductRow>();
  const barcodes = new Map<string, string>();
  for (let i = 0; i < codes.length; i += batchSize) {
    const found = await repo.productsByCodes(db, merchantId, codes.slice(i, i + batchSize));
    for (const product of found) existing.set(product.code, product);
  }
  for (let i = 0; i < barcodeValues.length; i += batchSize) {
    const held = await repo.barcodeHolders(db, merchantId, barcodeValues.slice(i, i + batchSize));
    for (const [barcode, code] of held) barcodes.set(barcode, code);
  }
  const existingPrices = await repo.memberPricesOf(
    db,
    [...existing.values()].map((p) => p.id),
  );
  const units = await db
    .selectFrom('orgUnits')
    .select(['id', 'path'])
    .where('merchantId', '=', merchantId)
    .execute();
  const paths = new Map(units.map((u) => [u.id, u.path]));
  const merchantWide = holdsMerchantWide(ctx.actor, 'catalog.write');
  const lookups: Lookups = {
    merchantId,
    header,
    priceTargets: await resolvePriceTargets(db, ctx, header),
    categories: cols.indexCategories(await repo.listCategories(db, merchantId)),
    existing,
    existingPrices,
    barcodes,
    writable: (product) =>
      product.storeId === null
        ? merchantWide
        : coversPath(ctx.actor, 'catalog.write', paths.get(product.storeId) ?? '\0'),
    storeId,
  };
  return lookups;
}

async function writePlans(db: Db, ctx: CallContext, plans: Plan[]) {
  for (let i = 0; i < plans.length; i += batchSize) {
    await inTransaction(db, async (trx) => {
      for (const plan of plans.slice(i, i + batchSize)) {
        const saved = await saveProduct(trx, plan.row, plan.prices, plan.mode);
        await recordAudit(trx, ctx, {
          action: plan.mode === 'insert' ? 'catalog.product.import_create' : 'catalog.product.import_update',
          entityType: 'product',
          entityId: plan.row.id,
          unitId: plan.row.storeId,
          before: plan.before ? presentProduct(plan.before.row, plan.before.prices) : undefined,
          after: presentProduct(plan.row, saved),
        });
      }
    });
  }
}

export async function importProducts(db: Db, ctx: CallContext, filePath: string, options: ImportOptions) {
  const storeId = await owningStore(db, ctx, options.storeId ?? null);
  let sheet: Awaited<ReturnType<typeof readSheet>>;
  try {
    sheet = await readSheet(filePath);
  } catch (error) {
    if (error instanceof FileProblem)
      throw new AppError('IMPORT_FILE_INVALID', { reason: fileReason(error, ctx.locale) });
    throw error;
  }
  const header = cols.mapHeader(sheet.headers);
  if (header.problem) throw mappingError(ctx, header.problem.kind, { header: header.problem.header });
  const lookups = await buildLookups(db, ctx, header, sheet.rows, storeId);
  const seen: Seen = { codes: new Map(), barcodes: new Map() };
  const errors: RowError[] = [];
  const plans: Plan[] = [];
  for (const sheetRow of sheet.rows) {
    const planned = planRow(sheetRow, lookups, seen);
    errors.push(...planned.errors);
    if (planned.plan) plans.push(planned.plan);
  }
  if (!options.dryRun) await writePlans(db, ctx, plans);
  return {
    dryRun: options.dryRun,
    totalRows: sheet.rows.length,
    created: plans.filter((p) => p.mode === 'insert').length,
    updated: plans.filter((p) => p.mode === 'update').length,
    errorRows: new Set(errors.map((e) => e.row)).size,
    errors: errors.slice(0, errorLimit).map((e) => ({
      row: e.row,
      column: e.column,
      code: e.code,
      message: rowMessage(e.code, e.params, ctx.locale),
    })),
  };
}
