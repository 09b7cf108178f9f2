// One Kysely instance per process, on SQLite or PostgreSQL; nothing above this folder
// needs to know which, except through `dialectOf` where SQL must differ.
import { CamelCasePlugin, Kysely, PostgresAdapter } from 'kysely';
import type { Dialect } from '../config.ts';
import { createPostgresDialect, createPostgresPool } from './postgres.ts';
import type { DB } from './schema.ts';
import { createSqliteDialect, openSqlite } from './sqlite.ts';

export type Db = Kysely<DB>;

export type DatabaseTarget =
  | { dialect: 'sqlite'; file: string }
  | { dialect: 'postgres'; url: string; searchPath?: string; poolSize?: number };

export interface Database {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

export function openDatabase(target: DatabaseTarget): Database {
  if (target.dialect === 'sqlite') {
    const sqlite = openSqlite(target.file);
    const db = new Kysely<DB>({ dialect: createSqliteDialect(sqlite), plugins: [new CamelCasePlugin()] });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const pool = createPostgresPool({
    connectionString: target.url,
    ...(target.searchPath ? { searchPath: target.searchPath } : {}),
    ...(target.poolSize ? { max: target.poolSize } : {}),
  });
  const db = new Kysely<DB>({ dialect: createPostgresDialect(pool), plugins: [new CamelCasePlugin()] });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** Which SQL dialect a handle (or a transaction from it) speaks. */
export function dialectOf(db: Kysely<DB>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
