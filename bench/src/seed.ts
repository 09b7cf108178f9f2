// Seeds a fresh database: the schema (the server's migrations), the demo org (merchant,
// regions, stores, staff with admin/huiyuan123), three card types through the server's own
// service, then N members, one card each and tags on about a tenth, bulk-inserted with
// multi-row INSERTs in large transactions straight through the driver.
import SqliteDatabase from 'better-sqlite3';
import cliProgress from 'cli-progress';
import { openDatabase } from '../../server/src/db/database.ts';
import { migrateToLatest } from '../../server/src/db/migrate.ts';
import { inTransaction } from '../../server/src/db/transaction.ts';
import { createCardType } from '../../server/src/modules/cards/card-types.ts';
import { seedDemo } from '../../server/src/modules/org/demo.ts';
import { loadGrants } from '../../server/src/platform/access/actor.ts';
import type { CallContext } from '../../server/src/platform/context.ts';
import { type GeneratedMember, memberAt, type Population } from './data/members.ts';
import { type BenchDatabase, connectPostgres } from './databases.ts';

export interface SeedResult {
  merchantId: string;
  population: Population;
  members: number;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

interface Table {
  name: string;
  columns: string[];
  row(member: GeneratedMember, merchantId: string): unknown[][];
}

// Only the columns the generator fills; the rest take the schema's defaults.
const tables: Table[] = [
  {
    name: 'members',
    columns: [
      'id',
      'merchant_id',
      'name',
      'name_key',
      'name_initials',
      'mobile',
      'mobile_tail',
      'gender',
      'home_unit_id',
      'source',
      'registered_at',
      'updated_at',
    ],
    row: (m, merchantId) => [
      [
        m.id,
        merchantId,
        m.name,
        m.nameKey,
        m.nameInitials,
        m.mobile,
        m.mobileTail,
        m.gender,
        m.homeUnitId,
        'import',
        m.registeredAt,
        m.registeredAt,
      ],
    ],
  },
  {
    name: 'cards',
    columns: [
      'id',
      'merchant_id',
      'card_no',
      'member_id',
      'card_type_id',
      'role',
      'status',
      'issued_at',
      'issued_unit_id',
      'updated_at',
    ],
    row: (m, merchantId) => [
      [
        m.cardId,
        merchantId,
        m.cardNo,
        m.id,
        m.cardTypeId,
        'primary',
        'active',
        m.registeredAt,
        m.homeUnitId,
        m.registeredAt,
      ],
    ],
  },
  {
    name: 'member_tags',
    columns: ['member_id', 'merchant_id', 'tag'],
    row: (m, merchantId) => m.tags.map((tag) => [m.id, merchantId, tag]),
  },
];

interface BulkWriter {
  /** Drops the secondary indexes of the loaded tables (kept: keys and unique constraints). */
  dropIndexes(): Promise<void>;
  /** Creates them again with their exact original definitions, sorting once instead of per row. */
  restoreIndexes(): Promise<void>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  insert(table: Table, rows: unknown[][]): Promise<void>;
  finish(): Promise<void>;
}

function sqliteWriter(file: string, analyze: boolean): BulkWriter {
  const db = new SqliteDatabase(file);
  // This connection only loads data that is consistent by construction; the server opens
  // the file afterwards with its own durable settings.
  db.pragma('journal_mode = wal');
  db.pragma('synchronous = off');
  db.pragma('foreign_keys = off');
  db.pragma('cache_size = -262144');
  const tableNames = tables.map((t) => `'${t.name}'`).join(',');
  const indexes = db
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${tableNames})`,
    )
    .all() as Array<{ name: string; sql: string }>;
  const statements = new Map<string, SqliteDatabase.Statement>();
  const statementFor = (table: Table, rows: number) => {
    const key = `${table.name}:${rows}`;
    let statement = statements.get(key);
    if (!statement) {
      const tuple = `(${table.columns.map(() => '?').join(',')})`;
      statement = db.prepare(
        `insert into ${table.name} (${table.columns.join(',')}) values ${Array(rows).fill(tuple).join(',')}`,
      );
      statements.set(key, statement);
    }
    return statement;
  };
  return {
    dropIndexes: async () => {
      for (const index of indexes) db.exec(`drop index ${index.name}`);
    },
    restoreIndexes: async () => {
      for (const index of indexes) db.exec(index.sql);
    },
    begin: async () => void db.exec('begin'),
    commit: async () => void db.exec('commit'),
    insert: async (table, rows) => {
      if (rows.length === 0) return;
      statementFor(table, rows.length).run(...rows.flat());
    },
    finish: async () => {
      // The server never runs ANALYZE or PRAGMA optimize, so by default its planner works
      // without statistics, as it would in a shop; --analyze shows what statistics change.
      if (analyze) db.exec('analyze');
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

async function postgresWriter(url: string): Promise<BulkWriter> {
  const client = await connectPostgres(url);
  await client.query('set synchronous_commit = off');
  await client.query(`set maintenance_work_mem = '256MB'`);
  // Indexes that back a primary key or unique constraint stay; the rest are plain indexes.
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `select i.indexname as name, i.indexdef as definition from pg_indexes i
      where i.schemaname = current_schema() and i.tablename = any($1)
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [tables.map((t) => t.name)],
  );
  return {
    dropIndexes: async () => {
      for (const index of indexes) await client.query(`drop index ${index.name}`);
    },
    restoreIndexes: async () => {
      for (const index of indexes) await client.query(index.definition);
    },
    begin: async () => void (await client.query('begin')),
    commit: async () => void (await client.query('commit')),
    // One array parameter per column, however many rows: no parameter limit to chunk around.
    insert: async (table, rows) => {
      if (rows.length === 0) return;
      const arrays = table.columns.map((_, c) => rows.map((row) => row[c]));
      const unnest = table.columns.map((_, c) => `$${c + 1}::text[]`).join(',');
      await client.query({
        name: `bulk_${table.name}`,
        text: `insert into ${table.name} (${table.columns.join(',')}) select * from unnest(${unnest})`,
        values: arrays,
      });
    },
    finish: async () => {
      // What autovacuum would have done by the time a real shop had a million members.
      for (const table of tables) await client.query(`vacuum analyze ${table.name}`);
      await client.end();
    },
  };
}

