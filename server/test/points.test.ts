// Points through the API: lots spent earliest-expiry first, expiry as an entry and a job
// that posts once however often (or however concurrently) it runs, manual adjustments,
// redemptions that refuse with their own code and move nothing, cancels that give back
// once, stock that never oversells, and a points debt that blocks redemption.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../src/db/transaction.ts';
import { earnPoints } from '../src/modules/points/earn-spend.ts';
import { reversePointsTransaction } from '../src/modules/points/reverse.ts';
import { advanceClock, resetClock } from '../src/platform/clock.ts';
import { type ApiClient, startTestApp, type TestApp } from './support/harness.ts';
import { checkLedgerInvariants, cleanReport } from './support/ledger-invariants.ts';
import { checkPointsLots, cleanLots, contextOf } from './support/points.ts';

let t: TestApp;
let admin: ApiClient;
let manager: ApiClient;
let cashier: ApiClient;
let cardTypeId: string;
const day = 24 * 60 * 60_000;
const store = () => ({ 'x-store-id': t.units.shanghai });
const keyed = (key = randomUUID()) => ({ headers: { ...store(), 'idempotency-key': key } });

beforeAll(async () => {
  t = await startTestApp({ poolSize: 25 });
  await signIn();
  cardTypeId = (
    await admin.post('/api/v1/card-types', {
      name: '积分卡',
      named: true,
      storedValue: false,
      points: true,
      pointsRate: 100,
      pinRequired: false,
      validity: { kind: 'none' },
    })
  ).json().id;
});
/** Moves the server's clock on; sessions expire on the way, so everyone signs in again. */
let travelled = false;
async function travel(days: number) {
  advanceClock(days * day);
  travelled = true;
  await signIn();
}
async function signIn() {
  admin = await t.as('admin');
  manager = await t.as('manager');
  cashier = await t.as('cashier');
}
afterEach(async () => {
  resetClock();
  if (travelled) await signIn();
  travelled = false;
  await settings({ expiry: { kind: 'none' }, allowDebt: true });
  expect(await checkLedgerInvariants(t.database.db)).toEqual(cleanReport);
  expect(await checkPointsLots(t.database.db)).toEqual(cleanLots);
});
afterAll(() => t.close());

let phone = 13_500_000_000;
async function makeMember() {
  phone += 1;
  const member = (
    await cashier.post('/api/v1/members', { name: '积分客', mobile: String(phone) }, { headers: store() })
  ).json();
  await cashier.post(`/api/v1/members/${member.id}/cards`, { cardTypeId });
  return member.id as string;
}

async function settings(body: Record<string, unknown>) {
  const response = await admin.request('PUT', '/api/v1/points/settings', { body });
  expect(response.statusCode).toBe(200);
}

async function adjust(memberId: string, points: number, reason = '活动补发') {
  const response = await manager.post(
    `/api/v1/members/${memberId}/points/adjust`,
    { points, reason },
    keyed(),
  );
  expect(response.statusCode).toBe(201);
  return response.json();
}

async function makeGift(pointsPrice: number, quantity: number, perMemberLimit: number | null = null) {
  const response = await admin.post('/api/v1/gifts', {
    name: `礼品${randomUUID().slice(0, 6)}`,
    pointsPrice,
    perMemberLimit,
    stock: [{ storeId: t.units.shanghai, quantity }],
  });
  expect(response.statusCode).toBe(201);
  return response.json().id as string;
}

const redeem = (memberId: string, giftId: string, quantity = 1, client = cashier) =>
  client.post(`/api/v1/members/${memberId}/redemptions`, { giftId, quantity }, keyed());

const balanceOf = async (memberId: string) =>
  (await cashier.get(`/api/v1/members/${memberId}/balances`)).json().points.balance as number;

const lotsOf = async (memberId: string) =>
  (await cashier.get(`/api/v1/members/${memberId}/points/lots`)).json().items as Array<{
    id: string;
    amount: number;
    remaining: number;
    expiresOn: string | null;
    status: string;
  }>;

const runExpiry = async () => {
  const response = await admin.post('/api/v1/points/expire', {});
  expect(response.statusCode).toBe(200);
  return response.json() as { points: number; lots: number; accounts: number };
};

function pointsEntries(memberId: string, kind: string) {
  return t.database.db
    .selectFrom('ledgerEntries as e')
    .innerJoin('ledgerTransactions as x', 'x.id', 'e.transactionId')
    .select(['e.transactionId', 'e.amount', 'e.lotId'])
    .where('x.memberId', '=', memberId)
    .where('x.kind', '=', kind)
    .execute();
}

async function stockOf(giftId: string) {
  const gift = (await cashier.get(`/api/v1/gifts/${giftId}`)).json();
  return gift.stock.find((s: { storeId: string }) => s.storeId === t.units.shanghai)?.quantity as number;
}

