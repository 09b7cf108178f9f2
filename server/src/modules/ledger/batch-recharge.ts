// Batch recharge (企业批量充值): one amount to every member of a filter, or a list of
// (member, amount) rows from a company's file. A dry run checks every row and writes
// nothing; the real run recharges row by row in the background, each row its own
// transaction under an idempotency key derived from the job, so a row is never credited
// twice even if the job is started again. Progress and the per-row report are on the job.
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { BatchJobsTable } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { hasPermission } from '../../platform/access/scope.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { nowIso } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError, isAppError } from '../../platform/errors.ts';
import { requestFingerprint, withIdempotency } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { normaliseCardNo } from '../cards/card-numbers.ts';
import { memberUnitScope } from '../members/access.ts';
import { maskMobile, normaliseMobile } from '../members/mobile.ts';
import { searchMembers } from '../members/repo.ts';
import { textQuery } from '../members/service.ts';
import { assertAmount } from './amounts.ts';
import { rechargeCard } from './card-checks.ts';
import type { batchRechargeBody } from './schema.ts';
import { previewBonus, recharge, type Tender } from './stored-value.ts';

type BatchInput = z.infer<typeof batchRechargeBody>;
interface Row {
  row: number;
  member: string;
  memberId?: string;
  amount: number;
}
interface RowResult {
  row: number;
  member: string;
  memberId: string | null;
  amount: number;
  bonus: number;
  status: 'ok' | 'error';
  code: string | null;
  transactionId: string | null;
}

const keptResults = 5000;

