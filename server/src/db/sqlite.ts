// The embedded SQLite database: one file in WAL mode with full fsync, so an acknowledged
// write survives a power cut (better-sqlite3 leaves WAL databases at synchronous=NORMAL,
// which can lose the last commits). Transactions start with BEGIN IMMEDIATE so a second
// process (a CLI import beside the server) waits for the write lock up front instead of
// failing half-way with SQLITE_BUSY.
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, SqliteDialect, SqliteDriver } from 'kysely';

export const sqlitePragmas = {
  journal_mode: 'wal',
  synchronous: 2, // FULL
  foreign_keys: 1,
  busy_timeout: 10_000,
} as const;

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];

  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }

  override createDriver() {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** Opens (creating if needed) the SQLite file with the durability pragmas applied. */
export function openSqlite(file: string): SqliteDatabase.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new SqliteDatabase(file);
  database.pragma(`journal_mode = ${sqlitePragmas.journal_mode}`);
  database.pragma(`synchronous = ${sqlitePragmas.synchronous}`);
  database.pragma(`foreign_keys = ${sqlitePragmas.foreign_keys}`);
  database.pragma(`busy_timeout = ${sqlitePragmas.busy_timeout}`);
  // SQLite plans without statistics until ANALYZE runs; without them a lookup can walk
  // the wrong index. This gathers them where missing (cheaply, with a row limit) and a
  // scheduled job repeats `pragma optimize` so they follow the data.
  database.pragma('optimize=0x10002');
  return database;
}

/**
 * Kysely's driver prepares every statement anew; a statement cache keyed by SQL text
 * saves that work on the hot paths (lookups, ledger writes) that repeat the same SQL.
 */
function withStatementCache(database: SqliteDatabase.Database, limit = 500) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => database.close(),
    prepare(sqlText: string) {
      let statement = cache.get(sqlText);
      if (statement) return statement;
      statement = database.prepare(sqlText);
      if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
      cache.set(sqlText, statement);
      return statement;
    },
  };
}

export function createSqliteDialect(database: SqliteDatabase.Database): SqliteDialect {
  return new ImmediateSqliteDialect({ database: withStatementCache(database) as never });
}
