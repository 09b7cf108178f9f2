// Stock: receiving, adjustments and stocktakes as movements with operator and reason; the
// guarded decrement that never goes below zero (also under concurrency) unless the store
// allows it; transfers between stores sent, received once or cancelled; low stock; store
// scope; and a movement inside a caller's transaction that rolls back with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../src/db/transaction.ts';
import { moveStock } from '../src/modules/stock/move.ts';
import type { CallContext } from '../src/platform/context.ts';
import { expectProblem, writesNothing } from './support/checks.ts';
import { type ApiClient, startTestApp, type TestApp } from './support/harness.ts';

let t: TestApp;
let admin: ApiClient;
let east: ApiClient;
let manager: ApiClient;
let cashier: ApiClient;
let cashier2: ApiClient;
let tea: string;
let rice: string;
let service: string;
let shanghaiOwn: string;

const at = (storeId: string) => ({ headers: { 'x-store-id': storeId } });

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
  east = await t.as('east');
  manager = await t.as('manager');
  cashier = await t.as('cashier');
  cashier2 = await t.as('cashier2');
  const create = async (body: Record<string, unknown>) => {
    const response = await admin.post('/api/v1/products', { retailPrice: 1000, ...body });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };
  tea = await create({ code: 'TEA', name: '龙井', reorderPoint: 10 });
  rice = await create({ code: 'RICE', name: '大米' });
  service = await create({ code: 'CUT', name: '理发', kind: 'service' });
  shanghaiOwn = await create({ code: 'SH-OWN', name: '上海自有', storeId: t.units.shanghai });
});
afterAll(() => t.close());

async function onHand(storeId: string, productId: string): Promise<number> {
  const response = await admin.get('/api/v1/stock', { query: { storeId, productId } });
  return response.json().items[0]?.onHand ?? Number.NaN;
}

