// Count packages (计次卡) through the API: products, a sale opening its own package account,
// uses (several at once, never below zero, not after expiry, only at allowed stores),
// renewal, prorated refunds to the tenders that paid, the expiry job and idempotency.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expirePackages } from '../src/modules/packages/expiry.ts';
import { advanceClock, resetClock, todayIn } from '../src/platform/clock.ts';
import { type ApiClient, startTestApp, type TestApp } from './support/harness.ts';
import { checkLedgerInvariants, cleanReport } from './support/ledger-invariants.ts';

let t: TestApp;
let admin: ApiClient;
let cashier: ApiClient;
let cardTypeId: string;
const day = 24 * 60 * 60_000;
const store = (unit = t.units.shanghai) => ({ 'x-store-id': unit });
const keyed = (key: string = randomUUID(), unit?: string) => ({ ...store(unit), 'idempotency-key': key });

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
  cashier = await t.as('cashier');
  cardTypeId = (
    await admin.post('/api/v1/card-types', {
      name: '储值卡',
      named: true,
      storedValue: true,
      points: false,
      pinRequired: false,
      validity: { kind: 'none' },
    })
  ).json().id;
  await admin.post('/api/v1/recharge-rules', {
    name: '充100送20',
    kind: 'tiers',
    tiers: [{ minFen: 10000, bonusFen: 2000 }],
  });
});
afterEach(async () => {
  resetClock();
  expect(await checkLedgerInvariants(t.database.db)).toEqual(cleanReport);
});
afterAll(() => t.close());

/** Moves the server clock on; sessions signed in before then have lapsed, so sign in again. */
async function travel(ms: number) {
  advanceClock(ms);
  cashier = await t.as('cashier');
}

let phone = 13_500_000_000;
async function member(recharge = 0) {
  phone += 1;
  const created = (
    await cashier.post('/api/v1/members', { name: '计次客', mobile: String(phone) }, { headers: store() })
  ).json();
  await cashier.post(`/api/v1/members/${created.id}/cards`, { cardTypeId });
  if (recharge > 0) {
    const r = await cashier.post(
      `/api/v1/members/${created.id}/recharges`,
      { amount: recharge, tender: 'cash' },
      { headers: keyed() },
    );
    expect(r.statusCode).toBe(201);
  }
  return created.id as string;
}

