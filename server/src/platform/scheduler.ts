// The in-process scheduler. Every server process runs the same timetable; a run is claimed
// by inserting its (job, slot) row, which is unique, so however many processes share the
// database exactly one runs each slot — no leader to elect or lose. Jobs are also written
// to be safe to run twice, so a manual run beside a scheduled one changes nothing.
import os from 'node:os';
import { Cron } from 'croner';
import type { Db } from '../db/database.ts';
import { isUniqueViolation } from '../db/transaction.ts';
import { nowIso } from './clock.ts';
import { newId } from './ids.ts';

export interface ScheduledJob {
  name: string;
  /** Cron pattern in the scheduler's time zone, e.g. '5 0 * * *' for 00:05 daily. */
  pattern: string;
  run(db: Db): Promise<unknown>;
}

const node = `${os.hostname()}:${process.pid}`;

/**
 * Runs `job` for `slot` unless some process already claimed that slot. Returns whether
 * this call ran it.
 */
export async function runSlot(db: Db, job: ScheduledJob, slot: string): Promise<boolean> {
  const id = newId('jobRun');
  try {
    await db
      .insertInto('jobRuns')
      .values({
        id,
        job: job.name,
        slot,
        node,
        startedAt: nowIso(),
        finishedAt: null,
        status: 'running',
        resultJson: null,
        error: null,
      })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
  try {
    const result = await job.run(db);
    await db
      .updateTable('jobRuns')
      .set({ status: 'succeeded', finishedAt: nowIso(), resultJson: JSON.stringify(result ?? null) })
      .where('id', '=', id)
      .execute();
  } catch (error) {
    await db
      .updateTable('jobRuns')
      .set({
        status: 'failed',
        finishedAt: nowIso(),
        error: error instanceof Error ? error.message : String(error),
      })
      .where('id', '=', id)
      .execute();
  }
  return true;
}

export interface Scheduler {
  stop(): void;
}

export function startScheduler(
  db: Db,
  jobs: ScheduledJob[],
  options: { timeZone: string; log: { error(obj: object, msg: string): void } },
): Scheduler {
  const crons = jobs.map(
    (job) =>
      new Cron(job.pattern, { timezone: options.timeZone, protect: true }, async (self: Cron) => {
        // The slot is the scheduled minute, the same on every process whatever its clock skew.
        const slot = (self.currentRun() ?? new Date()).toISOString().slice(0, 16);
        await runSlot(db, job, slot).catch((error: unknown) =>
          options.log.error({ err: error, job: job.name }, 'job failed'),
        );
      }),
  );
  return {
    stop: () => {
      for (const cron of crons) cron.stop();
    },
  };
}
