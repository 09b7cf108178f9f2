// Recharge detail (充值明细): every recharge in a period, newest first, with its bonus, tender,
// store and operator, and whether it was refunded — within the caller's stores (headquarters
// sees all). The same rows download as xlsx or CSV.
import type { z } from 'zod';
import type { Locale } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { holdsMerchantWide, unitIdsInScope } from '../../platform/access/scope.ts';
import { nowIso } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { fileStamp, streamTable, type TableColumn } from '../../platform/export/table.ts';
import { decodeCursor, page } from '../../platform/http/schemas.ts';
import { merchantFacts } from '../../platform/merchant.ts';
import type { rechargeReportQuery } from './schema.ts';

type Query = z.infer<typeof rechargeReportQuery>;

async function rechargeRows(db: Db, ctx: CallContext, query: Query, limit: number, beforeId?: string) {
  const unitIds = holdsMerchantWide(ctx.actor, 'reports.read')
    ? undefined
    : await unitIdsInScope(db, ctx.actor, 'reports.read');
  let q = db
    .selectFrom('ledgerTransactions as t')
    .innerJoin('members as m', 'm.id', 't.memberId')
    .innerJoin('orgUnits as u', 'u.id', 't.unitId')
    .leftJoin('operators as o', 'o.id', 't.actorId')
    .leftJoin('ledgerTransactions as r', 'r.reversesId', 't.id')
    .leftJoin('ledgerEntries as b', (join) =>
      join
        .onRef('b.transactionId', '=', 't.id')
        .on('b.amount', '>', 0)
        .on((eb) =>
          eb.exists(
            eb
              .selectFrom('accounts as a')
              .select('a.id')
              .whereRef('a.id', '=', 'b.accountId')
              .where('a.kind', '=', 'sv_bonus'),
          ),
        ),
    )
    .select([
      't.id',
      't.createdAt',
      't.memberId',
      'm.name as memberName',
      't.amountFen as amount',
      'b.amount as bonus',
      't.tender',
      't.unitId',
      'u.name as unitName',
      'o.displayName as operatorName',
      'r.id as refundedById',
    ])
    .where('t.merchantId', '=', ctx.actor.merchantId)
    .where('t.kind', '=', 'recharge')
    .orderBy('t.id', 'desc')
    .limit(limit + 1);
  if (unitIds) q = q.where('t.unitId', 'in', unitIds.length ? unitIds : ['']);
  if (query.storeId) q = q.where('t.unitId', '=', query.storeId);
  if (query.tender) q = q.where('t.tender', '=', query.tender);
  if (query.from) q = q.where('t.createdAt', '>=', new Date(query.from).toISOString());
  if (query.to) q = q.where('t.createdAt', '<', new Date(query.to).toISOString());
  if (beforeId) q = q.where('t.id', '<', beforeId);
  const rows = await q.execute();
  return rows.map((row) => ({ ...row, amount: Number(row.amount), bonus: Number(row.bonus ?? 0) }));
}

export async function listRecharges(
  db: Db,
  ctx: CallContext,
  query: Query & { cursor?: string | undefined; limit: number },
) {
  const rows = await rechargeRows(db, ctx, query, query.limit, decodeCursor(query.cursor));
  return page(rows, query.limit);
}

type Row = Awaited<ReturnType<typeof rechargeRows>>[number];

function columns(locale: Locale, timeZone: string): TableColumn<Row>[] {
  const zh = locale === 'zh-CN';
  const time = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const yuan = (fen: number) => (fen / 100).toFixed(2);
  return [
    {
      header: zh ? '时间' : 'Time',
      width: 18,
      value: (r) => time.format(new Date(r.createdAt)).replace(', ', ' '),
    },
    { header: zh ? '会员' : 'Member', width: 14, value: (r) => r.memberName },
    { header: zh ? '充值金额(元)' : 'Amount (yuan)', width: 14, value: (r) => yuan(r.amount) },
    { header: zh ? '赠送(元)' : 'Bonus (yuan)', width: 12, value: (r) => yuan(r.bonus) },
    { header: zh ? '支付方式' : 'Tender', width: 12, value: (r) => r.tender ?? '' },
    { header: zh ? '门店' : 'Store', width: 16, value: (r) => r.unitName },
    { header: zh ? '操作员' : 'Operator', width: 16, value: (r) => r.operatorName ?? '' },
    {
      header: zh ? '已退款' : 'Refunded',
      width: 8,
      value: (r) => (r.refundedById ? (zh ? '是' : 'yes') : ''),
    },
    { header: zh ? '交易号' : 'Transaction', width: 32, value: (r) => r.id },
  ];
}

export async function exportRecharges(db: Db, ctx: CallContext, query: Query & { format: 'xlsx' | 'csv' }) {
  async function* pages() {
    let beforeId: string | undefined;
    for (;;) {
      const rows = await rechargeRows(db, ctx, query, 1000, beforeId);
      yield rows.slice(0, 1000);
      if (rows.length <= 1000) return;
      beforeId = rows[999]!.id;
    }
  }
  const facts = await merchantFacts(db, ctx.actor.merchantId);
  const zh = ctx.locale === 'zh-CN';
  return streamTable(query.format, pages(), columns(ctx.locale, facts.timeZone), {
    file: `${zh ? '充值明细' : 'recharges'}-${fileStamp(facts.timeZone, new Date(nowIso()))}`,
    sheet: zh ? '充值明细' : 'Recharges',
  });
}