/** Migrates, seeds the demo org and card types through the server's code; returns the ids. */
async function seedOrg(database: BenchDatabase) {
  const handle = openDatabase(database.target);
  try {
    await migrateToLatest(handle.db);
    const demo = await seedDemo(handle.db, {
      timeZone: 'Asia/Shanghai',
      currency: { code: 'CNY', minorDigits: 2 },
    });
    if (!demo) throw new Error('The benchmark database already had a merchant');
    const admin = await handle.db
      .selectFrom('operators')
      .select(['id', 'username', 'displayName', 'unitId'])
      .where('id', '=', demo.adminId)
      .executeTakeFirstOrThrow();
    const ctx: CallContext = {
      actor: {
        kind: 'operator',
        operatorId: admin.id,
        merchantId: demo.merchantId,
        username: admin.username,
        displayName: admin.displayName,
        unitId: admin.unitId,
        sessionId: 'bench',
        grants: await loadGrants(handle.db, admin.id),
      },
      locale: 'zh-CN',
      requestId: 'bench-seed',
      ip: null,
      storeId: null,
    };
    const cardTypeIds = await inTransaction(handle.db, async (trx) => {
      const base = { named: true, pinRequired: false, validity: { kind: 'none' as const } };
      const types = [
        {
          name: '金卡',
          storedValue: true,
          points: true,
          discount: true,
          discountRate: 9000,
          pointsRate: 150,
        },
        {
          name: '银卡',
          storedValue: true,
          points: true,
          discount: true,
          discountRate: 9500,
          pointsRate: 100,
        },
        { name: '积分卡', storedValue: false, points: true, pointsRate: 100 },
      ];
      const ids: string[] = [];
      for (const type of types) ids.push((await createCardType(trx, ctx, { ...base, ...type })).id);
      return ids;
    });
    return { merchantId: demo.merchantId, storeIds: demo.storeIds, cardTypeIds };
  } finally {
    await handle.close();
  }
}

function progressBar(total: number) {
  const bar = new cliProgress.SingleBar(
    {
      format:
        '  seeding [{bar}] {percentage}% | {value}/{total} members | {rowsPerSecond} rows/s | ETA {eta}s',
      barsize: 30,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { rowsPerSecond: 0 });
  return bar;
}

export async function seedDatabase(
  database: BenchDatabase,
  members: number,
  options: { chunk?: number; perTransaction?: number; analyze?: boolean } = {},
): Promise<SeedResult> {
  const org = await seedOrg(database);
  const until = Date.parse('2026-01-01T00:00:00Z');
  const population: Population = {
    count: members,
    storeIds: org.storeIds,
    cardTypeIds: org.cardTypeIds,
    from: until - 5 * 365 * 86_400_000,
    until,
  };
  const chunk = options.chunk ?? 1000;
  const perTransaction = options.perTransaction ?? 50_000;
  const writer =
    database.target.dialect === 'sqlite'
      ? sqliteWriter(database.target.file, options.analyze ?? false)
      : await postgresWriter(database.target.url);

  const started = performance.now();
  await writer.dropIndexes();
  const bar = progressBar(members);
  let rows = 0;
  let inTransactionRows = 0;
  await writer.begin();
  for (let start = 0; start < members; start += chunk) {
    const end = Math.min(members, start + chunk);
    const batch: unknown[][][] = tables.map(() => []);
    for (let i = start; i < end; i++) {
      const member = memberAt(population, i);
      tables.forEach((table, t) => {
        for (const row of table.row(member, org.merchantId)) batch[t]!.push(row);
      });
    }
    for (const [t, table] of tables.entries()) {
      await writer.insert(table, batch[t]!);
      rows += batch[t]!.length;
    }
    inTransactionRows += end - start;
    if (inTransactionRows >= perTransaction) {
      await writer.commit();
      await writer.begin();
      inTransactionRows = 0;
    }
    const elapsed = (performance.now() - started) / 1000;
    bar.update(end, { rowsPerSecond: Math.round(rows / Math.max(elapsed, 0.001)) });
    // better-sqlite3 is synchronous: give the progress bar's timer a turn.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await writer.commit();
  bar.stop();
  const loaded = (performance.now() - started) / 1000;
  await writer.restoreIndexes();
  const indexed = (performance.now() - started) / 1000;
  await writer.finish();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `  seeded ${members.toLocaleString('en-US')} members, ${rows.toLocaleString('en-US')} rows in ` +
      `${seconds.toFixed(1)} s: ${Math.round(rows / seconds).toLocaleString('en-US')} rows/s ` +
      `(loading ${loaded.toFixed(1)} s, indexing ${(indexed - loaded).toFixed(1)} s, ` +
      `${database.dialect === 'postgres' ? 'vacuum analyze' : options.analyze ? 'analyze, checkpoint' : 'checkpoint'} ` +
      `${(seconds - indexed).toFixed(1)} s)`,
  );
  return {
    merchantId: org.merchantId,
    population,
    members,
    rows,
    seconds,
    rowsPerSecond: Math.round(rows / seconds),
  };
}