describe('lots', () => {
  it('spends the lot that expires first, one entry per lot touched', async () => {
    const memberId = await makeMember();
    await settings({ expiry: { kind: 'months', months: 12 } });
    await adjust(memberId, 100);
    await settings({ expiry: { kind: 'months', months: 1 } });
    await adjust(memberId, 50);
    await settings({ expiry: { kind: 'none' } });
    await adjust(memberId, 30);
    const response = await redeem(memberId, await makeGift(60, 10));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ points: 60, balance: 120, status: 'completed' });
    const lots = await lotsOf(memberId);
    const byAmount = (amount: number) => lots.find((l) => l.amount === amount)!;
    expect(byAmount(50)).toMatchObject({ remaining: 0, status: 'used' });
    expect(byAmount(100)).toMatchObject({ remaining: 90, status: 'active' });
    expect(byAmount(30)).toMatchObject({ remaining: 30, expiresOn: null });
    const entries = await pointsEntries(memberId, 'points_redeem');
    expect(entries.map((e) => [e.lotId, Number(e.amount)]).sort()).toEqual(
      [
        [byAmount(50).id, -50],
        [byAmount(100).id, -10],
      ].sort(),
    );
  });

  it('never spends expired points, and the expiry is itself an entry', async () => {
    const memberId = await makeMember();
    const giftId = await makeGift(50, 10);
    await settings({ expiry: { kind: 'months', months: 1 } });
    const adjusted = (await adjust(memberId, 100)) as { id: string };
    await travel(40);
    expect((await lotsOf(memberId))[0]).toMatchObject({ status: 'expired', remaining: 100 });
    const refused = await redeem(memberId, giftId);
    expect(refused.json()).toMatchObject({ code: 'INSUFFICIENT_POINTS' });
    expect(refused.json().detail).toContain('0 available');
    await runExpiry();
    const expiry = await pointsEntries(memberId, 'points_expire');
    expect(expiry).toHaveLength(1);
    expect(Number(expiry[0]!.amount)).toBe(-100);
    expect(expiry[0]!.lotId).toBe((await lotsOf(memberId))[0]!.id);
    expect(await balanceOf(memberId)).toBe(0);
    const history = (await cashier.get(`/api/v1/members/${memberId}/ledger`)).json().items;
    expect(history.map((h: { kind: string }) => h.kind)).toEqual(['points_expire', 'points_adjust']);
    expect(history[1].id).toBe(adjusted.id);
  });

  it('the expiry job run twice posts once', async () => {
    const memberId = await makeMember();
    await settings({ expiry: { kind: 'months', months: 1 } });
    await adjust(memberId, 70);
    await adjust(memberId, 30);
    await travel(40);
    const first = await runExpiry();
    expect(first.points).toBeGreaterThanOrEqual(100);
    const second = await runExpiry();
    expect(second).toMatchObject({ points: 0, lots: 0, accounts: 0 });
    const entries = await pointsEntries(memberId, 'points_expire');
    expect(entries).toHaveLength(2);
    expect(new Set(entries.map((e) => e.transactionId)).size).toBe(1);
    expect(await balanceOf(memberId)).toBe(0);
  });

  it('the expiry job run twice at the same moment posts once', async () => {
    const members = [await makeMember(), await makeMember(), await makeMember()];
    await settings({ expiry: { kind: 'months', months: 1 } });
    for (const memberId of members) await adjust(memberId, 40);
    await travel(40);
    const runs = await Promise.all([runExpiry(), runExpiry()]);
    expect(runs[0]!.points + runs[1]!.points).toBe(120);
    expect(runs[0]!.lots + runs[1]!.lots).toBe(3);
    for (const memberId of members) {
      expect(await pointsEntries(memberId, 'points_expire')).toHaveLength(1);
      expect(await balanceOf(memberId)).toBe(0);
    }
  });
});

