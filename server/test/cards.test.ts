// Cards: issuing, every step of a card's life and every step it may not take, the check
// each spend makes (state, PIN, lockout), replacement and renewal fees, scope and
// permissions, and one winner when tills race. Card types have their own file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, advanceClock, resetClock, todayIn } from '../src/platform/clock.ts';
import { type ApiClient, startTestApp, type TestApp } from './support/harness.ts';

let t: TestApp;
let admin: ApiClient;
let manager: ApiClient;
let cashier: ApiClient;
let cashier2: ApiClient;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
  manager = await t.as('manager');
  cashier = await t.as('cashier');
  cashier2 = await t.as('cashier2');
});
afterAll(() => t.close());

const day = 24 * 60 * 60 * 1000;
const atShanghai = () => ({ headers: { 'x-store-id': t.units.shanghai } });

type Card = { id: string; cardNo: string; memberId: string; status: string; expiresOn: string | null };

let mobiles = 0;
async function register(
  name = '持卡人',
  extra: Record<string, unknown> = {},
  client = cashier,
  storeId = t.units.shanghai,
) {
  const mobile = `1390000${String(++mobiles).padStart(4, '0')}`;
  const response = await client.post(
    '/api/v1/members',
    { name, mobile, ...extra },
    { headers: { 'x-store-id': storeId } },
  );
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string };
}

