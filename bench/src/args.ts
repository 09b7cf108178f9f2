// Command-line options of `npm run bench -- …`.
import { parseArgs } from 'node:util';
import type { BenchDialect } from './databases.ts';

export interface BenchOptions {
  members: number;
  dialects: BenchDialect[];
  duration: number;
  warmup: number;
  connections: number;
  only: string[] | undefined;
  samples: number;
  pgUrl: string;
  pgDatabase: string;
  explain: boolean;
  analyze: boolean;
  keep: boolean;
  out: string | undefined;
}

export const usage = `Usage: npm run bench -- [options]

  --members N        members to seed (default 100000)
  --dialect D        sqlite | postgres | both (default both)
  --duration S       seconds per measurement (default 10)
  --warmup S         unmeasured seconds before each measurement (default 2, at most half of --duration)
  --connections C    concurrent clients, for the API and the baseline (default 20)
  --only a,b         only these operations (default all)
  --samples K        random members the requests spread over (default 20000)
  --pg-url URL       PostgreSQL server to create the bench database on
                     (default $BENCH_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test)
  --pg-database NAME database to drop and create for the run (default huiyuan_bench)
  --explain          print and save the query plans behind each operation
  --analyze          run ANALYZE on SQLite after seeding (the server itself never does;
                     PostgreSQL is always vacuum-analyzed, as autovacuum would have done)
  --keep             keep the seeded database afterwards (prints where it is)
  --out FILE         results file (default bench/results/<ISO date-time>.json)
`;

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${name} expects a positive whole number, got ${value}`);
  return n;
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} expects a number of seconds, got ${value}`);
  return n;
}

export function parseOptions(argv: string[], operationNames: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      members: { type: 'string' },
      dialect: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      only: { type: 'string' },
      samples: { type: 'string' },
      'pg-url': { type: 'string' },
      'pg-database': { type: 'string' },
      explain: { type: 'boolean', default: false },
      analyze: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const dialect = values.dialect ?? 'both';
  if (!['sqlite', 'postgres', 'both'].includes(dialect)) {
    throw new Error(`--dialect expects sqlite, postgres or both, got ${dialect}`);
  }
  const only = values.only
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = only?.filter((name) => !operationNames.includes(name)) ?? [];
  if (unknown.length) {
    throw new Error(
      `--only names unknown operations: ${unknown.join(', ')} (known: ${operationNames.join(', ')})`,
    );
  }
  const duration = positive('duration', values.duration, 10);
  if (duration === 0) throw new Error('--duration must be more than 0');
  return {
    members: positiveInt('members', values.members, 100_000),
    dialects: dialect === 'both' ? ['sqlite', 'postgres'] : [dialect as BenchDialect],
    duration,
    warmup: Math.min(positive('warmup', values.warmup, 2), duration / 2),
    connections: positiveInt('connections', values.connections, 20),
    only,
    samples: positiveInt('samples', values.samples, 20_000),
    pgUrl: values['pg-url'] ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    pgDatabase: values['pg-database'] ?? 'huiyuan_bench',
    explain: values.explain ?? false,
    analyze: values.analyze ?? false,
    keep: values.keep ?? false,
    out: values.out,
  };
}
