// Member export: every member matching the list filters, read a page at a time by id and
// written straight to the response as CSV (UTF-8 with a BOM, so Excel reads Chinese) or as
// xlsx through ExcelJS's streaming writer, so a million members take constant memory.
// Personal data stays masked unless the caller holds members.pii and asked to reveal it.
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { Db } from '../../../db/database.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { hasPermission, unitIdsInScope } from '../../../platform/access/scope.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { addDays, nowIso, startOfDayIn, todayIn } from '../../../platform/clock.ts';
import type { CallContext } from '../../../platform/context.ts';
import { fileStamp, streamTable } from '../../../platform/export/table.ts';
import { merchantFacts } from '../../../platform/merchant.ts';
import { activeFields } from '../custom-fields.ts';
import { presentMember } from '../present.ts';
import * as repo from '../repo.ts';
import { textQuery } from '../service.ts';
import { type ExportMember, exportColumns } from './columns.ts';
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
  const zh = ctx.locale === 'zh-CN';
  const download = streamTable(format, pages, columns, {
    file: `${zh ? '会员' : 'members'}-${fileStamp(facts.timeZone, new Date(nowIso()))}`,
    sheet: zh ? '会员' : 'Members',
  });
  return { ...download, revealed };
}