let typeNames = 0;
async function cardType(settings: Record<string, unknown> = {}) {
  const response = await admin.post('/api/v1/card-types', {
    name: `测试卡${++typeNames}`,
    named: true,
    storedValue: true,
    points: true,
    pinRequired: false,
    validity: { kind: 'none' },
    ...settings,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string };
}

function issue(memberId: string, body: Record<string, unknown>, client = cashier) {
  return client.post(`/api/v1/members/${memberId}/cards`, body, atShanghai());
}

/** A new member with one card of `typeId`. */
async function newCard(typeId: string, body: Record<string, unknown> = {}): Promise<Card> {
  const member = await register();
  const response = await issue(member.id, { cardTypeId: typeId, ...body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

function operate(client: ApiClient, cardNo: string, operation: string, body: unknown = {}) {
  return client.post(`/api/v1/cards/${cardNo}/${operation}`, body, atShanghai());
}

function verify(cardNo: string, body: Record<string, unknown> = {}, client = cashier) {
  return client.post(`/api/v1/cards/${cardNo}/verify`, body, atShanghai());
}

const cardRow = (cardNo: string) =>
  t.database.db.selectFrom('cards').selectAll().where('cardNo', '=', cardNo).executeTakeFirstOrThrow();
const feesOf = (memberId: string) =>
  t.database.db.selectFrom('cardFees').selectAll().where('memberId', '=', memberId).orderBy('id').execute();
const cardsOf = (memberId: string) =>
  t.database.db.selectFrom('cards').selectAll().where('memberId', '=', memberId).orderBy('id').execute();

async function auditOf(entityId: string, action: string, reader = admin) {
  const response = await reader.get('/api/v1/audit', { query: { entityId, action } });
  expect(response.statusCode).toBe(200);
  return response.json().items as Array<{
    actorId: string;
    unitId: string;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
  }>;
}

/** The Luhn check, written out here rather than borrowed from the code under test. */
function luhnValid(number: string): boolean {
  let sum = 0;
  [...number].reverse().forEach((char, i) => {
    const digit = Number(char) * (i % 2 === 1 ? 2 : 1);
    sum += digit > 9 ? digit - 9 : digit;
  });
  return sum % 10 === 0;
}

describe('issuing cards', () => {
  it('generates 16-digit numbers with a Luhn check digit, none a neighbour of another', async () => {
    const type = await cardType();
    const numbers: string[] = [];
    for (let i = 0; i < 5; i++) numbers.push((await newCard(type.id)).cardNo);
    for (const cardNo of numbers) {
      expect(cardNo).toMatch(/^\d{16}$/);
      expect(luhnValid(cardNo)).toBe(true);
      for (const neighbour of [BigInt(cardNo) - 1n, BigInt(cardNo) + 1n]) {
        expect(luhnValid(String(neighbour))).toBe(false);
        expect((await cashier.get(`/api/v1/cards/${neighbour}`)).json().code).toBe('CARD_NOT_FOUND');
      }
    }
    const sorted = numbers.map(BigInt).sort((a, b) => (a < b ? -1 : 1));
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThan(1_000_000n);
  });

  it('keeps an entered number without spaces and in upper case, and refuses it a second time', async () => {
    const type = await cardType();
    const first = await newCard(type.id, { cardNo: ' vip 2026 ab01 ' });
    expect(first.cardNo).toBe('VIP2026AB01');
    expect((await cashier.get('/api/v1/cards/vip2026ab01')).json().id).toBe(first.id);
    const other = await register();
    const before = await t.count('auditLog');
    const taken = await issue(other.id, { cardTypeId: type.id, cardNo: 'VIP 2026 AB01' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('CARD_NO_TAKEN');
    expect(taken.json().detail).toContain('VIP2026AB01');
    expect(await cardsOf(other.id)).toEqual([]);
    expect(await t.count('auditLog')).toBe(before);
    const bad = await issue(other.id, { cardTypeId: type.id, cardNo: 'no-such/number' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { field: string }) => f.field)).toEqual(['cardNo']);
  });

  it('records the join fee with its tender, store and operator, and audits the issue', async () => {
    const type = await cardType({ joinFee: 5000 });
    const card = await newCard(type.id, { feeTender: 'alipay' });
    expect(await feesOf(card.memberId)).toMatchObject([
      {
        cardId: card.id,
        kind: 'join',
        amountFen: 5000,
        tender: 'alipay',
        unitId: t.units.shanghai,
        operatorId: cashier.operatorId,
      },
    ]);
    const [entry] = await auditOf(card.id, 'cards.issue');
    expect(entry).toMatchObject({ actorId: cashier.operatorId, unitId: t.units.shanghai });
  });

  it('refuses a card to a cancelled member, writing nothing', async () => {
    const type = await cardType({ joinFee: 1000 });
    const member = await register();
    await cashier.post(`/api/v1/members/${member.id}/cancel`, { reason: '本人申请' });
    const before = await t.count('auditLog');
    const response = await issue(member.id, { cardTypeId: type.id });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('MEMBER_CANCELLED');
    expect(await cardsOf(member.id)).toEqual([]);
    expect(await feesOf(member.id)).toEqual([]);
    expect(await t.count('auditLog')).toBe(before);
  });

  it('refuses a field the API does not take, such as a status or a PIN hash', async () => {
    const type = await cardType();
    const member = await register();
    const response = await issue(member.id, { cardTypeId: type.id, status: 'frozen', pinHash: 'x' });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('UNKNOWN_FIELD');
    expect(await cardsOf(member.id)).toEqual([]);
  });

  it('refuses a card of an archived type as CARD_TYPE_NOT_FOUND', async () => {
    const type = await cardType();
    expect((await admin.patch(`/api/v1/card-types/${type.id}`, { status: 'archived' })).statusCode).toBe(200);
    const response = await issue((await register()).id, { cardTypeId: type.id });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('CARD_TYPE_NOT_FOUND');
  });
});

describe('subsidiary and group cards', () => {
  it('refuses a subsidiary card on a type that does not allow them', async () => {
    const type = await cardType();
    const member = await register();
    const response = await issue(member.id, { cardTypeId: type.id, role: 'subsidiary', holderName: '小明' });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('SUBSIDIARY_NOT_ALLOWED');
    expect(await cardsOf(member.id)).toEqual([]);
  });

  it('gives a subsidiary card the type’s default limit or the one asked for, and needs a holder', async () => {
    const type = await cardType({ subsidiaryAllowed: true, subsidiaryLimit: 50000 });
    const principal = await newCard(type.id);
    const child = await issue(principal.memberId, {
      cardTypeId: type.id,
      role: 'subsidiary',
      holderName: '小明',
    });
    expect(child.statusCode, child.body).toBe(201);
    expect(child.json()).toMatchObject({
      memberId: principal.memberId,
      role: 'subsidiary',
      holderName: '小明',
      spendLimit: 50000,
    });
    const own = await issue(principal.memberId, {
      cardTypeId: type.id,
      role: 'subsidiary',
      holderName: '小红',
      spendLimit: 20000,
    });
    expect(own.json()).toMatchObject({ holderName: '小红', spendLimit: 20000 });
    const nameless = await issue(principal.memberId, { cardTypeId: type.id, role: 'subsidiary' });
    expect(nameless.statusCode).toBe(400);
    expect(nameless.json().fields.map((f: { field: string }) => f.field)).toEqual(['holderName']);
    expect(await cardsOf(principal.memberId)).toHaveLength(3);
  });

  it('issues an organisation many holder cards, each with its own holder and limit', async () => {
    const type = await cardType();
    const company = await register('某某科技有限公司', { kind: 'organisation' });
    const holders = [
      ['员工甲', 100000],
      ['员工乙', 30000],
      ['员工丙', null],
    ] as const;
    for (const [holderName, spendLimit] of holders) {
      const response = await issue(company.id, { cardTypeId: type.id, holderName, spendLimit });
      expect(response.statusCode, response.body).toBe(201);
    }
    const list = await cashier.get(`/api/v1/members/${company.id}/cards`);
    expect(
      list
        .json()
        .items.map((c: { role: string; holderName: string; spendLimit: number | null }) => [
          c.role,
          c.holderName,
          c.spendLimit,
        ]),
    ).toEqual(holders.map(([name, limit]) => ['holder', name, limit]));
  });

  it('refuses a holder card for a person', async () => {
    const type = await cardType();
    const person = await register();
    const response = await issue(person.id, { cardTypeId: type.id, role: 'holder', holderName: '某人' });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toMatchObject([
      {
        field: 'role',
        code: 'holder_needs_organisation',
        message: 'Only an organisation can have holder cards',
      },
    ]);
    expect(await cardsOf(person.id)).toEqual([]);
  });
});

describe('a card’s life', () => {
  /** Applies a legal operation and checks the answer, the reason and the audit entry. */
  async function step(client: ApiClient, card: Card, operation: string, status: string) {
    const reason = `${operation} 测试原因`;
    const before = await t.count('auditLog');
    const response = await operate(client, card.cardNo, operation, { reason });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().card).toMatchObject({ cardNo: card.cardNo, status, statusReason: reason });
    expect(await t.count('auditLog')).toBe(before + 1);
    const entries = await auditOf(card.id, `cards.${operation}`);
    expect(entries[0]).toMatchObject({
      actorId: client.operatorId,
      unitId: t.units.shanghai,
      after: { status, reason, storeId: t.units.shanghai },
    });
    return response.json();
  }

  it('goes active ⇄ lost, active ⇄ frozen, lost → replaced, and any state → cancelled', async () => {
    const type = await cardType();
    const card = await newCard(type.id);
    await step(cashier, card, 'report-loss', 'lost');
    await step(cashier, card, 'cancel-loss', 'active');
    await step(manager, card, 'freeze', 'frozen');
    await step(manager, card, 'unfreeze', 'active');
    await step(cashier, card, 'report-loss', 'lost');
    const { newCard: replacement } = await step(cashier, card, 'replace', 'replaced');
    expect(replacement.status).toBe('active');
    await step(manager, replacement, 'cancel', 'cancelled');
    for (const from of ['lost', 'frozen']) {
      const other = await newCard(type.id);
      await operate(manager, other.cardNo, from === 'lost' ? 'report-loss' : 'freeze', {});
      await step(manager, other, 'cancel', 'cancelled');
    }
  });

  it('takes a reason-less call with no body at all', async () => {
    const card = await newCard((await cardType()).id);
    const response = await cashier.request('POST', `/api/v1/cards/${card.cardNo}/report-loss`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().card).toMatchObject({ status: 'lost', statusReason: null });
  });

  it('lets a manager freeze a card but not a cashier', async () => {
    const card = await newCard((await cardType()).id);
    for (const operation of ['freeze', 'cancel', 'change-type', 'reset-pin']) {
      const response = await operate(cashier, card.cardNo, operation, {});
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('FORBIDDEN');
    }
    expect((await cardRow(card.cardNo)).status).toBe('active');
    expect((await operate(manager, card.cardNo, 'freeze', { reason: '争议' })).statusCode).toBe(200);
  });

  it('answers CARD_NOT_FOUND for a card of another store’s member, and leaves it alone', async () => {
    const type = await cardType();
    const member = await register('深圳持卡人', {}, cashier2, t.units.shenzhen);
    const issued = await cashier2.post(
      `/api/v1/members/${member.id}/cards`,
      { cardTypeId: type.id },
      { headers: { 'x-store-id': t.units.shenzhen } },
    );
    expect(issued.statusCode).toBe(201);
    const { cardNo } = issued.json();
    const before = await cardRow(cardNo);
    const calls = [
      () => cashier.get(`/api/v1/cards/${cardNo}`),
      () => operate(cashier, cardNo, 'report-loss', {}),
      () => operate(manager, cardNo, 'freeze', {}),
      () => verify(cardNo),
    ];
    for (const call of calls) {
      const response = await call();
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('CARD_NOT_FOUND');
    }
    const list = await cashier.get(`/api/v1/members/${member.id}/cards`);
    expect(list.json().code).toBe('MEMBER_NOT_FOUND');
    expect(await cardRow(cardNo)).toEqual(before);
    expect((await cashier2.get(`/api/v1/cards/${cardNo}`)).statusCode).toBe(200);
  });
});

describe('operations a state does not allow', () => {
  const states = ['active', 'lost', 'frozen', 'expired', 'replaced', 'cancelled'] as const;
  type State = (typeof states)[number];
  const operations = [
    'report-loss',
    'cancel-loss',
    'freeze',
    'unfreeze',
    'replace',
    'cancel',
    'renew',
    'change-type',
  ] as const;
  /** The contract's transitions, written out independently of lifecycle.ts. */
  const legal: Record<State, string[]> = {
    active: ['report-loss', 'freeze', 'cancel', 'change-type'],
    lost: ['cancel-loss', 'replace', 'cancel'],
    frozen: ['unfreeze', 'cancel'],
    expired: ['renew', 'cancel'],
    replaced: ['cancel'],
    cancelled: [],
  };
  const cards = {} as Record<State, Card>;
  let replacement: Card;
  let renewable: Card;
  let otherType: { id: string };
  let fixedType: { id: string };
  let fixedCard: Card;
  let fixedUntil: string;
  let staff: ApiClient;

  beforeAll(async () => {
    const plain = await cardType({ replacementFee: 500 });
    const monthly = await cardType({ validity: { kind: 'months', months: 1 }, annualFee: 3000 });
    otherType = await cardType();
    cards.active = await newCard(plain.id);
    cards.lost = await newCard(plain.id);
    await operate(cashier, cards.lost.cardNo, 'report-loss', {});
    cards.frozen = await newCard(plain.id);
    await operate(manager, cards.frozen.cardNo, 'freeze', {});
    cards.replaced = await newCard(plain.id);
    await operate(cashier, cards.replaced.cardNo, 'report-loss', {});
    replacement = (await operate(cashier, cards.replaced.cardNo, 'replace', {})).json().newCard;
    cards.cancelled = await newCard(plain.id);
    await operate(manager, cards.cancelled.cardNo, 'cancel', {});
    cards.expired = await newCard(monthly.id);
    renewable = await newCard(monthly.id);
    fixedUntil = addDays(todayIn(t.config.timeZone), 10);
    fixedType = await cardType({ validity: { kind: 'fixed_date', date: fixedUntil }, annualFee: 3000 });
    fixedCard = await newCard(fixedType.id);
    // Past the one-month validity; sessions signed in before then have lapsed too.
    advanceClock(40 * day);
    staff = await t.as('manager');
  });
  afterAll(() => resetClock());

  const illegal = states.flatMap((state) =>
    operations.filter((op) => !legal[state].includes(op)).map((op) => [op, state] as const),
  );

  it('sees each card in the state it was driven to', async () => {
    for (const state of states) {
      expect((await staff.get(`/api/v1/cards/${cards[state].cardNo}`)).json().status).toBe(state);
    }
  });

  it.each(illegal)('refuses %s on a card that is %s, changing nothing', async (operation, state) => {
    const card = cards[state];
    const row = await cardRow(card.cardNo);
    const audit = await t.count('auditLog');
    const fees = await feesOf(card.memberId);
    const body = operation === 'change-type' ? { cardTypeId: otherType.id, reason: 'x' } : { reason: 'x' };
    const response = await operate(staff, card.cardNo, operation, body);
    expect(response.statusCode, response.body).toBe(409);
    expect(response.json().code).toBe('CARD_STATE_INVALID');
    expect(response.json().detail).toContain(state);
    expect(await cardRow(card.cardNo)).toEqual(row);
    expect(await cardsOf(card.memberId)).toHaveLength(state === 'replaced' ? 2 : 1);
    expect(await feesOf(card.memberId)).toEqual(fees);
    expect(await t.count('auditLog')).toBe(audit);
  });

  it('names the state and the operation in the caller’s language', async () => {
    const response = await staff.post(`/api/v1/cards/${cards.lost.cardNo}/freeze`, {}, { locale: 'zh-CN' });
    expect(response.json()).toMatchObject({
      code: 'CARD_STATE_INVALID',
      detail: '卡当前状态为挂失，不能冻结',
    });
    const english = await operate(staff, cards.expired.cardNo, 'change-type', { cardTypeId: otherType.id });
    expect(english.json().detail).toBe('The card is expired; it cannot be moved to another card type');
  });

  it.each([
    ['active', 200, 'the card'],
    ['lost', 409, 'CARD_LOST'],
    ['frozen', 409, 'CARD_FROZEN'],
    ['expired', 409, 'CARD_EXPIRED'],
    ['replaced', 409, 'CARD_CANCELLED'],
    ['cancelled', 409, 'CARD_CANCELLED'],
  ] as const)('answers a spend on a card that is %s with %i %s', async (state, status, code) => {
    const response = await verify(cards[state].cardNo, {}, staff);
    expect(response.statusCode).toBe(status);
    if (status === 200) expect(response.json().status).toBe('active');
    else expect(response.json().code).toBe(code);
  });

  it('will not renew or issue a card of a type whose fixed end date has passed', async () => {
    expect((await staff.get(`/api/v1/cards/${fixedCard.cardNo}`)).json().status).toBe('expired');
    const row = await cardRow(fixedCard.cardNo);
    const audit = await t.count('auditLog');
    const renew = await operate(staff, fixedCard.cardNo, 'renew', {});
    expect(renew.statusCode).toBe(422);
    expect(renew.json().code).toBe('CARD_TYPE_EXPIRED');
    expect(renew.json().detail).toContain(fixedUntil);
    expect(await cardRow(fixedCard.cardNo)).toEqual(row);
    expect(await feesOf(fixedCard.memberId)).toEqual([]);
    expect(await t.count('auditLog')).toBe(audit);
    const member = await register('新会员', {}, staff);
    const issued = await issue(member.id, { cardTypeId: fixedType.id }, staff);
    expect(issued.json().code).toBe('CARD_TYPE_EXPIRED');
    expect(await cardsOf(member.id)).toEqual([]);
  });

  it('lets the replacement of a replaced card be used', async () => {
    expect((await verify(replacement.cardNo, {}, staff)).statusCode).toBe(200);
  });

  it('renews an expired card from today and records the annual fee', async () => {
    const today = todayIn(t.config.timeZone);
    const response = await operate(staff, renewable.cardNo, 'renew', { reason: '续期', feeTender: 'wechat' });
    expect(response.statusCode, response.body).toBe(200);
    const card = response.json().card;
    expect(card).toMatchObject({ status: 'active', expiresOn: addDays(addMonths(today, 1), -1) });
    expect(card.expiresOn > (renewable.expiresOn ?? '')).toBe(true);
    expect(await feesOf(renewable.memberId)).toMatchObject([
      { kind: 'annual', amountFen: 3000, tender: 'wechat', cardId: renewable.id },
    ]);
    expect((await verify(renewable.cardNo, {}, staff)).statusCode).toBe(200);
    const [entry] = await auditOf(renewable.id, 'cards.renew', staff);
    expect(entry?.after).toMatchObject({ status: 'active', expiresOn: card.expiresOn });
  });
});

describe('replacing a lost card (补卡)', () => {
  it('issues a new active card to the same member, voids the old one and charges the fee', async () => {
    const type = await cardType({ replacementFee: 2000 });
    const old = await newCard(type.id, { cardNo: 'OLD00001' });
    await operate(cashier, old.cardNo, 'report-loss', { reason: '丢失' });
    const response = await operate(cashier, old.cardNo, 'replace', {
      reason: '补卡',
      newCardNo: 'new 00001',
      feeTender: 'wechat',
    });
    expect(response.statusCode, response.body).toBe(200);
    const { card, newCard: fresh } = response.json();
    expect(fresh).toMatchObject({
      cardNo: 'NEW00001',
      memberId: old.memberId,
      cardTypeId: type.id,
      status: 'active',
      replacesCardId: old.id,
    });
    expect(card).toMatchObject({ status: 'replaced', replacedByCardId: fresh.id });
    expect(await feesOf(old.memberId)).toMatchObject([
      { kind: 'replacement', amountFen: 2000, tender: 'wechat', unitId: t.units.shanghai },
    ]);
    expect((await verify(fresh.cardNo)).statusCode).toBe(200);
    expect((await verify(old.cardNo)).json().code).toBe('CARD_CANCELLED');
    const [entry] = await auditOf(old.id, 'cards.replace');
    expect(entry?.after).toMatchObject({ status: 'replaced', newCardNo: 'NEW00001' });
  });

  it('refuses a new number that is taken, and changes nothing', async () => {
    const type = await cardType({ replacementFee: 2000 });
    const taken = await newCard(type.id);
    const old = await newCard(type.id);
    await operate(cashier, old.cardNo, 'report-loss', {});
    const row = await cardRow(old.cardNo);
    const audit = await t.count('auditLog');
    const response = await operate(cashier, old.cardNo, 'replace', { newCardNo: taken.cardNo });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('CARD_NO_TAKEN');
    expect(await cardRow(old.cardNo)).toEqual(row);
    expect(await cardsOf(old.memberId)).toHaveLength(1);
    expect(await feesOf(old.memberId)).toEqual([]);
    expect(await t.count('auditLog')).toBe(audit);
  });
});

describe('changing a card’s type', () => {
  it('keeps whichever validity is longer, and audits the change', async () => {
    const year = await cardType({ validity: { kind: 'months', months: 12 } });
    const month = await cardType({ validity: { kind: 'months', months: 1 } });
    const forever = await cardType();
    const change = (card: Card, cardTypeId: string) =>
      operate(manager, card.cardNo, 'change-type', { cardTypeId, reason: '升级' });

    const long = await newCard(year.id);
    const down = await change(long, month.id);
    expect(down.statusCode, down.body).toBe(200);
    expect(down.json().card).toMatchObject({ cardTypeId: month.id, expiresOn: long.expiresOn });

    const short = await newCard(month.id);
    const up = (await change(short, year.id)).json().card;
    expect(up).toMatchObject({ cardTypeId: year.id, expiresOn: long.expiresOn });

    const endless = await newCard(forever.id);
    expect((await change(endless, month.id)).json().card).toMatchObject({
      cardTypeId: month.id,
      expiresOn: null,
    });
    expect((await change(short, forever.id)).json().card).toMatchObject({ expiresOn: null });

    const [entry] = await auditOf(long.id, 'cards.change-type');
    expect(entry).toMatchObject({
      actorId: manager.operatorId,
      before: { cardTypeId: year.id },
      after: { cardTypeId: month.id, reason: '升级' },
    });
  });

  it('will not move a card onto its own type, which would restart its validity for free', async () => {
    const year = await cardType({ validity: { kind: 'months', months: 12 } });
    const card = await newCard(year.id);
    const row = await cardRow(card.cardNo);
    const response = await operate(manager, card.cardNo, 'change-type', { cardTypeId: year.id });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toMatchObject([{ field: 'cardTypeId', code: 'unchanged' }]);
    expect(await cardRow(card.cardNo)).toEqual(row);
  });

  it('refuses a type without subsidiaries for a subsidiary card', async () => {
    const family = await cardType({ subsidiaryAllowed: true });
    const single = await cardType();
    const principal = await newCard(family.id);
    const child = (
      await issue(principal.memberId, { cardTypeId: family.id, role: 'subsidiary', holderName: '小明' })
    ).json();
    const response = await operate(manager, child.cardNo, 'change-type', { cardTypeId: single.id });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('SUBSIDIARY_NOT_ALLOWED');
    expect((await cardRow(child.cardNo)).cardTypeId).toBe(family.id);
  });
});

describe('the PIN', () => {
  let pinType: { id: string };
  const answers: string[] = [];
  /** Every answer of this block is kept, to look for the PIN hash afterwards. */
  async function check(cardNo: string, body: Record<string, unknown> = {}) {
    const response = await verify(cardNo, body);
    answers.push(response.body);
    return response;
  }
  beforeAll(async () => {
    pinType = await cardType({ pinRequired: true });
  });

  it('asks for the PIN a card type requires, and counts down the tries left on a wrong one', async () => {
    const card = await newCard(pinType.id, { pin: '246810' });
    const missing = await check(card.cardNo);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe('CARD_PIN_REQUIRED');
    for (const left of [4, 3, 2, 1]) {
      const wrong = await check(card.cardNo, { pin: '000000' });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json()).toMatchObject({
        code: 'CARD_PIN_INVALID',
        detail: `Wrong PIN; ${left} tries left`,
      });
    }
    const right = await check(card.cardNo, { pin: '246810' });
    expect(right.statusCode).toBe(200);
    const again = await check(card.cardNo, { pin: '111111' });
    expect(again.json().detail).toContain('4 tries left');
  });

  it('locks on the fifth wrong PIN, refuses even the right one, until a manager resets it', async () => {
    const card = await newCard(pinType.id, { pin: '246810' });
    for (let i = 0; i < 4; i++) await check(card.cardNo, { pin: '999999' });
    const fifth = await check(card.cardNo, { pin: '999999' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('CARD_PIN_LOCKED');
    const right = await check(card.cardNo, { pin: '246810' });
    expect(right.statusCode).toBe(423);
    expect(right.json().code).toBe('CARD_PIN_LOCKED');
    expect((await cashier.get(`/api/v1/cards/${card.cardNo}`)).json().pinLocked).toBe(true);

    const byCashier = await operate(cashier, card.cardNo, 'reset-pin', { pin: '135790' });
    expect(byCashier.statusCode).toBe(403);
    const reset = await operate(manager, card.cardNo, 'reset-pin', { pin: '135790', reason: '本人到店' });
    expect(reset.statusCode, reset.body).toBe(200);
    answers.push(reset.body);
    expect(reset.json().card).toMatchObject({ pinLocked: false, hasPin: true });
    expect((await check(card.cardNo, { pin: '246810' })).json().code).toBe('CARD_PIN_INVALID');
    expect((await check(card.cardNo, { pin: '135790' })).statusCode).toBe(200);
    expect(await auditOf(card.id, 'cards.reset-pin')).toMatchObject([
      { actorId: manager.operatorId, unitId: t.units.shanghai, after: { reason: '本人到店' } },
    ]);
  });

  it('will not issue a card of a PIN-required type without a PIN', async () => {
    const member = await register();
    const response = await issue(member.id, { cardTypeId: pinType.id });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields.map((f: { field: string }) => f.field)).toEqual(['pin']);
    expect(await cardsOf(member.id)).toEqual([]);
  });

  it('judges at most five guesses when many arrive at once', async () => {
    const card = await newCard(pinType.id, { pin: '246810' });
    const guesses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => check(card.cardNo, { pin: String(100000 + i) })),
    );
    const codes = guesses.map((g) => g.json().code);
    expect(codes.filter((c) => c === 'CARD_PIN_INVALID')).toHaveLength(4);
    expect(codes.filter((c) => c === 'CARD_PIN_LOCKED')).toHaveLength(16);
    expect((await cardRow(card.cardNo)).pinFailures).toBe(5);
    expect((await check(card.cardNo, { pin: '246810' })).json().code).toBe('CARD_PIN_LOCKED');
  });

  it('keeps the PIN hash out of every answer and every audit entry', async () => {
    const card = await newCard(pinType.id, { pin: '246810' });
    answers.push((await cashier.get(`/api/v1/cards/${card.cardNo}`)).body);
    answers.push((await cashier.get(`/api/v1/members/${card.memberId}/cards`)).body);
    await operate(cashier, card.cardNo, 'report-loss', {});
    const replaced = await operate(cashier, card.cardNo, 'replace', { pin: '112233' });
    answers.push(replaced.body);
    for (const body of answers) expect(body).not.toMatch(/argon2|pinHash/i);
    const audit = await admin.get('/api/v1/audit', { query: { entityType: 'card', limit: '200' } });
    expect(audit.json().items.length).toBeGreaterThan(10);
    expect(audit.body).not.toMatch(/argon2|pinHash|246810|112233/i);
    const stored = await t.database.db.selectFrom('auditLog').select(['beforeJson', 'afterJson']).execute();
    expect(JSON.stringify(stored)).not.toMatch(/argon2|pinHash|246810|112233/i);
  });
});

describe('tills racing on one card', () => {
  it('lets exactly one of ten simultaneous loss reports through, with one audit entry', async () => {
    const card = await newCard((await cardType()).id);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => operate(cashier, card.cardNo, 'report-loss', { reason: '丢失' })),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    for (const response of responses.filter((r) => r.statusCode !== 200)) {
      expect(response.statusCode).toBe(409);
      expect(['CARD_STATE_INVALID', 'CONFLICT']).toContain(response.json().code);
    }
    expect(await auditOf(card.id, 'cards.report-loss')).toHaveLength(1);
    expect((await cardRow(card.cardNo)).status).toBe('lost');
  });
});
