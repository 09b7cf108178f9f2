// A member's ledger history as an xlsx or CSV download, with the same filters as the
// history list, read a page at a time. Amounts are written in yuan for people reading
// the sheet (the API itself always speaks fen).
import type { z } from 'zod';
import type { Locale } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { nowIso } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { fileStamp, streamTable, type TableColumn } from '../../platform/export/table.ts';
import { merchantFacts } from '../../platform/merchant.ts';
import { memberHistory } from './queries.ts';
import type { historyExportQuery } from './schema.ts';

type HistoryItem = Awaited<ReturnType<typeof memberHistory>>['items'][number];

const kindNames: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    recharge: '充值',
    recharge_refund: '充值退款',
    spend: '储值消费',
    spend_refund: '消费退款',
    sv_adjust: '储值调整',
    package_payment: '购买套餐（储值）',
    order_payment: '订单支付（储值）',
  },
  'en-US': {
    recharge: 'Recharge',
    recharge_refund: 'Recharge refund',
    spend: 'Stored-value spend',
    spend_refund: 'Spend refund',
    sv_adjust: 'Stored-value adjustment',
    package_payment: 'Package bought with stored value',
    order_payment: 'Order paid with stored value',
  },
};

const yuan = (fen: number) => (fen / 100).toFixed(2);

function columns(locale: Locale, timeZone: string): TableColumn<HistoryItem>[] {
  const zh = locale === 'zh-CN';
  const time = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const entry = (item: HistoryItem, account: string) => item.entries.filter((e) => e.account === account);
  const sum = (item: HistoryItem, account: string) => entry(item, account).reduce((s, e) => s + e.amount, 0);
  const after = (item: HistoryItem, account: string) => entry(item, account).at(-1)?.balanceAfter;
  return [
    {
      header: zh ? '时间' : 'Time',
      width: 20,
      value: (i) => time.format(new Date(i.createdAt)).replace(', ', ' '),
    },
    { header: zh ? '类型' : 'Type', width: 16, value: (i) => kindNames[locale][i.kind] ?? i.kind },
    { header: zh ? '金额(元)' : 'Amount (yuan)', width: 12, value: (i) => yuan(i.amount) },
    {
      header: zh ? '本金变动(元)' : 'Principal change',
      width: 14,
      value: (i) => yuan(sum(i, 'sv_principal')),
    },
    { header: zh ? '赠送变动(元)' : 'Bonus change', width: 14, value: (i) => yuan(sum(i, 'sv_bonus')) },
    {
      header: zh ? '本金余额(元)' : 'Principal after',
      width: 14,
      value: (i) => (after(i, 'sv_principal') === undefined ? '' : yuan(after(i, 'sv_principal')!)),
    },
    {
      header: zh ? '赠送余额(元)' : 'Bonus after',
      width: 14,
      value: (i) => (after(i, 'sv_bonus') === undefined ? '' : yuan(after(i, 'sv_bonus')!)),
    },
    { header: zh ? '支付方式' : 'Tender', width: 12, value: (i) => i.tender ?? '' },
    { header: zh ? '门店' : 'Store', width: 16, value: (i) => i.unitName },
    { header: zh ? '操作员' : 'Operator', width: 16, value: (i) => i.actorName ?? '' },
    { header: zh ? '备注' : 'Note', width: 24, value: (i) => i.note ?? '' },
    { header: zh ? '交易号' : 'Transaction', width: 32, value: (i) => i.id },
  ];
}

export async function exportMemberHistory(
  db: Db,
  ctx: CallContext,
  memberId: string,
  query: z.infer<typeof historyExportQuery>,
) {
  // Reads the first page now, so a member outside the caller's scope is a 404 before any byte is sent.
  const { format, ...filters } = query;
  const first = await memberHistory(db, ctx, memberId, { ...filters, limit: 500 });
  async function* pages() {
    let page = first;
    yield page.items;
    while (page.nextCursor) {
      page = await memberHistory(db, ctx, memberId, { ...filters, limit: 500, cursor: page.nextCursor });
      yield page.items;
    }
  }
  const facts = await merchantFacts(db, ctx.actor.merchantId);
  const zh = ctx.locale === 'zh-CN';
  return streamTable(format, pages(), columns(ctx.locale, facts.timeZone), {
    file: `${zh ? '会员流水' : 'member-ledger'}-${fileStamp(facts.timeZone, new Date(nowIso()))}`,
    sheet: zh ? '流水' : 'Ledger',
  });
}
