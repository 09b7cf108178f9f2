import type { Db } from '../../../db/database.ts';
import type { ImportJobsTable } from '../../../db/schema.ts';
import { coversPath, holdsMerchantWide, requirePermission } from '../../../platform/access/scope.ts';
import { nowIso, todayIn } from '../../../platform/clock.ts';
import type { CallContext } from '../../../platform/context.ts';
import { AppError, type ErrorCode, type MessageParams } from '../../../platform/errors.ts';
import { errorMessage } from '../../../platform/i18n/messages.ts';
import { newId } from '../../../platform/ids.ts';
import { merchantFacts } from '../../../platform/merchant.ts';
import { activeFields } from '../custom-fields.ts';
import type { Lookups, RowError } from './convert.ts';
import { isUnsupported, memberTargets, resolveMapping, suggestMapping, targetLabels } from './mapping.ts';
import { asAppError, rowMessage } from './messages.ts';
import { cellText, readHead, type SheetSource, sniffFile } from './parse.ts';
import * as repo from './repo.ts';
import { type PreparedImport, storedErrorLimit } from './run.ts';

export interface ImportOptions {
  dryRun: boolean;
  mapping?: Record<string, string> | undefined;
  defaultStoreId?: string | undefined;
}

async function buildLookups(db: Db, ctx: CallContext) {
  const { merchantId } = ctx.actor;
  const facts = await merchantFacts(db, merchantId);
  const storeRows = await db
    .selectFrom('orgUnits')
    .select(['id', 'code', 'name', 'path'])
    .where('merchantId', '=', merchantId)
    .where('kind', '=', 'store')
    .where('status', '=', 'active')
    .execute();
  const writable = storeRows.filter((store) => coversPath(ctx.actor, 'members.write', store.path));
  const stores = new Map<string, string | 'ambiguous'>();
  for (const store of writable) {
    const name = store.name.trim().toLowerCase();
    const taken = stores.get(name);
    stores.set(name, taken && taken !== store.id ? 'ambiguous' : store.id);
  }
  for (const store of writable) stores.set(store.code.trim().toLowerCase(), store.id);
  const cardTypes = new Map<string, string>();
  for (const type of await db
    .selectFrom('cardTypes')
    .select(['id', 'name'])
    .where('merchantId', '=', merchantId)
    .where('status', '=', 'active')
    .execute()) {
    cardTypes.set(type.name.trim().toLowerCase(), type.id);
    cardTypes.set(type.id, type.id);
  }
  const levels = new Map<string, string>();
  for (const level of await db
    .selectFrom('memberLevels')
    .select(['id', 'name'])
    .where('merchantId', '=', merchantId)
    .execute()) {
    levels.set(level.name.trim().toLowerCase(), level.id);
  }
  const lookups: Lookups = {
    timeZone: facts.timeZone,
    thisYear: Number(todayIn(facts.timeZone).slice(0, 4)),
    stores,
    cardTypes,
    levels,
    fields: await activeFields(db, merchantId),
  };
  return { lookups, writableStoreIds: new Set(writable.map((s) => s.id)) };
}

/**
 * Reads the file's header and checks everything that does not need the rows: the file is
 * a spreadsheet, the mapping is complete and imports no balances or points, the default
 * store is the caller's, and card columns come with the right to issue cards.
 */
export async function prepareImport(
  db: Db,
  ctx: CallContext,
  path: string,
  options: Pick<ImportOptions, 'mapping' | 'defaultStoreId'>,
): Promise<PreparedImport> {
  let source: SheetSource;
  let headers: string[];
  try {
    source = await sniffFile(path);
    headers = (await readHead(source, 0)).headers;
  } catch (error) {
    throw asAppError(error, ctx.locale);
  }
  const { lookups, writableStoreIds } = await buildLookups(db, ctx);
  const { mapping, plan } = resolveMapping(headers, lookups.fields, options.mapping, ctx.locale);
  if (plan.has('cardNo') || plan.has('cardType')) requirePermission(ctx.actor, 'cards.write');
  let defaultStoreId: string | null = null;
  if (options.defaultStoreId) {
    if (!writableStoreIds.has(options.defaultStoreId)) {
      throw new AppError('STORE_NOT_FOUND', {}, [
        { field: 'options.defaultStoreId', code: 'not_found', message: '' },
      ]);
    }
    defaultStoreId = options.defaultStoreId;
  } else if (ctx.storeId && writableStoreIds.has(ctx.storeId)) {
    defaultStoreId = ctx.storeId;
  } else if (writableStoreIds.has(ctx.actor.unitId)) {
    defaultStoreId = ctx.actor.unitId;
  }
  return { source, headers, mapping, plan, lookups, defaultStoreId };
}

