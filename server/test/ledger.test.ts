// Stored value through the API: recharge with bonus, spend by the merchant's order,
// refunds that mirror what they undo, bad amounts, card states and PINs, idempotency.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from './support/harness.ts';
import { checkLedgerInvariants, cleanReport } from './support/ledger-invariants.ts';

let t: TestApp;
let admin: ApiClient;
let cashier: ApiClient;
let manager: ApiClient;
let goldTypeId: string;
let plainTypeId: string;
const store = () => ({ 'x-store-id': t.units.shanghai });

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
  cashier = await t.as('cashier');
  manager = await t.as('manager');
  goldTypeId = (
    await admin.post('/api/v1/card-types', {
      name: '金卡',
      named: true,
      storedValue: true,
      points: true,
      pinRequired: true,
      validity: { kind: 'none' },
    })
  ).json().id;
  plainTypeId = (
    await admin.post('/api/v1/card-types', {
      name: '普通卡',
      named: true,
      storedValue: true,
      points: false,
      pinRequired: false,
      validity: { kind: 'none' },
    })
  ).json().id;
  const rule = await admin.post('/api/v1/recharge-rules', {
    name: '充100送20',
    kind: 'tiers',
    tiers: [
      { minFen: 10000, bonusFen: 2000 },
      { minFen: 50000, bonusFen: 12000 },
    ],
  });
  expect(rule.statusCode).toBe(201);
});
afterEach(async () => {
  expect(await checkLedgerInvariants(t.database.db)).toEqual(cleanReport);
});
afterAll(() => t.close());

let phone = 13_300_000_000;
async function memberWithCard(cardTypeId = plainTypeId, pin?: string) {
  phone += 1;
  const member = (
    await cashier.post('/api/v1/members', { name: '储值客', mobile: String(phone) }, { headers: store() })
  ).json();
  const card = (
    await cashier.post(`/api/v1/members/${member.id}/cards`, { cardTypeId, ...(pin ? { pin } : {}) })
  ).json();
  return { memberId: member.id as string, cardNo: card.cardNo as string };
}

const money = (client: ApiClient, url: string, body: unknown, key = randomUUID()) =>
  client.post(url, body, { headers: { ...store(), 'idempotency-key': key } });

