// Streaming a table to a download: CSV (UTF-8 with a BOM, so Excel reads Chinese) or xlsx
// through ExcelJS's streaming writer, read a page at a time so a million rows take
// constant memory. Every export in Huiyuan (members, ledger history, reports) goes here.
import type { EventEmitter } from 'node:events';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export interface TableColumn<T> {
  header: string;
  width: number;
  value(row: T): string | number;
}

export type TableFormat = 'csv' | 'xlsx';

export interface TableDownload {
  stream: Readable;
  contentType: string;
  fileName: string;
}

/** A cell that a spreadsheet would run as a formula (=, +, -, @) is prefixed with ' so it stays text. */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  // A plain signed number (-20.83, +86 138…) is data, not a formula.
  const safe = /^[=+\-@\t\r]/.test(value) && !/^[+-]?[\d\s.*]+$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

async function* csvChunks<T>(pages: AsyncIterable<T[]>, columns: TableColumn<T>[]) {
  yield `\uFEFF${columns.map((c) => csvCell(c.header)).join(',')}\r\n`;
  for await (const page of pages) {
    let chunk = '';
    for (const row of page) chunk += `${columns.map((c) => csvCell(c.value(row))).join(',')}\r\n`;
    yield chunk;
  }
}

/**
 * ExcelJS's sheet writer hands its XML to the zip's deflate stream without looking at the
 * answer of write(), so rows made faster than deflate compresses them pile up in memory
 * (a million rows took a gigabyte). Waiting for that stream to drain keeps memory flat.
 */
async function sheetDrained(sheet: ExcelJS.Worksheet): Promise<void> {
  // The zip side is a readable-stream v2 PassThrough: no writableNeedDrain, only its state.
  type ZipInput = EventEmitter & { writableNeedDrain?: boolean; _writableState?: { needDrain?: boolean } };
  const target = (sheet as unknown as { stream?: { pipes?: ZipInput[] } }).stream?.pipes?.[0];
  if (target && (target.writableNeedDrain ?? target._writableState?.needDrain)) await once(target, 'drain');
}

function xlsxStream<T>(pages: AsyncIterable<T[]>, columns: TableColumn<T>[], sheetName: string): Readable {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const write = async () => {
    const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((c) => ({ width: c.width }));
    sheet.addRow(columns.map((c) => c.header)).commit();
    for await (const page of pages) {
      for (const row of page) sheet.addRow(columns.map((c) => c.value(row))).commit();
      // Neither the zip writer nor a slow client holds ExcelJS back; wait here so rows never pile up.
      await sheetDrained(sheet);
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error as Error));
  return out;
}

export function streamTable<T>(
  format: TableFormat,
  pages: AsyncIterable<T[]>,
  columns: TableColumn<T>[],
  names: { file: string; sheet: string },
): TableDownload {
  if (format === 'csv') {
    return {
      stream: Readable.from(csvChunks(pages, columns)),
      contentType: 'text/csv; charset=utf-8',
      fileName: `${names.file}.csv`,
    };
  }
  return {
    stream: xlsxStream(pages, columns, names.sheet),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName: `${names.file}.xlsx`,
  };
}

/** attachment; an ASCII fallback name and the real (maybe Chinese) one per RFC 6266. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7E]/g, '').replace(/["\\]/g, '') || 'export';
  const fallback = ascii.startsWith('-') ? `export${ascii}` : ascii;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** 20261123-1405: when an export was made, in the merchant's time zone, for its file name. */
export function fileStamp(timeZone: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}${get('month')}${get('day')}-${get('hour')}${get('minute')}`;
}

/** Answers a download: its type, an attachment name, never cached. */
export function sendDownload(reply: FastifyReply, download: TableDownload) {
  return reply
    .header('content-type', download.contentType)
    .header('content-disposition', contentDisposition(download.fileName))
    .header('cache-control', 'no-store')
    .send(download.stream);
}
