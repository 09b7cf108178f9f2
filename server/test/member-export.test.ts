// Member export: the list's filters, CSV with a BOM and xlsx, headers in the caller's
// language, masked personal data unless a manager asks to reveal it (audited), the store
// scope, paging through more members than one page, and who may export at all.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from './support/harness.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyuan-export-'));
let t: TestApp;
let admin: ApiClient;
let manager: ApiClient;
let cashier: ApiClient;

async function register(body: Record<string, unknown>, storeId: string): Promise<string> {
  const response = await admin.post('/api/v1/members', body, { headers: { 'x-store-id': storeId } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

beforeAll(async () => {
  t = await startTestApp({ env: { HUIYUAN_DATA_DIR: dataDir } });
  admin = await t.as('admin');
  manager = await t.as('manager');
  cashier = await t.as('cashier');
  const field = await admin.post('/api/v1/member-fields', {
    key: 'car_plate',
    label: '车牌号',
    type: 'text',
  });
  expect(field.statusCode).toBe(201);
  const type = await admin.post('/api/v1/card-types', {
    name: '金卡',
    named: true,
    storedValue: true,
    points: true,
    pinRequired: false,
    validity: { kind: 'none' },
  });
  const zhang = await register(
    {
      name: '张三丰',
      mobile: '13800000001',
      gender: 'male',
      birthday: { calendar: 'lunar', month: 8, day: 15, year: 1990 },
      email: 'zsf@example.com',
      address: '上海市黄浦区南京东路 1 号',
      tags: ['VIP', '咖啡'],
      custom: { car_plate: '沪A12345' },
      externalId: 'M001',
    },
    t.units.shanghai,
  );
  const card = await admin.post(`/api/v1/members/${zhang}/cards`, {
    cardTypeId: type.json().id,
    cardNo: '80000001',
  });
  expect(card.statusCode, card.body).toBe(201);
  await register(
    {
      name: '李四',
      mobile: '13800000002',
      gender: 'female',
      birthday: { calendar: 'solar', month: 1, day: 5 },
      tags: ['VIP'],
    },
    t.units.shanghai,
  );
  await register({ name: '王五', mobile: '13800000003', tags: ['新客'] }, t.units.shanghai);
  await register({ name: '赵六', mobile: '13800000004', tags: ['VIP'] }, t.units.shenzhen);
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

function byHeader(rows: string[][]): Array<Record<string, string>> {
  const [headers, ...data] = rows;
  return data.map((row) => Object.fromEntries(headers!.map((h, i) => [h, row[i] ?? ''])));
}

async function readXlsx(body: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => {
    rows.push(
      (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))),
    );
  });
  return rows;
}

async function exportActions(): Promise<Array<{ actorName: string | null; afterJson: string | null }>> {
  return t.database.db
    .selectFrom('auditLog')
    .select(['actorName', 'afterJson'])
    .where('action', '=', 'members.export')
    .orderBy('id')
    .execute();
}

describe('exporting members', () => {
  it('streams the filtered members as CSV with Chinese headers and masked phones', async () => {
    const response = await admin.get('/api/v1/members/export', {
      query: { format: 'csv', tag: 'VIP' },
      locale: 'zh-CN',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="[^"]+\.csv"; filename\*=UTF-8''/,
    );
    expect(decodeURIComponent(String(response.headers['content-disposition']).split("''")[1]!)).toMatch(
      /^会员-\d{8}-\d{4}\.csv$/,
    );
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(response.body.replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual([
      '会员编号',
      '姓名',
      '手机号',
      '性别',
      '生日',
      '邮箱',
      '地址',
      '职业',
      '标签',
      '门店',
      '会员等级',
      '卡号',
      '卡类型',
      '状态',
      '注册时间',
      '备注',
      '会员ID',
      '车牌号',
    ]);
    const members = byHeader(rows);
    expect(members.map((m) => m.姓名).sort()).toEqual(['张三丰', '李四', '赵六']);
    const zhang = members.find((m) => m.姓名 === '张三丰')!;
    expect(zhang).toMatchObject({
      会员编号: 'M001',
      手机号: '138****0001',
      性别: '男',
      生日: '农历 1990-08-15',
      邮箱: 'z***@example.com',
      地址: '上海市黄浦区****',
      标签: 'VIP、咖啡',
      门店: '上海南京路店',
      卡号: '80000001',
      卡类型: '金卡',
      状态: '正常',
      车牌号: '沪A12345',
    });
    expect(zhang.注册时间).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(members.find((m) => m.姓名 === '李四')!.生日).toBe('01-05');
  });

  it('writes xlsx with English headers for an English caller', async () => {
    const response = await admin.get('/api/v1/members/export', { query: { format: 'xlsx', q: '张三' } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers['content-disposition']).toMatch(/filename="members-\d{8}-\d{4}\.xlsx"/);
    const rows = await readXlsx(response.rawPayload);
    expect(rows[0]!.slice(0, 5)).toEqual(['Member number', 'Name', 'Mobile', 'Gender', 'Birthday']);
    expect(rows.slice(1).map((r) => r.slice(0, 5))).toEqual([
      ['M001', '张三丰', '138****0001', 'male', 'lunar 1990-08-15'],
    ]);
  });

  it('shows a manager the phones with reveal=true, only for their store, and audits it', async () => {
    const before = (await exportActions()).length;
    const response = await manager.get('/api/v1/members/export', {
      query: { format: 'csv', reveal: 'true' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const members = byHeader(parseCsv(response.body.replace(/^\uFEFF/, '')));
    expect(members.map((m) => m.Mobile).sort()).toEqual(['13800000001', '13800000002', '13800000003']);
    expect(members.find((m) => m.Name === '张三丰')).toMatchObject({
      Email: 'zsf@example.com',
      Address: '上海市黄浦区南京东路 1 号',
    });
    const audits = await exportActions();
    expect(audits.length).toBe(before + 1);
    expect(audits.at(-1)!.actorName).toBe('manager');
    expect(JSON.parse(audits.at(-1)!.afterJson!)).toMatchObject({ format: 'csv', revealed: true });
  });

  it('masks by default even for a manager, and says so in the audit', async () => {
    const response = await manager.get('/api/v1/members/export', { query: { format: 'csv' } });
    const members = byHeader(parseCsv(response.body.replace(/^\uFEFF/, '')));
    expect(members.every((m) => /^\d{3}\*{4}\d{4}$/.test(m.Mobile!))).toBe(true);
    expect(JSON.parse((await exportActions()).at(-1)!.afterJson!)).toMatchObject({ revealed: false });
  });

  it('refuses a cashier, who lacks members.export', async () => {
    const response = await cashier.get('/api/v1/members/export', { query: { format: 'csv' } });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('FORBIDDEN');
  });

  it('refuses an unknown format', async () => {
    const response = await admin.get('/api/v1/members/export', { query: { format: 'pdf' } });
    expect(response.statusCode).toBe(400);
  });

  it('pages through more members than fit in one page, each exactly once', async () => {
    const lines = [['姓名', '手机', '标签', '门店'].join(',')];
    for (let i = 0; i < 2100; i++) lines.push(`批量${i},135${String(i).padStart(8, '0')},批量,S002`);
    const body = new FormData();
    body.append('options', JSON.stringify({ dryRun: false }));
    body.append('file', new Blob([lines.join('\n')]), 'bulk.csv');
    const started = await admin.post('/api/v1/members/import', body);
    expect(started.statusCode, started.body).toBe(202);
    let job = started.json();
    while (job.status === 'queued' || job.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 25));
      job = (await admin.get(`/api/v1/members/import/${job.id}`)).json();
    }
    expect(job).toMatchObject({ status: 'succeeded', createdRows: 2100 });
    const response = await admin.get('/api/v1/members/export', { query: { format: 'xlsx', tag: '批量' } });
    const rows = await readXlsx(response.rawPayload);
    expect(rows.length).toBe(2101);
    expect(new Set(rows.slice(1).map((r) => r[1])).size).toBe(2100);
  });
});
