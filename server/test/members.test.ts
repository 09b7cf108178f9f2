// Members: registering, finding by every form of the search box, masking, custom fields,
// lunar birthdays, cancel and restore, and follow-ups.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from './support/harness.ts';

let t: TestApp;
let admin: ApiClient;
let cashier: ApiClient;
let manager: ApiClient;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
  cashier = await t.as('cashier');
  manager = await t.as('manager');
});
afterAll(() => t.close());

async function register(client: ApiClient, body: Record<string, unknown>) {
  const response = await client.post('/api/v1/members', body, {
    headers: { 'x-store-id': t.units.shanghai },
  });
  return response;
}

describe('registering members', () => {
  it('registers a member at the selected store with a masked phone in the answer', async () => {
    const response = await register(cashier, {
      name: '张三丰',
      mobile: '+86 138-0013-8000',
      gender: 'male',
      birthday: { calendar: 'solar', month: 5, day: 20, year: 1990 },
      tags: ['VIP', 'VIP', 'coffee'],
      marketingConsent: true,
    });
    expect(response.statusCode).toBe(201);
    const member = response.json();
    expect(member).toMatchObject({
      name: '张三丰',
      mobile: '138****8000',
      masked: true,
      homeStoreId: t.units.shanghai,
      source: 'store',
      tags: ['VIP', 'coffee'],
      marketingConsent: true,
      status: 'active',
    });
    expect(member.birthday).toMatchObject({ calendar: 'solar', month: 5, day: 20, solarMonthThisYear: 5 });
  });

  it('refuses a phone number another member already has, in any written form', async () => {
    const response = await register(cashier, { name: '李四', mobile: '13800138000' });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('MOBILE_TAKEN');
  });

  it.each([
    ['not a phone', { mobile: '12345' }, 'mobile'],
    ['February 30', { birthday: { calendar: 'solar', month: 2, day: 30 } }, 'birthday'],
    ['lunar month 13', { birthday: { calendar: 'lunar', month: 13, day: 1 } }, 'birthday.month'],
    [
      'a leap month the year lacks',
      { birthday: { calendar: 'lunar', month: 3, day: 1, year: 2026, leapMonth: true } },
      'birthday',
    ],
  ])('refuses %s, naming the field', async (_label, change, field) => {
    const before = await t.count('auditLog');
    const response = await register(cashier, { name: '王五', mobile: '13900139000', ...change });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await t.count('auditLog')).toBe(before);
  });

  it('converts a lunar birthday to this year’s solar month', async () => {
    const response = await register(cashier, {
      name: '中秋',
      mobile: '13900000815',
      birthday: { calendar: 'lunar', month: 8, day: 15 },
    });
    expect(response.statusCode).toBe(201);
    const { birthday } = response.json();
    expect(birthday.calendar).toBe('lunar');
    // The Mid-Autumn festival falls in September or early October on the solar calendar.
    expect([9, 10]).toContain(birthday.solarMonthThisYear);
  });

  it('accepts an international number in E.164', async () => {
    const response = await register(cashier, { name: 'Alice Smith', mobile: '+44 7911 123456' });
    expect(response.statusCode).toBe(201);
    expect(response.json().mobile).toBe('+44****3456');
  });
});

describe('finding members', () => {
  it.each([
    ['the full phone', '13800138000'],
    ['the last four digits', '8000'],
    ['the name prefix', '张三'],
    ['pinyin initials', 'zsf'],
  ])('finds a member by %s', async (_label, q) => {
    const response = await cashier.get('/api/v1/members', { query: { q } });
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((m: { name: string }) => m.name)).toContain('张三丰');
  });

  it('finds a member by card number', async () => {
    const types = await admin.post('/api/v1/card-types', {
      name: '储值卡',
      named: true,
      storedValue: true,
      points: true,
      pinRequired: false,
      validity: { kind: 'none' },
    });
    expect(types.statusCode).toBe(201);
    const found = (await cashier.get('/api/v1/members', { query: { q: '13800138000' } })).json().items[0];
    const card = await cashier.post(`/api/v1/members/${found.id}/cards`, { cardTypeId: types.json().id });
    expect(card.statusCode).toBe(201);
    const response = await cashier.get('/api/v1/members', { query: { q: card.json().cardNo } });
    expect(response.json().items.map((m: { id: string }) => m.id)).toEqual([found.id]);
  });

  it('keeps members of other stores out of a cashier’s search, and answers 404 for them', async () => {
    const other = await t.as('cashier2');
    const shenzhen = await other.post(
      '/api/v1/members',
      { name: '深圳会员', mobile: '13700137000' },
      { headers: { 'x-store-id': t.units.shenzhen } },
    );
    expect(shenzhen.statusCode).toBe(201);
    const search = await cashier.get('/api/v1/members', { query: { q: '13700137000' } });
    expect(search.json().items).toEqual([]);
    const direct = await cashier.get(`/api/v1/members/${shenzhen.json().id}`);
    expect(direct.statusCode).toBe(404);
    expect(direct.json().code).toBe('MEMBER_NOT_FOUND');
    const hq = await admin.get('/api/v1/members', { query: { q: '13700137000' } });
    expect(hq.json().items).toHaveLength(1);
  });

  it('pages through results with a cursor, each member once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const response = await admin.get('/api/v1/members', {
        query: { limit: '2', ...(cursor ? { cursor } : {}) },
      });
      const body = response.json();
      seen.push(...body.items.map((m: { id: string }) => m.id));
      cursor = body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.length).toBe(4);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('filters by tag, home store and birthday month', async () => {
    const byTag = await admin.get('/api/v1/members', { query: { tag: 'VIP' } });
    expect(byTag.json().items.map((m: { name: string }) => m.name)).toEqual(['张三丰']);
    const byStore = await admin.get('/api/v1/members', { query: { homeStoreId: t.units.shenzhen } });
    expect(byStore.json().items.map((m: { name: string }) => m.name)).toEqual(['深圳会员']);
    const byMonth = await admin.get('/api/v1/members', { query: { birthdayMonth: '5' } });
    expect(byMonth.json().items.map((m: { name: string }) => m.name)).toEqual(['张三丰']);
  });
});

