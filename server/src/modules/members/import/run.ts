// Running a member import job: a quick count of the rows (for progress and the row limit),
// then the rows in batches, each batch and the job's progress in one transaction (a dry
// run writes only the progress), and at the end one audit entry that sums up a real import.
import fs from 'node:fs';
import type { Db } from '../../../db/database.ts';
import type { ImportJobsTable } from '../../../db/schema.ts';
import { inTransaction, isUniqueViolation, type Trx } from '../../../db/transaction.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { nowIso } from '../../../platform/clock.ts';
import type { CallContext } from '../../../platform/context.ts';
import { AppError, type ErrorCode, isAppError, type MessageParams } from '../../../platform/errors.ts';
import { type BatchEnv, importBatch } from './batch.ts';
import { type Lookups, type MemberDraft, newFileSeen, type RowError, RowReader } from './convert.ts';
import type { ColumnPlan, Mapping } from './mapping.ts';
import { asAppError } from './messages.ts';
import { estimateDataRows, isBlankRow, readRows, type SheetSource } from './parse.ts';
import * as repo from './repo.ts';

export interface RunOptions {
  maxRows: number;
  /** Rows per transaction. */
  batchSize?: number;
  /** Delete the file when the job ends (uploads); the CLI leaves the user's file alone. */
  removeFile?: boolean;
  onProgress?: (job: ImportJobsTable) => void;
  onUnexpectedError?: (error: unknown) => void;
}

/** The first errors kept on the job (all are counted). */
export const storedErrorLimit = 1000;

/** A checked file, its column plan and the lookups its rows resolve against. */
export interface PreparedImport {
  source: SheetSource;
  headers: string[];
  mapping: Mapping;
  plan: ColumnPlan;
  lookups: Lookups;
  defaultStoreId: string | null;
}

const defaultBatchSize = 1000;

interface Chunk {
  drafts: MemberDraft[];
  errors: RowError[];
  errorRows: number;
  rows: number;
}

const emptyChunk = (): Chunk => ({ drafts: [], errors: [], errorRows: 0, rows: 0 });

/**
 * One batch in one transaction. A member registered at a till between the batch's lookup and
 * its insert (PostgreSQL) breaks a unique index; the batch then runs again and finds them.
 */
async function writeBatch<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(db, work);
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

/** Reads the rows and imports them batch by batch. */
async function processFile(
  db: Db,
  ctx: CallContext,
  job: ImportJobsTable,
  prepared: PreparedImport,
  options: RunOptions,
): Promise<void> {
  const dryRun = job.dryRun === 1;
  const reader = new RowReader(prepared.headers, prepared.plan, prepared.lookups, newFileSeen());
  const env: BatchEnv = {
    ctx: { ...ctx, storeId: null },
    lookups: prepared.lookups,
    reader,
    defaultStoreId: prepared.defaultStoreId,
  };
  const batchSize = options.batchSize ?? defaultBatchSize;
  const stored: RowError[] = [];

  const flush = async (chunk: Chunk) => {
    if (chunk.rows === 0) return;
    const record = async (handle: Db | Trx) => {
      const outcome = await importBatch(handle, env, chunk.drafts, !dryRun);
      const errors = [...chunk.errors, ...outcome.errors].sort((a, b) => a.row - b.row);
      const room = storedErrorLimit - stored.length;
      const next: Partial<ImportJobsTable> = {
        processedRows: job.processedRows + chunk.rows,
        createdRows: job.createdRows + outcome.created,
        updatedRows: job.updatedRows + outcome.updated,
        errorRows: job.errorRows + chunk.errorRows + outcome.errorRows,
      };
      if (room > 0 && errors.length > 0)
        next.errorsJson = JSON.stringify([...stored, ...errors.slice(0, room)]);
      await repo.updateJob(handle, job.id, next);
      return { next, keep: room > 0 ? errors.slice(0, room) : [] };
    };
    const { next, keep } = dryRun ? await record(db) : await writeBatch(db, record);
    Object.assign(job, next);
    stored.push(...keep);
    options.onProgress?.(job);
  };

  let chunk = emptyChunk();
  for await (const { row, cells } of readRows(prepared.source)) {
    if (row === 1 || isBlankRow(cells)) continue;
    if (job.processedRows + chunk.rows >= options.maxRows) {
      throw new AppError('IMPORT_TOO_MANY_ROWS', { maxRows: options.maxRows });
    }
    chunk.rows++;
    const read = reader.read(row, cells);
    if ('draft' in read) chunk.drafts.push(read.draft);
    else {
      chunk.errors.push(...read.errors);
      chunk.errorRows++;
    }
    if (chunk.rows >= batchSize) {
      await flush(chunk);
      chunk = emptyChunk();
    }
  }
  await flush(chunk);
}

