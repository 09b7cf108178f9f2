// The columns of a product file: which header means which field (Chinese or English), and
// how one cell becomes a value or a reason code for the row's error list. Prices in a file
// are yuan (12.50), as a shop keeps them; they become fen here.
import type { Cell } from '../../members/import/parse.ts';
import { cellText } from '../../members/import/parse.ts';
import { maxPriceFen, maxQuantity } from '../schema.ts';

export const productColumns = {
  code: ['编码', '商品编码', '货号', 'code', 'product code'],
  barcode: ['条码', '条形码', 'barcode'],
  name: ['名称', '商品名称', '品名', 'name'],
  kind: ['类型', 'kind', 'type'],
  unit: ['单位', 'unit'],
  category: ['分类', '类别', 'category'],
  retailPrice: ['零售价', '售价', 'retail price', 'price'],
  cost: ['成本价', '进价', '成本', 'cost'],
  wholesalePrice: ['批发价', 'wholesale price'],
  noMemberDiscount: ['不参与会员折扣', '不打折', 'no member discount'],
  earnsPoints: ['积分', '参与积分', 'earns points'],
  stockTracked: ['管理库存', '库存管理', 'stock tracked'],
  reorderPoint: ['补货点', '库存下限', '安全库存', 'reorder point'],
  status: ['状态', 'status'],
} as const;

export type ProductColumn = keyof typeof productColumns;

/** A member price column: `会员价:金卡` (a level by name) or `卡类型价:储值卡` (a card type). */
export interface PriceColumn {
  index: number;
  header: string;
  target: 'level' | 'cardType';
  name: string;
}

export interface HeaderMap {
  columns: Partial<Record<ProductColumn, { index: number; header: string }>>;
  prices: PriceColumn[];
  /** Why the header cannot be used: a column given twice, or no code column. */
  problem?: { kind: 'duplicate' | 'missing'; header: string };
}

function normalise(header: string): string {
  return header.toLowerCase().replace(/[\s_-]+/g, '');
}

const byHeader = new Map<string, ProductColumn>();
for (const [column, names] of Object.entries(productColumns) as Array<[ProductColumn, readonly string[]]>) {
  for (const name of names) byHeader.set(normalise(name), column);
}

const pricePattern = /^(会员价|等级价|level price|卡类型价|卡价|card type price)\s*[:：]\s*(.+)$/i;

/** Maps a header row; columns it does not know (stock on hand, notes…) are left alone. */
export function mapHeader(headers: string[]): HeaderMap {
  const map: HeaderMap = { columns: {}, prices: [] };
  headers.forEach((raw, index) => {
    const header = raw.trim();
    if (!header) return;
    const price = pricePattern.exec(header);
    if (price) {
      const target = /卡|card/i.test(price[1] ?? '') ? 'cardType' : 'level';
      map.prices.push({ index, header, target, name: (price[2] ?? '').trim() });
      return;
    }
    const column = byHeader.get(normalise(header));
    if (!column) return;
    if (map.columns[column] && !map.problem) map.problem = { kind: 'duplicate', header };
    map.columns[column] = { index, header };
  });
  if (!map.problem && !map.columns.code) map.problem = { kind: 'missing', header: productColumns.code[0] };
  return map;
}

/** A cell's value, or the reason it is not one. */
export type Parsed<T> = { value: T } | { error: string; params?: Record<string, string | number> };

/** Yuan with at most two decimals (`12.5`, `¥1,280.00`) as fen. */
export function parsePrice(cell: Cell): Parsed<number> {
  if (typeof cell === 'number') {
    const fen = Math.round(cell * 100);
    if (!Number.isFinite(cell) || cell < 0 || Math.abs(cell * 100 - fen) > 1e-6 || fen > maxPriceFen) {
      return { error: 'price_invalid' };
    }
    return { value: fen };
  }
  const text = cellText(cell)
    .replace(/^[¥￥]/, '')
    .replace(/,/g, '');
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return { error: 'price_invalid' };
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return fen > maxPriceFen ? { error: 'price_invalid' } : { value: fen };
}

