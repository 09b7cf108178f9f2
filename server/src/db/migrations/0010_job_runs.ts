// A record of every scheduled job run: which process led, when, what it did or why it
// failed, so "did last night's expiry run, and only once?" has an answer.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('job', 'text', (c) => c.notNull())
    /** The scheduled slot (ISO minute) the run belongs to; unique per job so a slot runs once. */
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('node', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('result_json', 'text')
    .addColumn('error', 'text')
    .addUniqueConstraint('job_runs_slot_unique', ['job', 'slot'])
    .execute();
}
