// One row of a product file checked against the catalog as it was read before the import:
// either the product to insert or update, or the row's errors (every cell that is wrong,
// each with its column). No database here; the service gathers the lookups.
import { nowIso } from '../../../platform/clock.ts';
import { newId } from '../../../platform/ids.ts';
import { type Cell, isBlankRow, type SheetRow } from '../../members/import/parse.ts';
import { nameInitials, nameKey } from '../../members/name-keys.ts';
import { termsOf } from '../products.ts';
import type * as repo from '../repo.ts';
import { type MemberPrice, productContradiction, productContradictions } from '../rules.ts';
import * as cols from './columns.ts';

export interface RowError {
  row: number;
  column: string;
  code: string;
  params?: Record<string, string | number> | undefined;
}

export interface Plan {
  mode: 'insert' | 'update';
  row: repo.ProductRow;
  prices: MemberPrice[];
  before?: { row: repo.ProductRow; prices: repo.MemberPriceRow[] } | undefined;
}

export interface Lookups {
  merchantId: string;
  /** The store new products belong to; null = headquarters. */
  storeId: string | null;
  header: cols.HeaderMap;
  /** Member price column index → the level or card type id it names. */
  priceTargets: Map<number, string>;
  categories: cols.CategoryIndex;
  existing: Map<string, repo.ProductRow>;
  existingPrices: Map<string, repo.MemberPriceRow[]>;
  /** Barcode → the code of the product that has it. */
  barcodes: Map<string, string>;
  writable: (product: repo.ProductRow) => boolean;
}

/** Codes and barcodes met in earlier rows, with the row they were first met in. */
export interface Seen {
  codes: Map<string, number>;
  barcodes: Map<string, number>;
}

type Fail = (column: string, code: string, params?: Record<string, string | number>) => void;

function rowReader(sheetRow: SheetRow, header: cols.HeaderMap, fail: Fail) {
  const label = (column: cols.ProductColumn) =>
    header.columns[column]?.header ?? cols.productColumns[column][0];
  const cell = (column: cols.ProductColumn): Cell | undefined => {
    const at = header.columns[column];
    const value = at ? (sheetRow.cells[at.index] ?? null) : undefined;
    return value === undefined || isBlankRow([value]) ? undefined : value;
  };
  function read<T>(column: cols.ProductColumn, parse: (value: Cell) => cols.Parsed<T>): T | undefined {
    const value = cell(column);
    if (value === undefined) return undefined;
    const parsed = parse(value);
    if ('value' in parsed) return parsed.value;
    fail(label(column), parsed.error, parsed.params);
    return undefined;
  }
  return { label, cell, read };
}

type Reader = ReturnType<typeof rowReader>;

/** Every field a row may set; undefined = blank (left alone on an update). */
function readFields(reader: Reader, categories: cols.CategoryIndex) {
  const { read } = reader;
  return {
    name: read('name', (c) => cols.parseText(c, 80)),
    kind: read('kind', cols.parseKind),
    unit: read('unit', (c) => cols.parseText(c, 10)),
    categoryId: read('category', (c) => cols.findCategory(categories, c)),
    retailPrice: read('retailPrice', cols.parsePrice),
    cost: read('cost', cols.parsePrice),
    wholesalePrice: read('wholesalePrice', cols.parsePrice),
    noMemberDiscount: read('noMemberDiscount', cols.parseFlag),
    earnsPoints: read('earnsPoints', cols.parseFlag),
    stockTracked: read('stockTracked', cols.parseFlag),
    reorderPoint: read('reorderPoint', cols.parseCount),
    status: read('status', cols.parseStatus),
  };
}

type Fields = ReturnType<typeof readFields>;

/** The code (required, once per file) and barcode (once per file, not another product's). */
function readKeys(reader: Reader, sheetRow: SheetRow, lookups: Lookups, seen: Seen, fail: Fail) {
  const { label, cell, read } = reader;
  const code = read('code', (c) => cols.parseText(c, 32, cols.codePattern));
  if (cell('code') === undefined) fail(label('code'), 'required');
  if (code !== undefined) {
    const firstRow = seen.codes.get(code);
    if (firstRow !== undefined) fail(label('code'), 'code_duplicate_in_file', { firstRow });
    else seen.codes.set(code, sheetRow.row);
  }
  const barcode = read('barcode', (c) => cols.parseText(c, 32, cols.barcodePattern));
  if (barcode) {
    const firstRow = seen.barcodes.get(barcode);
    const holder = lookups.barcodes.get(barcode);
    if (firstRow !== undefined) fail(label('barcode'), 'barcode_duplicate_in_file', { firstRow });
    else if (holder !== undefined && holder !== code) fail(label('barcode'), 'barcode_taken', { holder });
    seen.barcodes.set(barcode, firstRow ?? sheetRow.row);
  }
  return { code, barcode };
}

function readPrices(sheetRow: SheetRow, header: cols.HeaderMap, fail: Fail) {
  return header.prices.flatMap((column) => {
    const value = sheetRow.cells[column.index] ?? null;
    if (isBlankRow([value])) return [];
    const parsed = cols.parsePrice(value);
    if ('value' in parsed) return [{ column, price: parsed.value }];
    fail(column.header, parsed.error);
    return [];
  });
}