export function parseCount(cell: Cell): Parsed<number> {
  const text = cellText(cell);
  if (!/^\d{1,10}$/.test(text) || Number(text) > maxQuantity) return { error: 'quantity_invalid' };
  return { value: Number(text) };
}

const yes = new Set(['是', 'y', 'yes', 'true', '1', '✓', '√', '参与', '开启']);
const no = new Set(['否', 'n', 'no', 'false', '0', '×', '不参与', '关闭']);

export function parseFlag(cell: Cell): Parsed<boolean> {
  if (typeof cell === 'boolean') return { value: cell };
  const text = cellText(cell).toLowerCase();
  if (yes.has(text)) return { value: true };
  if (no.has(text)) return { value: false };
  return { error: 'flag_invalid' };
}

export function parseKind(cell: Cell): Parsed<'product' | 'service'> {
  const text = cellText(cell).toLowerCase();
  if (['商品', 'product', '产品'].includes(text)) return { value: 'product' };
  if (['服务', 'service', '服务项目'].includes(text)) return { value: 'service' };
  return { error: 'kind_invalid' };
}

export function parseStatus(cell: Cell): Parsed<'active' | 'archived'> {
  const text = cellText(cell).toLowerCase();
  if (['启用', '在售', 'active'].includes(text)) return { value: 'active' };
  if (['停用', '停售', '下架', 'archived'].includes(text)) return { value: 'archived' };
  return { error: 'status_invalid' };
}

export function parseText(cell: Cell, max: number, pattern?: RegExp): Parsed<string> {
  const text = cellText(cell);
  if (text.length > max) return { error: 'too_long', params: { max } };
  // Tabs and line breaks are fine in a spreadsheet cell but not in a name or code.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
  if (/[\u0000-\u001F\u007F]/.test(text)) return { error: 'control_chars' };
  if (pattern && !pattern.test(text)) return { error: 'format_invalid' };
  return { value: text };
}

export const codePattern = /^[0-9A-Za-z._\-/]+$/;
export const barcodePattern = /^[0-9A-Za-z.-]+$/;

export interface CategoryIndex {
  /** `饮料/茶饮` (lower-cased, `/` between levels) → id. */
  byPath: Map<string, string>;
  /** A name used by one category → its id; by several → 'ambiguous'. */
  byName: Map<string, string | 'ambiguous'>;
}

export function indexCategories(
  rows: ReadonlyArray<{ id: string; name: string; path: string; status: string }>,
) {
  const names = new Map(rows.map((r) => [r.id, r.name.trim().toLowerCase()]));
  const index: CategoryIndex = { byPath: new Map(), byName: new Map() };
  for (const row of rows) {
    if (row.status !== 'active') continue;
    const chain = row.path
      .split('/')
      .filter(Boolean)
      .map((id) => names.get(id) ?? '');
    index.byPath.set(chain.join('/'), row.id);
    const name = names.get(row.id) ?? '';
    const taken = index.byName.get(name);
    index.byName.set(name, taken && taken !== row.id ? 'ambiguous' : row.id);
  }
  return index;
}

/** A category by its path of names (`饮料/茶饮`, also with `>`), or by a name used once. */
export function findCategory(index: CategoryIndex, cell: Cell): Parsed<string> {
  const parts = cellText(cell)
    .toLowerCase()
    .split(/\s*[/>＞]\s*/)
    .filter(Boolean);
  if (parts.length > 1) {
    const id = index.byPath.get(parts.join('/'));
    return id ? { value: id } : { error: 'category_not_found' };
  }
  const found = index.byName.get(parts[0] ?? '');
  if (found === 'ambiguous') return { error: 'category_ambiguous' };
  return found ? { value: found } : { error: 'category_not_found' };
}
