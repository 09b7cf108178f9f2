// The audit log: every write lands in it with who, where, what, before/after and when;
// secrets never do; nobody can write, edit or delete it through the API; and each reader
// sees only the entries of their part of the tree.
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceClock, resetClock } from '../src/platform/clock.ts';
import { expectProblem, writesNothing } from './support/checks.ts';
import { type ApiClient, startTestApp, type TestApp } from './support/harness.ts';

interface AuditEntry {
  id: string;
  at: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  unitId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
}

let t: TestApp;
let admin: ApiClient;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
});
afterAll(() => t.close());

async function audit(client: ApiClient, query: Record<string, string> = {}): Promise<AuditEntry[]> {
  const response = await client.get('/api/v1/audit', { query: { limit: '200', ...query } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
}

/** The one entry of an action on an entity, as the admin reads it. */
async function entryFor(action: string, entityId: string): Promise<AuditEntry> {
  const entries = await audit(admin, { action, entityId });
  expect(entries).toHaveLength(1);
  return entries[0]!;
}

describe('every write is recorded', () => {
  it('records unit creation and update with who, where, what, before, after and when', async () => {
    const startedAt = new Date().toISOString();
    const created = await admin.post('/api/v1/org/units', {
      parentId: t.units.east,
      kind: 'store',
      name: '南京店',
    });
    const unitId = created.json().id;
    const create = await entryFor('org.unit.create', unitId);
    expect(create).toMatchObject({
      actorType: 'operator',
      actorId: admin.operatorId,
      actorName: 'admin',
      unitId,
      entityType: 'org_unit',
      before: null,
      after: { name: '南京店', kind: 'store', parentId: t.units.east },
      requestId: expect.any(String),
    });
    expect(create.at >= startedAt && create.at <= new Date().toISOString()).toBe(true);
    await admin.patch(`/api/v1/org/units/${unitId}`, { name: '南京新街口店' });
    const update = await entryFor('org.unit.update', unitId);
    expect(update.before).toMatchObject({ name: '南京店' });
    expect(update.after).toMatchObject({ name: '南京新街口店' });
    expect(update.unitId).toBe(unitId);
  });

  it('records operator creation, update and password reset, at the operator’s unit', async () => {
    const created = await admin.post('/api/v1/org/operators', {
      username: 'audited',
      displayName: '被审计',
      password: 'Secret-pass-7',
      unitId: t.units.shanghai,
    });
    const id = created.json().id;
    const create = await entryFor('org.operator.create', id);
    expect(create).toMatchObject({
      actorId: admin.operatorId,
      unitId: t.units.shanghai,
      entityType: 'operator',
    });
    expect(create.after).toMatchObject({ username: 'audited', displayName: '被审计', grants: [] });
    await admin.patch(`/api/v1/org/operators/${id}`, { displayName: '改名了' });
    const update = await entryFor('org.operator.update', id);
    expect([update.before?.displayName, update.after?.displayName]).toEqual(['被审计', '改名了']);
    await admin.post(`/api/v1/org/operators/${id}/password`, { password: 'Other-pass-8' });
    const reset = await entryFor('org.operator.reset_password', id);
    expect(reset).toMatchObject({
      actorId: admin.operatorId,
      unitId: t.units.shanghai,
      before: null,
      after: null,
    });
  });

  it('records role creation, update and deletion as merchant-wide entries', async () => {
    const created = await admin.post('/api/v1/org/roles', { name: '审计角色', permissions: ['org.read'] });
    const id = created.json().id;
    expect(await entryFor('org.role.create', id)).toMatchObject({
      unitId: null,
      entityType: 'role',
      after: { name: '审计角色', permissions: ['org.read'] },
    });
    await admin.patch(`/api/v1/org/roles/${id}`, { permissions: ['org.read', 'audit.read'] });
    const update = await entryFor('org.role.update', id);
    expect(update.before?.permissions).toEqual(['org.read']);
    expect(update.after?.permissions).toEqual(['audit.read', 'org.read']);
    await admin.delete(`/api/v1/org/roles/${id}`);
    expect(await entryFor('org.role.delete', id)).toMatchObject({
      unitId: null,
      before: { name: '审计角色' },
      after: null,
    });
  });

  it('records sign-in, sign-out and a password change by the operator themself', async () => {
    const cashier = await t.as('cashier');
    const login = (await audit(admin, { action: 'auth.login', actorId: cashier.operatorId }))[0];
    expect(login).toMatchObject({ actorName: 'cashier', unitId: t.units.shanghai, entityType: 'session' });
    const sessionId = login?.entityId ?? '';
    await cashier.post('/api/v1/auth/logout');
    expect(await entryFor('auth.logout', sessionId)).toMatchObject({
      actorId: cashier.operatorId,
      unitId: t.units.shanghai,
    });
    const again = await t.as('cashier');
    const changed = await again.post('/api/v1/auth/password', {
      currentPassword: 'huiyuan123',
      newPassword: 'Changed-pass-9',
    });
    expect(changed.statusCode).toBe(204);
    expect(await entryFor('auth.change_password', cashier.operatorId)).toMatchObject({
      actorId: cashier.operatorId,
      unitId: t.units.shanghai,
      before: null,
      after: null,
    });
  });

  it('never stores a password, a hash or a token', async () => {
    const rows = await t.database.db.selectFrom('auditLog').select(['beforeJson', 'afterJson']).execute();
    expect(rows.length).toBeGreaterThan(10);
    const stored = JSON.stringify(rows);
    for (const secret of ['huiyuan123', 'Secret-pass-7', 'Other-pass-8', 'Changed-pass-9', admin.token]) {
      expect(stored).not.toContain(secret);
    }
    expect(stored).not.toMatch(/argon2|passwordHash|tokenHash|"password"/);
  });
});

describe('the log cannot be changed through the API', () => {
  it('has no route to write, edit or delete entries', async () => {
    const [entry] = await audit(admin, { limit: '1' });
    const attempts: Array<[InjectOptions['method'], string]> = [
      ['POST', '/api/v1/audit'],
      ['PUT', '/api/v1/audit'],
      ['PATCH', '/api/v1/audit'],
      ['DELETE', '/api/v1/audit'],
      ['PUT', `/api/v1/audit/${entry?.id}`],
      ['PATCH', `/api/v1/audit/${entry?.id}`],
      ['DELETE', `/api/v1/audit/${entry?.id}`],
    ];
    await writesNothing(t, async () => {
      for (const [method, url] of attempts) {
        const response = await admin.request(method, url, { body: { action: 'forged', before: null } });
        expect([404, 405]).toContain(response.statusCode);
        expectProblem(
          response,
          response.statusCode,
          response.statusCode === 404 ? 'ROUTE_NOT_FOUND' : 'METHOD_NOT_ALLOWED',
        );
      }
    });
    expect((await audit(admin, { limit: '1' }))[0]).toEqual(entry);
    expect(await audit(admin, { action: 'forged' })).toEqual([]);
  });
});

describe('readers see their part of the tree', () => {
  it('a store manager sees their store’s entries, not another store’s nor merchant-wide ones', async () => {
    await t.as('cashier2');
    await admin.post(
      '/api/v1/org/roles',
      { name: '门店角色', permissions: ['org.read'] },
      {
        headers: { 'x-store-id': t.units.shanghai },
      },
    );
    const manager = await t.as('manager');
    const seen = await audit(manager);
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((e) => e.unitId))).toEqual(new Set([t.units.shanghai]));
    expect(seen.some((e) => e.action === 'auth.login' && e.actorName === 'cashier')).toBe(true);
    expect(seen.some((e) => e.entityType === 'role')).toBe(false);
    const foreign = await audit(manager, { unitId: t.units.shenzhen });
    expect(foreign).toEqual([]);

    const everything = await audit(admin);
    expect(everything.some((e) => e.actorName === 'cashier2' && e.unitId === t.units.shenzhen)).toBe(true);
    expect(everything.some((e) => e.action === 'org.role.create' && e.unitId === null)).toBe(true);
    expect(everything.some((e) => e.actorType === 'system')).toBe(true);
  });

  it('a region manager sees both east stores and the region, and nothing of the south', async () => {
    const east = await t.as('east');
    const units = new Set((await audit(east)).map((e) => e.unitId));
    expect(units.has(t.units.shanghai)).toBe(true);
    expect(units.has(t.units.east)).toBe(true);
    for (const outside of [t.units.shenzhen, t.units.south, t.units.hq, null])
      expect(units.has(outside)).toBe(false);
  });

  it('filters by action, entity, actor and time, and pages newest first with a cursor', async () => {
    for (let i = 0; i < 3; i++) await t.as('agent');
    const logins = await audit(admin, { action: 'auth.login' });
    expect(logins.length).toBeGreaterThanOrEqual(5);
    expect(logins.every((e) => e.action === 'auth.login')).toBe(true);
    expect(logins.map((e) => e.id)).toEqual([...logins.map((e) => e.id)].sort().reverse());

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = {
        action: 'auth.login',
        limit: '2',
        ...(cursor ? { cursor } : {}),
      };
      const body = (await admin.get('/api/v1/audit', { query })).json();
      expect(body.items.length).toBeLessThanOrEqual(2);
      paged.push(...body.items.map((e: AuditEntry) => e.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(logins.map((e) => e.id));

    const agentId = logins.find((e) => e.actorName === 'agent')?.actorId ?? '';
    const byAgent = await audit(admin, { actorId: agentId, action: 'auth.login' });
    expect(byAgent).toHaveLength(3);

    await admin.patch(`/api/v1/org/units/${t.units.hangzhou}`, { phone: '0571-8888' });
    const later = new Date(Date.now() + 60 * 60_000).toISOString();
    advanceClock(2 * 60 * 60_000);
    try {
      await admin.patch(`/api/v1/org/units/${t.units.hangzhou}`, { name: '杭州西湖旗舰店' });
    } finally {
      resetClock();
    }
    const fromLater = await audit(admin, { from: later });
    expect(fromLater.map((e) => [e.action, e.entityId, e.after?.name])).toEqual([
      ['org.unit.update', t.units.hangzhou, '杭州西湖旗舰店'],
    ]);
    const untilLater = await audit(admin, { to: later, entityId: t.units.hangzhou });
    expect(untilLater.map((e) => [e.action, e.after?.phone])).toEqual([['org.unit.update', '0571-8888']]);
    const badFrom = await admin.get('/api/v1/audit', { query: { from: 'yesterday' } });
    expect(expectProblem(badFrom, 400, 'VALIDATION_FAILED').fields[0]?.field).toBe('from');
  });
});
