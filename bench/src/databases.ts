// A fresh database per run: a SQLite file in a new temporary folder, or a PostgreSQL
// database dropped and created again, so every run starts from the same empty state.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseTarget } from '../../server/src/db/database.ts';

export type BenchDialect = 'sqlite' | 'postgres';

export interface BenchDatabase {
  dialect: BenchDialect;
  /** How the server's own openDatabase reaches it. */
  target: DatabaseTarget;
  /** Environment for the server child: DATABASE_URL or HUIYUAN_DATA_DIR. */
  serverEnv: Record<string, string>;
  /** For the log: a file path or a database URL. */
  location: string;
  /** Removes the file or drops the database. */
  drop(): Promise<void>;
}

/** A direct connection for the raw baseline and for query plans, outside the product's code. */
export type RawConnection =
  | { dialect: 'sqlite'; db: SqliteDatabase.Database }
  | { dialect: 'postgres'; url: string };

export async function freshSqlite(): Promise<BenchDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyuan-bench-'));
  // The server's config puts its file at <HUIYUAN_DATA_DIR>/huiyuan.db.
  const file = path.join(dir, 'huiyuan.db');
  return {
    dialect: 'sqlite',
    target: { dialect: 'sqlite', file },
    serverEnv: { HUIYUAN_DATA_DIR: dir },
    location: file,
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A connected client; waits out "too many clients" (53300) and a server that is starting,
 * for up to a minute, since other work on the same PostgreSQL may hold its connections.
 */
export async function connectPostgres(url: string, patienceMs = 60_000): Promise<pg.Client> {
  const deadline = Date.now() + patienceMs;
  for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      const code = (error as { code?: string }).code;
      const transient = code === '53300' || code === '57P03' || code === 'ECONNREFUSED';
      if (!transient || Date.now() + delay > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

async function onAdmin(adminUrl: string, statements: string[]): Promise<void> {
  const client = await connectPostgres(adminUrl);
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Drops and creates `database` through the server that `adminUrl` names. */
export async function freshPostgres(adminUrl: string, database: string): Promise<BenchDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`Unsafe database name: ${database}`);
  await onAdmin(adminUrl, [
    `drop database if exists ${database} with (force)`,
    `create database ${database}`,
  ]);
  const url = withDatabase(adminUrl, database);
  return {
    dialect: 'postgres',
    target: { dialect: 'postgres', url },
    serverEnv: { DATABASE_URL: url },
    location: url,
    drop: () => onAdmin(adminUrl, [`drop database if exists ${database} with (force)`]),
  };
}

export function openRaw(database: BenchDatabase): RawConnection {
  if (database.target.dialect === 'sqlite') {
    const db = new SqliteDatabase(database.target.file);
    db.pragma('journal_mode = wal');
    db.pragma('busy_timeout = 10000');
    return { dialect: 'sqlite', db };
  }
  return { dialect: 'postgres', url: database.target.url };
}

export function closeRaw(raw: RawConnection): void {
  if (raw.dialect === 'sqlite') raw.db.close();
}