async function product(overrides: Record<string, unknown> = {}) {
  const response = await admin.post('/api/v1/package-products', {
    name: `洗车 ${randomUUID().slice(0, 6)}`,
    services: ['精洗', 'SVC-001'],
    uses: 10,
    price: 30000,
    validity: { kind: 'none' },
    ...overrides,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; name: string; uses: number; price: number };
}

async function sell(memberId: string, body: Record<string, unknown>, client = cashier, unit?: string) {
  return client.post(
    `/api/v1/members/${memberId}/packages`,
    { tender: 'cash', ...body },
    { headers: keyed(undefined, unit) },
  );
}

async function soldPackage(overrides: Record<string, unknown> = {}, memberId?: string) {
  const p = await product(overrides);
  const owner = memberId ?? (await member());
  const sale = await sell(owner, { packageProductId: p.id });
  expect(sale.statusCode, sale.body).toBe(201);
  return { memberId: owner, packageId: sale.json().package.id as string, sale: sale.json(), product: p };
}

const use = (packageId: string, uses: number, key?: string, client = cashier, unit?: string) =>
  client.post(`/api/v1/member-packages/${packageId}/use`, { uses }, { headers: keyed(key, unit) });
const detail = async (packageId: string) =>
  (await cashier.get(`/api/v1/member-packages/${packageId}`)).json();
const balances = async (memberId: string) =>
  (await cashier.get(`/api/v1/members/${memberId}/balances`)).json();
const ledgerRows = async (memberId: string) =>
  (
    await t.database.db
      .selectFrom('ledgerTransactions')
      .select('id')
      .where('memberId', '=', memberId)
      .execute()
  ).length;

/** Runs `call` and checks it moved nothing: no transaction, no audit row, same package. */
async function movesNothing(memberId: string, packageId: string, call: () => Promise<unknown>) {
  const before = {
    txns: await ledgerRows(memberId),
    audit: await t.count('auditLog'),
    pkg: await detail(packageId),
  };
  await call();
  expect({
    txns: await ledgerRows(memberId),
    audit: await t.count('auditLog'),
    pkg: await detail(packageId),
  }).toEqual(before);
}

describe('package products', () => {
  it('are created and edited by settings.write and listed for the till', async () => {
    const p = await product({ validity: { kind: 'months', months: 6 }, storeIds: [t.units.hangzhou] });
    expect(p).toMatchObject({
      uses: 10,
      price: 30000,
      validity: { kind: 'months', months: 6 },
      active: true,
    });
    const patched = await admin.patch(`/api/v1/package-products/${p.id}`, { active: false, price: 28000 });
    expect(patched.json()).toMatchObject({ active: false, price: 28000, storeIds: [t.units.hangzhou] });
    const listed = (await cashier.get('/api/v1/package-products', { query: { active: 'false' } })).json();
    expect(listed.items.map((i: { id: string }) => i.id)).toContain(p.id);
    expect((await cashier.post('/api/v1/package-products', { name: 'x' })).json().code).toBe('FORBIDDEN');
  });

  it('refuses a store list naming something that is not a store', async () => {
    const response = await admin.post('/api/v1/package-products', {
      name: '坏',
      services: ['a'],
      uses: 1,
      price: 1,
      validity: { kind: 'none' },
      storeIds: [t.units.east],
    });
    expect(response.json().code).toBe('PACKAGE_PRODUCT_INVALID');
  });
});

describe('selling', () => {
  it('opens a package account with the uses that shows in the balances', async () => {
    const { memberId, packageId, sale } = await soldPackage();
    expect(sale).toMatchObject({
      amount: 30000,
      tender: 'cash',
      package: { remaining: 10, usesBought: 10, status: 'active' },
    });
    const account = await t.database.db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', sale.package.accountId)
      .executeTakeFirstOrThrow();
    expect(account).toMatchObject({ kind: 'package', refId: packageId, memberId });
    expect((await balances(memberId)).packages).toEqual([
      { accountId: account.id, packageId, name: sale.package.name, remaining: 10, expiresOn: null },
    ]);
  });

  it('sells the product several times over as one package, and a second sale as another account', async () => {
    const p = await product({ uses: 5, price: 10000 });
    const memberId = await member();
    const first = (await sell(memberId, { packageProductId: p.id, quantity: 3 })).json();
    expect(first).toMatchObject({ amount: 30000, package: { usesBought: 15, pricePaid: 30000 } });
    const second = (await sell(memberId, { packageProductId: p.id })).json();
    expect(second.package.accountId).not.toBe(first.package.accountId);
    expect((await balances(memberId)).packages).toHaveLength(2);
  });

  it('takes stored value by the ledger split, and refuses what the balance cannot cover', async () => {
    const memberId = await member(10000);
    const p = await product({ uses: 3, price: 6000 });
    const sale = await sell(memberId, { packageProductId: p.id, tender: 'stored_value' });
    expect(sale.json()).toMatchObject({ storedValue: { principal: 5000, bonus: 1000 } });
    expect((await balances(memberId)).storedValue).toEqual({ principal: 5000, bonus: 1000, total: 6000 });
    const costly = await product({ price: 6001 });
    const refused = await sell(memberId, { packageProductId: costly.id, tender: 'stored_value' });
    expect(refused.json().code).toBe('INSUFFICIENT_BALANCE');
    expect((await balances(memberId)).packages).toHaveLength(1);
  });

  it('refuses an inactive product and a store the product is not sold at', async () => {
    const memberId = await member();
    const off = await product({ active: false });
    expect((await sell(memberId, { packageProductId: off.id })).json().code).toBe('PACKAGE_PRODUCT_INACTIVE');
    const elsewhere = await product({ storeIds: [t.units.hangzhou] });
    expect((await sell(memberId, { packageProductId: elsewhere.id })).json().code).toBe(
      'PACKAGE_STORE_NOT_ALLOWED',
    );
    expect((await balances(memberId)).packages).toEqual([]);
  });
});

describe('using', () => {
  it('takes several uses at once and records store and operator in the history', async () => {
    const { packageId } = await soldPackage();
    const response = await use(packageId, 3);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ uses: 3, remaining: 7, unitId: t.units.shanghai });
    const shown = await detail(packageId);
    expect(shown.remaining).toBe(7);
    expect(shown.history.map((h: { kind: string; uses: number }) => [h.kind, h.uses])).toEqual([
      ['package_sale', 10],
      ['package_use', -3],
    ]);
    expect(shown.history[1]).toMatchObject({
      unitId: t.units.shanghai,
      actorName: expect.stringContaining('刘收银'),
    });
  });

  it('refuses more uses than are left with PACKAGE_USES_EXHAUSTED, moving nothing', async () => {
    const { memberId, packageId } = await soldPackage({ uses: 2 });
    await movesNothing(memberId, packageId, async () => {
      const response = await use(packageId, 3);
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ code: 'PACKAGE_USES_EXHAUSTED', fields: [{ field: 'uses' }] });
    });
  });

  it('refuses a package past its last day with PACKAGE_EXPIRED, in the merchant time zone', async () => {
    const { memberId, packageId, sale } = await soldPackage({ validity: { kind: 'days', days: 30 } });
    expect(sale.package.expiresOn > todayIn(t.config.timeZone)).toBe(true);
    await travel(30 * day);
    await movesNothing(memberId, packageId, async () => {
      const response = await use(packageId, 1);
      expect(response.json().code).toBe('PACKAGE_EXPIRED');
      expect(response.json().detail).toContain(sale.package.expiresOn);
    });
    expect((await detail(packageId)).status).toBe('expired');
    expect((await balances(memberId)).packages).toEqual([]);
  });

  it('is usable only at the stores the package names', async () => {
    const hangzhouCashier = await t.as('east');
    const p = await product({ storeIds: [t.units.hangzhou] });
    const memberId = await member();
    const sale = await sell(memberId, { packageProductId: p.id }, hangzhouCashier, t.units.hangzhou);
    expect(sale.statusCode, sale.body).toBe(201);
    const packageId = sale.json().package.id;
    await movesNothing(memberId, packageId, async () => {
      expect((await use(packageId, 1)).json().code).toBe('PACKAGE_STORE_NOT_ALLOWED');
    });
    expect((await use(packageId, 1, undefined, hangzhouCashier, t.units.hangzhou)).statusCode).toBe(201);
  });

  it('hides another store’s member’s package (404), and refuses a bad count or a missing key', async () => {
    const { packageId } = await soldPackage();
    const shenzhen = await t.as('cashier2');
    expect((await use(packageId, 1, undefined, shenzhen, t.units.shenzhen)).json().code).toBe(
      'PACKAGE_NOT_FOUND',
    );
    expect((await use(packageId, 0)).json().code).toBe('VALIDATION_FAILED');
    expect((await use(packageId, 1.5)).json().code).toBe('VALIDATION_FAILED');
    const noKey = await cashier.post(
      `/api/v1/member-packages/${packageId}/use`,
      { uses: 1 },
      { headers: store() },
    );
    expect(noKey.json().code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    expect((await detail(packageId)).remaining).toBe(10);
  });

  it('lets exactly 10 of 30 concurrent single uses through a 10-use package', async () => {
    const { packageId } = await soldPackage();
    const answers = await Promise.all(Array.from({ length: 30 }, () => use(packageId, 1)));
    const codes = answers.map((a) => (a.statusCode === 201 ? 'ok' : a.json().code));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(10);
    expect(codes.filter((c) => c === 'PACKAGE_USES_EXHAUSTED')).toHaveLength(20);
    expect((await detail(packageId)).remaining).toBe(0);
  });

  it('moves once for a retried use with the same key, and refuses the key with another body', async () => {
    const { packageId } = await soldPackage();
    const key = randomUUID();
    const first = await use(packageId, 2, key);
    const retry = await use(packageId, 2, key);
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect((await use(packageId, 3, key)).json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await detail(packageId)).remaining).toBe(8);
  });

  it('gives back a use made in error, once', async () => {
    const { packageId } = await soldPackage();
    const used = (await use(packageId, 2)).json();
    const reverse = () =>
      cashier.post(`/api/v1/package-uses/${used.id}/reverse`, { reason: '误操作' }, { headers: keyed() });
    expect((await reverse()).json()).toMatchObject({ uses: 2, remaining: 10 });
    expect((await reverse()).json().code).toBe('ALREADY_REVERSED');
  });
});

