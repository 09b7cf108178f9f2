// The catalog: categories at most three deep, products with unique codes and barcodes,
// contradictory settings refused with a reason, barcode lookup, search, member and
// wholesale prices, store scope, and import from a spreadsheet with a dry run.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberUnitPrice } from '../src/modules/catalog/rules.ts';
import { findSellableProducts, priceBuyer } from '../src/modules/catalog/sellable.ts';
import { expectProblem, writesNothing } from './support/checks.ts';
import { type ApiClient, startTestApp, type TestApp } from './support/harness.ts';

let t: TestApp;
let admin: ApiClient;
let manager: ApiClient;
let cashier: ApiClient;
let cashier2: ApiClient;
let merchantId: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
  manager = await t.as('manager');
  cashier = await t.as('cashier');
  cashier2 = await t.as('cashier2');
  merchantId = (await t.database.db.selectFrom('merchants').select('id').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

async function createProduct(body: Record<string, unknown>, client = admin) {
  return client.post('/api/v1/products', { retailPrice: 1000, ...body });
}

async function productCount(): Promise<number> {
  const row = await t.database.db
    .selectFrom('products')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('categories', () => {
  const ids: string[] = [];

  it('builds a tree three levels deep', async () => {
    let parentId: string | null = null;
    for (const name of ['饮料', '茶饮', '绿茶']) {
      const response = await admin.post('/api/v1/catalog/categories', { name, parentId });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({ name, depth: ids.length + 1, parentId });
      ids.push(response.json().id);
      parentId = response.json().id;
    }
    expect((await admin.get('/api/v1/catalog/categories')).json().items.at(-1).pathIds).toEqual(ids);
  });

  it('refuses a fourth level with CATEGORY_TOO_DEEP and writes nothing', async () => {
    await writesNothing(t, async () => {
      const response = await admin.post('/api/v1/catalog/categories', { name: '龙井', parentId: ids[2] });
      expectProblem(response, 422, 'CATEGORY_TOO_DEEP');
    });
  });

  it('refuses a move that would make the tree too deep, or put a category under itself', async () => {
    const top = (await admin.post('/api/v1/catalog/categories', { name: '零食' })).json();
    const child = (await admin.post('/api/v1/catalog/categories', { name: '坚果', parentId: top.id })).json();
    expectProblem(
      await admin.patch(`/api/v1/catalog/categories/${top.id}`, { parentId: ids[1] }),
      422,
      'CATEGORY_TOO_DEEP',
    );
    expectProblem(
      await admin.patch(`/api/v1/catalog/categories/${top.id}`, { parentId: child.id }),
      422,
      'CATEGORY_PARENT_INVALID',
    );
    const moved = await admin.patch(`/api/v1/catalog/categories/${top.id}`, { parentId: ids[0] });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ depth: 2, pathIds: [ids[0], top.id] });
    const all = (await admin.get('/api/v1/catalog/categories')).json().items;
    expect(all.find((c: { id: string }) => c.id === child.id)).toMatchObject({
      depth: 3,
      pathIds: [ids[0], top.id, child.id],
    });
  });

  it('refuses a second category of the same name under one parent', async () => {
    expectProblem(
      await admin.post('/api/v1/catalog/categories', { name: '茶饮', parentId: ids[0] }),
      409,
      'CATEGORY_NAME_TAKEN',
    );
  });

  it('leaves categories to headquarters', async () => {
    expectProblem(await manager.post('/api/v1/catalog/categories', { name: '门店分类' }), 403, 'FORBIDDEN');
    expect((await cashier.get('/api/v1/catalog/categories')).statusCode).toBe(200);
  });
});

