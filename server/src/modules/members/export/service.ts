// Member export: every member matching the list filters, read a page at a time by id and
// written straight to the response as CSV (UTF-8 with a BOM, so Excel reads Chinese) or as
// xlsx through ExcelJS's streaming writer, so a million members take constant memory.
// Personal data stays masked unless the caller holds members.pii and asked to reveal it.
import { type EventEmitter, once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { Db } from '../../../db/database.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { hasPermission, unitIdsInScope } from '../../../platform/access/scope.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { addDays, nowIso, startOfDayIn, todayIn } from '../../../platform/clock.ts';
import type { CallContext } from '../../../platform/context.ts';
import { merchantFacts } from '../../../platform/merchant.ts';
import { activeFields } from '../custom-fields.ts';
import { presentMember } from '../present.ts';
import * as repo from '../repo.ts';
import { textQuery } from '../service.ts';
import { type ExportColumn, type ExportMember, exportColumns } from './columns.ts';
import type { memberExportQuery } from './schema.ts';

type ExportQuery = z.infer<typeof memberExportQuery>;

const pageSize = 1000;

export interface MemberExport {
  stream: Readable;
  contentType: string;
  fileName: string;
  revealed: boolean;
}

/** Pages of members (newest first), each with its tags and card numbers. */
async function* memberPages(db: Db, ctx: CallContext, query: ExportQuery, reveal: boolean) {
  const facts = await merchantFacts(db, ctx.actor.merchantId);
  const search: repo.MemberSearch = {
    merchantId: ctx.actor.merchantId,
    unitIds: await unitIdsInScope(db, ctx.actor, 'members.export'),
    tag: query.tag,
    levelId: query.levelId,
    homeStoreId: query.homeStoreId,
    status: query.status,
    registeredFrom: query.registeredFrom ? startOfDayIn(query.registeredFrom, facts.timeZone) : undefined,
    registeredBefore: query.registeredTo
      ? startOfDayIn(addDays(query.registeredTo, 1), facts.timeZone)
      : undefined,
    birthdayMonth: query.birthdayMonth,
    limit: pageSize,
    ...textQuery(query.q),
  };
  for (;;) {
    const rows = await repo.searchMembers(db, search).execute();
    const page = rows.slice(0, pageSize);
    if (page.length === 0) return;
    const ids = page.map((row) => row.id);
    const tags = await repo.tagsOf(db, ids);
    const cards = new Map<string, ExportMember['cards']>();
    for (const card of await db
      .selectFrom('cards as c')
      .innerJoin('cardTypes as t', 't.id', 'c.cardTypeId')
      .select(['c.memberId', 'c.cardNo', 't.name as typeName'])
      .where('c.memberId', 'in', ids)
      .where('c.status', 'not in', ['cancelled', 'replaced'])
      .orderBy('c.issuedAt')
      .execute()) {
      const held = cards.get(card.memberId) ?? [];
      held.push({ cardNo: card.cardNo, typeName: card.typeName });
      cards.set(card.memberId, held);
    }
    yield page.map(
      (row): ExportMember => ({
        view: presentMember(row, tags.get(row.id) ?? [], reveal),
        cards: cards.get(row.id) ?? [],
      }),
    );
    if (rows.length <= pageSize) return;
    search.beforeId = page[page.length - 1]!.id;
  }
}

/** A cell that a spreadsheet would run as a formula (=, +, -, @) is prefixed with ' so it stays text. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^[+-]?[\d\s*]+$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

async function* csvChunks(pages: AsyncGenerator<ExportMember[]>, columns: ExportColumn[]) {
  yield `\uFEFF${columns.map((c) => csvCell(c.header)).join(',')}\r\n`;
  for await (const page of pages) {
    let chunk = '';
    for (const member of page) chunk += `${columns.map((c) => csvCell(c.value(member))).join(',')}\r\n`;
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

function xlsxStream(
  pages: AsyncGenerator<ExportMember[]>,
  columns: ExportColumn[],
  sheetName: string,
): Readable {
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
      for (const member of page) sheet.addRow(columns.map((c) => c.value(member))).commit();
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

function stamp(timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(nowIso()));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}${get('month')}${get('day')}-${get('hour')}${get('minute')}`;
}

/**
 * Starts an export: audits it (who, which filters, whether unmasked), then answers the
 * stream that reads the members as the client consumes it.
 */
export async function exportMembers(db: Db, ctx: CallContext, query: ExportQuery): Promise<MemberExport> {
  const revealed = query.reveal === 'true' && hasPermission(ctx.actor, 'members.pii');
  const facts = await merchantFacts(db, ctx.actor.merchantId);
  const columns = exportColumns(ctx.locale, facts.timeZone, await activeFields(db, ctx.actor.merchantId));
  const { format, reveal: _reveal, ...filters } = query;
  await inTransaction(db, (trx) =>
    recordAudit(trx, ctx, {
      action: 'members.export',
      entityType: 'member',
      entityId: null,
      unitId: query.homeStoreId ?? ctx.storeId,
      after: { format, filters, revealed, on: todayIn(facts.timeZone) },
    }),
  );
  const pages = memberPages(db, ctx, query, revealed);
  const base = `${ctx.locale === 'zh-CN' ? '会员' : 'members'}-${stamp(facts.timeZone)}`;
  if (format === 'csv') {
    return {
      stream: Readable.from(csvChunks(pages, columns)),
      contentType: 'text/csv; charset=utf-8',
      fileName: `${base}.csv`,
      revealed,
    };
  }
  return {
    stream: xlsxStream(pages, columns, ctx.locale === 'zh-CN' ? '会员' : 'Members'),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName: `${base}.xlsx`,
    revealed,
  };
}

/** attachment; an ASCII fallback name and the real (maybe Chinese) one per RFC 6266. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7E]/g, '').replace(/["\\]/g, '') || 'export';
  const fallback = ascii.startsWith('-') ? `members${ascii}` : ascii;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