describe('recharge', () => {
  it('credits principal and the rule’s bonus, spendable at once (充100送20)', async () => {
    const { memberId } = await memberWithCard();
    const response = await money(cashier, `/api/v1/members/${memberId}/recharges`, {
      amount: 10000,
      tender: 'wechat',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      amount: 10000,
      bonus: 2000,
      ruleName: '充100送20',
      tender: 'wechat',
    });
    expect(response.json().balances.storedValue).toEqual({ principal: 10000, bonus: 2000, total: 12000 });
    const spend = await money(cashier, `/api/v1/members/${memberId}/charges`, { amount: 12000 });
    expect(spend.statusCode).toBe(201);
    expect(spend.json().balances.storedValue.total).toBe(0);
  });

  it('previews the bonus before recharging', async () => {
    const preview = await cashier.get('/api/v1/recharge-rules/preview', {
      query: { amount: '60000' },
      headers: store(),
    });
    expect(preview.json()).toEqual({ bonus: 12000, ruleName: '充100送20' });
  });

  it.each([
    [0, 'AMOUNT_NOT_POSITIVE'],
    [-500, 'AMOUNT_NOT_POSITIVE'],
    [99.5, 'AMOUNT_NOT_INTEGER'],
    [1e12, 'AMOUNT_TOO_LARGE'],
  ])('refuses an amount of %s with %s and moves nothing', async (amount, code) => {
    const { memberId } = await memberWithCard();
    const before = await t.count('auditLog');
    const response = await money(cashier, `/api/v1/members/${memberId}/recharges`, {
      amount,
      tender: 'cash',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe(code);
    expect(await t.count('auditLog')).toBe(before);
  });

  it('needs an Idempotency-Key', async () => {
    const { memberId } = await memberWithCard();
    const response = await cashier.post(
      `/api/v1/members/${memberId}/recharges`,
      { amount: 100, tender: 'cash' },
      { headers: store() },
    );
    expect(response.json().code).toBe('IDEMPOTENCY_KEY_REQUIRED');
  });

  it('replays a retry with the same key and refuses the key with another body', async () => {
    const { memberId } = await memberWithCard();
    const key = randomUUID();
    const first = await money(
      cashier,
      `/api/v1/members/${memberId}/recharges`,
      { amount: 5000, tender: 'cash' },
      key,
    );
    const retry = await money(
      cashier,
      `/api/v1/members/${memberId}/recharges`,
      { amount: 5000, tender: 'cash' },
      key,
    );
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    const other = await money(
      cashier,
      `/api/v1/members/${memberId}/recharges`,
      { amount: 6000, tender: 'cash' },
      key,
    );
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    const balances = (await cashier.get(`/api/v1/members/${memberId}/balances`)).json();
    expect(balances.storedValue.principal).toBe(5000);
  });

  it('refuses a recharge onto a lost card', async () => {
    const { memberId, cardNo } = await memberWithCard();
    await cashier.post(`/api/v1/cards/${cardNo}/report-loss`, { reason: 'lost' });
    const response = await money(cashier, `/api/v1/members/${memberId}/recharges`, {
      amount: 1000,
      tender: 'cash',
      cardNo,
    });
    expect(response.json().code).toBe('CARD_LOST');
  });
});

describe('spending', () => {
  it('takes principal and bonus in proportion by default', async () => {
    const { memberId } = await memberWithCard();
    await money(cashier, `/api/v1/members/${memberId}/recharges`, { amount: 10000, tender: 'cash' });
    const spend = await money(cashier, `/api/v1/members/${memberId}/charges`, { amount: 6000 });
    expect(spend.json()).toMatchObject({ principal: 5000, bonus: 1000 });
  });

  it('refuses a spend beyond the balance with INSUFFICIENT_BALANCE', async () => {
    const { memberId } = await memberWithCard();
    await money(cashier, `/api/v1/members/${memberId}/recharges`, { amount: 1000, tender: 'cash' });
    const response = await money(cashier, `/api/v1/members/${memberId}/charges`, { amount: 1001 });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('INSUFFICIENT_BALANCE');
  });

  it('asks for the PIN when the card type requires one, and counts wrong ones', async () => {
    const { memberId, cardNo } = await memberWithCard(goldTypeId, '246810');
    await money(cashier, `/api/v1/members/${memberId}/recharges`, { amount: 5000, tender: 'cash' });
    expect((await money(cashier, `/api/v1/members/${memberId}/charges`, { amount: 100 })).json().code).toBe(
      'CARD_PIN_REQUIRED',
    );
    expect(
      (
        await money(cashier, `/api/v1/members/${memberId}/charges`, { amount: 100, cardNo, pin: '000000' })
      ).json().code,
    ).toBe('CARD_PIN_INVALID');
    const ok = await money(cashier, `/api/v1/members/${memberId}/charges`, {
      amount: 100,
      cardNo,
      pin: '246810',
    });
    expect(ok.statusCode).toBe(201);
  });

  it('refuses a spend on a frozen card with CARD_FROZEN', async () => {
    const { memberId, cardNo } = await memberWithCard();
    await money(cashier, `/api/v1/members/${memberId}/recharges`, { amount: 5000, tender: 'cash' });
    await manager.post(`/api/v1/cards/${cardNo}/freeze`, { reason: 'dispute' });
    const response = await money(cashier, `/api/v1/members/${memberId}/charges`, { amount: 100, cardNo });
    expect(response.json().code).toBe('CARD_FROZEN');
  });

  it('cannot dodge a frozen card by leaving its number out', async () => {
    const { memberId, cardNo } = await memberWithCard(goldTypeId, '135790');
    await money(cashier, `/api/v1/members/${memberId}/recharges`, { amount: 5000, tender: 'cash' });
    await manager.post(`/api/v1/cards/${cardNo}/freeze`, { reason: 'dispute' });
    const response = await money(cashier, `/api/v1/members/${memberId}/charges`, { amount: 100 });
    expect(response.json().code).toBe('CARD_FROZEN');
  });

  it('refunds a spend to the very accounts it came from, once', async () => {
    const { memberId } = await memberWithCard();
    await money(cashier, `/api/v1/members/${memberId}/recharges`, { amount: 10000, tender: 'cash' });
    const spend = (await money(cashier, `/api/v1/members/${memberId}/charges`, { amount: 6000 })).json();
    const refund = await money(cashier, `/api/v1/charges/${spend.id}/refund`, { reason: '退货' });
    expect(refund.statusCode).toBe(201);
    expect(refund.json().balances.storedValue).toEqual({ principal: 10000, bonus: 2000, total: 12000 });
    const again = await money(cashier, `/api/v1/charges/${spend.id}/refund`, { reason: '再退' });
    expect(again.json().code).toBe('ALREADY_REVERSED');
    const ofRefund = await money(cashier, `/api/v1/charges/${refund.json().id}/refund`, { reason: 'x' });
    expect(ofRefund.json().code).toBe('NOT_REVERSIBLE');
  });
});

describe('refunding a recharge', () => {
  it('takes back its unspent bonus', async () => {
    const { memberId } = await memberWithCard();
    const recharge = (
      await money(cashier, `/api/v1/members/${memberId}/recharges`, { amount: 10000, tender: 'cash' })
    ).json();
    const refund = await money(manager, `/api/v1/recharges/${recharge.id}/refund`, { reason: '顾客要求' });
    expect(refund.statusCode).toBe(201);
    expect(refund.json()).toMatchObject({ refunded: 10000, bonusTakenBack: 2000, spentBonusDeducted: 0 });
    expect(refund.json().balances.storedValue.total).toBe(0);
  });

  it('is refused once bonus was spent, unless a manager deducts it from the refund', async () => {
    const { memberId } = await memberWithCard();
    const recharge = (
      await money(cashier, `/api/v1/members/${memberId}/recharges`, { amount: 10000, tender: 'cash' })
    ).json();
    await money(cashier, `/api/v1/members/${memberId}/charges`, { amount: 1200 });
    const refused = await money(manager, `/api/v1/recharges/${recharge.id}/refund`, { reason: 'x' });
    expect(refused.json().code).toBe('RECHARGE_BONUS_SPENT');
    const cashierOverride = await money(cashier, `/api/v1/recharges/${recharge.id}/refund`, {
      reason: 'x',
      deductSpentBonus: true,
    });
    expect(cashierOverride.statusCode).toBe(403);
    // Proportional spend of 1200 took 1000 principal and 200 bonus: what is left goes back,
    // less the spent bonus, which never becomes cash.
    const partial = await money(manager, `/api/v1/recharges/${recharge.id}/refund`, {
      reason: 'x',
      deductSpentBonus: true,
    });
    expect(partial.statusCode).toBe(201);
    expect(partial.json()).toMatchObject({
      principalTakenBack: 9000,
      bonusTakenBack: 1800,
      spentBonusDeducted: 200,
      refunded: 8800,
    });
    expect(partial.json().balances.storedValue.total).toBe(0);
  });

  it('refunds only the unspent principal of a recharge without bonus, once a manager approves', async () => {
    const { memberId } = await memberWithCard();
    const recharge = (
      await money(cashier, `/api/v1/members/${memberId}/recharges`, { amount: 5000, tender: 'cash' })
    ).json();
    await money(cashier, `/api/v1/members/${memberId}/charges`, { amount: 1000 });
    const refused = await money(manager, `/api/v1/recharges/${recharge.id}/refund`, { reason: 'x' });
    expect(refused.json().code).toBe('RECHARGE_PARTLY_SPENT');
    expect(refused.json().detail).toContain('¥10.00');
    const approved = await money(manager, `/api/v1/recharges/${recharge.id}/refund`, {
      reason: 'x',
      deductSpentBonus: true,
    });
    expect(approved.json()).toMatchObject({ refunded: 4000, principalTakenBack: 4000 });
  });

  it('deducts the spent bonus when the principal is all there', async () => {
    const { memberId } = await memberWithCard();
    const first = (
      await money(cashier, `/api/v1/members/${memberId}/recharges`, { amount: 10000, tender: 'cash' })
    ).json();
    await money(cashier, `/api/v1/members/${memberId}/recharges`, { amount: 5000, tender: 'cash' });
    // Move bonus out: spend 3000 in proportion (principal 15000, bonus 2000) takes 352 bonus.
    await money(cashier, `/api/v1/members/${memberId}/charges`, { amount: 3000 });
    const refund = await money(manager, `/api/v1/recharges/${first.id}/refund`, {
      reason: 'x',
      deductSpentBonus: true,
    });
    expect(refund.statusCode).toBe(201);
    expect(refund.json()).toMatchObject({
      spentBonusDeducted: 352,
      bonusTakenBack: 1648,
      refunded: 10000 - 352,
    });
  });
});

describe('liability', () => {
  it('equals the sum of stored-value balances now, and is reportable at a past instant', async () => {
    const before = (await admin.get('/api/v1/ledger/liability')).json();
    const { memberId } = await memberWithCard();
    const instant = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await money(cashier, `/api/v1/members/${memberId}/recharges`, { amount: 10000, tender: 'cash' });
    const now = (await admin.get('/api/v1/ledger/liability')).json();
    expect(now.total - before.total).toBe(12000);
    const rows = await t.database.db.selectFrom('accounts').select(['kind', 'balance']).execute();
    const sum = rows.filter((r) => r.kind.startsWith('sv_')).reduce((s, r) => s + Number(r.balance), 0);
    expect(now.total).toBe(sum);
    const past = (await admin.get('/api/v1/ledger/liability', { query: { at: instant } })).json();
    expect(past.total).toBe(before.total);
    expect(now.scope).toBe('merchant');
    // A store manager sees what is owed to their store's members, not the merchant's total.
    const store = (await manager.get('/api/v1/ledger/liability')).json();
    expect(store.scope).toBe('stores');
    expect(store.total).toBeLessThanOrEqual(now.total);
    const shenzhen = await (await t.as('cashier2')).get('/api/v1/ledger/liability');
    expect(shenzhen.statusCode).toBe(403);
  });
});

describe('history', () => {
  it('lists every movement with its entries and balance after', async () => {
    const { memberId } = await memberWithCard();
    await money(cashier, `/api/v1/members/${memberId}/recharges`, { amount: 10000, tender: 'cash' });
    await money(cashier, `/api/v1/members/${memberId}/charges`, { amount: 600 });
    const history = (await cashier.get(`/api/v1/members/${memberId}/ledger`)).json();
    expect(history.items.map((i: { kind: string }) => i.kind)).toEqual(['spend', 'recharge']);
    expect(history.items[1].entries).toEqual(
      expect.arrayContaining([
        { account: 'sv_principal', amount: 10000, balanceAfter: 10000 },
        { account: 'sv_bonus', amount: 2000, balanceAfter: 2000 },
      ]),
    );
  });
});

describe('manual adjustment', () => {
  it('corrects a balance with a reason, by a manager only, and audits it', async () => {
    const { memberId } = await memberWithCard();
    const refused = await money(cashier, `/api/v1/members/${memberId}/stored-value/adjust`, {
      account: 'principal',
      amount: 500,
      reason: '补录',
    });
    expect(refused.statusCode).toBe(403);
    const noReason = await money(manager, `/api/v1/members/${memberId}/stored-value/adjust`, {
      account: 'principal',
      amount: 500,
    });
    expect(noReason.statusCode).toBe(400);
    const credit = await money(manager, `/api/v1/members/${memberId}/stored-value/adjust`, {
      account: 'bonus',
      amount: 500,
      reason: '活动补发',
    });
    expect(credit.statusCode).toBe(201);
    expect(credit.json().balances.storedValue.bonus).toBe(500);
    const overdraw = await money(manager, `/api/v1/members/${memberId}/stored-value/adjust`, {
      account: 'bonus',
      amount: -501,
      reason: '冲正',
    });
    expect(overdraw.json().code).toBe('INSUFFICIENT_BALANCE');
    const audit = await admin.get('/api/v1/audit', {
      query: { action: 'ledger.adjust', entityId: credit.json().id },
    });
    expect(audit.json().items[0].after).toMatchObject({ amount: 500, reason: '活动补发' });
  });
});

describe('history export', () => {
  it('downloads the history as CSV in the caller’s language and as xlsx', async () => {
    const { memberId } = await memberWithCard();
    await money(cashier, `/api/v1/members/${memberId}/recharges`, { amount: 10000, tender: 'cash' });
    await money(cashier, `/api/v1/members/${memberId}/charges`, { amount: 2500 });
    const csv = await cashier.get(`/api/v1/members/${memberId}/ledger/export`, {
      query: { format: 'csv' },
      locale: 'zh-CN',
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('attachment');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('类型');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('储值消费');
    expect(lines[1]).toContain(',25.00,');
    expect(lines[1]).toMatch(/,-\d+\.\d{2},/);
    const xlsx = await cashier.get(`/api/v1/members/${memberId}/ledger/export`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.rowCount).toBe(3);
  });

  it('answers 404 for a member outside the caller’s scope', async () => {
    const other = await t.as('cashier2');
    const { memberId } = await memberWithCard();
    const response = await other.get(`/api/v1/members/${memberId}/ledger/export`);
    expect(response.statusCode).toBe(404);
  });
});

describe('recharge detail report', () => {
  it('lists recharges with bonus, store and refund, scoped to the caller’s stores, and exports them', async () => {
    const { memberId } = await memberWithCard();
    const recharge = (
      await money(cashier, `/api/v1/members/${memberId}/recharges`, { amount: 10000, tender: 'alipay' })
    ).json();
    await money(manager, `/api/v1/recharges/${recharge.id}/refund`, { reason: '退' });
    const all = (await admin.get('/api/v1/ledger/recharges', { query: { tender: 'alipay' } })).json();
    const row = all.items.find((r: { id: string }) => r.id === recharge.id);
    expect(row).toMatchObject({ amount: 10000, bonus: 2000, tender: 'alipay', unitName: '上海南京路店' });
    expect(row.refundedById).not.toBeNull();
    const east = await t.as('east');
    expect(
      (await east.get('/api/v1/ledger/recharges')).json().items.map((r: { id: string }) => r.id),
    ).toContain(recharge.id);
    const south = await admin.get('/api/v1/ledger/recharges', { query: { storeId: t.units.shenzhen } });
    expect(south.json().items).toEqual([]);
    const csv = await admin.get('/api/v1/ledger/recharges/export', {
      query: { format: 'csv', tender: 'alipay' },
      locale: 'zh-CN',
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('充值金额');
    expect(csv.body).toContain('100.00,20.00');
  });
});
