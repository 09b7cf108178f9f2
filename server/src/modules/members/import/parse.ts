// Reading an uploaded member file: what it is (xlsx, or CSV in UTF-8, GBK/GB18030 or
// UTF-16), and its rows as plain cell values, streamed so a million-row file never sits in
// memory. Row numbers are the spreadsheet's own (the header is row 1).
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

export type FileFormat = 'xlsx' | 'csv';
export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le';
export type Cell = string | number | boolean | Date | null;

export interface SheetRow {
  /** The row number a spreadsheet program shows (1 = the header). */
  row: number;
  cells: Cell[];
}

export interface SheetSource {
  path: string;
  format: FileFormat;
  /** CSV only. */
  encoding: TextEncoding | null;
  delimiter: string;
}

/** Why a file cannot be read, as a reason code the caller turns into IMPORT_FILE_INVALID. */
export class FileProblem extends Error {
  constructor(
    readonly reason:
      | 'empty'
      | 'not_spreadsheet'
      | 'xls'
      | 'xlsx_corrupt'
      | 'csv_malformed'
      | 'no_sheet'
      | 'no_header',
    readonly line?: number,
  ) {
    super(reason);
    this.name = 'FileProblem';
  }
}

const sampleBytes = 64 * 1024;
/** A single CSV record longer than this is not a member row but a broken or hostile file. */
const maxRecordBytes = 256 * 1024;

async function readSample(path: string): Promise<Buffer> {
  const handle = await fs.promises.open(path, 'r');
  try {
    const buffer = Buffer.alloc(sampleBytes);
    const { bytesRead } = await handle.read(buffer, 0, sampleBytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Control bytes other than tab, CR, LF (and the DOS end-of-file mark) do not occur in text. */
function looksBinary(sample: Buffer): boolean {
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x1a) control++;
  }
  return control > sample.length / 100;
}

/** Where a UTF-8 sequence cut by a chunk boundary starts (so it can be carried over). */
function incompleteTail(chunk: Buffer): number {
  for (let back = 1; back <= Math.min(3, chunk.length); back++) {
    const byte = chunk[chunk.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > back ? chunk.length - back : chunk.length;
  }
  return chunk.length;
}

/**
 * Whether the whole file is valid UTF-8. Spreadsheets saved by Chinese Excel or WPS are
 * often GBK, and a GBK file may be plain ASCII for a million rows before its first
 * Chinese name, so every byte is checked (simdutf makes this cost a few ms per 100 MB).
 */
async function isUtf8File(path: string): Promise<boolean> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const piece of fs.createReadStream(path, { highWaterMark: 1 << 20 })) {
    const chunk: Buffer = carry.length ? Buffer.concat([carry, piece as Buffer]) : (piece as Buffer);
    const cut = incompleteTail(chunk);
    if (!isUtf8(chunk.subarray(0, cut))) return false;
    carry = Buffer.from(chunk.subarray(cut));
  }
  return carry.length === 0;
}

/** The delimiter that splits the header line into the most fields: comma, tab or semicolon. */
function guessDelimiter(text: string): string {
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', '\t', ';']) {
    let count = 0;
    let quoted = false;
    for (const char of line) {
      if (char === '"') quoted = !quoted;
      else if (char === candidate && !quoted) count++;
    }
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** Works out what the file is from its bytes (never its name); throws FileProblem. */
export async function sniffFile(path: string): Promise<SheetSource> {
  const sample = await readSample(path);
  if (sample.length === 0) throw new FileProblem('empty');
  if (sample.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    return { path, format: 'xlsx', encoding: null, delimiter: ',' };
  }
  if (sample.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) throw new FileProblem('xls');
  if (sample[0] === 0xff && sample[1] === 0xfe) {
    const text = iconv.decode(sample, 'utf-16le');
    return { path, format: 'csv', encoding: 'utf-16le', delimiter: guessDelimiter(text) };
  }
  if (looksBinary(sample)) throw new FileProblem('not_spreadsheet');
  const encoding: TextEncoding = (await isUtf8File(path)) ? 'utf-8' : 'gb18030';
  const text = encoding === 'utf-8' ? sample.toString('utf8') : iconv.decode(sample, 'gb18030');
  // Bytes that are neither UTF-8 nor GB18030 text decode to U+FFFD; a few are a typo, many are not text.
  const unreadable = text.split('\uFFFD').length - 1;
  if (unreadable > Math.max(3, text.length / 200)) throw new FileProblem('not_spreadsheet');
  return { path, format: 'csv', encoding, delimiter: guessDelimiter(text.replace(/^\uFEFF/, '')) };
}

/** A cell as ExcelJS gives it (rich text, formulas, links) reduced to its plain value. */
export function plainCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const cell = value as {
      richText?: Array<{ text: string }>;
      result?: unknown;
      formula?: string;
      sharedFormula?: string;
      text?: unknown;
      error?: string;
    };
    if (Array.isArray(cell.richText)) return cell.richText.map((part) => part.text).join('');
    if ('formula' in cell || 'sharedFormula' in cell) return plainCell(cell.result);
    if ('text' in cell) return plainCell(cell.text);
    if ('error' in cell) return null;
  }
  return null;
}

