// Member import throughput: generates an N-row CSV of realistic members, imports it through
// the import service (the same code the API and the CLI run) into a fresh database, and
// prints rows per second, then imports it again (every row matched, nothing to change).
//
//   node --import tsx bench/import-members.ts [ROWS] [--postgres URL] [--cards] [--batch N] [--export] [--record]
//
// ROWS defaults to 100,000; --batch is rows per transaction (default 1,000). On SQLite it also
// times the raw-database baseline (the same rows through better-sqlite3 alone). --cards adds a card number and card type to every row (each card
// is issued through the cards service). --export then streams every member to xlsx and CSV
// through the export service, with its peak RSS (--export-only seeds the members straight into
// the tables and times only the export). --record writes bench/results/<time>.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { loadConfig } from '../server/src/config.ts';
import { type Database, openDatabase } from '../server/src/db/database.ts';
import { migrateToLatest } from '../server/src/db/migrate.ts';
import { openSqlite } from '../server/src/db/sqlite.ts';
import { inTransaction } from '../server/src/db/transaction.ts';
import { createCardType } from '../server/src/modules/cards/card-types.ts';
import { exportMembers } from '../server/src/modules/members/export/service.ts';
import { runImportJob } from '../server/src/modules/members/import/run.ts';
import { createImportJob, prepareImport } from '../server/src/modules/members/import/service.ts';
import { nameInitials, nameKey } from '../server/src/modules/members/name-keys.ts';
import { seedDemo } from '../server/src/modules/org/demo.ts';
import { loadGrants } from '../server/src/platform/access/actor.ts';
import type { CallContext } from '../server/src/platform/context.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
const postgresUrl = option('--postgres');
const withCards = flag('--cards');
const batchSize = Number(option('--batch') ?? 1000);

const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const given =
  '伟芳娜敏静丽强磊洋艳勇军杰娟涛明超秀英桂建华玉兰平刚辉霞鹏飞波斌宇浩凯俊帆晨欣怡婷雪琳子涵梓萱';
const tags = ['VIP', '咖啡', '烘焙', '亲子', '企业客户', '新客', '老客'];
const stores = ['S001', 'S002', 'S003', '上海南京路店', '杭州西湖店'];

/** Member i's name and mobile: a pure function of i, shared by the file and the raw baseline. */
function nameOf(i: number): string {
  return (
    surnames[i % surnames.length]! +
    given[(i * 7) % given.length]! +
    (i % 3 ? given[(i * 13) % given.length]! : '')
  );
}

function mobileOf(i: number): string {
  return `1${3 + (i % 7)}${String(100_000_000 + ((i * 7_919) % 900_000_000) + Math.floor(i / 900_000_000)).slice(-9)}`;
}

function generateCsv(file: string, count: number): void {
  const out = fs.openSync(file, 'w');
  const header = ['姓名', '手机号', '性别', '生日', '邮箱', '标签', '门店', '会员编号'];
  if (withCards) header.push('卡号', '卡类型');
  let chunk = `${header.join(',')}\n`;
  for (let i = 0; i < count; i++) {
    const name =
      surnames[i % surnames.length]! +
      given[(i * 7) % given.length]! +
      (i % 3 ? given[(i * 13) % given.length]! : '');
    const mobile = `1${3 + (i % 7)}${String(100_000_000 + ((i * 7_919) % 900_000_000) + Math.floor(i / 900_000_000)).slice(-9)}`;
    const birthday =
      i % 4 === 0
        ? ''
        : `${1960 + (i % 45)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const tag =
      i % 5 === 0 ? `"${tags[i % tags.length]},${tags[(i + 3) % tags.length]}"` : tags[i % tags.length]!;
    const cells = [
      name,
      mobile,
      i % 2 ? '男' : '女',
      birthday,
      i % 3 === 0 ? `u${i}@example.com` : '',
      tag,
      stores[i % stores.length]!,
      `M${i}`,
    ];
    if (withCards) cells.push(`9${String(i).padStart(11, '0')}`, '金卡');
    chunk += `${cells.join(',')}\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(out, chunk);
      chunk = '';
    }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
}

