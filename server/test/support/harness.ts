// The test harness: the real application on a fresh real database with the demo merchant
// seeded, driven through HTTP with Fastify's inject (no port). `as('cashier')` signs in
// as a demo account and returns a client that sends its bearer token.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { demoPassword, seedDemo } from '../../src/modules/org/demo.ts';
import { resetClock } from '../../src/platform/clock.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export type DemoUser = 'admin' | 'east' | 'manager' | 'cashier' | 'cashier2' | 'agent';

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  locale?: 'zh-CN' | 'en-US';
}

export interface ApiClient {
  token: string;
  operatorId: string;
  request(
    method: InjectOptions['method'],
    url: string,
    options?: RequestOptions,
  ): Promise<LightMyRequestResponse>;
  get(url: string, options?: RequestOptions): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, options?: RequestOptions): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, options?: RequestOptions): Promise<LightMyRequestResponse>;
  delete(url: string, options?: RequestOptions): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  as(user: DemoUser | { username: string; password: string }): Promise<ApiClient>;
  /** Ids of the demo tree: hq, east, south, shanghai, hangzhou, shenzhen. */
  units: Record<'hq' | 'east' | 'south' | 'shanghai' | 'hangzhou' | 'shenzhen', string>;
  /** Number of rows in a table, for "nothing was written" assertions. */
  count(
    table: 'auditLog' | 'orgUnits' | 'operators' | 'roles' | 'operatorGrants' | 'sessions',
  ): Promise<number>;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: 'silent', ...overrides });
}

export async function startTestApp(
  options: { env?: Record<string, string>; poolSize?: number } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(options.poolSize ? { poolSize: options.poolSize } : {});
  const config = testConfig(options.env);
  await seedDemo(database.db, config);
  const app = await buildApp({ config, database, logger: false });
  await app.ready();

  const unitRows = await database.db.selectFrom('orgUnits').select(['id', 'code']).execute();
  const byCode = (code: string) => unitRows.find((u) => u.code === code)?.id ?? '';
  const units = {
    hq: byCode('HQ'),
    east: byCode('R001'),
    south: byCode('R002'),
    shanghai: byCode('S001'),
    hangzhou: byCode('S002'),
    shenzhen: byCode('S003'),
  };

  const as: TestApp['as'] = async (user) => {
    const credentials = typeof user === 'string' ? { username: user, password: demoPassword } : user;
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: credentials });
    if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
    const { token, operator } = login.json() as { token: string; operator: { id: string } };
    return clientFor(app, token, operator.id);
  };

  return {
    app,
    database,
    config,
    as,
    units,
    async count(table) {
      const row = await database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async close() {
      resetClock();
      await app.close();
      await database.destroy();
    },
  };
}

export function clientFor(app: FastifyInstance, token: string, operatorId = ''): ApiClient {
  const request: ApiClient['request'] = (method, url, options = {}) =>
    app.inject({
      method,
      url,
      ...(options.query ? { query: options.query } : {}),
      headers: {
        authorization: `Bearer ${token}`,
        'accept-language': options.locale ?? 'en-US',
        ...options.headers,
      },
      ...(options.body !== undefined ? { payload: options.body as InjectOptions['payload'] } : {}),
    });
  return {
    token,
    operatorId,
    request,
    get: (url, options) => request('GET', url, options),
    post: (url, body, options) => request('POST', url, { ...options, body }),
    patch: (url, body, options) => request('PATCH', url, { ...options, body }),
    delete: (url, options) => request('DELETE', url, options),
  };
}