function newProductRow(lookups: Lookups, code: string, kind: 'product' | 'service'): repo.ProductRow {
  const at = nowIso();
  return {
    id: newId('product'),
    merchantId: lookups.merchantId,
    storeId: lookups.storeId,
    kind,
    code,
    barcode: null,
    name: '',
    nameKey: '',
    nameInitials: '',
    unit: '件',
    categoryId: null,
    retailPriceFen: 0,
    costFen: null,
    wholesalePriceFen: null,
    noMemberDiscount: 0,
    earnsPoints: 1,
    stockTracked: kind === 'product' ? 1 : 0,
    reorderPoint: null,
    status: 'active',
    createdAt: at,
    updatedAt: at,
  };
}

function applyFields(row: repo.ProductRow, fields: Fields, barcode: string | undefined): repo.ProductRow {
  const next = { ...row, updatedAt: nowIso() };
  const flag = (value: boolean) => (value ? 1 : 0) as 0 | 1;
  const { name } = fields;
  if (barcode) next.barcode = barcode;
  if (name !== undefined)
    Object.assign(next, { name, nameKey: nameKey(name), nameInitials: nameInitials(name) });
  if (fields.unit !== undefined) next.unit = fields.unit;
  if (fields.categoryId !== undefined) next.categoryId = fields.categoryId;
  if (fields.retailPrice !== undefined) next.retailPriceFen = fields.retailPrice;
  if (fields.cost !== undefined) next.costFen = fields.cost;
  if (fields.wholesalePrice !== undefined) next.wholesalePriceFen = fields.wholesalePrice;
  if (fields.noMemberDiscount !== undefined) next.noMemberDiscount = flag(fields.noMemberDiscount);
  if (fields.earnsPoints !== undefined) next.earnsPoints = flag(fields.earnsPoints);
  if (fields.stockTracked !== undefined) next.stockTracked = flag(fields.stockTracked);
  if (fields.reorderPoint !== undefined) next.reorderPoint = fields.reorderPoint;
  if (fields.status !== undefined) next.status = fields.status;
  return next;
}

/** The product's member prices with the row's price cells laid over them. */
function mergePrices(
  before: readonly repo.MemberPriceRow[],
  cells: ReturnType<typeof readPrices>,
  targets: Map<number, string>,
): MemberPrice[] {
  const prices = before.map((p) => ({
    levelId: p.levelId,
    cardTypeId: p.cardTypeId,
    price: Number(p.priceFen),
  }));
  for (const { column, price } of cells) {
    const target = targets.get(column.index) ?? '';
    const key = column.target === 'level' ? 'levelId' : 'cardTypeId';
    const entry = prices.find((p) => p[key] === target);
    if (entry) entry.price = price;
    else
      prices.push({
        levelId: key === 'levelId' ? target : null,
        cardTypeId: key === 'levelId' ? null : target,
        price,
      });
  }
  return prices;
}

/** Checks one row and turns it into a product to insert or update, or into its errors. */
export function planRow(
  sheetRow: SheetRow,
  lookups: Lookups,
  seen: Seen,
): { errors: RowError[]; plan?: Plan } {
  const errors: RowError[] = [];
  const fail: Fail = (column, code, params) => errors.push({ row: sheetRow.row, column, code, params });
  const reader = rowReader(sheetRow, lookups.header, fail);
  const { code, barcode } = readKeys(reader, sheetRow, lookups, seen, fail);
  const fields = readFields(reader, lookups.categories);
  const priceCells = readPrices(sheetRow, lookups.header, fail);
  const existing = code === undefined ? undefined : lookups.existing.get(code);
  if (existing && !lookups.writable(existing)) fail(reader.label('code'), 'outside_scope');
  if (existing && fields.kind !== undefined && fields.kind !== existing.kind)
    fail(reader.label('kind'), 'kind_invalid');
  if (!existing && reader.cell('name') === undefined) fail(reader.label('name'), 'required');
  if (!existing && reader.cell('retailPrice') === undefined) fail(reader.label('retailPrice'), 'required');
  if (errors.length > 0 || code === undefined) return { errors };

  const row = applyFields(
    existing ?? newProductRow(lookups, code, fields.kind ?? 'product'),
    fields,
    barcode,
  );
  const beforePrices = existing ? (lookups.existingPrices.get(existing.id) ?? []) : [];
  const prices = mergePrices(beforePrices, priceCells, lookups.priceTargets);
  const contradiction = productContradiction(termsOf(row, prices));
  if (contradiction) {
    const field = productContradictions[contradiction.reason].field;
    const column =
      field === 'memberPrices'
        ? (lookups.header.prices[0]?.header ?? field)
        : reader.label(field as cols.ProductColumn);
    fail(column, contradiction.reason);
    return { errors };
  }
  const before = existing ? { row: existing, prices: beforePrices } : undefined;
  return { errors, plan: { mode: existing ? 'update' : 'insert', row, prices, before } };
}
