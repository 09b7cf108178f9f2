// Hostile requests against every route in the OpenAPI document: random path parameters,
// query strings, headers and bodies (fast-check). Whatever arrives, the answer is never a
// 5xx, never carries a stack trace, is always problem+json when it is an error, and a
// refused request writes nothing. FUZZ_RUNS sets requests per route (CI keeps it small).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from './support/harness.ts';

const runsPerRoute = Number(process.env.FUZZ_RUNS ?? 12);

let t: TestApp;
let admin: ApiClient;
let routes: Array<{ method: string; path: string }>;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
  const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  routes = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((method) => ({ method: method.toUpperCase(), path })),
  );
});
afterAll(() => t.close());

/** Tables whose row counts must not change when a request is refused. */
const guarded = ['auditLog', 'orgUnits', 'operators', 'roles'] as const;
async function snapshot() {
  const counts: number[] = [];
  for (const table of guarded) counts.push(await t.count(table));
  const ledger = await t.database.db
    .selectFrom('ledgerTransactions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  counts.push(Number(ledger.n));
  return counts.join(',');
}

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e309',
    'NaN',
    'null',
    '../../etc/passwd',
    "' or 1=1 --",
    '%00',
    '\u0000',
    '😀'.repeat(50),
  ),
  fc.string({ minLength: 300, maxLength: 2000 }),
  fc.constantFrom('mem_01ABCDEFGHJKMNPQRSTVWXYZ0', 'unit_01ABCDEFGHJKMNPQRSTVWXYZ0', '8000000000000000'),
);

const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(-1, 0, 1.5, 1e12, Number.MAX_SAFE_INTEGER),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 12 }), tie('value'), { maxKeys: 5 }),
  ),
})).value;

const knownFields = fc.constantFrom(
  'name',
  'mobile',
  'amount',
  'tender',
  'cardNo',
  'pin',
  'reason',
  'parentId',
  'kind',
  'username',
  'password',
  'grants',
  'permissions',
  'status',
  'cardTypeId',
  'birthday',
  'custom',
  'tags',
  'rows',
  'filter',
  'dryRun',
  'validity',
  'balance',
  'role',
  '__proto__',
  'constructor',
);

const hostileBody = fc.oneof(
  fc.dictionary(knownFields, hostileValue, { maxKeys: 8 }),
  hostileValue,
  fc.constantFrom('{', '[]', '"text"', '{"a":'),
);

function fillPath(path: string, segments: string[]): string {
  let i = 0;
  return path.replace(/\{[^}]+\}/g, () => encodeURIComponent(segments[i++ % segments.length] ?? 'x'));
}

describe('every route under hostile input', () => {
  it('never answers 5xx, never shows a stack, and writes nothing when it refuses', async () => {
    expect(routes.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(
          fc.array(hostileString, { minLength: 1, maxLength: 3 }),
          fc.dictionary(fc.string({ maxLength: 10 }), hostileString, { maxKeys: 4 }),
          hostileBody,
          fc.option(hostileString, { nil: undefined }),
          fc.option(hostileString, { nil: undefined }),
          async (segments, query, body, idempotencyKey, storeId) => {
            const before = await snapshot();
            const headers: Record<string, string> = {};
            if (idempotencyKey !== undefined)
              headers['idempotency-key'] = idempotencyKey.replace(/[^\x20-\x7e]/g, '');
            if (storeId !== undefined) headers['x-store-id'] = storeId.replace(/[^\x20-\x7e]/g, '');
            const url = fillPath(route.path, segments);
            const response = await admin.request(route.method as 'GET', url, {
              query,
              headers,
              ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: body as object }),
            });
            const text = response.body;
            const where = `${route.method} ${route.path} -> ${response.statusCode}`;
            if (response.statusCode >= 500) failures.push(`${where}: ${text.slice(0, 300)}`);
            if (/\bat .+\.(ts|js):\d+/.test(text)) failures.push(`${where}: stack trace in body`);
            if (response.statusCode >= 400) {
              expect(response.headers['content-type'], where).toContain('application/problem+json');
              expect(await snapshot(), `${where} wrote something`).toBe(before);
            }
          },
        ),
        { numRuns: runsPerRoute },
      );
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
