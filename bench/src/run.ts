// `npm run bench -- [--members N] [--dialect sqlite|postgres|both] [--duration S]
//   [--connections C] [--only op1,op2] …` (see args.ts): per dialect, a fresh database is
// seeded, the real server started as a child process, each operation driven through the API
// with autocannon and then as raw SQL, and the results printed and written to
// bench/results/<ISO date-time>.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BenchOptions, parseOptions, usage } from './args.ts';
import { type GeneratedMember, prng, sampleMembers } from './data/members.ts';
import {
  type BenchDatabase,
  type BenchDialect,
  closeRaw,
  freshPostgres,
  freshSqlite,
  openRaw,
  type RawConnection,
} from './databases.ts';
import { explainOperation } from './explain.ts';
import { type Measurement, measureApi, measureBaseline } from './measure.ts';
import { type Operation, type OperationContext, operations } from './operations/index.ts';
import {
  formatTable,
  isoStamp,
  type OperationResult,
  type Results,
  resultsDir,
  writeResults,
} from './report.ts';
import { seedDatabase } from './seed.ts';
import { startServer, watchMemory } from './server.ts';

/** Picks members at random from the sample for each call, so no cache sees one member twice in a row. */
function picker(samples: GeneratedMember[], salt: number) {
  const random = prng(0x1234_5678 ^ salt);
  return () => samples[Math.floor(random() * samples.length)]!;
}

