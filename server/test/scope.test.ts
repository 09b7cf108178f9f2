// Store scope and permissions: a grant at a unit covers its subtree; anything outside it
// answers 404 as if it did not exist; a missing permission answers 403; nobody hands out
// (or takes over) more than they hold.
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, writesNothing } from './support/checks.ts';
import { type ApiClient, type DemoUser, startTestApp, type TestApp } from './support/harness.ts';

let t: TestApp;
let admin: ApiClient;
const clients = {} as Record<DemoUser, ApiClient>;
const roleIds: Record<string, string> = {};
/** Operator ids by username, the demo accounts plus a clerk at the Hangzhou store. */
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  for (const user of ['admin', 'east', 'manager', 'cashier', 'cashier2', 'agent'] as const) {
    clients[user] = await t.as(user);
    ids[user] = clients[user].operatorId;
  }
  admin = clients.admin;
  for (const role of (await admin.get('/api/v1/org/roles')).json().items) roleIds[role.systemCode] = role.id;
  const clerk = await admin.post('/api/v1/org/operators', {
    username: 'hzclerk',
    displayName: '杭州收银',
    password: 'clerk2026',
    unitId: t.units.hangzhou,
    grants: [{ roleId: roleIds.cashier, unitId: t.units.hangzhou }],
  });
  ids.hzclerk = clerk.json().id;
});
afterAll(() => t.close());

const usernames = (response: { json(): { items: Array<{ username: string }> } }) =>
  response
    .json()
    .items.map((o) => o.username)
    .sort();

