// Versioned migrations, listed here in order. A landed migration never changes; a new
// change is a new file. Each one runs on SQLite and PostgreSQL.
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { dialectOf } from './database.ts';
import * as m0001 from './migrations/0001_platform.ts';
import * as m0002 from './migrations/0002_members_cards.ts';
import * as m0005 from './migrations/0005_ledger.ts';
import * as m0006 from './migrations/0006_points.ts';
import * as m0007 from './migrations/0007_packages.ts';
import * as m0008 from './migrations/0008_batch_jobs.ts';
import * as m0009 from './migrations/0009_catalog.ts';
import * as m0010 from './migrations/0010_job_runs.ts';
import * as m0011 from './migrations/0011_member_search_indexes.ts';
import type { DB } from './schema.ts';

const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_members_cards': m0002,
  '0005_ledger': m0005,
  '0006_points': m0006,
  '0007_packages': m0007,
  '0008_batch_jobs': m0008,
  '0009_catalog': m0009,
  '0010_job_runs': m0010,
  '0011_member_search_indexes': m0011,
};

const provider: MigrationProvider = {
  getMigrations: async () => migrations,
};

export interface MigrationReport {
  applied: string[];
}

export async function migrateToLatest(db: Kysely<DB>): Promise<MigrationReport> {
  // Kysely looks for its bookkeeping tables in every schema unless told which one; with
  // several schemas in one database (tests, tenants) it would find another schema's and
  // skip creating its own. Name the schema the connection actually uses.
  const schema =
    dialectOf(db) === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  // Migrations speak to tables that may not be in DB's types yet.
  const migrator = new Migrator({
    db: db as unknown as Kysely<unknown>,
    provider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
