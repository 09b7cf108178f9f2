// Bad input: each class gets its own clear 4xx problem+json, in the caller's language,
// and never reaches the database — no table gains a row, the audit log included.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceClock, resetClock } from '../src/platform/clock.ts';
import { expectProblem, writesNothing } from './support/checks.ts';
import { type ApiClient, startTestApp, type TestApp } from './support/harness.ts';

let t: TestApp;
let admin: ApiClient;
let east: ApiClient;
let cashier: ApiClient;
/** Holds org.write over the east region only (no demo account holds it below HQ). */
let builder: ApiClient;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
  east = await t.as('east');
  cashier = await t.as('cashier');
  const role = await admin.post('/api/v1/org/roles', {
    name: '区域建店',
    permissions: ['org.read', 'org.write'],
  });
  const account = { username: 'builder', password: 'builder2026' };
  const created = await admin.post('/api/v1/org/operators', {
    ...account,
    displayName: '建店专员',
    unitId: t.units.east,
    grants: [{ roleId: role.json().id, unitId: t.units.east }],
  });
  expect(created.statusCode).toBe(201);
  builder = await t.as(account);
});
afterAll(() => t.close());

/** A request with a raw body and content type, as a client with a bug would send it. */
const raw = (
  client: ApiClient,
  url: string,
  contentType: string,
  payload: string,
  extra: InjectOptions = {},
) =>
  t.app.inject({
    method: 'POST',
    url,
    payload,
    ...extra,
    headers: {
      authorization: `Bearer ${client.token}`,
      'content-type': contentType,
      'accept-language': 'en-US',
    },
  });

const newRegion = () => ({ parentId: t.units.hq, kind: 'region', name: '华北区' });
const newOperator = () => ({
  username: 'newbie',
  displayName: '新人',
  password: 'welcome2026',
  unitId: t.units.shanghai,
});

describe('the body is not JSON', () => {
  it('answers MALFORMED_JSON for broken, empty or prototype-polluting JSON', async () => {
    await writesNothing(t, async () => {
      for (const payload of ['{"name": ', '', '{"__proto__": {"role": "hq_admin"}, "name": "x"}']) {
        const response = await raw(admin, '/api/v1/org/units', 'application/json', payload);
        expectProblem(response, 400, 'MALFORMED_JSON');
      }
    });
  });

  it('answers UNSUPPORTED_MEDIA_TYPE for a JSON body sent as another content type', async () => {
    await writesNothing(t, async () => {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
        const response = await raw(admin, '/api/v1/org/units', type, JSON.stringify(newRegion()));
        expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
      }
    });
  });

  it('answers PAYLOAD_TOO_LARGE for a body over the limit, before parsing it', async () => {
    const huge = JSON.stringify({ ...newRegion(), address: 'x'.repeat(2 * 1024 * 1024) });
    await writesNothing(t, async () => {
      expectProblem(
        await raw(admin, '/api/v1/org/units', 'application/json', huge),
        413,
        'PAYLOAD_TOO_LARGE',
      );
    });
  });
});

