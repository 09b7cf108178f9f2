// Timing, the same way for the API and the baseline: C concurrent callers in a closed loop
// for D seconds, every completed call's latency kept (sub-millisecond, from hrtime), then
// throughput = completed calls / wall time and exact percentiles from the sorted latencies.
import { createHash } from 'node:crypto';
import autocannon from 'autocannon';
import type SqliteDatabase from 'better-sqlite3';
import type pg from 'pg';
import { connectPostgres, type RawConnection } from './databases.ts';
import type { ApiRequest, SqlStatement } from './operations/index.ts';

export class Latencies {
  #values = new Float64Array(1 << 16);
  #count = 0;

  add(ms: number): void {
    if (this.#count === this.#values.length) {
      const bigger = new Float64Array(this.#values.length * 2);
      bigger.set(this.#values);
      this.#values = bigger;
    }
    this.#values[this.#count++] = ms;
  }

  get count(): number {
    return this.#count;
  }

  /** The q-quantile (0..1) by the nearest-rank method. */
  percentiles(...qs: number[]): number[] {
    const sorted = this.#values.slice(0, this.#count).sort();
    return qs.map((q) =>
      sorted.length === 0
        ? Number.NaN
        : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!,
    );
  }
}

export interface Measurement {
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  /** Nothing completed in time: the latencies are the client timeout, a lower bound. */
  saturated: boolean;
  /** Completed calls that were measured. */
  count: number;
  /** Calls that failed: non-2xx answers, socket errors or timeouts, database errors. */
  errors: number;
}

function summarise(latencies: Latencies, seconds: number, errors: number): Measurement {
  const [p50, p99] = latencies.percentiles(0.5, 0.99);
  const saturated = latencies.count === 0;
  return {
    throughput: latencies.count / seconds,
    p50Ms: saturated ? apiTimeoutSeconds * 1000 : p50!,
    p99Ms: saturated ? apiTimeoutSeconds * 1000 : p99!,
    saturated,
    count: latencies.count,
    errors,
  };
}

/** How long autocannon waits for an answer before it counts an error and sends anew. */
export const apiTimeoutSeconds = 10;

export interface LoadOptions {
  connections: number;
  seconds: number;
}

function cannon(
  url: string,
  token: string,
  options: LoadOptions,
  next: () => ApiRequest,
  onResponse?: (status: number, ms: number) => void,
  onError?: () => void,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        duration: options.seconds,
        timeout: apiTimeoutSeconds,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        requests: [
          {
            setupRequest: (request) => {
              const spec = next();
              const headers = { ...request.headers, ...spec.headers };
              if (spec.body !== undefined) headers['content-type'] = 'application/json';
              return {
                ...request,
                method: spec.method,
                path: spec.path,
                headers,
                ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}),
              };
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    if (onResponse) {
      instance.on('response', (_client, status, _bytes, ms) => onResponse(status, ms));
    }
    if (onError) instance.on('reqError', onError);
  });
}

/** Drives the API with autocannon (in this process; the server is another one). */
export async function measureApi(
  url: string,
  token: string,
  options: LoadOptions & { warmupSeconds: number },
  next: () => ApiRequest,
): Promise<Measurement> {
  if (options.warmupSeconds > 0)
    await cannon(url, token, { ...options, seconds: options.warmupSeconds }, next);
  const latencies = new Latencies();
  let errors = 0;
  const started = performance.now();
  await cannon(
    url,
    token,
    options,
    next,
    (status, ms) => {
      if (status >= 200 && status < 300) latencies.add(ms);
      else errors++;
    },
    () => errors++,
  );
  return summarise(latencies, (performance.now() - started) / 1000, errors);
}

function toPostgres(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

function statementName(text: string): string {
  return `b_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
}

const yieldToLoop = () => new Promise((resolve) => setImmediate(resolve));

async function sqliteLoop(
  raw: Extract<RawConnection, { dialect: 'sqlite' }>,
  seconds: number,
  next: () => SqlStatement[],
  inTransaction: boolean,
  latencies: Latencies | undefined,
): Promise<number> {
  const prepared = new Map<string, SqliteDatabase.Statement<unknown[]>>();
  const prepare = (text: string) => {
    let statement = prepared.get(text);
    if (!statement) {
      statement = raw.db.prepare<unknown[]>(text);
      prepared.set(text, statement);
    }
    return statement;
  };
  const deadline = performance.now() + seconds * 1000;
  let errors = 0;
  for (let n = 1; ; n++) {
    const statements = next();
    const start = performance.now();
    try {
      if (inTransaction) raw.db.exec('begin immediate');
      for (const s of statements) {
        const statement = prepare(s.text);
        if (statement.reader) statement.all(...s.params);
        else statement.run(...s.params);
      }
      if (inTransaction) raw.db.exec('commit');
      latencies?.add(performance.now() - start);
    } catch {
      errors++;
      if (raw.db.inTransaction) raw.db.exec('rollback');
    }
    if (performance.now() >= deadline) break;
    // One connection, so calls run one after another; let timers breathe now and then.
    if (n % 2000 === 0) await yieldToLoop();
  }
  return errors;
}

async function postgresLoop(
  raw: Extract<RawConnection, { dialect: 'postgres' }>,
  connections: number,
  seconds: number,
  next: () => SqlStatement[],
  inTransaction: boolean,
  latencies: Latencies | undefined,
): Promise<number> {
  const clients = await Promise.all(Array.from({ length: connections }, () => connectPostgres(raw.url)));
  const deadline = performance.now() + seconds * 1000;
  let errors = 0;
  const worker = async (client: pg.Client) => {
    while (performance.now() < deadline) {
      const statements = next();
      const start = performance.now();
      try {
        if (inTransaction) await client.query('begin');
        for (const s of statements) {
          await client.query({ name: statementName(s.text), text: toPostgres(s.text), values: s.params });
        }
        if (inTransaction) await client.query('commit');
        latencies?.add(performance.now() - start);
      } catch {
        errors++;
        if (inTransaction) await client.query('rollback').catch(() => undefined);
      }
    }
  };
  try {
    await Promise.all(clients.map(worker));
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
  return errors;
}

/**
 * The baseline: the same calls' minimal SQL straight through the driver. SQLite runs them
 * one after another on one connection (its calls are synchronous, and the server also
 * reads through one); PostgreSQL runs C clients at once.
 */
export async function measureBaseline(
  raw: RawConnection,
  options: LoadOptions & { warmupSeconds: number; inTransaction: boolean },
  next: () => SqlStatement[],
): Promise<Measurement> {
  const run = (seconds: number, latencies: Latencies | undefined) =>
    raw.dialect === 'sqlite'
      ? sqliteLoop(raw, seconds, next, options.inTransaction, latencies)
      : postgresLoop(raw, options.connections, seconds, next, options.inTransaction, latencies);
  if (options.warmupSeconds > 0) await run(options.warmupSeconds, undefined);
  const latencies = new Latencies();
  const started = performance.now();
  const errors = await run(options.seconds, latencies);
  return summarise(latencies, (performance.now() - started) / 1000, errors);
}