async function verifyOperation(
  url: string,
  token: string,
  operation: Operation,
  ctx: OperationContext,
  samples: GeneratedMember[],
) {
  for (const member of samples.slice(0, 3)) {
    const request = operation.request(member, ctx, 0);
    const response = await fetch(url + request.path, {
      method: request.method,
      headers: {
        authorization: `Bearer ${token}`,
        ...request.headers,
        ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // keep the text
    }
    const problem = operation.verify(member, response.status, body);
    if (problem) {
      throw new Error(
        `${operation.name}: ${request.method} ${request.path} ${problem}\n${text.slice(0, 500)}`,
      );
    }
  }
}

async function measureOperation(
  operation: Operation,
  database: BenchDatabase,
  raw: RawConnection,
  ctx: OperationContext,
  samples: GeneratedMember[],
  options: BenchOptions,
  seedRowsPerSecond: number,
): Promise<OperationResult> {
  const load = {
    connections: options.connections,
    seconds: options.duration,
    warmupSeconds: options.warmup,
  };
  // A fresh server per operation: requests an overloaded server still owes to the load
  // generator (which gave up on them) must not slow the next measurement, and the peak
  // RSS is then this operation's.
  process.stdout.write(`  ${operation.name}: server…`);
  const server = await startServer(database.serverEnv);
  let api: Measurement;
  let peakRssMb: number;
  try {
    await verifyOperation(server.url, server.token, operation, ctx, samples);
    process.stdout.write(' API…');
    const pickApi = picker(samples, 1);
    let apiCalls = 0;
    const memory = watchMemory(server.pid);
    api = await measureApi(server.url, server.token, load, () =>
      operation.request(pickApi(), ctx, apiCalls++),
    );
    peakRssMb = memory.stop();
  } finally {
    await server.stop();
  }

  process.stdout.write(' baseline…');
  const pickBase = picker(samples, 2);
  let baseCalls = 0;
  const baseline = await measureBaseline(
    raw,
    { ...load, inTransaction: operation.baselineInTransaction ?? false },
    () => operation.baseline(pickBase(), ctx, baseCalls++),
  );
  const target = operation.targetP99Ms ?? null;
  const result: OperationResult = {
    throughput: api.throughput,
    p50Ms: api.p50Ms,
    p99Ms: api.p99Ms,
    peakRssMb,
    ratio: baseline.throughput > 0 ? api.throughput / baseline.throughput : 0,
    baselineThroughput: baseline.throughput,
    baselineP50Ms: baseline.p50Ms,
    baselineP99Ms: baseline.p99Ms,
    targetP99Ms: target,
    meetsTarget: target === null ? null : api.p99Ms < target,
    requests: api.count,
    errors: api.errors,
    saturated: api.saturated,
    baselineErrors: baseline.errors,
    members: options.members,
    connections: options.connections,
    durationSeconds: options.duration,
    seedRowsPerSecond,
    analyzed: ctx.dialect === 'postgres' || options.analyze,
    measuredAt: new Date().toISOString(),
  };
  console.log(
    ` ${api.throughput.toFixed(0)} req/s, p99 ${api.p99Ms.toFixed(2)} ms` +
      ` (baseline ${baseline.throughput.toFixed(0)}/s, p99 ${baseline.p99Ms.toFixed(2)} ms)` +
      (api.errors ? `, ${api.errors} errors` : ''),
  );
  return result;
}

async function benchDialect(
  dialect: BenchDialect,
  options: BenchOptions,
  selected: Operation[],
  planLines: string[],
): Promise<Record<string, OperationResult>> {
  console.log(`\n== ${dialect}: seeding ${options.members.toLocaleString('en-US')} members`);
  const database: BenchDatabase =
    dialect === 'sqlite' ? await freshSqlite() : await freshPostgres(options.pgUrl, options.pgDatabase);
  const results: Record<string, OperationResult> = {};
  try {
    const seeded = await seedDatabase(database, options.members, { analyze: options.analyze });
    const samples = sampleMembers(seeded.population, options.samples);
    const ctx: OperationContext = { dialect, merchantId: seeded.merchantId };
    const raw = openRaw(database);
    try {
      if (options.explain) {
        for (const operation of selected) {
          const lines = await explainOperation(database, raw, operation, ctx, samples[0]!);
          console.log(lines.join('\n'));
          planLines.push(...lines, '');
        }
      }
      for (const operation of selected) {
        try {
          results[operation.name] = await measureOperation(
            operation,
            database,
            raw,
            ctx,
            samples,
            options,
            seeded.rowsPerSecond,
          );
        } catch (error) {
          // One operation failing (say, the database refusing connections) leaves the others.
          console.log(` failed: ${(error as Error).message}`);
        }
      }
    } finally {
      closeRaw(raw);
    }
  } finally {
    if (options.keep) console.log(`  kept the database: ${database.location}`);
    else await database.drop();
  }
  return results;
}

function parseOptionsOrExit(argv: string[]) {
  try {
    const options = parseOptions(
      argv,
      operations.map((o) => o.name),
    );
    if (options === 'help') {
      console.log(usage);
      process.exit(0);
    }
    return options;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const options = parseOptionsOrExit(process.argv.slice(2));
  const selected = options.only ? operations.filter((o) => options.only!.includes(o.name)) : operations;
  const stamp = isoStamp();
  const file = options.out ? path.resolve(options.out) : path.join(resultsDir, `${stamp}.json`);
  console.log(
    `Huiyuan bench: ${options.members.toLocaleString('en-US')} members, ${options.dialects.join(' + ')}, ` +
      `${options.connections} connections, ${options.duration} s per measurement (+${options.warmup} s warm-up), ` +
      `${os.cpus().length} CPUs, Node ${process.version}`,
  );
  const results: Results = { sqlite: {}, postgres: {} };
  const planLines: string[] = [];
  for (const dialect of options.dialects) {
    results[dialect] = await benchDialect(dialect, options, selected, planLines);
  }
  console.log('');
  for (const dialect of options.dialects) {
    console.log(formatTable(dialect, options.members, results[dialect]));
    console.log('');
  }
  writeResults(results, file);
  console.log(`Results: ${path.relative(process.cwd(), file)}`);
  if (options.explain) {
    const plans = file.replace(/\.json$/, '.plans.md');
    fs.writeFileSync(plans, `${planLines.join('\n')}\n`);
    console.log(`Query plans: ${path.relative(process.cwd(), plans)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