describe('manual adjustment', () => {
  it('needs ledger.adjust: a cashier is refused, a manager adds points with a reason, audited', async () => {
    const memberId = await makeMember();
    const denied = await cashier.post(
      `/api/v1/members/${memberId}/points/adjust`,
      { points: 10, reason: 'x' },
      keyed(),
    );
    expect(denied.statusCode).toBe(403);
    const body = await adjust(memberId, 25, '补录积分');
    expect(body).toMatchObject({ points: 25, reason: '补录积分', balance: 25 });
    const audit = await t.database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'points.adjust')
      .where('entityId', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.afterJson!)).toMatchObject({ memberId, points: 25, note: '补录积分' });
    const taken = await manager.post(
      `/api/v1/members/${memberId}/points/adjust`,
      { points: -5, reason: '扣回' },
      keyed(),
    );
    expect(taken.json()).toMatchObject({ points: -5, balance: 20 });
  });

  it.each([
    [{ points: 0, reason: 'r' }, 'POINTS_AMOUNT_INVALID'],
    [{ points: 1.5, reason: 'r' }, 'POINTS_AMOUNT_INVALID'],
    [{ points: 10 }, 'VALIDATION_FAILED'],
    [{ points: -1, reason: 'r' }, 'INSUFFICIENT_POINTS'],
  ])('refuses %j with %s', async (body, code) => {
    const memberId = await makeMember();
    const response = await manager.post(`/api/v1/members/${memberId}/points/adjust`, body, keyed());
    expect(response.json().code).toBe(code);
  });

  it('replays a retry with the same Idempotency-Key', async () => {
    const memberId = await makeMember();
    const key = randomUUID();
    const url = `/api/v1/members/${memberId}/points/adjust`;
    const first = await manager.post(url, { points: 40, reason: 'r' }, keyed(key));
    const retry = await manager.post(url, { points: 40, reason: 'r' }, keyed(key));
    expect(retry.json()).toEqual(first.json());
    expect(await balanceOf(memberId)).toBe(40);
  });
});

describe('redemption', () => {
  async function snapshot(memberId: string, giftId: string) {
    return {
      balance: await balanceOf(memberId),
      lots: await lotsOf(memberId),
      stock: await stockOf(giftId),
      redemptions: (await cashier.get(`/api/v1/members/${memberId}/redemptions`)).json().items.length,
      transactions: (await cashier.get(`/api/v1/members/${memberId}/ledger`)).json().items.length,
    };
  }

  it.each([
    ['beyond stock', { price: 10, stock: 2, limit: null, quantity: 3, points: 100 }, 'GIFT_OUT_OF_STOCK'],
    [
      'beyond the member limit',
      { price: 10, stock: 9, limit: 2, quantity: 3, points: 100 },
      'REDEMPTION_LIMIT_REACHED',
    ],
    [
      'beyond the points',
      { price: 60, stock: 9, limit: null, quantity: 2, points: 100 },
      'INSUFFICIENT_POINTS',
    ],
  ])('%s is refused with its own code and moves nothing', async (_, c, code) => {
    const memberId = await makeMember();
    await adjust(memberId, c.points);
    const giftId = await makeGift(c.price, c.stock, c.limit);
    const before = await snapshot(memberId, giftId);
    const response = await redeem(memberId, giftId, c.quantity);
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe(code);
    expect(await snapshot(memberId, giftId)).toEqual(before);
  });

  it('counts the limit over earlier redemptions, and a cancelled one frees its place', async () => {
    const memberId = await makeMember();
    await adjust(memberId, 100);
    const giftId = await makeGift(10, 9, 2);
    const first = (await redeem(memberId, giftId, 2)).json();
    expect((await redeem(memberId, giftId)).json().code).toBe('REDEMPTION_LIMIT_REACHED');
    await cashier.post(`/api/v1/redemptions/${first.id}/cancel`, {}, keyed());
    expect((await redeem(memberId, giftId)).statusCode).toBe(201);
  });

  it('needs a store and an active gift', async () => {
    const memberId = await makeMember();
    await adjust(memberId, 100);
    const giftId = await makeGift(10, 9);
    const noStore = await cashier.post(
      `/api/v1/members/${memberId}/redemptions`,
      { giftId },
      { headers: { 'idempotency-key': randomUUID() } },
    );
    expect(noStore.json().code).toBe('STORE_REQUIRED');
    await admin.patch(`/api/v1/gifts/${giftId}`, { active: false });
    expect((await redeem(memberId, giftId)).json().code).toBe('GIFT_INACTIVE');
    expect((await redeem(memberId, 'gift_01J00000000000000000000000')).json().code).toBe('GIFT_NOT_FOUND');
  });

  it('cancel gives back the points to their lots and the stock, once', async () => {
    const memberId = await makeMember();
    await adjust(memberId, 100);
    const giftId = await makeGift(30, 5);
    const redemption = (await redeem(memberId, giftId, 2)).json();
    expect(await stockOf(giftId)).toBe(3);
    expect(await balanceOf(memberId)).toBe(40);
    const cancel = await cashier.post(
      `/api/v1/redemptions/${redemption.id}/cancel`,
      { reason: '顾客不要了' },
      keyed(),
    );
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json()).toMatchObject({ status: 'cancelled', balance: 100, cancelReason: '顾客不要了' });
    expect(await stockOf(giftId)).toBe(5);
    expect(await lotsOf(memberId)).toMatchObject([{ amount: 100, remaining: 100 }]);
    const again = await cashier.post(`/api/v1/redemptions/${redemption.id}/cancel`, {}, keyed());
    expect(again.json().code).toBe('REDEMPTION_ALREADY_CANCELLED');
    expect(await stockOf(giftId)).toBe(5);
    expect(await balanceOf(memberId)).toBe(100);
    const listed = (await cashier.get(`/api/v1/members/${memberId}/redemptions`)).json().items;
    expect(listed).toMatchObject([{ id: redemption.id, status: 'cancelled', quantity: 2, points: 60 }]);
  });

  it('cancelling after the lot expired gives the points back already expired', async () => {
    const memberId = await makeMember();
    const giftId = await makeGift(30, 5);
    await settings({ expiry: { kind: 'months', months: 1 } });
    await adjust(memberId, 100);
    const redemption = (await redeem(memberId, giftId)).json();
    await travel(40);
    await runExpiry();
    expect(await balanceOf(memberId)).toBe(0);
    const cancel = await cashier.post(`/api/v1/redemptions/${redemption.id}/cancel`, {}, keyed());
    expect(cancel.json()).toMatchObject({ status: 'cancelled', balance: 30 });
    const [restored] = await lotsOf(memberId);
    expect(restored).toMatchObject({ amount: 30, remaining: 30, status: 'expired' });
    expect((await redeem(memberId, giftId)).json().code).toBe('INSUFFICIENT_POINTS');
    await runExpiry();
    expect(await balanceOf(memberId)).toBe(0);
  });

  it('one member at many tills at once cannot pass the per-member limit', async () => {
    const memberId = await makeMember();
    await adjust(memberId, 1000);
    const giftId = await makeGift(10, 50, 3);
    const answers = await Promise.all(Array.from({ length: 10 }, () => redeem(memberId, giftId)));
    const codes = answers.map((a) => (a.statusCode === 201 ? 'ok' : a.json().code));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(3);
    expect(codes.filter((c) => c === 'REDEMPTION_LIMIT_REACHED')).toHaveLength(7);
    expect(await stockOf(giftId)).toBe(47);
    expect(await balanceOf(memberId)).toBe(970);
  });

  it('lets exactly 5 of 20 simultaneous redemptions through a stock of 5', async () => {
    const members: string[] = [];
    for (let i = 0; i < 20; i++) {
      const memberId = await makeMember();
      await adjust(memberId, 50);
      members.push(memberId);
    }
    const giftId = await makeGift(50, 5);
    const answers = await Promise.all(members.map((memberId) => redeem(memberId, giftId)));
    const codes = answers.map((a) => (a.statusCode === 201 ? 'ok' : a.json().code));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(5);
    expect(codes.filter((c) => c === 'GIFT_OUT_OF_STOCK')).toHaveLength(15);
    expect(await stockOf(giftId)).toBe(0);
    const balances = await Promise.all(members.map(balanceOf));
    expect(balances.filter((b) => b === 0)).toHaveLength(5);
    expect(balances.filter((b) => b === 50)).toHaveLength(15);
  }, 60_000);
});