describe('personal data', () => {
  it('shows the phone only to holders of members.pii who ask, and audits that read', async () => {
    const member = (await admin.get('/api/v1/members', { query: { q: '13800138000' } })).json().items[0];
    const plain = await cashier.get(`/api/v1/members/${member.id}`, { query: { reveal: 'true' } });
    expect(plain.json()).toMatchObject({ mobile: '138****8000', masked: true });
    const before = await t.count('auditLog');
    const revealed = await manager.get(`/api/v1/members/${member.id}`, { query: { reveal: 'true' } });
    expect(revealed.json()).toMatchObject({ mobile: '13800138000', masked: false });
    expect(await t.count('auditLog')).toBe(before + 1);
    const audit = await admin.get('/api/v1/audit', {
      query: { action: 'members.reveal', entityId: member.id },
    });
    expect(audit.json().items[0].actorName).toBe('manager');
  });
});

describe('custom fields', () => {
  it('validates values against the merchant’s definitions', async () => {
    const field = await admin.post('/api/v1/member-fields', {
      key: 'car_plate',
      label: '车牌',
      type: 'text',
    });
    expect(field.statusCode).toBe(201);
    const choice = await admin.post('/api/v1/member-fields', {
      key: 'size',
      label: '尺码',
      type: 'single',
      options: ['S', 'M', 'L'],
    });
    expect(choice.statusCode).toBe(201);
    const ok = await register(cashier, {
      name: '赵六',
      mobile: '13600136000',
      custom: { car_plate: '沪A12345', size: 'M' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().custom).toEqual({ car_plate: '沪A12345', size: 'M' });
    const bad = await register(cashier, {
      name: '钱七',
      mobile: '13600136001',
      custom: { size: 'XXL', colour: 'red' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('CUSTOM_FIELD_INVALID');
    expect(
      bad
        .json()
        .fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`)
        .sort(),
    ).toEqual(['custom.colour:unknown_field', 'custom.size:option_unknown']);
  });
});

describe('membership status and follow-ups', () => {
  it('cancels with a reason, refuses a second cancel, and restores', async () => {
    const member = (await register(cashier, { name: '孙八', mobile: '13500135000' })).json();
    const cancelled = await cashier.post(`/api/v1/members/${member.id}/cancel`, { reason: '本人申请' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', statusReason: '本人申请' });
    const again = await cashier.post(`/api/v1/members/${member.id}/cancel`, { reason: 'again' });
    expect(again.json().code).toBe('MEMBER_STATE_INVALID');
    const restored = await cashier.post(`/api/v1/members/${member.id}/restore`, { reason: '误操作' });
    expect(restored.json().status).toBe('active');
  });

  it('records follow-ups and lists those due', async () => {
    const member = (await register(cashier, { name: '周九', mobile: '13500135001' })).json();
    const today = new Date().toISOString().slice(0, 10);
    const added = await cashier.post(`/api/v1/members/${member.id}/follow-ups`, {
      channel: 'phone',
      content: '询问满意度',
      outcome: '满意',
      nextFollowUpOn: '2099-01-01',
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({
      channel: 'phone',
      done: false,
      operatorName: expect.stringContaining('刘'),
    });
    const due = await cashier.get('/api/v1/follow-ups/due', { query: { until: '2099-12-31' } });
    expect(due.json().items.map((f: { memberId: string }) => f.memberId)).toContain(member.id);
    const notYet = await cashier.get('/api/v1/follow-ups/due', { query: { until: today } });
    expect(notYet.json().items.map((f: { memberId: string }) => f.memberId)).not.toContain(member.id);
    const list = await cashier.get(`/api/v1/members/${member.id}/follow-ups`);
    expect(list.json().items).toHaveLength(1);
  });
});

describe('masked values', () => {
  it('refuses to store a masked email or address sent back as if it were real', async () => {
    const member = (
      await register(cashier, {
        name: '掩码',
        mobile: '13500135999',
        email: 'alice@example.com',
        address: '上海市黄浦区南京东路100号',
      })
    ).json();
    expect(member.email).toBe('a***@example.com');
    const email = await cashier.patch(`/api/v1/members/${member.id}`, { email: member.email });
    expect(email.statusCode).toBe(400);
    expect(email.json().fields[0].field).toBe('email');
    const address = await cashier.patch(`/api/v1/members/${member.id}`, { address: member.address });
    expect(address.json().fields[0]).toMatchObject({ field: 'address', code: 'masked_value' });
    const revealed = await manager.get(`/api/v1/members/${member.id}`, { query: { reveal: 'true' } });
    expect(revealed.json()).toMatchObject({
      email: 'alice@example.com',
      address: '上海市黄浦区南京东路100号',
    });
  });

  it('sends no header that would push a LAN till to https', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(String(response.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });
});
