// The timetable: what runs by itself, and when (in the server's time zone). Each job
// works merchant by merchant, with "today" in that merchant's time zone.
import { sql } from 'kysely';
import { type Db, dialectOf } from './db/database.ts';
import { expirePackages } from './modules/packages/expiry.ts';
import { expirePoints } from './modules/points/expire.ts';
import { todayIn } from './platform/clock.ts';
import type { ScheduledJob } from './platform/scheduler.ts';

async function forEachMerchant<T>(db: Db, work: (merchantId: string, today: string) => Promise<T>) {
  const merchants = await db.selectFrom('merchants').select(['id', 'timeZone']).execute();
  const results: Record<string, T> = {};
  for (const merchant of merchants)
    results[merchant.id] = await work(merchant.id, todayIn(merchant.timeZone));
  return results;
}

export const scheduledJobs: ScheduledJob[] = [
  {
    // SQLite's planner statistics follow the data only if someone refreshes them.
    name: 'sqlite.optimize',
    pattern: '17 * * * *',
    run: async (db) => {
      if (dialectOf(db) === 'sqlite') await sql`pragma optimize`.execute(db);
    },
  },
  {
    name: 'points.expire',
    pattern: '5 0 * * *',
    run: (db) => forEachMerchant(db, (merchantId, today) => expirePoints(db, merchantId, today)),
  },
  {
    name: 'packages.expire',
    pattern: '10 0 * * *',
    run: (db) => forEachMerchant(db, (merchantId, today) => expirePackages(db, merchantId, today)),
  },
];
