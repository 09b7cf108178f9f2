// Card types (卡类型): what a card holds, its fees, validity, PIN rule and subsidiary cards.
// Contradictory settings are refused with the reason; names are unique; only holders of
// settings.write define them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from './support/harness.ts';

let t: TestApp;
let admin: ApiClient;
let cashier: ApiClient;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
  cashier = await t.as('cashier');
});
afterAll(() => t.close());

const gold = {
  name: '金卡',
  named: true,
  storedValue: true,
  points: true,
  discount: true,
  discountRate: 9000,
  pointsRate: 150,
  pinRequired: true,
  validity: { kind: 'months', months: 24 },
  joinFee: 2000,
  annualFee: 1000,
  replacementFee: 500,
  subsidiaryAllowed: true,
  subsidiaryLimit: 50000,
};

const typeRows = () => t.database.db.selectFrom('cardTypes').selectAll().orderBy('id').execute();

describe('defining card types', () => {
  it('creates a type with every setting, and lists it', async () => {
    const before = await t.count('auditLog');
    const response = await admin.post('/api/v1/card-types', gold);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      ...gold,
      countBased: false,
      rechargeable: true,
      status: 'active',
    });
    expect(await t.count('auditLog')).toBe(before + 1);
    const list = await cashier.get('/api/v1/card-types');
    expect(list.json().items.map((type: { name: string }) => type.name)).toContain('金卡');
  });

  it('fills the defaults: no discount, no points rate, recharge only with stored value', async () => {
    const response = await admin.post('/api/v1/card-types', {
      name: '积分卡',
      named: false,
      storedValue: false,
      points: true,
      pinRequired: false,
      validity: { kind: 'fixed_date', date: '2030-12-31' },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      discount: false,
      discountRate: 10000,
      pointsRate: 0,
      rechargeable: false,
      joinFee: 0,
      subsidiaryAllowed: false,
      subsidiaryLimit: null,
      validity: { kind: 'fixed_date', date: '2030-12-31' },
    });
  });

  it('updates a type and audits the change', async () => {
    const id = (await admin.post('/api/v1/card-types', { ...gold, name: '银卡' })).json().id;
    const response = await admin.patch(`/api/v1/card-types/${id}`, {
      discountRate: 9500,
      annualFee: 0,
      validity: { kind: 'none' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      name: '银卡',
      discountRate: 9500,
      annualFee: 0,
      validity: { kind: 'none' },
    });
    const audit = await admin.get('/api/v1/audit', { query: { entityId: id, action: 'cards.type.update' } });
    expect(audit.json().items[0]).toMatchObject({
      before: { discountRate: 9000, validityKind: 'months' },
      after: { discountRate: 9500, validityKind: 'none' },
    });
  });

  it('refuses a cashier, who may only read types', async () => {
    const before = await typeRows();
    const response = await cashier.post('/api/v1/card-types', { ...gold, name: '收银员建的卡' });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('FORBIDDEN');
    const id = before[0]!.id;
    expect((await cashier.patch(`/api/v1/card-types/${id}`, { joinFee: 0 })).statusCode).toBe(403);
    expect(await typeRows()).toEqual(before);
  });

  it('answers CARD_TYPE_NOT_FOUND for a type that does not exist', async () => {
    const response = await admin.patch('/api/v1/card-types/ctp_nosuchtype', { joinFee: 0 });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('CARD_TYPE_NOT_FOUND');
  });
});