async function* xlsxRows(path: string): AsyncGenerator<SheetRow> {
  const input = fs.createReadStream(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell a date from a number; hyperlinks and other entries are not needed.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let sawSheet = false;
  try {
    for await (const sheet of reader) {
      sawSheet = true;
      for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        const cells: Cell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(plainCell(values[i]));
        yield { row: row.number, cells };
      }
      break; // members are on the first sheet
    }
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    throw new FileProblem('xlsx_corrupt');
  } finally {
    input.destroy();
  }
  if (!sawSheet) throw new FileProblem('no_sheet');
}

function csvStream(source: SheetSource): Readable {
  const input = fs.createReadStream(source.path, { highWaterMark: 1 << 20 });
  const parser = parseCsv({
    bom: true,
    delimiter: source.delimiter,
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: maxRecordBytes,
  });
  const done = (error: Error | null) => {
    if (error) parser.destroy(error);
  };
  if (source.encoding === 'utf-8') return pipeline(input, parser, done);
  return pipeline(input, iconv.decodeStream(source.encoding ?? 'gb18030'), parser, done);
}

async function* csvRows(source: SheetSource): AsyncGenerator<SheetRow> {
  const stream = csvStream(source);
  let row = 0;
  try {
    for await (const record of stream) {
      row++;
      yield { row, cells: record as string[] };
    }
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    const line = (error as { lines?: number }).lines;
    throw new FileProblem('csv_malformed', line ?? row + 1);
  } finally {
    stream.destroy();
  }
}

/** Every row of the file, the header first; throws FileProblem for an unreadable file. */
export function readRows(source: SheetSource): AsyncGenerator<SheetRow> {
  return source.format === 'xlsx' ? xlsxRows(source.path) : csvRows(source);
}

/** Whether a row holds nothing (blank rows are skipped, as a spreadsheet user expects). */
export function isBlankRow(cells: Cell[]): boolean {
  for (const cell of cells) {
    if (cell === null || cell === '') continue;
    if (typeof cell === 'string' && cell.trim() === '') continue;
    return false;
  }
  return true;
}

/** The header (row 1) and up to `limit` further non-blank rows. */
export async function readHead(
  source: SheetSource,
  limit: number,
): Promise<{ headers: string[]; rows: SheetRow[] }> {
  const rows: SheetRow[] = [];
  let headers: string[] | undefined;
  for await (const sheetRow of readRows(source)) {
    if (headers === undefined) {
      if (sheetRow.row !== 1 || isBlankRow(sheetRow.cells)) throw new FileProblem('no_header');
      headers = sheetRow.cells.map((cell) => cellText(cell));
      continue;
    }
    if (rows.length >= limit) break;
    if (!isBlankRow(sheetRow.cells)) rows.push(sheetRow);
  }
  if (headers === undefined) throw new FileProblem('no_header');
  return { headers, rows };
}

/**
 * An estimate of the data rows, for the progress bar and the row limit before anything is
 * written. For CSV it counts line ends outside quotes, byte by byte (the bytes of `"`, `,`
 * and a line end never occur inside a GBK or UTF-8 character); blank lines count too, so it
 * can only overestimate. For xlsx it reads the sheet once.
 */
export async function estimateDataRows(source: SheetSource): Promise<number> {
  if (source.format === 'xlsx' || source.encoding === 'utf-16le') {
    let count = 0;
    for await (const sheetRow of readRows(source))
      if (sheetRow.row > 1 && !isBlankRow(sheetRow.cells)) count++;
    return count;
  }
  let lines = 0;
  let quoted = false;
  let lineHasText = false;
  for await (const chunk of fs.createReadStream(source.path, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i]!;
      if (byte === 0x22) quoted = !quoted;
      if (byte === 0x0a && !quoted) {
        if (lineHasText) lines++;
        lineHasText = false;
      } else if (byte !== 0x0d) lineHasText = true;
    }
  }
  if (lineHasText) lines++;
  return Math.max(0, lines - 1);
}

const blankish = /[\s\u3000\u00a0\uFEFF]/;

/** The text a cell shows, trimmed (including full-width and no-break spaces). */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') {
    // Most cells need no trimming; the regular expression is only for those that do.
    if (cell === '' || (!blankish.test(cell[0]!) && !blankish.test(cell[cell.length - 1]!))) return cell;
    return cell.replace(/^[\s\u3000\u00a0\uFEFF]+|[\s\u3000\u00a0]+$/g, '');
  }
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell);
}