async function openBenchDatabase(dir: string): Promise<Database & { drop(): Promise<void> }> {
  if (!postgresUrl) {
    const database = openDatabase({ dialect: 'sqlite', file: path.join(dir, 'bench.db') });
    return { ...database, drop: () => database.close() };
  }
  const schema = `bench_import_${process.pid}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = openDatabase({ dialect: 'postgres', url: postgresUrl, searchPath: schema });
  return {
    ...database,
    async drop() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: postgresUrl });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}

async function adminContext(database: Database, seed = true): Promise<CallContext> {
  const demo = seed ? await seedDemo(database.db, loadConfig({})) : undefined;
  if (seed && !demo) throw new Error('expected an empty database');
  const admin = await database.db
    .selectFrom('operators')
    .select(['id', 'merchantId', 'username', 'displayName', 'unitId'])
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow();
  return {
    actor: {
      kind: 'operator',
      operatorId: admin.id,
      merchantId: admin.merchantId,
      username: admin.username,
      displayName: admin.displayName,
      unitId: admin.unitId,
      sessionId: 'bench',
      grants: await loadGrants(database.db, admin.id),
    },
    locale: 'zh-CN',
    requestId: 'bench-import',
    ip: null,
    storeId: null,
  };
}

/**
 * What the database alone does with the same rows: the member and tag rows of the file,
 * built with the least JavaScript possible and inserted through better-sqlite3's prepared
 * multi-row statements, `batchSize` rows per transaction, on a fresh file with the server's
 * own pragmas (WAL, synchronous=FULL).
 */
async function rawSqliteBaseline(file: string, merchantId: string, storeId: string, fresh = true) {
  if (fresh) {
    const setup = openDatabase({ dialect: 'sqlite', file });
    await migrateToLatest(setup.db);
    await setup.close();
  }
  const db = openSqlite(file);
  db.pragma('foreign_keys = 0');
  if (fresh) {
    db.prepare(
      "insert into merchants (id, name, time_zone, currency, settings_json, created_at) values (?, 'raw', 'Asia/Shanghai', 'CNY', '{}', '')",
    ).run(merchantId);
  }
  const columns = [
    'id',
    'merchant_id',
    'name',
    'name_key',
    'name_initials',
    'mobile',
    'mobile_tail',
    'gender',
    'birthday_calendar',
    'birthday_year',
    'birthday_month',
    'birthday_day',
    'birthday_solar_month',
    'email',
    'home_unit_id',
    'source',
    'external_id',
    'registered_at',
    'registered_by',
    'updated_at',
  ];
  const perStatement = Math.min(batchSize, 500);
  const insert = db.prepare(
    `insert into members (${columns.join(', ')}) values ${Array.from({ length: perStatement }, () => `(${columns.map(() => '?').join(', ')})`).join(', ')}`,
  );
  const insertTag = db.prepare('insert into member_tags (member_id, merchant_id, tag) values (?, ?, ?)');
  const at = new Date().toISOString();
  function* generate() {
    let params: unknown[] = [];
    let tagRows: string[][] = [];
    for (let i = 0; i < rows; i++) {
      const id = `mem_${String(i).padStart(26, '0')}`;
      const name = nameOf(i);
      const mobile = mobileOf(i);
      params.push(
        id,
        merchantId,
        name,
        nameKey(name),
        nameInitials(name),
        mobile,
        mobile.slice(-4),
        'male',
        'solar',
        1990,
        1 + (i % 12),
        1 + (i % 28),
        1 + (i % 12),
        null,
        storeId,
        'import',
        `M${i}`,
        at,
        'op',
        at,
      );
      tagRows.push([id, merchantId, tags[i % tags.length]!]);
      const endOfBatch = (i + 1) % batchSize === 0 || i === rows - 1;
      if (params.length / columns.length === perStatement || endOfBatch) {
        yield { params, tagRows, commit: endOfBatch };
        params = [];
        tagRows = [];
      }
    }
  }
  // As a baseline every value is computed before the clock starts, so it times the database
  // only; as a seed for --export-only the rows are made as they go, in constant memory.
  const statements = fresh ? [...generate()] : generate();
  const started = performance.now();
  db.exec('begin immediate');
  for (const statement of statements) {
    const count = statement.params.length / columns.length;
    const insertThese =
      count === perStatement
        ? insert
        : db.prepare(
            `insert into members (${columns.join(', ')}) values ${Array.from({ length: count }, () => `(${columns.map(() => '?').join(', ')})`).join(', ')}`,
          );
    insertThese.run(...statement.params);
    for (const tag of statement.tagRows) insertTag.run(...tag);
    if (statement.commit) {
      db.exec('commit');
      db.exec('begin immediate');
    }
  }
  db.exec('commit');
  db.close();
  return Math.round(rows / ((performance.now() - started) / 1000));
}

/** Streams the whole export through the export service into a byte counter, sampling RSS. */
async function timedExport(database: Database, ctx: CallContext, format: 'xlsx' | 'csv') {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  const download = await exportMembers(database.db, ctx, { format });
  let bytes = 0;
  await pipeline(
    download.stream,
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done();
      },
    }),
  );
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds,
    megabytes: bytes / 1024 / 1024,
    throughput: Math.round(rows / seconds),
    peakRssMb: Math.round(peakRss / 1024 / 1024),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]! : 0;
}

async function timedImport(database: Database, ctx: CallContext, file: string) {
  const prepared = await prepareImport(database.db, ctx, file, {});
  const job = await createImportJob(
    database.db,
    ctx,
    prepared,
    { name: path.basename(file), path: file },
    false,
  );
  const batchMs: number[] = [];
  let last = performance.now();
  let peakRss = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const done = await runImportJob(database.db, ctx, job, prepared, {
    maxRows: 10_000_000,
    batchSize,
    onProgress: () => {
      const now = performance.now();
      batchMs.push(now - last);
      last = now;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  if (done.status !== 'succeeded') throw new Error(`import failed: ${done.failure}`);
  batchMs.sort((a, b) => a - b);
  return {
    job: done,
    seconds,
    cpuSeconds,
    throughput: Math.round(done.processedRows / seconds),
    p50Ms: Number(percentile(batchMs, 50).toFixed(2)),
    p99Ms: Number(percentile(batchMs, 99).toFixed(2)),
    peakRssMb: Math.round(peakRss / 1024 / 1024),
  };
}

/** --export-from FILE: the export half of --export-only, in its own process. */
async function exportFrom(file: string) {
  const database = openDatabase({ dialect: 'sqlite', file });
  try {
    const ctx = await adminContext(database, false);
    for (const format of ['xlsx', 'csv'] as const) {
      const exported = await timedExport(database, ctx, format);
      console.log(
        `sqlite: exported ${rows.toLocaleString()} members to ${format} (${exported.megabytes.toFixed(1)} MB) in ` +
          `${exported.seconds.toFixed(1)} s = ${exported.throughput.toLocaleString()} rows/s; peak RSS ${exported.peakRssMb} MB`,
      );
    }
  } finally {
    await database.close();
  }
}

async function main() {
  const exportSource = option('--export-from');
  if (exportSource) return exportFrom(exportSource);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyuan-bench-import-'));
  const file = path.join(dir, 'members.csv');
  const generated = performance.now();
  generateCsv(file, rows);
  const sizeMb = fs.statSync(file).size / 1024 / 1024;
  console.log(
    `generated ${rows.toLocaleString()} rows (${sizeMb.toFixed(1)} MB) in ${((performance.now() - generated) / 1000).toFixed(1)} s`,
  );
  const database = await openBenchDatabase(dir);
  try {
    await migrateToLatest(database.db);
    const ctx = await adminContext(database);
    if (withCards) {
      await inTransaction(database.db, (trx) =>
        createCardType(trx, ctx, {
          name: '金卡',
          named: true,
          storedValue: true,
          points: true,
          pinRequired: false,
          validity: { kind: 'none' },
        }),
      );
    }
    const dialect = database.dialect;
    if (flag('--export-only')) {
      // Members straight into the tables (as the raw baseline writes them), then only the export.
      if (dialect !== 'sqlite') throw new Error('--export-only seeds through better-sqlite3: SQLite only');
      const store = await database.db
        .selectFrom('orgUnits')
        .select('id')
        .where('code', '=', 'S001')
        .executeTakeFirstOrThrow();
      const seeded = performance.now();
      await rawSqliteBaseline(path.join(dir, 'bench.db'), ctx.actor.merchantId, store.id, false);
      console.log(
        `seeded ${rows.toLocaleString()} members in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
      );
      // A fresh process, so the export's peak RSS is its own and not the seeding's.
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', import.meta.filename, String(rows), '--export-from', path.join(dir, 'bench.db')],
        { stdio: 'inherit' },
      );
      if (child.status !== 0) throw new Error('the export run failed');
      return;
    }
    const first = await timedImport(database, ctx, file);
    console.log(
      `${dialect}: imported ${first.job.processedRows.toLocaleString()} rows (${first.job.createdRows.toLocaleString()} created, ` +
        `${first.job.errorRows} errors) in ${first.seconds.toFixed(1)} s = ${first.throughput.toLocaleString()} rows/s ` +
        `(batch of ${batchSize}: p50 ${first.p50Ms} ms, p99 ${first.p99Ms} ms; peak RSS ${first.peakRssMb} MB)`,
    );
    const again = await timedImport(database, ctx, file);
    console.log(
      `${dialect}: re-import of the same file: ${again.job.updatedRows.toLocaleString()} matched, ` +
        `${again.job.createdRows} created in ${again.seconds.toFixed(1)} s = ${again.throughput.toLocaleString()} rows/s`,
    );
    const cpuRate = Math.round(first.job.processedRows / first.cpuSeconds);
    console.log(
      `${dialect}: the first import used ${first.cpuSeconds.toFixed(1)} s of CPU = ${cpuRate.toLocaleString()} rows per CPU-second`,
    );
    let ratio: number | null = null;
    if (dialect === 'sqlite') {
      const raw = await rawSqliteBaseline(path.join(dir, 'raw.db'), ctx.actor.merchantId, ctx.actor.unitId);
      ratio = Number((first.throughput / raw).toFixed(2));
      console.log(
        `sqlite: raw baseline (better-sqlite3, same rows and batches): ${raw.toLocaleString()} rows/s; import/raw = ${ratio}`,
      );
    }
    if (flag('--export')) {
      for (const format of ['xlsx', 'csv'] as const) {
        const exported = await timedExport(database, ctx, format);
        console.log(
          `${dialect}: exported ${rows.toLocaleString()} members to ${format} (${exported.megabytes.toFixed(1)} MB) in ` +
            `${exported.seconds.toFixed(1)} s = ${exported.throughput.toLocaleString()} rows/s; peak RSS ${exported.peakRssMb} MB`,
        );
      }
    }
    if (flag('--record')) {
      const results = path.resolve(import.meta.dirname, 'results');
      fs.mkdirSync(results, { recursive: true });
      const target = path.join(results, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
      const entry = (r: typeof first, rawRatio: number | null) => ({
        throughput: r.throughput,
        p50Ms: r.p50Ms,
        p99Ms: r.p99Ms,
        peakRssMb: r.peakRssMb,
        ratio: rawRatio,
      });
      fs.writeFileSync(
        target,
        `${JSON.stringify({ [dialect]: { [`import-members-${rows}`]: entry(first, ratio), [`reimport-members-${rows}`]: entry(again, null) } }, null, 2)}\n`,
      );
      console.log(`wrote ${target}`);
    }
  } finally {
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
