// Points rules, settings, the gift catalogue and the merchant-wide summary through the API:
// rules are typed by kind and checked, the quote applies them to a member's cart, and the
// summary reconciles with the accounts.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../src/platform/clock.ts';
import { type ApiClient, startTestApp, type TestApp } from './support/harness.ts';
import { checkLedgerInvariants, cleanReport } from './support/ledger-invariants.ts';
import { checkPointsLots, cleanLots } from './support/points.ts';

let t: TestApp;
let admin: ApiClient;
let manager: ApiClient;
let cashier: ApiClient;
let cardTypeId: string;
const store = () => ({ 'x-store-id': t.units.shanghai });

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
  manager = await t.as('manager');
  cashier = await t.as('cashier');
  cardTypeId = (
    await admin.post('/api/v1/card-types', {
      name: '银卡',
      named: true,
      storedValue: false,
      points: true,
      pointsRate: 150,
      pinRequired: false,
      validity: { kind: 'none' },
    })
  ).json().id;
});
afterEach(async () => {
  expect(await checkLedgerInvariants(t.database.db)).toEqual(cleanReport);
  expect(await checkPointsLots(t.database.db)).toEqual(cleanLots);
});
afterAll(() => t.close());

let phone = 13_600_000_000;
async function makeMember() {
  phone += 1;
  const member = (
    await cashier.post('/api/v1/members', { name: '规则客', mobile: String(phone) }, { headers: store() })
  ).json();
  await cashier.post(`/api/v1/members/${member.id}/cards`, { cardTypeId });
  return member.id as string;
}

const quote = async (memberId: string | undefined, lines: unknown[]) => {
  const response = await cashier.post('/api/v1/points/quote', { memberId, lines }, { headers: store() });
  expect(response.statusCode).toBe(200);
  return response.json();
};

