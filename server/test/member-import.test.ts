// Member import: the suggested mapping for Chinese headers, a dry run that reports every bad
// row and writes nothing, the real run with cards and progress, re-runs that update instead
// of duplicating, GBK files, refused balance columns, unreadable and oversize files, and the CLI.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from './support/database.ts';
import { type ApiClient, startTestApp, type TestApp } from './support/harness.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyuan-import-'));
let t: TestApp;
let admin: ApiClient;
let cashier: ApiClient;
let goldTypeId: string;

beforeAll(async () => {
  t = await startTestApp({ env: { HUIYUAN_DATA_DIR: dataDir, HUIYUAN_IMPORT_MAX_MB: '1' } });
  admin = await t.as('admin');
  cashier = await t.as('cashier');
  const gold = await admin.post('/api/v1/card-types', {
    name: '金卡',
    named: true,
    storedValue: true,
    points: true,
    pinRequired: false,
    validity: { kind: 'none' },
  });
  expect(gold.statusCode).toBe(201);
  goldTypeId = gold.json().id;
  const field = await admin.post('/api/v1/member-fields', {
    key: 'car_plate',
    label: '车牌号',
    type: 'text',
  });
  expect(field.statusCode).toBe(201);
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Row = Array<string | number | Date | null>;

async function xlsx(rows: Row[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('会员');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csv(rows: Row[]): string {
  return rows.map((row) => row.map((cell) => (cell === null ? '' : String(cell))).join(',')).join('\r\n');
}

function form(file: Buffer | string, fileName: string, options?: unknown): FormData {
  const body = new FormData();
  if (options !== undefined) body.append('options', JSON.stringify(options));
  body.append('file', new Blob([typeof file === 'string' ? Buffer.from(file) : file]), fileName);
  return body;
}

function startImport(
  client: ApiClient,
  file: Buffer | string,
  fileName: string,
  options: unknown,
  locale?: 'zh-CN',
) {
  return client.post('/api/v1/members/import', form(file, fileName, options), locale ? { locale } : {});
}

interface Job {
  id: string;
  status: string;
  totalRows: number;
  processedRows: number;
  createdRows: number;
  updatedRows: number;
  errorRows: number;
  errors: Array<{ row: number; column: string; code: string; message: string }>;
  failure: { code: string; message: string } | null;
}

async function finished(client: ApiClient, id: string, locale?: 'zh-CN'): Promise<Job> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const response = await client.get(`/api/v1/members/import/${id}`, locale ? { locale } : {});
    expect(response.statusCode).toBe(200);
    const job = response.json() as Job;
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`import ${id} did not finish`);
}

async function importFile(file: Buffer | string, fileName: string, options: unknown, locale?: 'zh-CN') {
  const response = await startImport(admin, file, fileName, options, locale);
  expect(response.statusCode, response.body).toBe(202);
  return finished(admin, response.json().id, locale);
}

async function count(table: 'members' | 'cards' | 'auditLog' | 'importJobs'): Promise<number> {
  const row = await t.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function memberByMobile(mobile: string) {
  const found = await admin.get('/api/v1/members', { query: { q: mobile } });
  const item = found.json().items[0];
  if (!item) return undefined;
  return (await admin.get(`/api/v1/members/${item.id}`, { query: { reveal: 'true' } })).json();
}

const chineseHeaders = [
  '姓名',
  '手机号',
  '性别',
  '生日',
  '农历生日',
  '邮箱',
  '地址',
  '职业',
  '备注',
  '标签',
  '门店',
  '会员编号',
  '卡号',
  '卡类型',
  '车牌号',
];

/** Six good rows, five bad ones and an empty row in between, as a messy shop file would have. */
function messyRows(): Row[] {
  return [
    chineseHeaders,
    [
      '张三丰',
      13800138001,
      '男',
      new Date(Date.UTC(1990, 4, 20)),
      null,
      'zsf@example.com',
      '上海市黄浦区',
      '教师',
      '老顾客 ',
      'VIP、咖啡',
      'S001',
      'M0001',
      '80000001',
      '金卡',
      '沪A12345',
    ],
    [
      '李四',
      '+86 139-0013-9002',
      '女',
      '1985/1/5',
      null,
      null,
      null,
      null,
      null,
      'VIP;烘焙',
      '上海南京路店',
      'M0002',
      null,
      null,
      null,
    ],
    [
      '王五',
      '138 0013 8003',
      'F',
      null,
      '1992-08-15',
      null,
      null,
      null,
      null,
      null,
      'S002',
      'M0003',
      '80000003',
      '金卡',
      null,
    ],
    [
      '赵六  ',
      '13800138004',
      'male',
      '1988年12月1日',
      null,
      null,
      null,
      null,
      null,
      '新客，老客',
      'S001',
      null,
      null,
      null,
      null,
    ],
    ['孙七', 13800138005, null, 19900520, null, null, null, null, null, null, 'S001', null, null, null, null],
    ['周八', '13800138006', '女', 33000, null, null, null, null, null, null, 'S002', null, null, null, null],
    [],
    ['坏手机', '12345', '男', null, null, null, null, null, null, null, 'S001', null, null, null, null],
    [
      '坏日期',
      '13800138008',
      null,
      '1990-02-30',
      null,
      null,
      null,
      null,
      null,
      null,
      'S001',
      null,
      null,
      null,
      null,
    ],
    [
      '重复手机',
      '138-0013-8001',
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      'S001',
      null,
      null,
      null,
      null,
    ],
    [
      '没门店',
      '13800138010',
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      '火星店',
      null,
      null,
      null,
      null,
    ],
    [
      null,
      '13800138011',
      '未说明',
      null,
      null,
      'not-an-email',
      null,
      null,
      null,
      null,
      'S001',
      null,
      null,
      null,
      null,
    ],
  ];
}

describe('previewing a file', () => {
  it('suggests the mapping for Chinese headers and shows the first rows', async () => {
    const file = await xlsx([[...chineseHeaders, '余额', '积分'], ...messyRows().slice(1, 3)]);
    const response = await admin.post('/api/v1/members/import/preview', form(file, '会员.xlsx'));
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json();
    expect(preview.format).toBe('xlsx');
    expect(preview.headers).toEqual([...chineseHeaders, '余额', '积分']);
    expect(preview.suggestedMapping).toEqual({
      姓名: 'name',
      手机号: 'mobile',
      性别: 'gender',
      生日: 'birthday',
      农历生日: 'lunarBirthday',
      邮箱: 'email',
      地址: 'address',
      职业: 'occupation',
      备注: 'notes',
      标签: 'tags',
      门店: 'homeStore',
      会员编号: 'externalId',
      卡号: 'cardNo',
      卡类型: 'cardType',
      车牌号: 'custom.car_plate',
      余额: 'balance',
      积分: 'points',
    });
    expect(preview.unsupportedColumns).toEqual(['余额', '积分']);
    expect(preview.rows[0]).toMatchObject({
      row: 2,
      cells: expect.arrayContaining(['张三丰', '13800138001', '1990-05-20']),
    });
    expect(preview.targets.map((target: { target: string }) => target.target)).toContain('custom.car_plate');
  });

  it('maps English headers and common variants', async () => {
    const file = csv([
      [
        'Name',
        'Mobile Phone',
        'Sex',
        'Date of Birth',
        'E-mail',
        'Store',
        'Member No',
        'Card Number',
        'Card Type',
        'Remarks',
      ],
    ]);
    const response = await admin.post('/api/v1/members/import/preview', form(file, 'members.csv'));
    expect(response.statusCode, response.body).toBe(200);
    expect(Object.values(response.json().suggestedMapping)).toEqual([
      'name',
      'mobile',
      'gender',
      'birthday',
      'email',
      'homeStore',
      'externalId',
      'cardNo',
      'cardType',
      'notes',
    ]);
  });
});

describe('a dry run', () => {
  it('reports every bad row with its row number, column and reason, and writes nothing', async () => {
    const members = await count('members');
    const audits = await count('auditLog');
    const job = await importFile(await xlsx(messyRows()), '会员.xlsx', { dryRun: true }, 'zh-CN');
    expect(job).toMatchObject({
      status: 'succeeded',
      processedRows: 11,
      totalRows: 11,
      createdRows: 6,
      errorRows: 5,
    });
    const problems = job.errors.map((e) => [e.row, e.column, e.code]);
    expect(problems).toEqual([
      [9, '手机号', 'mobile_invalid'],
      [10, '生日', 'date_invalid'],
      [11, '手机号', 'mobile_duplicate_in_file'],
      [12, '门店', 'store_not_found'],
      [13, '姓名', 'required'],
      [13, '性别', 'gender_invalid'],
      [13, '邮箱', 'email_invalid'],
    ]);
    expect(job.errors[0]!.message).toBe('手机号格式不正确');
    expect(job.errors[2]!.message).toContain('第 2 行');
    expect(await count('members')).toBe(members);
    expect(await count('auditLog')).toBe(audits);
  });

  it('answers the messages in English when asked in English', async () => {
    const job = await importFile(
      csv([
        ['姓名', '手机'],
        ['某人', 'abc'],
      ]),
      'a.csv',
      { dryRun: true, defaultStoreId: t.units.shanghai },
    );
    expect(job.errors).toEqual([
      { row: 2, column: '手机', code: 'mobile_invalid', message: 'Not a valid mobile number' },
    ]);
  });
});

describe('importing for real', () => {
  let firstRun: Job;

  it('creates the members and their cards, with progress reaching the total', async () => {
    const members = await count('members');
    const cards = await count('cards');
    const audits = await count('auditLog');
    firstRun = await importFile(await xlsx(messyRows()), '会员.xlsx', { dryRun: false }, 'zh-CN');
    expect(firstRun).toMatchObject({ status: 'succeeded', createdRows: 6, updatedRows: 0, errorRows: 5 });
    expect(firstRun.processedRows).toBe(firstRun.totalRows);
    expect(await count('members')).toBe(members + 6);
    expect(await count('cards')).toBe(cards + 2);
    // One summary entry for the job, and the card service's entry for each card it issued.
    const entries = await t.database.db
      .selectFrom('auditLog')
      .select(['action', 'entityId', 'afterJson'])
      .orderBy('id')
      .offset(audits)
      .limit(100)
      .execute();
    expect(entries.map((e) => e.action).sort()).toEqual(['cards.issue', 'cards.issue', 'members.import']);
    const summary = entries.find((e) => e.action === 'members.import')!;
    expect(summary.entityId).toBe(firstRun.id);
    expect(JSON.parse(summary.afterJson!)).toMatchObject({
      createdRows: 6,
      errorRows: 5,
      fileName: '会员.xlsx',
    });
  });

  it('stores every value the way the console would have', async () => {
    const zhang = await memberByMobile('13800138001');
    expect(zhang).toMatchObject({
      name: '张三丰',
      gender: 'male',
      email: 'zsf@example.com',
      notes: '老顾客',
      tags: ['VIP', '咖啡'],
      homeStoreId: t.units.shanghai,
      externalId: 'M0001',
      source: 'import',
      custom: { car_plate: '沪A12345' },
    });
    expect(zhang.birthday).toMatchObject({ calendar: 'solar', year: 1990, month: 5, day: 20 });
    const card = await admin.get('/api/v1/cards/80000001');
    expect(card.json()).toMatchObject({ memberId: zhang.id, cardTypeId: goldTypeId, status: 'active' });

    expect(await memberByMobile('13900139002')).toMatchObject({
      name: '李四',
      gender: 'female',
      tags: ['VIP', '烘焙'],
      homeStoreId: t.units.shanghai,
      birthday: expect.objectContaining({ calendar: 'solar', year: 1985, month: 1, day: 5 }),
    });
    const wang = await memberByMobile('13800138003');
    expect(wang).toMatchObject({ homeStoreId: t.units.hangzhou });
    expect(wang.birthday).toMatchObject({ calendar: 'lunar', year: 1992, month: 8, day: 15 });
    expect(await memberByMobile('13800138004')).toMatchObject({
      name: '赵六',
      gender: 'male',
      tags: ['新客', '老客'],
      birthday: expect.objectContaining({ year: 1988, month: 12, day: 1 }),
    });
    expect((await memberByMobile('13800138005')).birthday).toMatchObject({ year: 1990, month: 5, day: 20 });
    // Excel serial 33000 is 1990-05-07.
    expect((await memberByMobile('13800138006')).birthday).toMatchObject({ year: 1990, month: 5, day: 7 });
  });

  it('updates instead of duplicating when the same file is imported again', async () => {
    const members = await count('members');
    const cards = await count('cards');
    const audits = await count('auditLog');
    const again = await importFile(await xlsx(messyRows()), '会员.xlsx', { dryRun: false });
    expect(again).toMatchObject({ status: 'succeeded', createdRows: 0, updatedRows: 6, errorRows: 5 });
    expect(await count('members')).toBe(members);
    expect(await count('cards')).toBe(cards);
    // Nothing changed, so nothing but the job's summary is audited.
    expect(await count('auditLog')).toBe(audits + 1);
  });

  it('matches on the member number first, changing the mobile and merging tags', async () => {
    const file = csv([
      ['会员编号', '姓名', '手机', '标签'],
      ['M0002', '李四', '13900139999', '常客'],
    ]);
    const job = await importFile(file, 'update.csv', { dryRun: false });
    expect(job).toMatchObject({ createdRows: 0, updatedRows: 1, errorRows: 0 });
    expect(await memberByMobile('13900139002')).toBeUndefined();
    const li = await memberByMobile('13900139999');
    expect(li).toMatchObject({ externalId: 'M0002', tags: ['VIP', '常客', '烘焙'] });
  });

  it('imports a GBK CSV with the right Chinese names and messy values', async () => {
    const text = csv([
      ['姓名', '手机号码', '性别', '生日', '生日类型', '标签', '门店'],
      ['欧阳娜娜', '+86 137 0000 0001', 'F', '2000/1/5', '农历', 'VIP；新客', '杭州西湖店'],
      ['诸葛亮', '137-0000-0002', 'M', '1981年7月23日', '公历', '老客、咖啡', 'S003'],
      ['', '', '', '', '', '', ''],
      ['司马懿', '13700000003', '男', '五月初八', '', '', 'S001'],
    ]);
    const job = await importFile(iconv.encode(text, 'gbk'), 'gbk.csv', { dryRun: false });
    expect(job).toMatchObject({ status: 'succeeded', createdRows: 3, errorRows: 0, processedRows: 3 });
    expect(await memberByMobile('13700000001')).toMatchObject({
      name: '欧阳娜娜',
      gender: 'female',
      tags: ['VIP', '新客'],
      homeStoreId: t.units.hangzhou,
      birthday: expect.objectContaining({ calendar: 'lunar', year: 2000, month: 1, day: 5 }),
    });
    expect(await memberByMobile('13700000002')).toMatchObject({
      name: '诸葛亮',
      homeStoreId: t.units.shenzhen,
    });
    expect((await memberByMobile('13700000003')).birthday).toMatchObject({
      calendar: 'lunar',
      month: 5,
      day: 8,
      year: null,
    });
  });

  it('imports a UTF-8 CSV with a BOM, a caller-chosen mapping and a default store', async () => {
    const text = `\uFEFF${csv([
      ['客户', '电话', '电话2'],
      ['钱多多', '13600000001', '13600000009'],
    ])}`;
    const job = await importFile(text, 'bom.csv', {
      dryRun: false,
      mapping: { 客户: 'name', 电话: 'mobile', 电话2: 'ignore' },
      defaultStoreId: t.units.shenzhen,
    });
    expect(job).toMatchObject({ createdRows: 1, errorRows: 0 });
    expect(await memberByMobile('13600000001')).toMatchObject({
      name: '钱多多',
      homeStoreId: t.units.shenzhen,
    });
  });
});

describe('refusing files and columns', () => {
  it('refuses balance and points columns with IMPORT_COLUMN_UNSUPPORTED naming them', async () => {
    const jobs = await count('importJobs');
    const file = csv([
      ['姓名', '手机', '储值余额', '积分', '门店'],
      ['某人', '13500000001', '100', '20', 'S001'],
    ]);
    const response = await startImport(admin, file, 'x.csv', { dryRun: true }, 'zh-CN');
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('IMPORT_COLUMN_UNSUPPORTED');
    expect(response.json().detail).toContain('储值余额');
    expect(response.json().detail).toContain('积分');
    const mapped = await startImport(
      admin,
      csv([
        ['姓名', '手机', 'opening'],
        ['某人', '13500000001', '5'],
      ]),
      'y.csv',
      {
        dryRun: true,
        mapping: { opening: 'balance' },
      },
    );
    expect(mapped.statusCode).toBe(400);
    expect(mapped.json()).toMatchObject({
      code: 'IMPORT_COLUMN_UNSUPPORTED',
      fields: [{ field: 'mapping.opening' }],
    });
    expect(await count('importJobs')).toBe(jobs);
    expect(await memberByMobile('13500000001')).toBeUndefined();
  });

  it('refuses a file that is not a spreadsheet, and one over the size limit, writing nothing', async () => {
    const jobs = await count('importJobs');
    const audits = await count('auditLog');
    const garbage = Buffer.alloc(200 * 1024);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + (i >> 3)) & 0xff;
    const invalid = await startImport(admin, garbage, 'members.xlsx', { dryRun: false });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().code).toBe('IMPORT_FILE_INVALID');
    const fakeZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), garbage]);
    const broken = await startImport(admin, fakeZip, 'members.xlsx', { dryRun: false });
    expect(broken.json().code).toBe('IMPORT_FILE_INVALID');
    const oversize = await startImport(admin, Buffer.alloc(1536 * 1024, 'a'), 'big.csv', { dryRun: false });
    expect(oversize.statusCode).toBe(413);
    expect(oversize.json().code).toBe('IMPORT_FILE_TOO_LARGE');
    const preview = await admin.post('/api/v1/members/import/preview', form(garbage, 'g.csv'));
    expect(preview.json().code).toBe('IMPORT_FILE_INVALID');
    expect(await count('importJobs')).toBe(jobs);
    expect(await count('auditLog')).toBe(audits);
    expect(fs.readdirSync(path.join(dataDir, 'imports'))).toEqual([]);
  });

  it('asks for the options and says which is missing', async () => {
    const response = await startImport(admin, csv([['姓名', '手机']]), 'a.csv', { mapping: {} });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual([
      expect.objectContaining({ field: 'options.dryRun', code: 'required' }),
    ]);
  });

  it('needs the name and mobile columns', async () => {
    const response = await startImport(admin, csv([['姓名', '备注']]), 'a.csv', { dryRun: true }, 'zh-CN');
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('IMPORT_MAPPING_INVALID');
  });

  it('is for operators with members.import only', async () => {
    const response = await startImport(cashier, csv([['姓名', '手机']]), 'a.csv', { dryRun: true });
    expect(response.statusCode).toBe(403);
    const job = await cashier.get(`/api/v1/members/import/${'imp_01J0000000000000000000000'}`);
    expect(job.statusCode).toBe(403);
  });
});

