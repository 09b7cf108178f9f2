// The org tree, operators and roles as an HQ admin uses them: building the tree, hiring
// and disabling staff, and defining what a role may do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, writesNothing } from './support/checks.ts';
import { type ApiClient, clientFor, startTestApp, type TestApp } from './support/harness.ts';

let t: TestApp;
let admin: ApiClient;
const roleIds: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
  for (const role of (await admin.get('/api/v1/org/roles')).json().items) roleIds[role.systemCode] = role.id;
});
afterAll(() => t.close());

const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

async function hire(
  username: string,
  unitId: string,
  grants: Array<{ roleId: string; unitId: string }> = [],
) {
  const response = await admin.post('/api/v1/org/operators', {
    username,
    displayName: `员工 ${username}`,
    password: 'staff2026',
    unitId,
    grants,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; username: string };
}

async function createUnit(body: Record<string, unknown>) {
  const response = await admin.post('/api/v1/org/units', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; code: string; parentId: string; status: string };
}

describe('the org tree', () => {
  it('numbers a new region and store with the next free code when none is given', async () => {
    const north = await createUnit({ parentId: t.units.hq, kind: 'region', name: '华北区' });
    expect(north).toMatchObject({ code: 'R003', parentId: t.units.hq, status: 'active' });
    const beijing = await createUnit({ parentId: north.id, kind: 'store', name: '北京国贸店' });
    expect(beijing).toMatchObject({ code: 'S004', parentId: north.id });
    const named = await createUnit({ parentId: north.id, kind: 'store', name: '天津店', code: 'S005' });
    expect(named.code).toBe('S005');
    const next = await createUnit({ parentId: north.id, kind: 'store', name: '石家庄店' });
    expect(next.code).toBe('S006');
    const listed = (await admin.get('/api/v1/org/units')).json().items;
    expect(listed.filter((u: { parentId: string }) => u.parentId === north.id)).toHaveLength(3);
  });

  it('gives concurrent creations distinct codes', async () => {
    const answers = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        admin.post('/api/v1/org/units', { parentId: t.units.south, kind: 'store', name: `并发店 ${i}` }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().code)).size).toBe(4);
  });

  it('refuses a code already in use, on create and on update', async () => {
    await writesNothing(t, async () => {
      const taken = await admin.post('/api/v1/org/units', {
        parentId: t.units.east,
        kind: 'store',
        name: '重复',
        code: 'S001',
      });
      expect(expectProblem(taken, 409, 'UNIT_CODE_TAKEN').fields[0]?.field).toBe('code');
      const renamed = await admin.patch(`/api/v1/org/units/${t.units.hangzhou}`, { code: 'S001' });
      expect(expectProblem(renamed, 409, 'UNIT_CODE_TAKEN').detail).toContain('S001');
    });
    const own = await admin.patch(`/api/v1/org/units/${t.units.hangzhou}`, {
      code: 'S002',
      name: '杭州西湖店',
    });
    expect(own.statusCode).toBe(200);
  });

  it('keeps stores as leaves: nothing can be created under a store', async () => {
    await writesNothing(t, async () => {
      for (const kind of ['store', 'region']) {
        const response = await admin.post('/api/v1/org/units', {
          parentId: t.units.shanghai,
          kind,
          name: '店中店',
        });
        expect(expectProblem(response, 422, 'UNIT_PARENT_INVALID').fields[0]?.field).toBe('parentId');
      }
    });
  });

  it('updates only the fields sent, and clears a field sent as null', async () => {
    const unit = await createUnit({
      parentId: t.units.east,
      kind: 'store',
      name: '苏州店',
      address: '观前街 1 号',
    });
    const renamed = await admin.patch(`/api/v1/org/units/${unit.id}`, {
      name: '苏州观前店',
      phone: '0512-1234',
    });
    expect(renamed.json()).toMatchObject({ name: '苏州观前店', address: '观前街 1 号', phone: '0512-1234' });
    const cleared = await admin.patch(`/api/v1/org/units/${unit.id}`, { address: null });
    expect(cleared.json()).toMatchObject({ name: '苏州观前店', address: null, phone: '0512-1234' });
    expect((await admin.get(`/api/v1/org/units/${unit.id}`)).json()).toEqual(cleared.json());
  });

  it('refuses to close a unit with staff or open units under it, and closes an empty one', async () => {
    const close = (id: string) => admin.patch(`/api/v1/org/units/${id}`, { status: 'closed' });
    await writesNothing(t, async () => {
      expectProblem(await close(t.units.east), 409, 'UNIT_HAS_CHILDREN');
      expectProblem(await close(t.units.shanghai), 409, 'UNIT_HAS_CHILDREN');
      expectProblem(await close(t.units.hq), 409, 'UNIT_HAS_CHILDREN');
    });
    const west = await createUnit({ parentId: t.units.hq, kind: 'region', name: '西南区' });
    const chengdu = await createUnit({ parentId: west.id, kind: 'store', name: '成都店' });
    expectProblem(await close(west.id), 409, 'UNIT_HAS_CHILDREN');
    expect((await close(chengdu.id)).json().status).toBe('closed');
    expect((await close(west.id)).json().status).toBe('closed');
    const under = await admin.post('/api/v1/org/units', { parentId: west.id, kind: 'store', name: '重庆店' });
    expectProblem(under, 422, 'UNIT_PARENT_INVALID');
    const stores = (await admin.get('/api/v1/auth/me')).json().operator.stores;
    expect(stores.map((s: { id: string }) => s.id)).not.toContain(chengdu.id);
  });
});