describe('products', () => {
  let greenTea: { id: string; code: string };

  it('creates a headquarters product with prices in fen and stock tracked by default', async () => {
    const category = (await admin.get('/api/v1/catalog/categories'))
      .json()
      .items.find((c: { name: string }) => c.name === '绿茶');
    const response = await createProduct({
      code: 'TEA-001',
      barcode: '6901234567892',
      name: '西湖龙井',
      unit: '盒',
      categoryId: category.id,
      retailPrice: 12800,
      cost: 8000,
    });
    expect(response.statusCode).toBe(201);
    greenTea = response.json();
    expect(response.json()).toMatchObject({
      storeId: null,
      kind: 'product',
      retailPrice: 12800,
      cost: 8000,
      stockTracked: true,
      earnsPoints: true,
      noMemberDiscount: false,
      status: 'active',
    });
  });

  it('refuses a code or barcode another product has, each with its own code', async () => {
    await writesNothing(t, async () => {
      const before = await productCount();
      expectProblem(await createProduct({ code: 'TEA-001', name: '重复编码' }), 409, 'PRODUCT_CODE_TAKEN');
      expectProblem(
        await createProduct({ code: 'TEA-002', barcode: '6901234567892', name: '重复条码' }),
        409,
        'PRODUCT_BARCODE_TAKEN',
      );
      expect(await productCount()).toBe(before);
    });
  });

  it.each([
    ['a stocked service', { kind: 'service', stockTracked: true }, 'service_not_stocked', 'stockTracked'],
    ['a wholesale price above retail', { wholesalePrice: 2000 }, 'wholesale_above_retail', 'wholesalePrice'],
    [
      'a reorder point without stock',
      { stockTracked: false, reorderPoint: 5 },
      'reorder_needs_stock',
      'reorderPoint',
    ],
  ])('refuses %s with PRODUCT_INVALID and the reason', async (_label, change, code, field) => {
    const response = await createProduct({ code: 'BAD-1', name: '矛盾', ...change }, admin);
    const problem = expectProblem(response, 422, 'PRODUCT_INVALID');
    expect(problem.fields).toEqual([expect.objectContaining({ field, code })]);
  });

  it('says the reason in the caller’s language', async () => {
    const response = await admin.post(
      '/api/v1/products',
      { code: 'BAD-2', name: '服务', kind: 'service', stockTracked: true, retailPrice: 100 },
      { locale: 'zh-CN' },
    );
    expect(expectProblem(response, 422, 'PRODUCT_INVALID').detail).toContain('服务项目没有库存');
  });

  it('refuses negative and fractional prices before they reach the database', async () => {
    expectProblem(
      await createProduct({ code: 'BAD-3', name: 'x', retailPrice: -1 }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await createProduct({ code: 'BAD-3', name: 'x', retailPrice: 9.5 }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('finds a product by its barcode, and answers UNKNOWN_BARCODE for one no product has', async () => {
    const found = await cashier.get('/api/v1/products/by-barcode/6901234567892');
    expect(found.statusCode).toBe(200);
    expect(found.json().id).toBe(greenTea.id);
    const unknown = await cashier.get('/api/v1/products/by-barcode/0000000000000', { locale: 'zh-CN' });
    expect(expectProblem(unknown, 404, 'UNKNOWN_BARCODE').detail).toContain('0000000000000');
  });

  it('searches by code prefix, name prefix, pinyin initials and category subtree', async () => {
    await createProduct({ code: 'TEA-010', name: '碧螺春', retailPrice: 9900 });
    await createProduct({ code: 'SNK-001', name: 'Cashew nuts', retailPrice: 2500 });
    const names = async (query: Record<string, string>) =>
      (await cashier.get('/api/v1/products', { query })).json().items.map((p: { name: string }) => p.name);
    expect(await names({ q: 'tea-0' })).toEqual(['碧螺春', '西湖龙井']);
    expect(await names({ q: '西湖' })).toEqual(['西湖龙井']);
    expect(await names({ q: 'blc' })).toEqual(['碧螺春']);
    expect(await names({ q: 'cashew' })).toEqual(['Cashew nuts']);
    expect(await names({ q: '690123' })).toEqual(['西湖龙井']);
    const top = (await admin.get('/api/v1/catalog/categories'))
      .json()
      .items.find((c: { name: string }) => c.name === '饮料');
    expect(await names({ categoryId: top.id })).toEqual(['西湖龙井']);
  });

  it('pages newest first with a cursor', async () => {
    const first = (await cashier.get('/api/v1/products', { query: { limit: '2' } })).json();
    expect(first.items).toHaveLength(2);
    const second = (
      await cashier.get('/api/v1/products', { query: { limit: '2', cursor: first.nextCursor } })
    ).json();
    expect(second.items[0].id < first.items[1].id).toBe(true);
  });

  it('updates a product and archives it', async () => {
    const response = await admin.patch(`/api/v1/products/${greenTea.id}`, {
      retailPrice: 13800,
      status: 'archived',
    });
    expect(response.json()).toMatchObject({ retailPrice: 13800, status: 'archived' });
    await admin.patch(`/api/v1/products/${greenTea.id}`, { status: 'active' });
    expectProblem(
      await manager.patch(`/api/v1/products/${greenTea.id}`, { retailPrice: 1 }),
      403,
      'FORBIDDEN',
    );
  });
});

describe('member and wholesale prices', () => {
  it('prices by level, card type and dealer tier; a dealer sees wholesale instead of retail', async () => {
    const db = t.database.db;
    const levels = { gold: 'lvl_01JGOLD000000000000000000A', dealer: 'lvl_01JDEALER0000000000000000A' };
    const names = ['金卡', '经销商'];
    for (const [rank, id] of Object.values(levels).entries()) {
      await db
        .insertInto('memberLevels')
        .values({
          id,
          merchantId,
          name: names[rank] ?? id,
          rank: rank + 1,
          createdAt: new Date().toISOString(),
        })
        .execute();
    }
    const cardType = await admin.post('/api/v1/card-types', {
      name: '折扣卡',
      named: true,
      storedValue: true,
      points: true,
      pinRequired: false,
      validity: { kind: 'none' },
    });
    const product = await createProduct({
      code: 'OIL-001',
      barcode: '6900000000011',
      name: '橄榄油',
      retailPrice: 10000,
      wholesalePrice: 7000,
      memberPrices: [
        { levelId: levels.gold, price: 9000 },
        { cardTypeId: cardType.json().id, price: 8500 },
      ],
    });
    expect(product.statusCode).toBe(201);
    expectProblem(
      await createProduct({
        code: 'OIL-002',
        name: 'x',
        memberPrices: [{ levelId: 'lvl_01JNOPE00000000000000000AA', price: 1 }],
      }),
      422,
      'LEVEL_NOT_FOUND',
    );
    expectProblem(
      await createProduct({
        code: 'OIL-003',
        name: 'x',
        noMemberDiscount: true,
        memberPrices: [{ levelId: levels.gold, price: 1 }],
      }),
      422,
      'PRODUCT_INVALID',
    );
    const tiers = await admin.request('PUT', '/api/v1/catalog/dealer-tiers', {
      body: { levelIds: [levels.dealer], cardTypeIds: [] },
    });
    expect(tiers.json()).toEqual({ levelIds: [levels.dealer], cardTypeIds: [] });

    const [sellable] = await findSellableProducts(db, merchantId, t.units.shanghai, {
      barcodes: ['6900000000011'],
    });
    if (!sellable) throw new Error('not sellable');
    expect(sellable.memberPrices).toHaveLength(2);
    const price = async (member: { levelId: string | null; cardTypeId: string | null }) =>
      memberUnitPrice(sellable, await priceBuyer(db, merchantId, member));
    expect(memberUnitPrice(sellable, null)).toEqual({ price: 10000, basis: 'retail' });
    expect(await price({ levelId: levels.gold, cardTypeId: null })).toEqual({ price: 9000, basis: 'level' });
    expect(await price({ levelId: levels.gold, cardTypeId: cardType.json().id })).toEqual({
      price: 8500,
      basis: 'card_type',
    });
    expect(await price({ levelId: levels.dealer, cardTypeId: null })).toEqual({
      price: 7000,
      basis: 'wholesale',
    });
  });
});

describe('store scope', () => {
  let shenzhenOwn: { id: string };

  it('lets headquarters create a store’s own product', async () => {
    const response = await createProduct({
      code: 'SZ-001',
      barcode: '6900000000301',
      name: '深圳特供',
      storeId: t.units.shenzhen,
    });
    expect(response.statusCode).toBe(201);
    shenzhenOwn = response.json();
  });

  it('hides a store’s own product from another store, as if it did not exist', async () => {
    expectProblem(await manager.get(`/api/v1/products/${shenzhenOwn.id}`), 404, 'PRODUCT_NOT_FOUND');
    expectProblem(await manager.get('/api/v1/products/by-barcode/6900000000301'), 404, 'UNKNOWN_BARCODE');
    const list = (await manager.get('/api/v1/products', { query: { q: 'SZ' } })).json();
    expect(list.items).toEqual([]);
    expectProblem(
      await manager.get('/api/v1/products', { query: { storeId: t.units.shenzhen } }),
      404,
      'STORE_NOT_FOUND',
    );
  });

  it('shows it to its own store and to headquarters', async () => {
    expect((await cashier2.get(`/api/v1/products/${shenzhenOwn.id}`)).statusCode).toBe(200);
    expect((await cashier2.get('/api/v1/products/by-barcode/6900000000301')).statusCode).toBe(200);
    const all = (await admin.get('/api/v1/products', { query: { q: 'SZ' } })).json().items;
    expect(all.map((p: { id: string }) => p.id)).toEqual([shenzhenOwn.id]);
    const atShanghai = (
      await admin.get('/api/v1/products', { query: { q: 'SZ', storeId: t.units.shanghai } })
    ).json();
    expect(atShanghai.items).toEqual([]);
  });

  it('lets a store-level catalog writer add its own products only', async () => {
    const role = await admin.post('/api/v1/org/roles', {
      name: '门店商品',
      permissions: ['catalog.read', 'catalog.write'],
    });
    const account = { username: 'shcatalog', password: 'catalog2026' };
    await admin.post('/api/v1/org/operators', {
      ...account,
      displayName: '上海商品专员',
      unitId: t.units.shanghai,
      grants: [{ roleId: role.json().id, unitId: t.units.shanghai }],
    });
    const writer = await t.as(account);
    expect(
      (await createProduct({ code: 'SH-001', name: '上海特供', storeId: t.units.shanghai }, writer))
        .statusCode,
    ).toBe(201);
    expectProblem(await createProduct({ code: 'SH-002', name: '总部商品' }, writer), 403, 'FORBIDDEN');
    expectProblem(
      await createProduct({ code: 'SH-003', name: '深圳', storeId: t.units.shenzhen }, writer),
      404,
      'STORE_NOT_FOUND',
    );
    expectProblem(
      await writer.patch(`/api/v1/products/${shenzhenOwn.id}`, { name: 'x' }),
      404,
      'PRODUCT_NOT_FOUND',
    );
  });
});

describe('import', () => {
  function form(file: Buffer | string, fileName: string, options: unknown): FormData {
    const body = new FormData();
    body.append('options', JSON.stringify(options));
    body.append('file', new Blob([typeof file === 'string' ? Buffer.from(file) : file]), fileName);
    return body;
  }
  const upload = (file: Buffer | string, name: string, options: unknown, client = admin) =>
    client.post('/api/v1/products/import', form(file, name, options));

  const csv = [
    '编码,条码,名称,类型,单位,分类,零售价,成本价,管理库存,补货点',
    'IMP-001,6911111111111,导入商品一,商品,瓶,饮料/茶饮,12.50,8,是,5',
    'IMP-002,,导入服务,服务,次,,88,,否,',
    'IMP-003,6911111111111,条码重复,商品,个,,1,,,',
    'IMP-004,,价格不对,商品,个,,abc,,,',
    'IMP-005,,,商品,个,,1,,,',
    'TEA-001,,,,,,139.00,,,',
  ].join('\n');

  it('a dry run reports every row error and writes nothing', async () => {
    const before = await productCount();
    const response = await upload(csv, 'products.csv', { dryRun: true });
    expect(response.statusCode).toBe(200);
    const result = response.json();
    expect(result).toMatchObject({ dryRun: true, totalRows: 6, created: 2, updated: 1, errorRows: 3 });
    expect(result.errors).toEqual([
      expect.objectContaining({ row: 4, column: '条码', code: 'barcode_duplicate_in_file' }),
      expect.objectContaining({ row: 5, column: '零售价', code: 'price_invalid' }),
      expect.objectContaining({ row: 6, column: '名称', code: 'required' }),
    ]);
    expect(result.errors[0].message.length).toBeGreaterThan(0);
    expect(await productCount()).toBe(before);
  });

  it('the real import creates new codes and updates existing ones, skipping the bad rows', async () => {
    const response = await upload(csv, 'products.csv', { dryRun: false });
    expect(response.json()).toMatchObject({ dryRun: false, created: 2, updated: 1, errorRows: 3 });
    const one = (await admin.get('/api/v1/products', { query: { q: 'IMP-001' } })).json().items[0];
    expect(one).toMatchObject({
      name: '导入商品一',
      unit: '瓶',
      retailPrice: 1250,
      cost: 800,
      reorderPoint: 5,
      stockTracked: true,
    });
    const service = (await admin.get('/api/v1/products', { query: { q: 'IMP-002' } })).json().items[0];
    expect(service).toMatchObject({ kind: 'service', stockTracked: false, retailPrice: 8800 });
    const tea = (await admin.get('/api/v1/products/by-barcode/6901234567892')).json();
    expect(tea).toMatchObject({ code: 'TEA-001', name: '西湖龙井', retailPrice: 13900 });
    const again = await upload(csv, 'products.csv', { dryRun: false });
    expect(again.json()).toMatchObject({ created: 0, updated: 3 });
  });

  it('reads GBK CSV and xlsx', async () => {
    const gbk = iconv.encode('编码,名称,零售价\nGBK-001,国标编码商品,3.5\n', 'gbk');
    expect((await upload(gbk, 'gbk.csv', { dryRun: false })).json()).toMatchObject({
      created: 1,
      errorRows: 0,
    });
    expect((await admin.get('/api/v1/products', { query: { q: 'GBK-001' } })).json().items[0].name).toBe(
      '国标编码商品',
    );
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('商品');
    sheet.addRow(['code', 'name', 'retail price', 'barcode']);
    sheet.addRow(['XLS-001', 'Spreadsheet tea', 6.8, '6922222222222']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    expect((await upload(buffer, 'p.xlsx', { dryRun: false })).json()).toMatchObject({
      created: 1,
      errorRows: 0,
    });
    expect((await admin.get('/api/v1/products/by-barcode/6922222222222')).json().retailPrice).toBe(680);
  });

  it('sets member prices from 会员价:<level> columns, keeping the others', async () => {
    const file = '编码,会员价:金卡\nOIL-001,88\n';
    expect((await upload(file, 'prices.csv', { dryRun: false })).json()).toMatchObject({
      updated: 1,
      errorRows: 0,
    });
    const oil = (await admin.get('/api/v1/products/by-barcode/6900000000011')).json();
    expect(oil.memberPrices.map((p: { price: number }) => p.price).sort()).toEqual([8500, 8800]);
    const above = await upload('编码,会员价:金卡\nOIL-001,999\n', 'prices.csv', { dryRun: true });
    expect(above.json().errors).toEqual([
      expect.objectContaining({ row: 2, column: '会员价:金卡', code: 'member_price_above_retail' }),
    ]);
    expectProblem(
      await upload('编码,会员价:钻石\nOIL-001,1\n', 'p.csv', { dryRun: true }),
      400,
      'IMPORT_MAPPING_INVALID',
    );
  });

  it('refuses a file without the code column, and an unreadable file', async () => {
    expectProblem(
      await upload('名称,零售价\nx,1\n', 'x.csv', { dryRun: true }),
      400,
      'IMPORT_MAPPING_INVALID',
    );
    expectProblem(
      await upload(Buffer.from([0, 1, 2, 3, 0, 0]), 'x.csv', { dryRun: true }),
      400,
      'IMPORT_FILE_INVALID',
    );
  });

  it('needs catalog.write', async () => {
    expectProblem(await upload(csv, 'products.csv', { dryRun: true }, manager), 403, 'FORBIDDEN');
  });
});