export function presentJob(job: BatchJobsTable) {
  return {
    id: job.id,
    kind: job.kind,
    dryRun: job.dryRun === 1,
    status: job.status,
    total: job.total,
    processed: job.processed,
    succeeded: job.succeeded,
    failed: job.failed,
    amountTotal: Number(job.amountTotalFen),
    bonusTotal: Number(job.bonusTotalFen),
    results: JSON.parse(job.resultsJson) as RowResult[],
    failure: job.failure,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}

export async function getBatchJob(db: Db, ctx: CallContext, jobId: string) {
  const job = await db
    .selectFrom('batchJobs')
    .selectAll()
    .where('merchantId', '=', ctx.actor.merchantId)
    .where('id', '=', jobId)
    .executeTakeFirst();
  if (
    !job ||
    (job.operatorId !== ctx.actor.operatorId &&
      !ctx.actor.grants.some((g) => g.permissions.has('reports.read')))
  ) {
    throw new AppError('TRANSACTION_NOT_FOUND');
  }
  return presentJob(job);
}

/** Turns the request into rows: every member of the filter, or the rows given. */
async function collectRows(db: Db, ctx: CallContext, input: BatchInput): Promise<Row[]> {
  if (input.rows)
    return input.rows.map((r, index) => ({ row: index + 1, member: r.member, amount: r.amount }));
  const unitIds = await memberUnitScope(db, ctx.actor, 'ledger.recharge');
  const canSeePhones = hasPermission(ctx.actor, 'members.pii');
  const rows: Row[] = [];
  let beforeId: string | undefined;
  for (;;) {
    const page = await searchMembers(db, {
      merchantId: ctx.actor.merchantId,
      unitIds,
      status: 'active',
      tag: input.filter?.tag,
      homeStoreId: input.filter?.homeStoreId,
      levelId: input.filter?.levelId,
      beforeId,
      limit: 1000,
      ...textQuery(input.filter?.q),
    }).execute();
    for (const member of page.slice(0, 1000)) {
      rows.push({
        row: rows.length + 1,
        // The report names members as the caller may see them.
        member: canSeePhones ? member.mobile : maskMobile(member.mobile),
        memberId: member.id,
        amount: input.amount ?? 0,
      });
    }
    if (page.length <= 1000) return rows;
    beforeId = page[999]!.id;
  }
}

/** A row's member: by id, mobile or card number, within the caller's recharge scope. */
async function resolveMember(
  db: Db,
  ctx: CallContext,
  row: Row,
  unitIds: string[] | undefined,
): Promise<string> {
  if (row.memberId) return row.memberId;
  const search = {
    merchantId: ctx.actor.merchantId,
    unitIds,
    limit: 2,
    ...(normaliseMobile(row.member)
      ? { mobile: normaliseMobile(row.member) }
      : { cardNo: normaliseCardNo(row.member) ?? '-' }),
  };
  const found = row.member.startsWith('mem_')
    ? await searchMembers(db, { merchantId: ctx.actor.merchantId, unitIds, limit: 2 })
        .where('m.id', '=', row.member)
        .execute()
    : await searchMembers(db, search).execute();
  if (found.length !== 1) throw new AppError('MEMBER_NOT_FOUND');
  return found[0]!.id;
}

/**
 * Starts a batch under the caller's Idempotency-Key: a second submit of the same request
 * (a double click, a retry after a timeout) answers the first job instead of starting
 * another that would credit everyone twice.
 */
export async function startBatchRecharge(
  db: Db,
  ctx: CallContext,
  input: BatchInput,
  idempotencyKey: string,
) {
  const rows = await collectRows(db, ctx, input);
  const job: BatchJobsTable = {
    id: newId('batchJob'),
    merchantId: ctx.actor.merchantId,
    kind: 'recharge',
    dryRun: input.dryRun ? 1 : 0,
    status: 'queued',
    requestJson: JSON.stringify({ ...input, rows: undefined, rowCount: rows.length }),
    total: rows.length,
    processed: 0,
    succeeded: 0,
    failed: 0,
    amountTotalFen: 0,
    bonusTotalFen: 0,
    resultsJson: '[]',
    failure: null,
    operatorId: ctx.actor.operatorId,
    unitId: ctx.storeId,
    createdAt: nowIso(),
    finishedAt: null,
  };
  const claim = await inTransaction(db, (trx) =>
    withIdempotency(
      trx,
      {
        merchantId: ctx.actor.merchantId,
        key: idempotencyKey,
        fingerprint: requestFingerprint('POST /api/v1/recharges/batch', input),
      },
      async () => {
        await trx.insertInto('batchJobs').values(job).execute();
        await recordAudit(trx, ctx, {
          action: 'ledger.batch_recharge',
          entityType: 'batch_job',
          entityId: job.id,
          after: {
            dryRun: input.dryRun,
            rows: rows.length,
            tender: input.tender,
            filter: input.filter ?? null,
          },
        });
        return { statusCode: 202, body: { jobId: job.id } };
      },
    ),
  );
  if (claim.replayed) return getBatchJob(db, ctx, claim.body.jobId);
  const run = runBatch(db, ctx, job, rows, input.tender, input.note);
  // Small batches finish before answering, so the caller sees the report at once.
  if (rows.length <= 200) await run;
  else void run;
  return getBatchJob(db, ctx, job.id);
}

async function runBatch(
  db: Db,
  ctx: CallContext,
  job: BatchJobsTable,
  rows: Row[],
  tender: Tender,
  note?: string,
) {
  const unitIds = await memberUnitScope(db, ctx.actor, 'ledger.recharge');
  const results: RowResult[] = [];
  const totals = { succeeded: 0, failed: 0, amount: 0, bonus: 0 };
  await db.updateTable('batchJobs').set({ status: 'running' }).where('id', '=', job.id).execute();
  try {
    for (const [index, row] of rows.entries()) {
      const result = await rechargeRow(db, ctx, job, row, unitIds, tender, note);
      if (result.status === 'ok') {
        totals.succeeded++;
        totals.amount += row.amount;
        totals.bonus += result.bonus;
      } else totals.failed++;
      if (results.length < keptResults) results.push(result);
      if ((index + 1) % 50 === 0 || index === rows.length - 1) {
        await db
          .updateTable('batchJobs')
          .set({
            processed: index + 1,
            succeeded: totals.succeeded,
            failed: totals.failed,
            amountTotalFen: totals.amount,
            bonusTotalFen: totals.bonus,
            resultsJson: JSON.stringify(results),
          })
          .where('id', '=', job.id)
          .execute();
      }
    }
    await db
      .updateTable('batchJobs')
      .set({ status: 'succeeded', finishedAt: nowIso() })
      .where('id', '=', job.id)
      .execute();
  } catch (error) {
    const failure = error instanceof Error ? error.message : String(error);
    await db
      .updateTable('batchJobs')
      .set({ status: 'failed', failure, finishedAt: nowIso() })
      .where('id', '=', job.id)
      .execute();
  }
}

async function rechargeRow(
  db: Db,
  ctx: CallContext,
  job: BatchJobsTable,
  row: Row,
  unitIds: string[] | undefined,
  tender: Tender,
  note: string | undefined,
): Promise<RowResult> {
  const base = { row: row.row, member: row.member, amount: row.amount };
  let memberId: string | null = null;
  try {
    assertAmount(row.amount);
    memberId = await resolveMember(db, ctx, row, unitIds);
    const id = memberId;
    if (job.dryRun) {
      // The same checks a real recharge makes, and the bonus it would get; nothing written.
      const bonus = await inTransaction(db, async (trx) => {
        const card = await rechargeCard(trx, ctx, id, undefined);
        return previewBonus(trx, ctx, id, card?.cardTypeId ?? null, row.amount);
      });
      return { ...base, memberId, bonus, status: 'ok', code: null, transactionId: null };
    }
    const answer = await inTransaction(db, (trx) =>
      withIdempotency(
        trx,
        {
          merchantId: ctx.actor.merchantId,
          key: `batch:${job.id}:${row.row}`,
          fingerprint: `${id}:${row.amount}`,
        },
        async () => {
          const card = await rechargeCard(trx, ctx, id, undefined);
          const done = await recharge(trx, ctx, id, card, {
            amount: row.amount,
            tender,
            note: note ?? `batch ${job.id}`,
          });
          return { statusCode: 201, body: done };
        },
      ),
    );
    return {
      ...base,
      memberId,
      bonus: answer.body.bonus,
      status: 'ok',
      code: null,
      transactionId: answer.body.transactionId,
    };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ...base, memberId, bonus: 0, status: 'error', code: error.code, transactionId: null };
  }
}
