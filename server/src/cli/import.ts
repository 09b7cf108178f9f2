// `huiyuan import members FILE`: the same import as the API, run in the foreground as the
// first HQ admin of the first merchant (or --as USERNAME), with a progress bar on the
// terminal and a summary with the first problems at the end.
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Config, Locale } from '../config.ts';
import type { Db } from '../db/database.ts';
import { openMigratedDatabase } from '../db/open.ts';
import type { ImportJobsTable } from '../db/schema.ts';
import { runImportJob } from '../modules/members/import/run.ts';
import { createImportJob, prepareImport, presentJob } from '../modules/members/import/service.ts';
import { loadGrants } from '../platform/access/actor.ts';
import { requirePermission } from '../platform/access/scope.ts';
import type { CallContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';

export interface ImportFlags {
  dryRun?: boolean;
  store?: string;
  mapping?: string;
  as?: string;
}

/** The operator the CLI acts as: --as USERNAME, else the first HQ admin of the first merchant. */
async function cliContext(db: Db, locale: Locale, username: string | undefined): Promise<CallContext> {
  const merchant = await db
    .selectFrom('merchants')
    .select('id')
    .orderBy('createdAt')
    .orderBy('id')
    .executeTakeFirst();
  if (!merchant)
    throw new Error(
      'The database has no merchant yet; run `huiyuan seed --demo` or `huiyuan admin create` first.',
    );
  let query = db
    .selectFrom('operators as o')
    .select(['o.id', 'o.username', 'o.displayName', 'o.unitId'])
    .where('o.merchantId', '=', merchant.id)
    .where('o.status', '=', 'active');
  query = username
    ? query.where('o.username', '=', username.toLowerCase())
    : query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('operatorGrants as g')
            .innerJoin('roles as r', 'r.id', 'g.roleId')
            .select('g.id')
            .whereRef('g.operatorId', '=', 'o.id')
            .where('r.systemCode', '=', 'hq_admin'),
        ),
      );
  const operator = await query.orderBy('o.createdAt').orderBy('o.id').executeTakeFirst();
  if (!operator)
    throw new AppError(username ? 'OPERATOR_NOT_FOUND' : 'FORBIDDEN', { permission: 'members.import' });
  return {
    actor: {
      kind: 'operator',
      operatorId: operator.id,
      merchantId: merchant.id,
      username: operator.username,
      displayName: operator.displayName,
      unitId: operator.unitId,
      sessionId: 'cli',
      grants: await loadGrants(db, operator.id),
    },
    locale,
    requestId: `cli-import-${Date.now()}`,
    ip: null,
    storeId: null,
  };
}

async function storeIdByCode(db: Db, merchantId: string, code: string): Promise<string> {
  const store = await db
    .selectFrom('orgUnits')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('kind', '=', 'store')
    .where('code', '=', code)
    .executeTakeFirst();
  if (!store) throw new AppError('STORE_NOT_FOUND');
  return store.id;
}

function parseMapping(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
    }
  } catch {
    // reported below
  }
  throw new Error('--mapping must be a JSON object such as {"手机":"mobile","备用":"ignore"}');
}

const words = {
  'zh-CN': {
    bar: '导入 |{bar}| {percentage}% | {value}/{total} 行 | 新建 {created} 更新 {updated} 错误 {errors}',
    dryRun: '试导入（未写入任何数据）',
    done: '导入完成',
    failed: '导入失败',
    summary: (j: ImportJobsTable) =>
      `共 ${j.processedRows} 行：新建 ${j.createdRows}，更新 ${j.updatedRows}，有误 ${j.errorRows}`,
    row: (row: number, column: string) => `第 ${row} 行${column ? `「${column}」` : ''}`,
    more: (n: number) => `……另有 ${n} 处问题未列出`,
  },
  'en-US': {
    bar: 'Import |{bar}| {percentage}% | {value}/{total} rows | created {created} updated {updated} errors {errors}',
    dryRun: 'Dry run (nothing was written)',
    done: 'Import finished',
    failed: 'Import failed',
    summary: (j: ImportJobsTable) =>
      `${j.processedRows} rows: ${j.createdRows} created, ${j.updatedRows} updated, ${j.errorRows} with errors`,
    row: (row: number, column: string) => `row ${row}${column ? ` "${column}"` : ''}`,
    more: (n: number) => `... and ${n} more problems`,
  },
} as const;

/** Runs the import and answers the exit code: 0 clean, 2 some rows refused, 1 failed. */
export async function importMembersFromCli(
  config: Config,
  file: string,
  flags: ImportFlags,
): Promise<number> {
  const database = await openMigratedDatabase(config);
  const say = words[config.defaultLocale];
  try {
    const { db } = database;
    const ctx = await cliContext(db, config.defaultLocale, flags.as);
    requirePermission(ctx.actor, 'members.import');
    const filePath = path.resolve(file);
    const defaultStoreId = flags.store
      ? await storeIdByCode(db, ctx.actor.merchantId, flags.store)
      : undefined;
    const prepared = await prepareImport(db, ctx, filePath, {
      mapping: parseMapping(flags.mapping),
      defaultStoreId,
    });
    const job = await createImportJob(
      db,
      ctx,
      prepared,
      { name: path.basename(filePath), path: filePath },
      Boolean(flags.dryRun),
    );
    const bar = new cliProgress.SingleBar(
      { format: say.bar, hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    const counts = (j: ImportJobsTable) => ({
      created: j.createdRows,
      updated: j.updatedRows,
      errors: j.errorRows,
    });
    const finished = await runImportJob(db, ctx, job, prepared, {
      maxRows: config.importMaxRows,
      onProgress: (progress) => {
        const total = Math.max(progress.totalRows ?? 0, progress.processedRows);
        if (!started) {
          bar.start(total, progress.processedRows, counts(progress));
          started = true;
        }
        bar.setTotal(total);
        bar.update(progress.processedRows, counts(progress));
      },
    });
    if (started) bar.stop();
    const view = presentJob(finished, ctx);
    if (finished.dryRun) console.log(say.dryRun);
    if (view.failure) {
      console.error(`${say.failed}: ${view.failure.code}: ${view.failure.message}`);
      return 1;
    }
    console.log(`${say.done}: ${say.summary(finished)}`);
    const shown = view.errors.slice(0, 20);
    for (const error of shown)
      console.log(`  ${say.row(error.row, error.column)}: ${error.code} ${error.message}`);
    if (view.errors.length > shown.length || view.errorsTruncated) {
      console.log(`  ${say.more(Math.max(view.errors.length - shown.length, 0))}`);
    }
    return finished.errorRows > 0 ? 2 : 0;
  } finally {
    await database.close();
  }
}