describe('points debt', () => {
  it('taking back spent earned points leaves a debt that blocks redemption until repaid', async () => {
    const memberId = await makeMember();
    const ctx = await contextOf(t.database.db, 'cashier', t.units.shanghai);
    const earned = await inTransaction(t.database.db, (trx) => earnPoints(trx, ctx, memberId, 100));
    await redeem(memberId, await makeGift(80, 5));
    const reversal = await inTransaction(t.database.db, (trx) =>
      reversePointsTransaction(trx, ctx, earned.transactionId, { note: '退货' }),
    );
    expect(reversal).toMatchObject({ points: -100, debt: 80 });
    expect(await balanceOf(memberId)).toBe(-80);
    const giftId = await makeGift(10, 5);
    const blocked = await redeem(memberId, giftId);
    expect(blocked.json()).toMatchObject({ code: 'POINTS_IN_DEBT' });
    await adjust(memberId, 90);
    expect(await balanceOf(memberId)).toBe(10);
    expect((await redeem(memberId, giftId)).statusCode).toBe(201);
    await expect(
      inTransaction(t.database.db, (trx) => reversePointsTransaction(trx, ctx, earned.transactionId)),
    ).rejects.toMatchObject({ code: 'ALREADY_REVERSED' });
  });

  it('is refused instead when the merchant does not allow a debt', async () => {
    await settings({ allowDebt: false });
    const memberId = await makeMember();
    const ctx = await contextOf(t.database.db, 'cashier', t.units.shanghai);
    const earned = await inTransaction(t.database.db, (trx) => earnPoints(trx, ctx, memberId, 100));
    await redeem(memberId, await makeGift(70, 5));
    await expect(
      inTransaction(t.database.db, (trx) => reversePointsTransaction(trx, ctx, earned.transactionId)),
    ).rejects.toMatchObject({ code: 'POINTS_ALREADY_SPENT', params: { spent: 70 } });
    expect(await balanceOf(memberId)).toBe(30);
  });
});