describe('operators outside the scope do not exist', () => {
  it('a store manager sees their own cashier and gets 404 for the cashier of another store', async () => {
    const own = await clients.manager.get(`/api/v1/org/operators/${ids.cashier}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().username).toBe('cashier');
    const foreign = await clients.manager.get(`/api/v1/org/operators/${ids.cashier2}`);
    expectProblem(foreign, 404, 'OPERATOR_NOT_FOUND');
    const missing = await clients.manager.get('/api/v1/org/operators/op_01NOSUCHOPERATOR00000000000');
    expect(missing.json()).toMatchObject({ code: 'OPERATOR_NOT_FOUND', detail: foreign.json().detail });
  });

  it('a cashier, who may not read operators, gets 403 for every operator, theirs or not', async () => {
    for (const id of [ids.cashier2, ids.manager, ids.cashier]) {
      const response = await clients.cashier.get(`/api/v1/org/operators/${id}`);
      expect(expectProblem(response, 403, 'FORBIDDEN').detail).toContain('operators.read');
    }
  });

  it('a region manager sees the staff of both east stores and gets 404 for the south', async () => {
    for (const id of [ids.manager, ids.cashier, ids.hzclerk]) {
      expect((await clients.east.get(`/api/v1/org/operators/${id}`)).statusCode).toBe(200);
    }
    for (const id of [ids.cashier2, ids.admin, ids.agent]) {
      expectProblem(await clients.east.get(`/api/v1/org/operators/${id}`), 404, 'OPERATOR_NOT_FOUND');
    }
  });

  it('nobody changes, resets or disables an operator outside their scope', async () => {
    await writesNothing(t, async () => {
      const target = `/api/v1/org/operators/${ids.cashier2}`;
      expectProblem(await clients.east.patch(target, { displayName: 'x' }), 404, 'OPERATOR_NOT_FOUND');
      expectProblem(await clients.east.patch(target, { status: 'disabled' }), 404, 'OPERATOR_NOT_FOUND');
      const reset = await clients.east.post(`${target}/password`, { password: 'takeover2026' });
      expectProblem(reset, 404, 'OPERATOR_NOT_FOUND');
    });
    expect((await clients.cashier2.get('/api/v1/auth/me')).statusCode).toBe(200);
  });
});

describe('listings return only what is in scope', () => {
  it('lists operators of the caller subtree only', async () => {
    const all = ['admin', 'agent', 'cashier', 'cashier2', 'east', 'hzclerk', 'manager'];
    expect(usernames(await admin.get('/api/v1/org/operators'))).toEqual(all);
    expect(usernames(await clients.east.get('/api/v1/org/operators'))).toEqual([
      'cashier',
      'east',
      'hzclerk',
      'manager',
    ]);
    expect(usernames(await clients.manager.get('/api/v1/org/operators'))).toEqual(['cashier', 'manager']);
    const filtered = await clients.manager.get('/api/v1/org/operators', {
      query: { unitId: t.units.shenzhen },
    });
    expect(filtered.json().items).toEqual([]);
  });

  it('lists the units of the caller subtree only', async () => {
    const unitIds = async (client: ApiClient) =>
      (await client.get('/api/v1/org/units'))
        .json()
        .items.map((u: { id: string }) => u.id)
        .sort();
    const { hq, east, south, shanghai, hangzhou, shenzhen } = t.units;
    expect(await unitIds(admin)).toEqual([hq, east, south, shanghai, hangzhou, shenzhen].sort());
    expect(await unitIds(clients.east)).toEqual([east, shanghai, hangzhou].sort());
    expect(await unitIds(clients.manager)).toEqual([shanghai]);
  });

  it('answers UNIT_NOT_FOUND for a unit outside the scope, including the ones above it', async () => {
    for (const id of [t.units.shenzhen, t.units.south, t.units.hq]) {
      expectProblem(await clients.east.get(`/api/v1/org/units/${id}`), 404, 'UNIT_NOT_FOUND');
    }
    for (const id of [t.units.hangzhou, t.units.east]) {
      expectProblem(await clients.manager.get(`/api/v1/org/units/${id}`), 404, 'UNIT_NOT_FOUND');
    }
    expect((await clients.east.get(`/api/v1/org/units/${t.units.hangzhou}`)).statusCode).toBe(200);
  });

  it('offers exactly the stores in scope in the store switcher', async () => {
    const stores = async (client: ApiClient) =>
      (await client.get('/api/v1/auth/me')).json().operator.stores.map((s: { name: string }) => s.name);
    expect(await stores(clients.cashier)).toEqual(['上海南京路店']);
    expect(await stores(clients.cashier2)).toEqual(['深圳南山店']);
    expect(await stores(clients.east)).toEqual(['上海南京路店', '杭州西湖店']);
    expect(await stores(admin)).toEqual(['上海南京路店', '杭州西湖店', '深圳南山店']);
  });
});

describe('permissions', () => {
  it('a route needing a permission the caller lacks answers 403 FORBIDDEN naming it', async () => {
    const cases: Array<[ApiClient, InjectOptions['method'], string, unknown?]> = [
      [clients.cashier, 'GET', '/api/v1/org/units'],
      [clients.agent, 'GET', '/api/v1/org/operators'],
      [
        clients.manager,
        'POST',
        '/api/v1/org/units',
        { parentId: t.units.shanghai, kind: 'store', name: 'x' },
      ],
      [clients.manager, 'POST', '/api/v1/org/roles', { name: 'x', permissions: ['org.read'] }],
      [clients.east, 'PATCH', `/api/v1/org/units/${t.units.shanghai}`, { name: 'x' }],
      [clients.cashier, 'GET', '/api/v1/audit'],
    ];
    await writesNothing(t, async () => {
      for (const [client, method, url, body] of cases) {
        const response = await client.request(method, url, body === undefined ? {} : { body });
        expectProblem(response, 403, 'FORBIDDEN');
      }
    });
    const detail = (await clients.cashier.get('/api/v1/org/units')).json().detail;
    expect(detail).toContain('org.read');
  });

  it('nobody grants a role carrying permissions they do not hold at that unit', async () => {
    const hire = (grants: Array<{ roleId: string; unitId: string }>) =>
      clients.east.post('/api/v1/org/operators', {
        username: 'eastnew',
        displayName: '新员工',
        password: 'eastnew2026',
        unitId: t.units.shanghai,
        grants,
      });
    await writesNothing(t, async () => {
      const above = await hire([{ roleId: roleIds.hq_admin!, unitId: t.units.east }]);
      expect(expectProblem(above, 404, 'GRANT_OUTSIDE_SCOPE').fields[0]?.field).toBe('grants.0.roleId');
      const elsewhere = await hire([{ roleId: roleIds.cashier!, unitId: t.units.shenzhen }]);
      expect(expectProblem(elsewhere, 404, 'GRANT_OUTSIDE_SCOPE').fields[0]?.field).toBe('grants.0.unitId');
      const promote = await clients.east.patch(`/api/v1/org/operators/${ids.cashier}`, {
        displayName: '升职了',
        grants: [{ roleId: roleIds.hq_admin!, unitId: t.units.shanghai }],
      });
      expectProblem(promote, 404, 'GRANT_OUTSIDE_SCOPE');
    });
    const cashier = (await admin.get(`/api/v1/org/operators/${ids.cashier}`)).json();
    expect(cashier.displayName).not.toBe('升职了');
    expect(cashier.grants.map((g: { roleCode: string }) => g.roleCode)).toEqual(['cashier']);
    const allowed = await hire([{ roleId: roleIds.store_manager!, unitId: t.units.hangzhou }]);
    expect(allowed.statusCode).toBe(201);
  });

  it('a region manager cannot place an operator in another region', async () => {
    await writesNothing(t, async () => {
      const response = await clients.east.post('/api/v1/org/operators', {
        username: 'southspy',
        displayName: '越界',
        password: 'southspy2026',
        unitId: t.units.shenzhen,
      });
      expectProblem(response, 404, 'UNIT_NOT_FOUND');
      const move = await clients.east.patch(`/api/v1/org/operators/${ids.hzclerk}`, {
        unitId: t.units.shenzhen,
      });
      expectProblem(move, 404, 'UNIT_NOT_FOUND');
    });
  });

  it('nobody takes over an account that holds permissions they lack', async () => {
    const boss = await admin.post('/api/v1/org/operators', {
      username: 'boss',
      displayName: '老板',
      password: 'boss2026x',
      unitId: t.units.shanghai,
      grants: [{ roleId: roleIds.hq_admin!, unitId: t.units.hq }],
    });
    const bossId = boss.json().id;
    const target = `/api/v1/org/operators/${bossId}`;
    await writesNothing(t, async () => {
      expectProblem(
        await clients.east.post(`${target}/password`, { password: 'mine2026x' }),
        403,
        'FORBIDDEN',
      );
      expectProblem(await clients.east.patch(target, { status: 'disabled' }), 403, 'FORBIDDEN');
      expectProblem(await clients.east.patch(target, { grants: [] }), 403, 'FORBIDDEN');
    });
    expect((await t.as({ username: 'boss', password: 'boss2026x' })).token).toBeTruthy();
    const resetByAdmin = await admin.post(`${target}/password`, { password: 'boss2027x' });
    expect(resetByAdmin.statusCode).toBe(204);
  });

  it('a role editor cannot put permissions they do not hold merchant-wide into a role', async () => {
    const editorRole = await admin.post('/api/v1/org/roles', {
      name: '角色编辑',
      permissions: ['roles.read', 'roles.write', 'org.read'],
    });
    await admin.post('/api/v1/org/operators', {
      username: 'editor',
      displayName: '编辑',
      password: 'editor2026',
      unitId: t.units.shanghai,
      grants: [{ roleId: editorRole.json().id, unitId: t.units.shanghai }],
    });
    const editor = await t.as({ username: 'editor', password: 'editor2026' });
    await writesNothing(t, async () => {
      const create = await editor.post('/api/v1/org/roles', { name: '万能', permissions: ['ledger.adjust'] });
      expect(expectProblem(create, 403, 'FORBIDDEN').detail).toContain('ledger.adjust');
      const widen = await editor.patch(`/api/v1/org/roles/${editorRole.json().id}`, {
        permissions: ['roles.read', 'roles.write', 'org.read', 'operators.write'],
      });
      expectProblem(widen, 403, 'FORBIDDEN');
    });
    const role = (await admin.get(`/api/v1/org/roles/${editorRole.json().id}`)).json();
    expect(role.permissions).not.toContain('operators.write');
  });
});

describe('nobody changes their own access', () => {
  it('refuses disabling oneself, changing one’s own grants or moving oneself', async () => {
    const self = (client: ApiClient) => `/api/v1/org/operators/${client.operatorId}`;
    await writesNothing(t, async () => {
      expectProblem(await admin.patch(self(admin), { status: 'disabled' }), 422, 'CANNOT_CHANGE_SELF');
      const regrant = await admin.patch(self(admin), {
        grants: [{ roleId: roleIds.hq_admin!, unitId: t.units.hq }],
      });
      expectProblem(regrant, 422, 'CANNOT_CHANGE_SELF');
      const widen = await clients.east.patch(self(clients.east), {
        grants: [{ roleId: roleIds.region_manager!, unitId: t.units.east }],
      });
      expectProblem(widen, 422, 'CANNOT_CHANGE_SELF');
      const move = await clients.east.patch(self(clients.east), { unitId: t.units.shanghai });
      expectProblem(move, 422, 'CANNOT_CHANGE_SELF');
    });
    expect((await admin.get('/api/v1/auth/me')).statusCode).toBe(200);
    const renamed = await clients.east.patch(self(clients.east), { displayName: '李经理' });
    expect(renamed.statusCode).toBe(200);
  });
});