describe('contradictory or bad settings', () => {
  it.each([
    [
      'recharging without stored value',
      { storedValue: false, rechargeable: true },
      'rechargeable',
      'only a stored-value card can be recharged',
    ],
    ['a discount flag at full price', { discountRate: 10000 }, 'discountRate', 'a rate below 10000'],
    [
      'a discount rate without the flag',
      { discount: false, discountRate: 8800 },
      'discountRate',
      'needs the discount flag',
    ],
    [
      'a points rate without points',
      { points: false, pointsRate: 100 },
      'pointsRate',
      'needs the points flag',
    ],
    [
      'a subsidiary limit without subsidiaries',
      { subsidiaryAllowed: false },
      'subsidiaryLimit',
      'needs subsidiary cards allowed',
    ],
    [
      'holding nothing at all',
      {
        storedValue: false,
        rechargeable: false,
        points: false,
        discount: false,
        discountRate: 10000,
        pointsRate: 0,
      },
      'storedValue',
      'must hold stored value, points, a discount or count packages',
    ],
    [
      'a validity date that does not exist',
      { validity: { kind: 'fixed_date', date: '2027-02-30' } },
      'validity.date',
      'not a real date',
    ],
  ])('refuses %s with CARD_TYPE_INVALID and the reason', async (_label, change, field, reason) => {
    const before = await typeRows();
    const audit = await t.count('auditLog');
    const response = await admin.post('/api/v1/card-types', { ...gold, name: '矛盾卡', ...change });
    expect(response.statusCode, response.body).toBe(422);
    expect(response.json().code).toBe('CARD_TYPE_INVALID');
    expect(response.json().detail).toContain(reason);
    expect(response.json().fields.map((f: { field: string }) => f.field)).toEqual([field]);
    expect(await typeRows()).toEqual(before);
    expect(await t.count('auditLog')).toBe(audit);
  });

  it('refuses an update that would leave the type contradictory, changing nothing', async () => {
    const id = (await admin.post('/api/v1/card-types', { ...gold, name: '将矛盾卡' })).json().id;
    const before = await typeRows();
    const response = await admin.patch(`/api/v1/card-types/${id}`, { storedValue: false });
    expect(response.statusCode).toBe(422);
    expect(response.json().detail).toContain('only a stored-value card');
    expect(await typeRows()).toEqual(before);
  });

  it('gives the reason in the caller’s language', async () => {
    const response = await admin.post(
      '/api/v1/card-types',
      { ...gold, name: '矛盾卡', storedValue: false, rechargeable: true },
      { locale: 'zh-CN' },
    );
    expect(response.json().code).toBe('CARD_TYPE_INVALID');
    expect(response.json().detail).toBe('卡类型设置矛盾：只有储值卡可以充值');
    expect(response.json().fields[0]).toMatchObject({ field: 'rechargeable', message: '只有储值卡可以充值' });
  });

  it('refuses a name already taken, also through an update, with CARD_TYPE_NAME_TAKEN', async () => {
    const taken = await admin.post('/api/v1/card-types', { ...gold, name: ' 金卡 ' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({
      code: 'CARD_TYPE_NAME_TAKEN',
      detail: expect.stringContaining('金卡'),
    });
    const other = (await admin.post('/api/v1/card-types', { ...gold, name: '铜卡' })).json();
    const renamed = await admin.patch(`/api/v1/card-types/${other.id}`, { name: '金卡' });
    expect(renamed.statusCode).toBe(409);
    expect(renamed.json().code).toBe('CARD_TYPE_NAME_TAKEN');
    const same = await admin.patch(`/api/v1/card-types/${other.id}`, { name: '铜卡', joinFee: 100 });
    expect(same.statusCode).toBe(200);
  });

  it('refuses fields it does not know, naming them', async () => {
    const before = await typeRows();
    const response = await admin.post('/api/v1/card-types', { ...gold, name: '多字段卡', balance: 100000 });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('UNKNOWN_FIELD');
    expect(response.json().fields.map((f: { field: string }) => f.field)).toEqual(['balance']);
    const patch = await admin.patch(`/api/v1/card-types/${before[0]!.id}`, { merchantId: 'mch_other' });
    expect(patch.json().code).toBe('UNKNOWN_FIELD');
    expect(await typeRows()).toEqual(before);
  });

  it.each([
    ['a negative fee', { joinFee: -1 }, 'joinFee'],
    ['a fractional fee', { replacementFee: 10.5 }, 'replacementFee'],
    ['zero months', { validity: { kind: 'months', months: 0 } }, 'validity.months'],
    ['a discount rate of zero', { discountRate: 0 }, 'discountRate'],
    ['a blank name', { name: '   ' }, 'name'],
  ])('refuses %s as VALIDATION_FAILED on that field', async (_label, change, field) => {
    const response = await admin.post('/api/v1/card-types', { ...gold, name: '坏卡', ...change });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
    expect(response.json().fields.map((f: { field: string }) => f.field)).toEqual([field]);
  });
});
