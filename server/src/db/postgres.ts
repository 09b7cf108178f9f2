// PostgreSQL through node-postgres. int8 (bigint) columns hold money and counts; they are
// parsed to JavaScript numbers here, once, which is safe below 2^53 fen.

import { PostgresDialect } from 'kysely';
import pg from 'pg';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

export interface PostgresOptions {
  connectionString: string;
  /** Every connection uses this schema first (tests get a fresh schema per file). */
  searchPath?: string;
  max?: number;
}

export function createPostgresPool(options: PostgresOptions): pg.Pool {
  return new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 20,
    types: types as pg.CustomTypesConfig,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  });
}

export function createPostgresDialect(pool: pg.Pool): PostgresDialect {
  return new PostgresDialect({ pool });
}