async function movementCount(): Promise<number> {
  const row = await t.database.db
    .selectFrom('stockMovements')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('movements', () => {
  it('receives goods at the selected store, with the operator and the reason', async () => {
    const response = await manager.post(
      '/api/v1/stock/receive',
      {
        lines: [
          { productId: tea, quantity: 20 },
          { productId: rice, quantity: 5 },
        ],
        reason: '供应商送货 #A1',
      },
      at(t.units.shanghai),
    );
    expect(response.statusCode).toBe(200);
    const items = response.json().items;
    expect(items).toHaveLength(2);
    expect(items.find((m: { productId: string }) => m.productId === tea)).toMatchObject({
      kind: 'receive',
      quantity: 20,
      onHandAfter: 20,
      reason: '供应商送货 #A1',
      operatorId: manager.operatorId,
      storeId: t.units.shanghai,
    });
    expect(await onHand(t.units.shanghai, tea)).toBe(20);
  });

  it('adjusts with a required reason', async () => {
    const response = await manager.post('/api/v1/stock/adjust', {
      storeId: t.units.shanghai,
      productId: tea,
      quantity: -2,
      reason: '破损',
    });
    expect(response.json().items[0]).toMatchObject({
      kind: 'adjust',
      quantity: -2,
      onHandAfter: 18,
      reason: '破损',
    });
    expectProblem(
      await manager.post('/api/v1/stock/adjust', { storeId: t.units.shanghai, productId: tea, quantity: -1 }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('posts a stocktake as the difference from the books', async () => {
    const response = await manager.post('/api/v1/stock/stocktake', {
      storeId: t.units.shanghai,
      lines: [
        { productId: tea, counted: 15 },
        { productId: rice, counted: 5 },
      ],
      reason: '月末盘点',
    });
    const items = response.json().items;
    expect(items.find((m: { productId: string }) => m.productId === tea)).toMatchObject({
      kind: 'stocktake',
      quantity: -3,
      onHandAfter: 15,
      reason: '月末盘点',
    });
    expect(items.find((m: { productId: string }) => m.productId === rice)).toMatchObject({
      quantity: 0,
      onHandAfter: 5,
    });
  });

  it('lists movements newest first with the operator’s name', async () => {
    const response = await manager.get('/api/v1/stock/movements', { query: { productId: tea } });
    const kinds = response.json().items.map((m: { kind: string }) => m.kind);
    expect(kinds).toEqual(['stocktake', 'adjust', 'receive']);
    expect(response.json().items[0].operatorName).toEqual(expect.any(String));
    const adjusts = await manager.get('/api/v1/stock/movements', { query: { kind: 'adjust' } });
    expect(adjusts.json().items).toHaveLength(1);
  });

  it.each([
    ['a negative receipt', '/api/v1/stock/receive', { lines: [{ productId: 'TEA', quantity: -5 }] }],
    ['a fractional receipt', '/api/v1/stock/receive', { lines: [{ productId: 'TEA', quantity: 1.5 }] }],
    ['a zero adjustment', '/api/v1/stock/adjust', { productId: 'TEA', quantity: 0, reason: 'x' }],
    ['a negative count', '/api/v1/stock/stocktake', { lines: [{ productId: 'TEA', counted: -1 }] }],
    ['an absurd quantity', '/api/v1/stock/receive', { lines: [{ productId: 'TEA', quantity: 1e12 }] }],
  ])('refuses %s with QUANTITY_INVALID and changes nothing', async (_label, url, body) => {
    const payload = JSON.parse(JSON.stringify(body).replaceAll('"TEA"', JSON.stringify(tea)));
    const movements = await movementCount();
    await writesNothing(t, async () => {
      expectProblem(
        await manager.post(url, { storeId: t.units.shanghai, ...payload }),
        400,
        'QUANTITY_INVALID',
      );
    });
    expect(await movementCount()).toBe(movements);
    expect(await onHand(t.units.shanghai, tea)).toBe(15);
  });

  it('refuses stock for a service with STOCK_NOT_TRACKED', async () => {
    expectProblem(
      await manager.post('/api/v1/stock/receive', {
        storeId: t.units.shanghai,
        lines: [{ productId: service, quantity: 1 }],
      }),
      422,
      'STOCK_NOT_TRACKED',
    );
  });
});

describe('never below zero', () => {
  it('refuses to take more than is on hand with STOCK_INSUFFICIENT, and changes nothing', async () => {
    const movements = await movementCount();
    await writesNothing(t, async () => {
      const response = await manager.post(
        '/api/v1/stock/adjust',
        { storeId: t.units.shanghai, productId: tea, quantity: -16, reason: '盘亏' },
        { locale: 'zh-CN' },
      );
      const problem = expectProblem(response, 409, 'STOCK_INSUFFICIENT');
      expect(problem.detail).toContain('现有 15');
    });
    expect(await movementCount()).toBe(movements);
    expect(await onHand(t.units.shanghai, tea)).toBe(15);
  });

  it('lets exactly five of twenty concurrent takes of one succeed against five on hand', async () => {
    await manager
      .post('/api/v1/stock/receive', { storeId: t.units.hangzhou, lines: [{ productId: rice, quantity: 5 }] })
      .then((r) => {
        expectProblem(r, 404, 'STORE_NOT_FOUND');
      });
    await east.post('/api/v1/stock/receive', {
      storeId: t.units.hangzhou,
      lines: [{ productId: rice, quantity: 5 }],
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        east.post('/api/v1/stock/adjust', {
          storeId: t.units.hangzhou,
          productId: rice,
          quantity: -1,
          reason: '试吃',
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(5);
    expect(codes.filter((c) => c === 409)).toHaveLength(15);
    for (const refused of results.filter((r) => r.statusCode === 409))
      expect(refused.json().code).toBe('STOCK_INSUFFICIENT');
    expect(await onHand(t.units.hangzhou, rice)).toBe(0);
    const taken = await admin.get('/api/v1/stock/movements', {
      query: { storeId: t.units.hangzhou, kind: 'adjust' },
    });
    expect(taken.json().items).toHaveLength(5);
  });

  it('goes below zero only where the store allows it, and forbidding it again needs a count first', async () => {
    expectProblem(
      await manager.request('PATCH', `/api/v1/stock/settings/${t.units.shenzhen}`, {
        body: { allowNegativeStock: true },
      }),
      403,
      'FORBIDDEN',
    );
    const allow = await admin.request('PATCH', `/api/v1/stock/settings/${t.units.shenzhen}`, {
      body: { allowNegativeStock: true },
    });
    expect(allow.json()).toEqual({ storeId: t.units.shenzhen, allowNegativeStock: true });
    const sold = await admin.post('/api/v1/stock/adjust', {
      storeId: t.units.shenzhen,
      productId: tea,
      quantity: -3,
      reason: '先卖后补',
    });
    expect(sold.json().items[0].onHandAfter).toBe(-3);
    const forbid = () =>
      admin.request('PATCH', `/api/v1/stock/settings/${t.units.shenzhen}`, {
        body: { allowNegativeStock: false },
      });
    expectProblem(await forbid(), 409, 'STOCK_NEGATIVE_EXISTS');
    expect((await cashier2.get(`/api/v1/stock/settings/${t.units.shenzhen}`)).json().allowNegativeStock).toBe(
      true,
    );
    await admin.post('/api/v1/stock/stocktake', {
      storeId: t.units.shenzhen,
      lines: [{ productId: tea, counted: 0 }],
    });
    expect((await forbid()).json().allowNegativeStock).toBe(false);
    expectProblem(
      await admin.post('/api/v1/stock/adjust', {
        storeId: t.units.shenzhen,
        productId: tea,
        quantity: -1,
        reason: 'x',
      }),
      409,
      'STOCK_INSUFFICIENT',
    );
  });

  it('moves stock inside the caller’s transaction, so a later failure takes it back too', async () => {
    const operator = await t.database.db
      .selectFrom('operators')
      .select(['id', 'merchantId', 'unitId'])
      .where('id', '=', cashier.operatorId)
      .executeTakeFirstOrThrow();
    const ctx: CallContext = {
      actor: {
        kind: 'operator',
        operatorId: operator.id,
        merchantId: operator.merchantId,
        username: 'cashier',
        displayName: 'cashier',
        unitId: operator.unitId,
        sessionId: 'test',
        grants: [],
      },
      locale: 'en-US',
      requestId: 'test',
      ip: null,
      storeId: t.units.shanghai,
    };
    const movements = await movementCount();
    await expect(
      inTransaction(t.database.db, async (trx) => {
        const sale = await moveStock(trx, ctx, {
          storeId: t.units.shanghai,
          productId: tea,
          quantity: -4,
          kind: 'sale',
          refId: 'ord_1',
        });
        expect(sale.onHandAfter).toBe(11);
        throw new Error('payment declined');
      }),
    ).rejects.toThrow('payment declined');
    expect(await onHand(t.units.shanghai, tea)).toBe(15);
    expect(await movementCount()).toBe(movements);
    await expect(
      inTransaction(t.database.db, (trx) =>
        moveStock(trx, ctx, { storeId: t.units.shanghai, productId: tea, quantity: 4, kind: 'sale' }),
      ),
    ).rejects.toMatchObject({ code: 'QUANTITY_INVALID' });
  });
});

describe('transfers between stores', () => {
  it('sends from one store (down at once) and the destination receives it once', async () => {
    const sent = await manager.post(
      '/api/v1/stock/transfers',
      { toStoreId: t.units.hangzhou, lines: [{ productId: tea, quantity: 5 }], note: '支援杭州' },
      at(t.units.shanghai),
    );
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({
      status: 'sent',
      fromStoreId: t.units.shanghai,
      toStoreId: t.units.hangzhou,
    });
    expect(await onHand(t.units.shanghai, tea)).toBe(10);
    expect(await onHand(t.units.hangzhou, tea)).toBe(0);
    const id = sent.json().id;
    expectProblem(await manager.post(`/api/v1/stock/transfers/${id}/receive`), 403, 'FORBIDDEN');
    const received = await east.post(`/api/v1/stock/transfers/${id}/receive`);
    expect(received.json()).toMatchObject({ status: 'received', receivedBy: east.operatorId });
    expect(await onHand(t.units.hangzhou, tea)).toBe(5);
    expectProblem(await east.post(`/api/v1/stock/transfers/${id}/receive`), 409, 'TRANSFER_STATE_INVALID');
    expectProblem(
      await manager.post(`/api/v1/stock/transfers/${id}/cancel`, { reason: '晚了' }),
      409,
      'TRANSFER_STATE_INVALID',
    );
    expect(await onHand(t.units.hangzhou, tea)).toBe(5);
    const movements = (await admin.get('/api/v1/stock/movements', { query: { refId: id } })).json().items;
    expect(movements.map((m: { kind: string; quantity: number }) => [m.kind, m.quantity]).sort()).toEqual([
      ['transfer_in', 5],
      ['transfer_out', -5],
    ]);
  });

  it('receives a transfer only once when two try at the same moment', async () => {
    const sent = await east.post('/api/v1/stock/transfers', {
      fromStoreId: t.units.hangzhou,
      toStoreId: t.units.shanghai,
      lines: [{ productId: tea, quantity: 1 }],
    });
    const both = await Promise.all([
      manager.post(`/api/v1/stock/transfers/${sent.json().id}/receive`),
      manager.post(`/api/v1/stock/transfers/${sent.json().id}/receive`),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await onHand(t.units.shanghai, tea)).toBe(11);
  });

  it('cancels a sent transfer and puts the goods back', async () => {
    const sent = await manager.post('/api/v1/stock/transfers', {
      fromStoreId: t.units.shanghai,
      toStoreId: t.units.shenzhen,
      lines: [{ productId: tea, quantity: 4 }],
    });
    expect(await onHand(t.units.shanghai, tea)).toBe(7);
    const cancelled = await manager.post(`/api/v1/stock/transfers/${sent.json().id}/cancel`, {
      reason: '发错了',
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: '发错了' });
    expect(await onHand(t.units.shanghai, tea)).toBe(11);
    expectProblem(
      await admin.post(`/api/v1/stock/transfers/${sent.json().id}/receive`),
      409,
      'TRANSFER_STATE_INVALID',
    );
    expect(await onHand(t.units.shenzhen, tea)).toBe(0);
  });

  it('refuses a transfer of more than is on hand and writes no transfer at all', async () => {
    const before = await t.database.db.selectFrom('stockTransfers').select('id').execute();
    const response = await manager.post('/api/v1/stock/transfers', {
      fromStoreId: t.units.shanghai,
      toStoreId: t.units.hangzhou,
      lines: [
        { productId: rice, quantity: 1 },
        { productId: tea, quantity: 100 },
      ],
    });
    expectProblem(response, 409, 'STOCK_INSUFFICIENT');
    expect(await t.database.db.selectFrom('stockTransfers').select('id').execute()).toHaveLength(
      before.length,
    );
    expect(await onHand(t.units.shanghai, rice)).toBe(5);
  });

  it('refuses a transfer to the same store, or of a store’s own product', async () => {
    const to = (toStoreId: string, productId: string) =>
      manager.post('/api/v1/stock/transfers', {
        fromStoreId: t.units.shanghai,
        toStoreId,
        lines: [{ productId, quantity: 1 }],
      });
    await manager.post('/api/v1/stock/receive', {
      storeId: t.units.shanghai,
      lines: [{ productId: shanghaiOwn, quantity: 3 }],
    });
    expectProblem(await to(t.units.shanghai, tea), 422, 'TRANSFER_INVALID');
    expectProblem(await to(t.units.hangzhou, shanghaiOwn), 422, 'TRANSFER_INVALID');
  });
});

describe('scope and low stock', () => {
  it('shows a store its own stock and headquarters every store’s', async () => {
    const mine = (await manager.get('/api/v1/stock', { query: { limit: '200' } })).json().items;
    expect(new Set(mine.map((l: { storeId: string }) => l.storeId))).toEqual(new Set([t.units.shanghai]));
    expect(mine.map((l: { code: string }) => l.code).sort()).toEqual(['RICE', 'SH-OWN', 'TEA']);
    const all = (await admin.get('/api/v1/stock', { query: { limit: '200' } })).json().items;
    expect(new Set(all.map((l: { storeId: string }) => l.storeId))).toEqual(
      new Set([t.units.shanghai, t.units.hangzhou, t.units.shenzhen]),
    );
    expect(all.filter((l: { code: string }) => l.code === 'SH-OWN')).toHaveLength(1);
    const firstPage = (await admin.get('/api/v1/stock', { query: { limit: '2' } })).json();
    const secondPage = (
      await admin.get('/api/v1/stock', { query: { limit: '2', cursor: firstPage.nextCursor } })
    ).json();
    expect([...firstPage.items, ...secondPage.items]).toEqual(all.slice(0, 4));
  });

  it('keeps a store out of another store’s stock, movements and transfers', async () => {
    expectProblem(
      await manager.get('/api/v1/stock', { query: { storeId: t.units.shenzhen } }),
      404,
      'STORE_NOT_FOUND',
    );
    expectProblem(
      await manager.post('/api/v1/stock/receive', {
        storeId: t.units.shenzhen,
        lines: [{ productId: tea, quantity: 1 }],
      }),
      404,
      'STORE_NOT_FOUND',
    );
    const theirs = (await cashier2.get('/api/v1/stock/movements', { query: { limit: '200' } })).json().items;
    expect(theirs.every((m: { storeId: string }) => m.storeId === t.units.shenzhen)).toBe(true);
    const transfers = (await cashier2.get('/api/v1/stock/transfers')).json().items;
    expect(
      transfers.every((x: { fromStoreId: string; toStoreId: string }) =>
        [x.fromStoreId, x.toStoreId].includes(t.units.shenzhen),
      ),
    ).toBe(true);
    expectProblem(
      await cashier.post(
        '/api/v1/stock/adjust',
        { productId: tea, quantity: 1, reason: 'x' },
        at(t.units.shanghai),
      ),
      403,
      'FORBIDDEN',
    );
  });

  it('lists products at or below their reorder point, the store’s own overriding the default', async () => {
    const low = async (client: ApiClient) =>
      (await client.get('/api/v1/stock/low'))
        .json()
        .items.map((l: { storeId: string; code: string; onHand: number }) => [
          l.storeId === t.units.shanghai
            ? 'shanghai'
            : l.storeId === t.units.hangzhou
              ? 'hangzhou'
              : 'shenzhen',
          l.code,
          l.onHand,
        ]);
    expect((await low(admin)).sort()).toEqual([
      ['hangzhou', 'TEA', 4],
      ['shenzhen', 'TEA', 0],
    ]);
    const set = await manager.post('/api/v1/stock/reorder-points', {
      storeId: t.units.shanghai,
      productId: tea,
      reorderPoint: 12,
    });
    expect(set.json()).toMatchObject({ onHand: 11, reorderPoint: 12, low: true });
    expect(await low(manager)).toEqual([['shanghai', 'TEA', 11]]);
    await manager.post('/api/v1/stock/receive', {
      storeId: t.units.shanghai,
      lines: [{ productId: tea, quantity: 2 }],
    });
    expect(await low(manager)).toEqual([]);
    expect((await manager.get('/api/v1/stock', { query: { lowOnly: 'true' } })).json().items).toEqual([]);
  });
});
