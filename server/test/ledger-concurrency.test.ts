// The ledger under concurrency: many tills spending one balance can never overdraw it,
// one idempotency key sent many times at once moves money once, and random sequences of
// operations keep every invariant after each step.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from './support/harness.ts';
import { checkLedgerInvariants, cleanReport } from './support/ledger-invariants.ts';

let t: TestApp;
let cashier: ApiClient;
let manager: ApiClient;
let cardTypeId: string;
const headers = (key = randomUUID()) => ({ 'x-store-id': t.units.shanghai, 'idempotency-key': key });

beforeAll(async () => {
  t = await startTestApp({ poolSize: 50 });
  const admin = await t.as('admin');
  cashier = await t.as('cashier');
  manager = await t.as('manager');
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
});
afterAll(() => t.close());

let phone = 13_400_000_000;
async function fundedMember(amount: number) {
  phone += 1;
  const member = (
    await cashier.post(
      '/api/v1/members',
      { name: '并发', mobile: String(phone) },
      { headers: { 'x-store-id': t.units.shanghai } },
    )
  ).json();
  await cashier.post(`/api/v1/members/${member.id}/cards`, { cardTypeId });
  if (amount > 0) {
    const recharge = await cashier.post(
      `/api/v1/members/${member.id}/recharges`,
      { amount, tender: 'cash' },
      { headers: headers() },
    );
    expect(recharge.statusCode).toBe(201);
  }
  return member.id as string;
}

/** Runs `tasks` with at most `width` in flight, like that many tills. */
async function inParallel<T>(tasks: Array<() => Promise<T>>, width: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!();
      }
    }),
  );
  return results;
}

describe('concurrent spending', () => {
  it('lets exactly 100 of 1,000 concurrent 1.00 debits through a 100.00 balance', async () => {
    const memberId = await fundedMember(10000);
    const answers = await inParallel(
      Array.from(
        { length: 1000 },
        () => () =>
          cashier.post(`/api/v1/members/${memberId}/charges`, { amount: 100 }, { headers: headers() }),
      ),
      50,
    );
    const codes = answers.map((a) => (a.statusCode === 201 ? 'ok' : a.json().code));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(100);
    expect(codes.filter((c) => c === 'INSUFFICIENT_BALANCE')).toHaveLength(900);
    const balances = (await cashier.get(`/api/v1/members/${memberId}/balances`)).json();
    expect(balances.storedValue.total).toBe(0);
    expect(await checkLedgerInvariants(t.database.db)).toEqual(cleanReport);
  }, 120_000);

  it('moves money once for one idempotency key sent 20 times at once, with 20 equal answers', async () => {
    const memberId = await fundedMember(0);
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        cashier.post(
          `/api/v1/members/${memberId}/recharges`,
          { amount: 3000, tender: 'alipay' },
          { headers: headers(key) },
        ),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    const balances = (await cashier.get(`/api/v1/members/${memberId}/balances`)).json();
    expect(balances.storedValue.principal).toBe(3000);
    const recharges = await t.database.db
      .selectFrom('ledgerTransactions')
      .select('id')
      .where('memberId', '=', memberId)
      .where('kind', '=', 'recharge')
      .execute();
    expect(recharges).toHaveLength(1);
  });

  it('refunds a spend once when two tills refund it at the same moment', async () => {
    const memberId = await fundedMember(5000);
    const spend = (
      await cashier.post(`/api/v1/members/${memberId}/charges`, { amount: 1000 }, { headers: headers() })
    ).json();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        cashier.post(`/api/v1/charges/${spend.id}/refund`, { reason: '退' }, { headers: headers() }),
      ),
    );
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.statusCode !== 201).map((a) => a.json().code)).toEqual(
      Array(9).fill('ALREADY_REVERSED'),
    );
    expect(await checkLedgerInvariants(t.database.db)).toEqual(cleanReport);
  });
});

type Step =
  | { op: 'recharge'; amount: number }
  | { op: 'spend'; amount: number }
  | { op: 'refundSpend'; pick: number }
  | { op: 'refundRecharge'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('recharge' as const), amount: fc.integer({ min: 1, max: 60000 }) }),
  fc.record({ op: fc.constant('spend' as const), amount: fc.integer({ min: 1, max: 30000 }) }),
  fc.record({ op: fc.constant('refundSpend' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('refundRecharge' as const), pick: fc.nat() }),
);

describe('random sequences', () => {
  it('keep every invariant after each step, and the balance equals what the answers say', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const memberId = await fundedMember(0);
        const spends: string[] = [];
        const recharges: string[] = [];
        let expected = 0;
        for (const s of steps) {
          if (s.op === 'recharge') {
            const r = await cashier.post(
              `/api/v1/members/${memberId}/recharges`,
              { amount: s.amount, tender: 'cash' },
              { headers: headers() },
            );
            expect(r.statusCode).toBe(201);
            recharges.push(r.json().id);
            expected += s.amount + r.json().bonus;
          } else if (s.op === 'spend') {
            const r = await cashier.post(
              `/api/v1/members/${memberId}/charges`,
              { amount: s.amount },
              { headers: headers() },
            );
            if (r.statusCode === 201) {
              spends.push(r.json().id);
              expected -= s.amount;
            } else expect(r.json().code).toBe('INSUFFICIENT_BALANCE');
          } else if (s.op === 'refundSpend' && spends.length > 0) {
            const id = spends.splice(s.pick % spends.length, 1)[0]!;
            const r = await cashier.post(
              `/api/v1/charges/${id}/refund`,
              { reason: 'p' },
              { headers: headers() },
            );
            expect(r.statusCode).toBe(201);
            expected += r.json().principal + r.json().bonus;
          } else if (s.op === 'refundRecharge' && recharges.length > 0) {
            const id = recharges.splice(s.pick % recharges.length, 1)[0]!;
            const r = await manager.post(
              `/api/v1/recharges/${id}/refund`,
              { reason: 'p', deductSpentBonus: true },
              { headers: headers() },
            );
            if (r.statusCode === 201)
              expected -= r.json().refunded + r.json().bonusTakenBack + r.json().spentBonusDeducted;
            else expect(r.json().code).toBe('INSUFFICIENT_BALANCE');
          }
          const total = (await cashier.get(`/api/v1/members/${memberId}/balances`)).json().storedValue.total;
          expect(total).toBe(expected);
          expect(total).toBeGreaterThanOrEqual(0);
        }
        expect(await checkLedgerInvariants(t.database.db)).toEqual(cleanReport);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