describe('renewal', () => {
  it('adds uses and price, and restarts the validity only when asked', async () => {
    const { packageId, sale } = await soldPackage({
      uses: 3,
      price: 9000,
      validity: { kind: 'days', days: 10 },
    });
    await use(packageId, 3);
    await travel(5 * day);
    const renew = (body: Record<string, unknown>) =>
      cashier.post(`/api/v1/member-packages/${packageId}/renew`, body, { headers: keyed() });
    const plain = await renew({ uses: 2, price: 6000, tender: 'wechat' });
    expect(plain.statusCode, plain.body).toBe(201);
    expect(plain.json().package).toMatchObject({
      remaining: 2,
      usesBought: 5,
      pricePaid: 15000,
      expiresOn: sale.package.expiresOn,
    });
    const extended = (await renew({ uses: 1, price: 0, tender: 'cash', extendValidity: true })).json();
    expect(extended.package.remaining).toBe(3);
    expect(extended.package.expiresOn > sale.package.expiresOn).toBe(true);
    expect((await renew({ uses: 1, price: -1, tender: 'cash' })).json().code).toBe('AMOUNT_NOT_POSITIVE');
  });
});

describe('refund', () => {
  const refund = (packageId: string) =>
    cashier.post(`/api/v1/member-packages/${packageId}/refund`, { reason: '顾客退卡' }, { headers: keyed() });

  it('refunds the unused uses at the prorated price to the tender that paid, once', async () => {
    const { memberId, packageId } = await soldPackage({ uses: 3, price: 10000 });
    await use(packageId, 1);
    const response = await refund(packageId);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      usesRefunded: 2,
      amount: 6666,
      refunds: [{ tender: 'cash', amount: 6666 }],
      storedValue: { principal: 0, bonus: 0 },
    });
    expect(await detail(packageId)).toMatchObject({ remaining: 0, status: 'refunded' });
    expect((await balances(memberId)).packages).toEqual([]);
    await movesNothing(memberId, packageId, async () => {
      expect((await refund(packageId)).json().code).toBe('PACKAGE_ALREADY_REFUNDED');
      expect((await use(packageId, 1)).json().code).toBe('PACKAGE_ALREADY_REFUNDED');
    });
  });

  it('gives stored value back to principal and bonus as the sale took them, never as cash', async () => {
    const memberId = await member(10000);
    const p = await product({ uses: 3, price: 6000 });
    const sale = (await sell(memberId, { packageProductId: p.id, tender: 'stored_value' })).json();
    await use(sale.package.id, 1);
    const response = (await refund(sale.package.id)).json();
    expect(response).toMatchObject({ amount: 4000, storedValue: { principal: 3333, bonus: 667 } });
    expect((await balances(memberId)).storedValue).toEqual({ principal: 8333, bonus: 1667, total: 10000 });
    // The sale's spend paid for the package: it is never refundable on its own as a charge.
    const again = await cashier.post(
      `/api/v1/charges/${sale.spendTransactionId}/refund`,
      { reason: 'x' },
      { headers: keyed() },
    );
    expect(again.json().code).toBe('NOT_REVERSIBLE');
  });

  it('spreads the refund over the sale and each renewal by what each paid', async () => {
    const memberId = await member(10000);
    const { packageId } = await soldPackage({ uses: 3, price: 10000 }, memberId);
    const renewal = await cashier.post(
      `/api/v1/member-packages/${packageId}/renew`,
      { uses: 1, price: 3000, tender: 'stored_value' },
      { headers: keyed() },
    );
    expect(renewal.json().storedValue).toEqual({ principal: 2500, bonus: 500 });
    await use(packageId, 1);
    const response = (await refund(packageId)).json();
    // floor(13000 × 3 / 4) = 9750: 7500 to cash, 2250 to stored value (1875 + 375).
    expect(response).toMatchObject({ amount: 9750, storedValue: { principal: 1875, bonus: 375 } });
    expect(response.refunds).toEqual([
      { tender: 'cash', amount: 7500 },
      { tender: 'stored_value', amount: 2250 },
    ]);
  });

  it('has nothing to refund once every use is taken', async () => {
    const { memberId, packageId } = await soldPackage({ uses: 1 });
    await use(packageId, 1);
    await movesNothing(memberId, packageId, async () => {
      expect((await refund(packageId)).json().code).toBe('PACKAGE_NOTHING_TO_REFUND');
    });
  });
});

