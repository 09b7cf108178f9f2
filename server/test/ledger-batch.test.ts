// Batch recharge (企业批量充值): a dry run reports every bad row and moves nothing; the
// run recharges each good row once, with its bonus, and reports per row.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from './support/harness.ts';
import { checkLedgerInvariants, cleanReport } from './support/ledger-invariants.ts';

let t: TestApp;
let manager: ApiClient;
const mobiles = ['13811110001', '13811110002', '13811110003'];

beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.as('admin');
  manager = await t.as('manager');
  await admin.post('/api/v1/recharge-rules', {
    name: '充100送20',
    kind: 'tiers',
    tiers: [{ minFen: 10000, bonusFen: 2000 }],
  });
  for (const mobile of mobiles) {
    await manager.post(
      '/api/v1/members',
      { name: '企业员工', mobile, tags: ['企业客户'] },
      { headers: { 'x-store-id': t.units.shanghai } },
    );
  }
});
afterEach(async () => {
  expect(await checkLedgerInvariants(t.database.db)).toEqual(cleanReport);
});
afterAll(() => t.close());

const batch = (body: object, key = randomUUID()) =>
  manager.post('/api/v1/recharges/batch', body, { headers: { 'idempotency-key': key } });

const liability = async () =>
  (await (await t.as('admin')).get('/api/v1/ledger/liability')).json().total as number;

describe('batch recharge', () => {
  it('dry-runs a list, reporting every bad row with its code, and moves nothing', async () => {
    const before = await liability();
    const response = await batch({
      tender: 'bank_card',
      dryRun: true,
      rows: [
        { member: mobiles[0], amount: 10000 },
        { member: '13999999999', amount: 10000 },
        { member: mobiles[1], amount: 0 },
      ],
    });
    expect(response.statusCode).toBe(202);
    const job = response.json();
    expect(job).toMatchObject({ dryRun: true, status: 'succeeded', total: 3, succeeded: 1, failed: 2 });
    expect(
      job.results.map((r: { row: number; code: string | null; bonus: number }) => [r.row, r.code, r.bonus]),
    ).toEqual([
      [1, null, 2000],
      [2, 'MEMBER_NOT_FOUND', 0],
      [3, 'AMOUNT_NOT_POSITIVE', 0],
    ]);
    expect(await liability()).toBe(before);
  });

  it('recharges every member of a filter once, with bonus, and reports the totals', async () => {
    const before = await liability();
    const key = randomUUID();
    const response = await batch(
      {
        tender: 'bank_card',
        dryRun: false,
        amount: 10000,
        filter: { tag: '企业客户' },
        note: 'ACME 年终福利',
      },
      key,
    );
    const job = response.json();
    expect(job).toMatchObject({
      status: 'succeeded',
      total: 3,
      succeeded: 3,
      failed: 0,
      amountTotal: 30000,
      bonusTotal: 6000,
    });
    expect(await liability()).toBe(before + 36000);
    const again = await manager.get(`/api/v1/recharges/batch/${job.id}`);
    expect(again.json().processed).toBe(3);
    // Submitting the same request again (a double click) answers the same job and credits nobody twice.
    const resubmitted = await batch(
      {
        tender: 'bank_card',
        dryRun: false,
        amount: 10000,
        filter: { tag: '企业客户' },
        note: 'ACME 年终福利',
      },
      key,
    );
    expect(resubmitted.json().id).toBe(job.id);
    expect(await liability()).toBe(before + 36000);
  });

  it('refuses a request with both a filter and rows', async () => {
    const response = await batch({
      tender: 'cash',
      dryRun: true,
      amount: 100,
      rows: [{ member: mobiles[0], amount: 100 }],
    });
    expect(response.statusCode).toBe(400);
  });
});