// The CLI works the same on both dialects; running it once (on SQLite) is enough.
describe.runIf(testDialect === 'sqlite')('huiyuan import members', () => {
  // Made when the suite runs (not when it is skipped on PostgreSQL), and removed after it.
  let cliDir = '';
  let file = '';
  beforeAll(() => {
    cliDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyuan-cli-import-'));
    file = path.join(cliDir, 'members.csv');
  });
  const bin = path.resolve(import.meta.dirname, '../bin/huiyuan.js');
  afterAll(() => fs.rmSync(cliDir, { recursive: true, force: true }));

  function huiyuan(args: string[], env: Record<string, string> = {}) {
    const { DATABASE_URL: _ignored, ...rest } = process.env;
    const result = spawnSync(process.execPath, [bin, ...args], {
      env: { ...rest, HUIYUAN_DATA_DIR: cliDir, HUIYUAN_LOCALE: 'en-US', LOG_LEVEL: 'silent', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('imports a file as the first HQ admin and prints a summary with the first errors', {
    timeout: 120_000,
  }, () => {
    expect(huiyuan(['seed', '--demo']).code).toBe(0);
    fs.writeFileSync(
      file,
      csv([
        ['姓名', '手机', '生日'],
        ['甲', '13300000001', '1990-01-01'],
        ['乙', '13300000002', ''],
        ['丙', 'bad', ''],
      ]),
    );
    const dry = huiyuan(['import', 'members', file, '--store', 'S001', '--dry-run']);
    expect(dry.stdout).toContain('Dry run');
    expect(dry.stdout).toContain('3 rows: 2 created, 0 updated, 1 with errors');
    const run = huiyuan(['import', 'members', file, '--store', 'S001']);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toContain('3 rows: 2 created, 0 updated, 1 with errors');
    expect(run.stdout).toMatch(/row 4 "手机": mobile_invalid/);
  });

  it('updates on a re-run and names a store code it does not know', { timeout: 120_000 }, () => {
    const again = huiyuan(['import', 'members', file, '--store', 'S001']);
    expect(again.stdout).toContain('0 created, 2 updated');
    const unknownStore = huiyuan(['import', 'members', file, '--store', 'NOPE']);
    expect(unknownStore.code).toBe(1);
    expect(unknownStore.stderr).toContain('STORE_NOT_FOUND');
    const tooMany = huiyuan(['import', 'members', file, '--store', 'S001'], { HUIYUAN_IMPORT_MAX_ROWS: '2' });
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toContain('IMPORT_TOO_MANY_ROWS');
  });
});