describe('expiry job', () => {
  it('posts the remaining uses of an expired package once, however often it runs', async () => {
    const { memberId, packageId } = await soldPackage({ validity: { kind: 'days', days: 1 } });
    await use(packageId, 4);
    const { packageId: lasting } = await soldPackage({ validity: { kind: 'days', days: 30 } }, memberId);
    const merchant = await t.database.db
      .selectFrom('merchants')
      .select(['id', 'timeZone'])
      .executeTakeFirstOrThrow();
    await travel(2 * day);
    const today = todayIn(merchant.timeZone);
    const first = await expirePackages(t.database.db, merchant.id, today);
    expect(first.expired).toBeGreaterThanOrEqual(1);
    expect(await expirePackages(t.database.db, merchant.id, today)).toEqual({ expired: 0, uses: 0 });
    const expiries = await t.database.db
      .selectFrom('ledgerTransactions')
      .select(['amountFen', 'actorType'])
      .where('memberId', '=', memberId)
      .where('kind', '=', 'package_expiry')
      .execute();
    expect(expiries.map((e) => [Number(e.amountFen), e.actorType])).toEqual([[6, 'system']]);
    expect(await detail(packageId)).toMatchObject({ remaining: 0, status: 'expired' });
    expect((await detail(lasting)).status).toBe('active');
  });
});