describe('operators', () => {
  it('creates an operator with grants, who can then sign in with those permissions', async () => {
    const created = await hire('newclerk', t.units.hangzhou, [
      { roleId: roleIds.cashier!, unitId: t.units.hangzhou },
    ]);
    expect(created).toMatchObject({
      username: 'newclerk',
      unitId: t.units.hangzhou,
      status: 'active',
      grants: [
        { roleId: roleIds.cashier, roleCode: 'cashier', unitId: t.units.hangzhou, unitName: '杭州西湖店' },
      ],
    });
    expect(created).not.toHaveProperty('passwordHash');
    const signedIn = await login('newclerk', 'staff2026');
    expect(signedIn.statusCode).toBe(200);
    const operator = signedIn.json().operator;
    expect(operator.permissions).toContain('checkout.sell');
    expect(operator.permissions).not.toContain('org.read');
    expect(operator.stores.map((s: { name: string }) => s.name)).toEqual(['杭州西湖店']);
  });

  it('treats usernames as case-insensitive and unique', async () => {
    await hire('MixedCase', t.units.shanghai);
    expect((await login('MIXEDCASE', 'staff2026')).statusCode).toBe(200);
    expect((await login('mixedcase', 'staff2026')).statusCode).toBe(200);
    await writesNothing(t, async () => {
      for (const username of ['mixedCASE', 'Cashier', 'ADMIN']) {
        const again = await admin.post('/api/v1/org/operators', {
          username,
          displayName: '重名',
          password: 'staff2026',
          unitId: t.units.shanghai,
        });
        expect(expectProblem(again, 409, 'USERNAME_TAKEN').fields[0]?.field).toBe('username');
      }
    });
  });

  it('hires one of several concurrent requests for the same username and tells the other it is taken', async () => {
    const body = { username: 'twin', displayName: '双胞胎', password: 'staff2026', unitId: t.units.shanghai };
    const answers = await Promise.all([1, 2, 3].map(() => admin.post('/api/v1/org/operators', body)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409]);
    for (const answer of answers.filter((a) => a.statusCode === 409))
      expectProblem(answer, 409, 'USERNAME_TAKEN');
  });

  it('finds operators by part of the username or display name, case-insensitively', async () => {
    const find = async (q: string) =>
      (await admin.get('/api/v1/org/operators', { query: { q } }))
        .json()
        .items.map((o: { username: string }) => o.username);
    expect((await find('CASHIER')).sort()).toEqual(['cashier', 'cashier2']);
    expect(await find('收银')).toEqual(expect.arrayContaining(['cashier', 'cashier2']));
    expect(await find('店长')).toEqual(['manager']);
    expect(await find('%')).toEqual([]);
    expect(await find('_')).toEqual([]);
  });

  it('pages through the list with a cursor, each operator exactly once', async () => {
    for (let i = 1; i <= 5; i++) await hire(`pager${i}`, t.units.shenzhen);
    const all = (await admin.get('/api/v1/org/operators', { query: { limit: '200' } })).json().items;
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string> = { limit: '2', ...(cursor ? { cursor } : {}) };
      const body = (await admin.get('/api/v1/org/operators', { query })).json();
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((o: { id: string }) => o.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    expect(seen).toEqual(all.map((o: { id: string }) => o.id));
    expect(new Set(seen).size).toBe(seen.length);
    const filtered = (await admin.get('/api/v1/org/operators', { query: { q: 'pager', limit: '2' } })).json();
    expect(filtered.items.map((o: { username: string }) => o.username)).toEqual(['pager1', 'pager2']);
    const rest = (
      await admin.get('/api/v1/org/operators', {
        query: { q: 'pager', limit: '2', cursor: filtered.nextCursor },
      })
    ).json();
    expect(rest.items.map((o: { username: string }) => o.username)).toEqual(['pager3', 'pager4']);
  });

  it('disabling an operator ends their sessions; only the right password learns it is disabled', async () => {
    const leaver = await hire('leaver', t.units.shanghai, [
      { roleId: roleIds.cashier!, unitId: t.units.shanghai },
    ]);
    const session = clientFor(t.app, (await login('leaver', 'staff2026')).json().token);
    const disabled = await admin.patch(`/api/v1/org/operators/${leaver.id}`, { status: 'disabled' });
    expect(disabled.json().status).toBe('disabled');
    expectProblem(await session.get('/api/v1/auth/me'), 401, 'SESSION_EXPIRED');
    expectProblem(await login('leaver', 'wrong-pass-1'), 401, 'INVALID_CREDENTIALS');
    expectProblem(await login('leaver', 'staff2026'), 403, 'ACCOUNT_DISABLED');
    const listed = await admin.get('/api/v1/org/operators', { query: { status: 'disabled' } });
    expect(listed.json().items.map((o: { username: string }) => o.username)).toEqual(['leaver']);
    await admin.patch(`/api/v1/org/operators/${leaver.id}`, { status: 'active' });
    expect((await login('leaver', 'staff2026')).statusCode).toBe(200);
  });
});

describe('roles', () => {
  it('a custom role granted at a store gives exactly its permissions, there', async () => {
    const role = await admin.post('/api/v1/org/roles', {
      name: '店务查看',
      description: 'Sees the store and its staff',
      permissions: ['org.read', 'operators.read'],
    });
    expect(role.statusCode).toBe(201);
    expect(role.json()).toMatchObject({
      systemCode: null,
      permissions: ['operators.read', 'org.read'],
      grantCount: 0,
    });
    await hire('viewer', t.units.shanghai, [{ roleId: role.json().id, unitId: t.units.shanghai }]);
    const viewer = clientFor(t.app, (await login('viewer', 'staff2026')).json().token);
    const staff = (await viewer.get('/api/v1/org/operators'))
      .json()
      .items.map((o: { username: string }) => o.username);
    expect(staff).toEqual(expect.arrayContaining(['cashier', 'manager', 'viewer']));
    expect(staff).not.toContain('cashier2');
    expect((await viewer.get(`/api/v1/org/units/${t.units.shanghai}`)).statusCode).toBe(200);
    expectProblem(await viewer.get(`/api/v1/org/units/${t.units.shenzhen}`), 404, 'UNIT_NOT_FOUND');
    expectProblem(await viewer.get('/api/v1/org/roles'), 403, 'FORBIDDEN');
    expect((await admin.get(`/api/v1/org/roles/${role.json().id}`)).json().grantCount).toBe(1);
  });

  it('a role with operators.write alone can still hire at its unit', async () => {
    const role = await admin.post('/api/v1/org/roles', {
      name: '招聘专员',
      permissions: ['operators.write'],
    });
    await hire('recruiter', t.units.shenzhen, [{ roleId: role.json().id, unitId: t.units.shenzhen }]);
    const recruiter = clientFor(t.app, (await login('recruiter', 'staff2026')).json().token);
    const hired = await recruiter.post('/api/v1/org/operators', {
      username: 'szhire',
      displayName: '深圳新人',
      password: 'staff2026',
      unitId: t.units.shenzhen,
    });
    expect(hired.statusCode, hired.body).toBe(201);
    const renamed = await recruiter.patch(`/api/v1/org/operators/${hired.json().id}`, {
      displayName: '深圳店员',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
  });

  it('changing a role’s permissions ends its holders’ sessions, and the new ones apply', async () => {
    const role = await admin.post('/api/v1/org/roles', { name: '临时角色', permissions: ['org.read'] });
    await hire('temp', t.units.shenzhen, [{ roleId: role.json().id, unitId: t.units.shenzhen }]);
    const before = clientFor(t.app, (await login('temp', 'staff2026')).json().token);
    expectProblem(await before.get('/api/v1/org/roles'), 403, 'FORBIDDEN');
    const renamed = await admin.patch(`/api/v1/org/roles/${role.json().id}`, { name: '临时角色二' });
    expect(renamed.statusCode).toBe(200);
    expect((await before.get('/api/v1/auth/me')).statusCode).toBe(200);
    const widened = await admin.patch(`/api/v1/org/roles/${role.json().id}`, {
      permissions: ['org.read', 'roles.read'],
    });
    expect(widened.json().permissions).toEqual(['org.read', 'roles.read']);
    expectProblem(await before.get('/api/v1/auth/me'), 401, 'SESSION_EXPIRED');
    const after = clientFor(t.app, (await login('temp', 'staff2026')).json().token);
    expect((await after.get('/api/v1/org/roles')).statusCode).toBe(200);
  });

  it('keeps the system roles read-only', async () => {
    await writesNothing(t, async () => {
      const patch = await admin.patch(`/api/v1/org/roles/${roleIds.cashier}`, { permissions: ['org.read'] });
      expectProblem(patch, 422, 'ROLE_SYSTEM_READONLY');
      const rename = await admin.patch(`/api/v1/org/roles/${roleIds.hq_admin}`, { name: '超级管理员' });
      expectProblem(rename, 422, 'ROLE_SYSTEM_READONLY');
      expectProblem(await admin.delete(`/api/v1/org/roles/${roleIds.cashier}`), 422, 'ROLE_SYSTEM_READONLY');
    });
  });

  it('refuses to delete a role still granted, and deletes an unused one', async () => {
    const used = await admin.post('/api/v1/org/roles', { name: '在用角色', permissions: ['org.read'] });
    await hire('holder', t.units.shanghai, [{ roleId: used.json().id, unitId: t.units.shanghai }]);
    await writesNothing(t, async () => {
      const refused = await admin.delete(`/api/v1/org/roles/${used.json().id}`);
      expect(expectProblem(refused, 409, 'ROLE_IN_USE').detail).toContain('1');
    });
    const unused = await admin.post('/api/v1/org/roles', { name: '闲置角色', permissions: ['org.read'] });
    expect((await admin.delete(`/api/v1/org/roles/${unused.json().id}`)).statusCode).toBe(204);
    expectProblem(await admin.get(`/api/v1/org/roles/${unused.json().id}`), 404, 'ROLE_NOT_FOUND');
    expectProblem(await admin.delete(`/api/v1/org/roles/${unused.json().id}`), 404, 'ROLE_NOT_FOUND');
  });

  it('creates one of several concurrent roles of the same name and tells the others it is taken', async () => {
    const body = { name: '并发角色', permissions: ['org.read'] };
    const answers = await Promise.all([1, 2, 3].map(() => admin.post('/api/v1/org/roles', body)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409]);
    for (const answer of answers.filter((a) => a.statusCode === 409))
      expectProblem(answer, 409, 'ROLE_NAME_TAKEN');
  });

  it('refuses unknown permission names, naming the field, and duplicate role names', async () => {
    const existing = await admin.post('/api/v1/org/roles', { name: '唯一角色', permissions: ['org.read'] });
    await writesNothing(t, async () => {
      const unknown = await admin.post('/api/v1/org/roles', {
        name: '新角色',
        permissions: ['org.read', 'members.fly'],
      });
      expect(expectProblem(unknown, 400, 'VALIDATION_FAILED').fields).toEqual([
        expect.objectContaining({ field: 'permissions.1', code: 'invalid_value' }),
      ]);
      const patch = await admin.patch(`/api/v1/org/roles/${existing.json().id}`, {
        permissions: ['ORG.READ'],
      });
      expect(expectProblem(patch, 400, 'VALIDATION_FAILED').fields[0]?.field).toBe('permissions.0');
      const empty = await admin.post('/api/v1/org/roles', { name: '空角色', permissions: [] });
      expect(expectProblem(empty, 400, 'VALIDATION_FAILED').fields[0]).toMatchObject({
        field: 'permissions',
        code: 'too_small',
      });
      const twin = await admin.post('/api/v1/org/roles', { name: '唯一角色', permissions: ['org.read'] });
      expect(expectProblem(twin, 409, 'ROLE_NAME_TAKEN').fields[0]?.field).toBe('name');
    });
  });
});
