// The printed table and the results file. The file's shape is a contract (shared/DESIGN.md):
// { sqlite: { <operation>: { throughput, p50Ms, p99Ms, peakRssMb, ratio, … } }, postgres: { … } }
// with extra keys allowed inside an operation only.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchDialect } from './databases.ts';

export interface OperationResult {
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  peakRssMb: number;
  /** Product throughput / baseline throughput. */
  ratio: number;
  baselineThroughput: number;
  baselineP50Ms: number;
  baselineP99Ms: number;
  targetP99Ms: number | null;
  meetsTarget: boolean | null;
  requests: number;
  errors: number;
  /** No API call completed within the client timeout; p50/p99 are that timeout (a lower bound). */
  saturated: boolean;
  baselineErrors: number;
  members: number;
  connections: number;
  durationSeconds: number;
  seedRowsPerSecond: number;
  /** Whether the planner had statistics: always on PostgreSQL, with --analyze on SQLite. */
  analyzed: boolean;
  measuredAt: string;
}

export type Results = Record<BenchDialect, Record<string, OperationResult>>;

export const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../results');

/** ISO 8601 in its basic form (20261123T101500Z): a date-time that is also a portable file name. */
export function isoStamp(date = new Date()): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

const round = (n: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

/** Rounds for the file: req/s to 0.1, milliseconds to 0.001, MiB to 0.1, ratio to 0.001. */
export function rounded(result: OperationResult): OperationResult {
  return {
    ...result,
    throughput: round(result.throughput, 1),
    p50Ms: round(result.p50Ms, 3),
    p99Ms: round(result.p99Ms, 3),
    peakRssMb: round(result.peakRssMb, 1),
    ratio: round(result.ratio, 3),
    baselineThroughput: round(result.baselineThroughput, 1),
    baselineP50Ms: round(result.baselineP50Ms, 3),
    baselineP99Ms: round(result.baselineP99Ms, 3),
  };
}

export function writeResults(results: Results, file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const out = {
    sqlite: Object.fromEntries(Object.entries(results.sqlite).map(([k, v]) => [k, rounded(v)])),
    postgres: Object.fromEntries(Object.entries(results.postgres).map(([k, v]) => [k, rounded(v)])),
  };
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
}

function pad(cells: string[], widths: number[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
}

export function formatTable(
  dialect: BenchDialect,
  members: number,
  rows: Record<string, OperationResult>,
): string {
  const header = [
    'operation',
    'req/s',
    'p50 ms',
    'p99 ms',
    'peak RSS MB',
    'baseline req/s',
    'base p99 ms',
    'ratio',
    'p99 target',
    'errors',
  ];
  const body = Object.entries(rows).map(([name, r]) => [
    name,
    r.throughput.toFixed(0),
    `${r.saturated ? '>' : ''}${r.p50Ms.toFixed(2)}`,
    `${r.saturated ? '>' : ''}${r.p99Ms.toFixed(2)}`,
    r.peakRssMb.toFixed(0),
    r.baselineThroughput.toFixed(0),
    r.baselineP99Ms.toFixed(2),
    r.ratio.toFixed(3),
    r.targetP99Ms === null ? '-' : `< ${r.targetP99Ms} ${r.meetsTarget ? 'met' : 'MISSED'}`,
    String(r.errors + r.baselineErrors),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  return [
    `${dialect}, ${members.toLocaleString('en-US')} members`,
    pad(header, widths),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...body.map((row) => pad(row, widths)),
  ].join('\n');
}
