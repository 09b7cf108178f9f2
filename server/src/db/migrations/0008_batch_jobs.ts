// Background batch jobs (企业批量充值 and later bulk work): what was asked, how far it got,
// and the per-row results, so a person can watch progress and read the report.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('batch_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dry_run', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('request_json', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('succeeded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('amount_total_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bonus_total_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('results_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('failure', 'text')
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema
    .createIndex('batch_jobs_merchant_idx')
    .on('batch_jobs')
    .columns(['merchant_id', 'id'])
    .execute();
}