describe('the JSON has the wrong shape', () => {
  it('names each field of the wrong type, apart from the ones that are missing', async () => {
    await writesNothing(t, async () => {
      const problem = expectProblem(
        await admin.post('/api/v1/org/units', { parentId: 123, kind: 'region', name: ['x'] }),
        400,
        'VALIDATION_FAILED',
      );
      expect(problem.fields).toEqual([
        { field: 'parentId', code: 'invalid_type', message: 'Expected a string' },
        { field: 'name', code: 'invalid_type', message: 'Expected a string' },
      ]);
      const missing = expectProblem(
        await admin.post('/api/v1/org/units', { kind: 'region' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(missing.fields.map((f) => [f.field, f.code])).toEqual([
        ['parentId', 'required'],
        ['name', 'required'],
      ]);
      const notAnObject = expectProblem(
        await admin.post('/api/v1/org/units', [1, 2]),
        400,
        'VALIDATION_FAILED',
      );
      expect(notAnObject.fields).toEqual([expect.objectContaining({ field: 'body', code: 'invalid_type' })]);
      const enumValue = expectProblem(
        await admin.post('/api/v1/org/units', { ...newRegion(), kind: 'hq' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(enumValue.fields).toEqual([expect.objectContaining({ field: 'kind', code: 'invalid_value' })]);
    });
  });

  it('checks query strings and path parameters the same way', async () => {
    const limit = expectProblem(
      await admin.get('/api/v1/org/operators', { query: { limit: 'ten' } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(limit.fields).toEqual([expect.objectContaining({ field: 'limit', code: 'invalid_type' })]);
    const tooMany = expectProblem(
      await admin.get('/api/v1/org/operators', { query: { limit: '1000' } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(tooMany.fields).toEqual([expect.objectContaining({ field: 'limit', code: 'too_big' })]);
    const cursor = expectProblem(
      await admin.get('/api/v1/org/operators', { query: { cursor: 'not-a-cursor' } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(cursor.fields).toEqual([expect.objectContaining({ field: 'cursor' })]);
    const id = expectProblem(
      await admin.get(`/api/v1/org/units/${'u'.repeat(65)}`),
      400,
      'VALIDATION_FAILED',
    );
    expect(id.fields).toEqual([expect.objectContaining({ field: 'id', code: 'too_big' })]);
  });

  it('refuses unknown fields on a create, naming them, and stores none of them', async () => {
    await writesNothing(t, async () => {
      const response = await admin.post('/api/v1/org/operators', {
        ...newOperator(),
        role: 'hq_admin',
        balance: 100_000,
        passwordHash: '$argon2id$v=19$forged',
      });
      const problem = expectProblem(response, 400, 'UNKNOWN_FIELD');
      expect(problem.fields.map((f) => [f.field, f.code])).toEqual([
        ['role', 'unrecognized'],
        ['balance', 'unrecognized'],
        ['passwordHash', 'unrecognized'],
      ]);
      expect(problem.detail).toContain('passwordHash');
      const nested = await admin.post('/api/v1/org/operators', {
        ...newOperator(),
        grants: [{ roleId: 'role_x', unitId: t.units.shanghai, permissions: ['org.write'] }],
      });
      expect(expectProblem(nested, 400, 'UNKNOWN_FIELD').fields[0]?.field).toBe('grants.0.permissions');
      const unit = await admin.post('/api/v1/org/units', { ...newRegion(), path: '/', merchantId: 'mch_x' });
      expectProblem(unit, 400, 'UNKNOWN_FIELD');
    });
    expect((await admin.get('/api/v1/org/operators', { query: { q: 'newbie' } })).json().items).toEqual([]);
  });

  it('refuses over-long strings with too_big on the field', async () => {
    await writesNothing(t, async () => {
      const name = expectProblem(
        await admin.post('/api/v1/org/units', { ...newRegion(), name: '店'.repeat(101) }),
        400,
        'VALIDATION_FAILED',
      );
      expect(name.fields).toEqual([{ field: 'name', code: 'too_big', message: 'At most 100 characters' }]);
      const username = expectProblem(
        await admin.post('/api/v1/org/operators', { ...newOperator(), username: 'u'.repeat(65) }),
        400,
        'VALIDATION_FAILED',
      );
      expect(username.fields).toEqual([expect.objectContaining({ field: 'username', code: 'too_big' })]);
      const password = expectProblem(
        await admin.post('/api/v1/org/operators', { ...newOperator(), password: 'a1'.repeat(65) }),
        400,
        'VALIDATION_FAILED',
      );
      expect(password.fields).toEqual([expect.objectContaining({ field: 'password', code: 'too_big' })]);
    });
  });

  it('refuses control characters in text, and blank text', async () => {
    await writesNothing(t, async () => {
      for (const name of ['a\u0000b', 'bell\u0007', 'esc\u001b[31m', '\u007f']) {
        const problem = expectProblem(
          await admin.post('/api/v1/org/units', { ...newRegion(), name }),
          400,
          'VALIDATION_FAILED',
        );
        expect(problem.fields).toEqual([expect.objectContaining({ field: 'name', code: 'control_chars' })]);
      }
      const blank = expectProblem(
        await admin.post('/api/v1/org/units', { ...newRegion(), name: '   ' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(blank.fields).toEqual([expect.objectContaining({ field: 'name', code: 'too_small' })]);
    });
  });

  it('refuses a NUL in ids, filters and sign-in names before it reaches the database', async () => {
    const checks: Array<[Promise<LightMyRequestResponse>, string]> = [
      [admin.get('/api/v1/org/units/unit%00x'), 'id'],
      [admin.get('/api/v1/org/operators', { query: { q: 'cash\u0000' } }), 'q'],
      [admin.get('/api/v1/audit', { query: { action: 'auth.login\u0000' } }), 'action'],
      [admin.post('/api/v1/org/units', { ...newRegion(), parentId: 'unit\u0000' }), 'parentId'],
      [
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: 'admin\u0000', password: 'huiyuan123' },
        }),
        'username',
      ],
    ];
    await writesNothing(t, async () => {
      for (const [call, field] of checks) {
        const problem = expectProblem(await call, 400, 'VALIDATION_FAILED');
        expect(problem.fields).toEqual([expect.objectContaining({ field, code: 'control_chars' })]);
      }
    });
  });

  it('refuses a weak password wherever one is set, naming the field', async () => {
    const cashierId = cashier.operatorId;
    await writesNothing(t, async () => {
      for (const password of ['short1', 'allletters', '12345678']) {
        const create = await admin.post('/api/v1/org/operators', { ...newOperator(), password });
        expect(expectProblem(create, 400, 'PASSWORD_TOO_WEAK').fields[0]?.field).toBe('password');
      }
      const reset = await admin.post(`/api/v1/org/operators/${cashierId}/password`, { password: 'abcdefgh' });
      expect(expectProblem(reset, 400, 'PASSWORD_TOO_WEAK').fields[0]?.field).toBe('password');
      const own = await cashier.post('/api/v1/auth/password', {
        currentPassword: 'huiyuan123',
        newPassword: 'abcdefgh',
      });
      expect(expectProblem(own, 400, 'PASSWORD_TOO_WEAK').fields[0]?.field).toBe('newPassword');
    });
    expect((await cashier.get('/api/v1/auth/me')).statusCode).toBe(200);
  });
});

describe('the request names something that is not there', () => {
  it('answers STORE_NOT_FOUND for an unknown, foreign or non-store X-Store-Id', async () => {
    await writesNothing(t, async () => {
      const unknown = await admin.get('/api/v1/auth/me', { headers: { 'x-store-id': 'unit_01NOTHERE' } });
      expectProblem(unknown, 404, 'STORE_NOT_FOUND');
      const foreign = await cashier.get('/api/v1/auth/me', { headers: { 'x-store-id': t.units.shenzhen } });
      expectProblem(foreign, 404, 'STORE_NOT_FOUND');
      const region = await admin.get('/api/v1/auth/me', { headers: { 'x-store-id': t.units.east } });
      expectProblem(region, 404, 'STORE_NOT_FOUND');
      const write = await builder.post(
        '/api/v1/org/units',
        { parentId: t.units.east, kind: 'store', name: '苏州店' },
        { headers: { 'x-store-id': t.units.shenzhen } },
      );
      expectProblem(write, 404, 'STORE_NOT_FOUND');
      const hire = await east.post('/api/v1/org/operators', newOperator(), {
        headers: { 'x-store-id': t.units.shenzhen },
      });
      expectProblem(hire, 404, 'STORE_NOT_FOUND');
    });
    const own = await cashier.get('/api/v1/auth/me', { headers: { 'x-store-id': t.units.shanghai } });
    expect(own.statusCode).toBe(200);
  });

  it('answers UNIT_NOT_FOUND for a missing parent and for one outside the caller scope', async () => {
    await writesNothing(t, async () => {
      const missing = await admin.post('/api/v1/org/units', { ...newRegion(), parentId: 'unit_01NOTHERE' });
      expectProblem(missing, 404, 'UNIT_NOT_FOUND');
      const foreign = await builder.post('/api/v1/org/units', {
        parentId: t.units.south,
        kind: 'store',
        name: '广州店',
      });
      expectProblem(foreign, 404, 'UNIT_NOT_FOUND');
      const foreignHome = await east.post('/api/v1/org/operators', {
        ...newOperator(),
        unitId: t.units.shenzhen,
      });
      expectProblem(foreignHome, 404, 'UNIT_NOT_FOUND');
    });
  });

  it('answers ROUTE_NOT_FOUND for an unknown route, with or without a session', async () => {
    await writesNothing(t, async () => {
      expectProblem(await admin.get('/api/v1/no-such-thing'), 404, 'ROUTE_NOT_FOUND');
      expectProblem(await admin.post('/api/v1/org/units/merge', { a: 1 }), 404, 'ROUTE_NOT_FOUND');
      const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-list' });
      expect(expectProblem(anonymous, 404, 'ROUTE_NOT_FOUND').detail).toContain('/api/v1/no-such-list');
    });
  });

  it('answers SESSION_EXPIRED to a write with an expired session, and writes nothing', async () => {
    const client = await t.as('east');
    advanceClock((t.config.sessionTtlMinutes + 1) * 60_000);
    try {
      await writesNothing(t, async () => {
        const response = await client.post('/api/v1/org/operators', newOperator());
        expectProblem(response, 401, 'SESSION_EXPIRED');
      });
    } finally {
      resetClock();
    }
  });
});

describe('error messages', () => {
  it('speak the caller language: the same error has a different detail in zh-CN and en-US', async () => {
    const body = { ...newRegion(), name: 'x'.repeat(101), kind: 'region' };
    const zh = expectProblem(
      await admin.post('/api/v1/org/units', body, { locale: 'zh-CN' }),
      400,
      'VALIDATION_FAILED',
    );
    const en = expectProblem(
      await admin.post('/api/v1/org/units', body, { locale: 'en-US' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(zh.detail).not.toBe(en.detail);
    expect(zh.detail).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.fields[0]?.message).toBe('最多 100 个字符');
    expect(en.fields[0]?.message).toBe('At most 100 characters');

    type Call = (locale: 'zh-CN' | 'en-US') => Promise<{ body: string }>;
    const cases: Array<[string, Call]> = [
      ['ROUTE_NOT_FOUND', (locale) => admin.get('/api/v1/nope', { locale })],
      ['FORBIDDEN', (locale) => cashier.get('/api/v1/org/units', { locale })],
      ['UNIT_NOT_FOUND', (locale) => admin.get('/api/v1/org/units/unit_01NOTHERE', { locale })],
      [
        'PASSWORD_TOO_WEAK',
        (locale) => admin.post('/api/v1/org/operators', { ...newOperator(), password: 'weak' }, { locale }),
      ],
    ];
    for (const [code, call] of cases) {
      const [zhAnswer, enAnswer] = [await call('zh-CN'), await call('en-US')];
      const [zhProblem, enProblem] = [JSON.parse(zhAnswer.body), JSON.parse(enAnswer.body)];
      expect([zhProblem.code, enProblem.code]).toEqual([code, code]);
      expect(zhProblem.detail).not.toBe(enProblem.detail);
      expect(zhProblem.detail).toMatch(/[\u4e00-\u9fff]/);
      expect(enProblem.detail).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('follow the Accept-Language preference order', async () => {
    const ask = (header: string) =>
      admin.get('/api/v1/nope', { headers: { 'accept-language': header } }).then((r) => r.json().detail);
    expect(await ask('fr-FR, en;q=0.8, zh;q=0.5')).toMatch(/^No such endpoint/);
    expect(await ask('en;q=0.3, zh-TW;q=0.9')).toMatch(/^没有这个接口/);
  });
});
