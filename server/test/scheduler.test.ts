// Scheduled jobs run once per slot however many processes share the database, and the
// real timetable's jobs run cleanly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledJobs } from '../src/jobs.ts';
import { runSlot, type ScheduledJob } from '../src/platform/scheduler.ts';
import { startTestApp, type TestApp } from './support/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('scheduler', () => {
  it('runs a slot once when many processes claim it at the same moment', async () => {
    let runs = 0;
    const job: ScheduledJob = {
      name: 'test.count',
      pattern: '* * * * *',
      run: async () => {
        runs++;
        return { runs };
      },
    };
    // Separate database handles stand in for separate server processes.
    const handles = Array.from({ length: 4 }, () => t.database.reopen());
    try {
      const claimed = await Promise.all(
        handles.flatMap((h) => [
          runSlot(h.db, job, '2026-11-23T00:05'),
          runSlot(h.db, job, '2026-11-23T00:05'),
        ]),
      );
      expect(claimed.filter(Boolean)).toHaveLength(1);
      expect(runs).toBe(1);
      expect(await runSlot(t.database.db, job, '2026-11-24T00:05')).toBe(true);
      expect(runs).toBe(2);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
    const rows = await t.database.db
      .selectFrom('jobRuns')
      .selectAll()
      .where('job', '=', 'test.count')
      .execute();
    expect(rows.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
  });

  it('records a failing run with its error', async () => {
    const job: ScheduledJob = {
      name: 'test.fail',
      pattern: '* * * * *',
      run: () => Promise.reject(new Error('disk on fire')),
    };
    await runSlot(t.database.db, job, 'x');
    const row = await t.database.db
      .selectFrom('jobRuns')
      .selectAll()
      .where('job', '=', 'test.fail')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', error: 'disk on fire' });
  });

  it.each(scheduledJobs.map((job) => [job.name, job] as const))('runs %s cleanly', async (_name, job) => {
    expect(await runSlot(t.database.db, job, 'now')).toBe(true);
    const row = await t.database.db
      .selectFrom('jobRuns')
      .selectAll()
      .where('job', '=', job.name)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('succeeded');
  });
});