function failureOf(error: unknown, ctx: CallContext): { code: ErrorCode; params: MessageParams } {
  const known = asAppError(error, ctx.locale);
  if (isAppError(known)) return { code: known.code, params: known.params };
  return { code: 'INTERNAL_ERROR', params: { requestId: ctx.requestId } };
}

/** Runs a created job to its end (success or failure) and answers its final row. */
export async function runImportJob(
  db: Db,
  ctx: CallContext,
  job: ImportJobsTable,
  prepared: PreparedImport,
  options: RunOptions,
): Promise<ImportJobsTable> {
  try {
    let estimate: number;
    try {
      estimate = await estimateDataRows(prepared.source);
    } catch (error) {
      throw asAppError(error, ctx.locale);
    }
    if (estimate > options.maxRows) throw new AppError('IMPORT_TOO_MANY_ROWS', { maxRows: options.maxRows });
    Object.assign(job, { status: 'running', totalRows: estimate });
    await repo.updateJob(db, job.id, { status: 'running', totalRows: estimate });
    options.onProgress?.(job);
    try {
      await processFile(db, ctx, job, prepared, options);
    } catch (error) {
      throw asAppError(error, ctx.locale);
    }
    Object.assign(job, { status: 'succeeded', totalRows: job.processedRows, finishedAt: nowIso() });
  } catch (error) {
    if (!isAppError(error)) options.onUnexpectedError?.(error);
    Object.assign(job, {
      status: 'failed',
      failure: JSON.stringify(failureOf(error, ctx)),
      finishedAt: nowIso(),
    });
  }
  const final = {
    status: job.status,
    totalRows: job.totalRows,
    failure: job.failure,
    finishedAt: job.finishedAt,
  };
  try {
    await finishJob(db, ctx, job, final);
  } finally {
    if (options.removeFile) await fs.promises.rm(job.filePath, { force: true });
  }
  options.onProgress?.(job);
  return job;
}

async function finishJob(db: Db, ctx: CallContext, job: ImportJobsTable, final: Partial<ImportJobsTable>) {
  const dryRun = job.dryRun === 1;
  await inTransaction(db, async (trx) => {
    await repo.updateJob(trx, job.id, final);
    if (dryRun) return;
    await recordAudit(trx, ctx, {
      action: 'members.import',
      entityType: 'import_job',
      entityId: job.id,
      unitId: job.unitId,
      after: {
        fileName: job.fileName,
        status: job.status,
        totalRows: job.totalRows,
        createdRows: job.createdRows,
        updatedRows: job.updatedRows,
        errorRows: job.errorRows,
        failure: job.failure ? (JSON.parse(job.failure) as unknown) : null,
      },
    });
  });
}

const running = new Map<string, Promise<ImportJobsTable>>();

/** Runs the job in this process after the response; `settled` lets tests and shutdown wait. */
export function runInBackground(
  db: Db,
  ctx: CallContext,
  job: ImportJobsTable,
  prepared: PreparedImport,
  options: RunOptions,
): void {
  const work = runImportJob(db, ctx, { ...job }, prepared, options)
    .catch((error: unknown) => {
      options.onUnexpectedError?.(error);
      return job;
    })
    .finally(() => running.delete(job.id));
  running.set(job.id, work);
}

/** Waits for every import running in this process. */
export async function importsSettled(): Promise<void> {
  await Promise.all([...running.values()]);
}
