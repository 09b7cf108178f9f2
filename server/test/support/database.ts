// A fresh, migrated database per test file: a new SQLite file, or a new PostgreSQL schema
// (dropped afterwards) when the file runs in the postgres project.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

export type TestDialect = 'sqlite' | 'postgres';

export const testDialect: TestDialect =
  process.env.HUIYUAN_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabase extends Database {
  /** Where it lives: the SQLite file, or the PostgreSQL schema. */
  location: string;
  /** Closes the handle and removes the file or schema. */
  destroy(): Promise<void>;
  /** Opens another handle on the same database (as a restarted process would). */
  reopen(): Database;
}

export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<TestDatabase> {
  if (testDialect === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const open = () =>
      openDatabase({ dialect: 'postgres', url, searchPath: schema, poolSize: options.poolSize ?? 10 });
    const database = open();
    await migrateToLatest(database.db);
    return {
      ...database,
      location: schema,
      reopen: open,
      async destroy() {
        await database.close();
        const cleanup = new pg.Client({ connectionString: url });
        await cleanup.connect();
        await cleanup.query(`drop schema ${schema} cascade`);
        await cleanup.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyuan-test-'));
  const file = path.join(dir, 'test.db');
  const open = () => openDatabase({ dialect: 'sqlite', file });
  const database = open();
  await migrateToLatest(database.db);
  return {
    ...database,
    location: file,
    reopen: open,
    async destroy() {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
