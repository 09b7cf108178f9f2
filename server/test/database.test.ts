// The database layer: durable SQLite settings that survive a restart, migrations that can
// run again, and the transaction helper's all-or-nothing and retry behaviour.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectOf } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { inTransaction } from '../src/db/transaction.ts';
import { createTestDatabase, type TestDatabase, testDialect } from './support/database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.destroy());

describe('database layer', () => {
  it('knows its dialect', () => {
    expect(database.dialect).toBe(testDialect);
    expect(dialectOf(database.db)).toBe(testDialect);
  });

  it.runIf(testDialect === 'sqlite')(
    'keeps WAL, full fsync, foreign keys and a busy timeout after a restart',
    async () => {
      const restarted = database.reopen();
      try {
        const read = async (pragma: string) => {
          const result = await sql.raw<Record<string, unknown>>(`pragma ${pragma}`).execute(restarted.db);
          return Object.values(result.rows[0] ?? {})[0];
        };
        expect(await read('journal_mode')).toBe('wal');
        expect(await read('synchronous')).toBe(2);
        expect(await read('foreign_keys')).toBe(1);
        expect(Number(await read('busy_timeout'))).toBeGreaterThanOrEqual(5000);
      } finally {
        await restarted.close();
      }
    },
  );

  it('runs migrations again without change', async () => {
    const report = await migrateToLatest(database.db);
    expect(report.applied).toEqual([]);
  });

  it('rolls a transaction back whole when its work fails', async () => {
    const before = await database.db.selectFrom('merchants').select('id').execute();
    await expect(
      inTransaction(database.db, async (trx) => {
        await trx
          .insertInto('merchants')
          .values({
            id: 'mch_rollback',
            name: 'x',
            timeZone: 'UTC',
            currency: 'CNY',
            settingsJson: '{}',
            createdAt: '',
          })
          .execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await database.db.selectFrom('merchants').select('id').execute()).toEqual(before);
  });

  it('reruns the whole transaction after a serialisation failure or deadlock', async () => {
    let attempts = 0;
    const result = await inTransaction(database.db, async (trx) => {
      attempts++;
      await trx
        .insertInto('merchants')
        .values({
          id: `mch_retry${attempts}`,
          name: 'x',
          timeZone: 'UTC',
          currency: 'CNY',
          settingsJson: '{}',
          createdAt: '',
        })
        .execute();
      if (attempts === 1) throw Object.assign(new Error('could not serialize access'), { code: '40001' });
      if (attempts === 2) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      return 'done';
    });
    expect(result).toBe('done');
    expect(attempts).toBe(3);
    const ids = (
      await database.db.selectFrom('merchants').select('id').where('id', 'like', 'mch_retry%').execute()
    ).map((r) => r.id);
    expect(ids).toEqual(['mch_retry3']);
  });

  it('does not retry other failures', async () => {
    let attempts = 0;
    await expect(
      inTransaction(database.db, async () => {
        attempts++;
        throw Object.assign(new Error('unique violation'), { code: '23505' });
      }),
    ).rejects.toThrow('unique violation');
    expect(attempts).toBe(1);
  });

  it('refuses a foreign key that points nowhere', async () => {
    await expect(
      database.db
        .insertInto('orgUnits')
        .values({
          id: 'unit_orphan',
          merchantId: 'mch_missing',
          parentId: null,
          kind: 'hq',
          name: 'x',
          code: 'X',
          path: '/unit_orphan/',
          timeZone: null,
          address: null,
          phone: null,
          status: 'active',
          createdAt: '',
        })
        .execute(),
    ).rejects.toThrow();
  });

  it('keeps concurrent transactions apart: a failing one leaves no trace, the others all commit', async () => {
    const attempts = Array.from({ length: 20 }, (_, i) =>
      inTransaction(database.db, async (trx) => {
        await trx
          .insertInto('merchants')
          .values({
            id: `mch_group${i}`,
            name: 'x',
            timeZone: 'UTC',
            currency: 'CNY',
            settingsJson: '{}',
            createdAt: '',
          })
          .execute();
        if (i % 3 === 0) throw new Error(`unit ${i} fails`);
        return i;
      }),
    );
    const outcomes = await Promise.allSettled(attempts);
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(7);
    const ids = (
      await database.db.selectFrom('merchants').select('id').where('id', 'like', 'mch_group%').execute()
    )
      .map((r) => Number(r.id.slice('mch_group'.length)))
      .sort((a, b) => a - b);
    expect(ids).toEqual([...Array(20).keys()].filter((i) => i % 3 !== 0));
  });
});