describe('points rules', () => {
  it('earns by the card type rate until a rule says otherwise, line by line', async () => {
    const memberId = await makeMember();
    const lines = [
      { id: 'l1', amountFen: 10_000, categoryIds: ['cat_a'] },
      { id: 'l2', amountFen: 3_333 },
      { id: 'l3', amountFen: 5_000, earnsPoints: false },
    ];
    expect(await quote(memberId, lines)).toMatchObject({
      points: 199,
      rate: 150,
      lines: [
        { id: 'l1', points: 150 },
        { id: 'l2', points: 49 },
        { id: 'l3', points: 0 },
      ],
    });
    expect((await quote(undefined, lines)).points).toBe(0);
  });

  it('adds, lists and replaces rules of each kind; the quote applies them', async () => {
    const memberId = await makeMember();
    const store = await admin.post('/api/v1/points-rules', {
      name: '旗舰店双倍',
      kind: 'store_multiplier',
      params: { storeIds: [t.units.shanghai], multiplierBp: 20_000 },
    });
    expect(store.statusCode).toBe(201);
    expect(store.json()).toMatchObject({ kind: 'store_multiplier', status: 'active' });
    const cap = (
      await admin.post('/api/v1/points-rules', {
        name: '单笔封顶',
        kind: 'order_cap',
        params: { maxPoints: 250 },
      })
    ).json();
    const result = await quote(memberId, [{ id: 'l1', amountFen: 10_000 }]);
    expect(result).toMatchObject({ points: 250, uncapped: 300 });
    expect(result.applied.map((a: { name: string }) => a.name).sort()).toEqual(
      ['单笔封顶', '旗舰店双倍'].sort(),
    );
    const replaced = await admin.request('PUT', `/api/v1/points-rules/${cap.id}`, {
      body: { name: '单笔封顶', kind: 'order_cap', params: { maxPoints: 1000 }, status: 'archived' },
    });
    expect(replaced.json()).toMatchObject({ status: 'archived', params: { maxPoints: 1000 } });
    expect((await quote(memberId, [{ id: 'l1', amountFen: 10_000 }])).points).toBe(300);
    const listed = (await cashier.get('/api/v1/points-rules')).json().items;
    expect(listed.map((r: { id: string }) => r.id)).toEqual(
      expect.arrayContaining([store.json().id, cap.id]),
    );
    await admin.request('PUT', `/api/v1/points-rules/${store.json().id}`, {
      body: {
        name: '旗舰店双倍',
        kind: 'store_multiplier',
        params: { storeIds: [t.units.shanghai], multiplierBp: 20_000 },
        status: 'archived',
      },
    });
  });

  it('a member day on today’s weekday applies today', async () => {
    const memberId = await makeMember();
    const today = todayIn('Asia/Shanghai');
    const weekday = ((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    const rule = (
      await admin.post('/api/v1/points-rules', {
        name: '会员日',
        kind: 'member_day',
        params: { weekdays: [weekday], multiplierBp: 30_000 },
      })
    ).json();
    expect((await quote(memberId, [{ id: 'l1', amountFen: 10_000 }])).points).toBe(450);
    await admin.request('PUT', `/api/v1/points-rules/${rule.id}`, {
      body: {
        name: '会员日',
        kind: 'member_day',
        params: { weekdays: [weekday], multiplierBp: 30_000 },
        status: 'archived',
      },
    });
  });

  it.each([
    [{ name: 'x', kind: 'bogus', params: {} }, 'VALIDATION_FAILED'],
    [{ name: 'x', kind: 'order_cap', params: { maxPoints: 1.5 } }, 'VALIDATION_FAILED'],
    [{ name: 'x', kind: 'order_cap', params: { maxPoints: 10, balance: 1 } }, 'UNKNOWN_FIELD'],
    [{ name: 'x', kind: 'member_day', params: { multiplierBp: 20_000 } }, 'POINTS_RULE_INVALID'],
    [
      { name: 'x', kind: 'store_multiplier', params: { storeIds: ['unit_nope'], multiplierBp: 20_000 } },
      'POINTS_RULE_INVALID',
    ],
    [
      {
        name: 'x',
        kind: 'order_cap',
        params: { maxPoints: 1 },
        startsOn: '2025-02-01',
        endsOn: '2025-01-01',
      },
      'POINTS_RULE_INVALID',
    ],
  ])('refuses %j with %s', async (body, code) => {
    const response = await admin.post('/api/v1/points-rules', body);
    expect(response.json().code).toBe(code);
  });

  it('only settings.write changes rules; a missing rule is 404', async () => {
    const body = { name: 'x', kind: 'order_cap', params: { maxPoints: 1 } };
    expect((await manager.post('/api/v1/points-rules', body)).statusCode).toBe(403);
    const missing = await admin.request('PUT', '/api/v1/points-rules/prl_01J00000000000000000000000', {
      body,
    });
    expect(missing.json().code).toBe('POINTS_RULE_NOT_FOUND');
  });
});

describe('settings and catalogue', () => {
  it('keeps points settings with defaults, audited, changed only with settings.write', async () => {
    const initial = (await cashier.get('/api/v1/points/settings')).json();
    expect(initial).toEqual({
      expiry: { kind: 'none' },
      pointsPerYuan: 100,
      cashMaxShareBp: 5000,
      allowDebt: true,
    });
    expect(
      (await manager.request('PUT', '/api/v1/points/settings', { body: { allowDebt: false } })).statusCode,
    ).toBe(403);
    const changed = await admin.request('PUT', '/api/v1/points/settings', {
      body: { expiry: { kind: 'year_end' }, pointsPerYuan: 200 },
    });
    expect(changed.json()).toMatchObject({
      expiry: { kind: 'year_end' },
      pointsPerYuan: 200,
      allowDebt: true,
    });
    const memberId = await makeMember();
    await manager.post(
      `/api/v1/members/${memberId}/points/adjust`,
      { points: 5, reason: 'r' },
      {
        headers: { ...store(), 'idempotency-key': randomUUID() },
      },
    );
    const [lot] = (await cashier.get(`/api/v1/members/${memberId}/points/lots`)).json().items;
    expect(lot.expiresOn).toBe(`${Number(todayIn('Asia/Shanghai').slice(0, 4)) + 1}-12-31`);
    await admin.request('PUT', '/api/v1/points/settings', {
      body: { expiry: { kind: 'none' }, pointsPerYuan: 100 },
    });
  });

  it('gifts: headquarters adds and changes them, stock per store, cashiers read', async () => {
    const body = { name: '保温杯', pointsPrice: 500, stock: [{ storeId: t.units.shanghai, quantity: 3 }] };
    expect((await cashier.post('/api/v1/gifts', body)).statusCode).toBe(403);
    const gift = (await admin.post('/api/v1/gifts', body)).json();
    expect(gift).toMatchObject({ pointsPrice: 500, active: true, perMemberLimit: null });
    const patched = await admin.patch(`/api/v1/gifts/${gift.id}`, {
      perMemberLimit: 1,
      stock: [{ storeId: t.units.hangzhou, quantity: 7 }],
    });
    expect(patched.json().stock).toEqual(
      expect.arrayContaining([
        { storeId: t.units.shanghai, quantity: 3 },
        { storeId: t.units.hangzhou, quantity: 7 },
      ]),
    );
    const unknownStore = await admin.patch(`/api/v1/gifts/${gift.id}`, {
      stock: [{ storeId: 'unit_nope', quantity: 1 }],
    });
    expect(unknownStore.json()).toMatchObject({
      code: 'STORE_NOT_FOUND',
      fields: [{ field: 'stock.0.storeId' }],
    });
    const listed = (await cashier.get('/api/v1/gifts', { query: { active: 'true' } })).json();
    expect(listed.items.map((g: { id: string }) => g.id)).toContain(gift.id);
  });
});

describe('summary', () => {
  it('reconciles: opening + issued − spent − expired + adjusted = outstanding = the accounts', async () => {
    const memberId = await makeMember();
    const key = () => ({ headers: { ...store(), 'idempotency-key': randomUUID() } });
    const from = new Date(Date.now() - 1000).toISOString();
    await manager.post(`/api/v1/members/${memberId}/points/adjust`, { points: 300, reason: 'r' }, key());
    const giftId = (
      await admin.post('/api/v1/gifts', {
        name: '帆布袋',
        pointsPrice: 120,
        stock: [{ storeId: t.units.shanghai, quantity: 2 }],
      })
    ).json().id;
    await cashier.post(`/api/v1/members/${memberId}/redemptions`, { giftId }, key());
    const summary = (await admin.get('/api/v1/points/summary', { query: { from } })).json();
    expect(summary.spent).toBe(120);
    expect(summary.adjusted).toBeGreaterThanOrEqual(300);
    expect(summary.opening + summary.issued - summary.spent - summary.expired + summary.adjusted).toBe(
      summary.outstanding,
    );
    const accounts = await t.database.db
      .selectFrom('accounts')
      .select((eb) => eb.fn.sum<number>('balance').as('total'))
      .where('kind', '=', 'points')
      .executeTakeFirstOrThrow();
    expect(summary.outstanding).toBe(Number(accounts.total));
    expect((await manager.get('/api/v1/points/summary')).statusCode).toBe(403);
  });
});
