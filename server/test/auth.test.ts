// Signing in and out: sessions by bearer token and by console cookie, CSRF on cookie
// sessions, expiry, revocation, and throttling of wrong passwords.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginThrottle } from '../src/platform/auth/throttle.ts';
import { advanceClock, resetClock } from '../src/platform/clock.ts';
import { clientFor, startTestApp, type TestApp } from './support/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers });

describe('login', () => {
  it('answers a bearer token and sets an httpOnly console cookie', async () => {
    const response = await login('admin', 'huiyuan123');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(body.operator.username).toBe('admin');
    expect(body.operator.permissions).toContain('org.write');
    const cookie = response.cookies.find((c) => c.name === 'hy_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.value).toBe(body.token);
    const me = await clientFor(t.app, body.token).get('/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().operator.merchantName).toBe('会员示范连锁');
  });

  it('gives a wrong password and an unknown user the same answer, in the caller language', async () => {
    const wrong = await login('manager', 'not-the-password', { 'accept-language': 'zh-CN,zh;q=0.9' });
    const unknown = await login('nobody-here', 'not-the-password', { 'accept-language': 'en-US' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', detail: '用户名或密码错误' });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      detail: 'Wrong username or password',
    });
  });

  it('locks an account after repeated wrong passwords, even against the right one', async () => {
    for (let i = 0; i < loginThrottle.maxPerAccount; i++) {
      expect((await login('agent', `wrong-${i}`)).statusCode).toBe(401);
    }
    const locked = await login('agent', 'huiyuan123');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('LOGIN_THROTTLED');
    expect(Number(locked.json().detail.match(/\d+/)?.[0])).toBeGreaterThan(0);
    advanceClock((loginThrottle.windowMinutes + 1) * 60_000);
    try {
      expect((await login('agent', 'huiyuan123')).statusCode).toBe(200);
    } finally {
      resetClock();
    }
  });

  it('throttles one address trying many accounts', async () => {
    const headers = { 'x-forwarded-for': 'ignored' };
    const ip = '203.0.113.9';
    for (let i = 0; i < loginThrottle.maxPerAddress; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: `ghost${i}`, password: 'whatever1' },
        remoteAddress: ip,
        headers,
      });
    }
    const blocked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'east', password: 'huiyuan123' },
      remoteAddress: ip,
    });
    expect(blocked.json().code).toBe('LOGIN_THROTTLED');
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'east', password: 'huiyuan123' },
      remoteAddress: '198.51.100.7',
    });
    expect(elsewhere.statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('ends at logout: the token no longer works', async () => {
    const client = await t.as('cashier');
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await client.post('/api/v1/auth/logout')).statusCode).toBe(204);
    const after = await client.get('/api/v1/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('SESSION_EXPIRED');
  });

  it('expires after its time to live', async () => {
    const client = await t.as('cashier');
    advanceClock((t.config.sessionTtlMinutes + 1) * 60_000);
    try {
      const response = await client.get('/api/v1/auth/me');
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('SESSION_EXPIRED');
    } finally {
      resetClock();
    }
  });

  it('refuses a request with no session, or a made-up token', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/api/v1/org/units' });
    expect(none.json().code).toBe('UNAUTHENTICATED');
    const fake = await clientFor(t.app, 'x'.repeat(43)).get('/api/v1/org/units');
    expect(fake.statusCode).toBe(401);
  });

  it('ends every session of an operator whose password is changed', async () => {
    const admin = await t.as('admin');
    const cashier = await t.as('cashier2');
    const reset = await admin.post(`/api/v1/org/operators/${cashier.operatorId}/password`, {
      password: 'new-pass-2026',
    });
    expect(reset.statusCode).toBe(204);
    expect((await cashier.get('/api/v1/auth/me')).statusCode).toBe(401);
    const again = await t.as({ username: 'cashier2', password: 'new-pass-2026' });
    expect((await again.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('ends the sessions of an operator whose roles change', async () => {
    const admin = await t.as('admin');
    const manager = await t.as('manager');
    const before = (await admin.get(`/api/v1/org/operators/${manager.operatorId}`)).json();
    const changed = await admin.patch(`/api/v1/org/operators/${manager.operatorId}`, {
      grants: before.grants.map((g: { roleId: string; unitId: string }) => ({
        roleId: g.roleId,
        unitId: g.unitId,
      })),
    });
    expect(changed.statusCode).toBe(200);
    expect((await manager.get('/api/v1/auth/me')).statusCode).toBe(401);
  });
});

describe('console cookie sessions', () => {
  async function cookieLogin() {
    const response = await login('admin', 'huiyuan123');
    const cookies = Object.fromEntries(response.cookies.map((c) => [c.name, c.value]));
    return { cookies, csrfToken: response.json().csrfToken as string };
  }

  it('need the CSRF token on writes, and not on reads', async () => {
    const { cookies, csrfToken } = await cookieLogin();
    const read = await t.app.inject({ method: 'GET', url: '/api/v1/org/units', cookies });
    expect(read.statusCode).toBe(200);
    const body = { parentId: t.units.east, kind: 'store', name: 'CSRF test store' };
    const before = await t.count('orgUnits');
    const forged = await t.app.inject({ method: 'POST', url: '/api/v1/org/units', cookies, payload: body });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('CSRF_INVALID');
    expect(await t.count('orgUnits')).toBe(before);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/org/units',
      cookies,
      payload: body,
      headers: { 'x-csrf-token': 'not-a-token' },
    });
    expect(wrong.json().code).toBe('CSRF_INVALID');
    const genuine = await t.app.inject({
      method: 'POST',
      url: '/api/v1/org/units',
      cookies,
      payload: body,
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(genuine.statusCode).toBe(201);
  });
});