/** Headers, the first rows and the suggested mapping, without creating a job. */
export async function previewImport(db: Db, ctx: CallContext, path: string, fileName: string) {
  let source: SheetSource;
  let head: Awaited<ReturnType<typeof readHead>>;
  try {
    source = await sniffFile(path);
    head = await readHead(source, 20);
  } catch (error) {
    throw asAppError(error, ctx.locale);
  }
  const fields = await activeFields(db, ctx.actor.merchantId);
  const suggestedMapping = suggestMapping(head.headers, fields);
  return {
    fileName,
    format: source.format,
    encoding: source.encoding === 'gb18030' ? ('gbk' as const) : source.encoding,
    headers: head.headers,
    rows: head.rows.map((row) => ({
      row: row.row,
      cells: head.headers.map((_, index) => cellText(row.cells[index] ?? null)),
    })),
    suggestedMapping,
    unsupportedColumns: Object.entries(suggestedMapping)
      .filter(([, target]) => isUnsupported(target))
      .map(([header]) => header),
    targets: [
      ...[...memberTargets, 'ignore' as const].map((target) => ({
        target: target as string,
        label: targetLabels[target][ctx.locale],
      })),
      ...fields.map((field) => ({ target: `custom.${field.key}`, label: field.label })),
    ],
  };
}

export async function createImportJob(
  db: Db,
  ctx: CallContext,
  prepared: PreparedImport,
  file: { name: string; path: string },
  dryRun: boolean,
): Promise<ImportJobsTable> {
  const row: ImportJobsTable = {
    id: newId('importJob'),
    merchantId: ctx.actor.merchantId,
    kind: 'members',
    fileName: file.name.slice(0, 255),
    filePath: file.path,
    optionsJson: JSON.stringify({
      mapping: prepared.mapping,
      defaultStoreId: prepared.defaultStoreId,
      locale: ctx.locale,
      format: prepared.source.format,
      encoding: prepared.source.encoding,
    }),
    dryRun: dryRun ? 1 : 0,
    status: 'queued',
    totalRows: null,
    processedRows: 0,
    createdRows: 0,
    updatedRows: 0,
    errorRows: 0,
    errorsJson: '[]',
    failure: null,
    operatorId: ctx.actor.operatorId,
    unitId: prepared.defaultStoreId,
    createdAt: nowIso(),
    finishedAt: null,
  };
  await repo.insertJob(db, row);
  return row;
}

export function presentJob(row: ImportJobsTable, ctx: Pick<CallContext, 'locale'>) {
  const errors = JSON.parse(row.errorsJson) as RowError[];
  const failure = row.failure
    ? (JSON.parse(row.failure) as { code: ErrorCode; params: MessageParams })
    : null;
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.fileName,
    dryRun: row.dryRun === 1,
    status: row.status,
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    createdRows: row.createdRows,
    updatedRows: row.updatedRows,
    errorRows: row.errorRows,
    errors: errors.map((e) => ({
      row: e.row,
      column: e.column,
      code: e.code,
      message: rowMessage(e.code, e.params, ctx.locale),
    })),
    errorsTruncated: errors.length >= storedErrorLimit,
    failure: failure
      ? { code: failure.code, message: errorMessage(failure.code, ctx.locale, failure.params) }
      : null,
    mapping: (JSON.parse(row.optionsJson) as { mapping?: Record<string, string> }).mapping ?? {},
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}

export type ImportJobView = ReturnType<typeof presentJob>;

/** A job of the caller's merchant that the caller started, or any for a merchant-wide importer. */
export async function getImportJob(db: Db, ctx: CallContext, jobId: string) {
  const row = await repo.findJob(db, ctx.actor.merchantId, jobId);
  if (!row || (row.operatorId !== ctx.actor.operatorId && !holdsMerchantWide(ctx.actor, 'members.import'))) {
    throw new AppError('IMPORT_NOT_FOUND');
  }
  return presentJob(row, ctx);
}

export async function listImportJobs(db: Db, ctx: CallContext) {
  const everyone = holdsMerchantWide(ctx.actor, 'members.import');
  const rows = await repo.recentJobs(
    db,
    ctx.actor.merchantId,
    everyone ? undefined : ctx.actor.operatorId,
    20,
  );
  return rows.map((row) => presentJob(row, ctx));
}
