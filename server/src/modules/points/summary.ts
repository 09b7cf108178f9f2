// Merchant-wide points figures for a period (issued, spent, expired, adjusted) and the
// points outstanding (the merchant's points liability) at its start and end, from the
// entries themselves: opening + issued − spent − expired + adjusted = outstanding.
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { holdsMerchantWide } from '../../platform/access/scope.ts';
import { addDays, nowIso, startOfDayIn } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { merchantFacts } from '../../platform/merchant.ts';
import type { summaryQuery } from './schema.ts';

const groups = {
  issued: ['points_earn', 'points_earn_reversal'],
  spent: ['points_spend', 'points_spend_reversal', 'points_redeem', 'points_redeem_cancel'],
  expired: ['points_expire'],
  adjusted: ['points_adjust'],
} as const;

/** A day is read in the merchant's time zone; `to` as a day includes that whole day. */
function instant(value: string, timeZone: string, end: boolean): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return startOfDayIn(end ? addDays(value, 1) : value, timeZone);
  return new Date(value).toISOString();
}

async function outstandingBefore(db: Db, merchantId: string, at: string): Promise<number> {
  const row = await db
    .selectFrom('ledgerEntries as e')
    .innerJoin('accounts as a', 'a.id', 'e.accountId')
    .select((eb) => eb.fn.sum<number>('e.amount').as('total'))
    .where('a.merchantId', '=', merchantId)
    .where('a.kind', '=', 'points')
    .where('e.createdAt', '<', at)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

export async function pointsSummary(db: Db, ctx: CallContext, query: z.infer<typeof summaryQuery>) {
  if (!holdsMerchantWide(ctx.actor, 'reports.read')) {
    throw new AppError('FORBIDDEN', { permission: 'reports.read' });
  }
  const { merchantId } = ctx.actor;
  const { timeZone } = await merchantFacts(db, merchantId);
  const from = query.from ? instant(query.from, timeZone, false) : null;
  const to = query.to ? instant(query.to, timeZone, true) : nowIso();
  let q = db
    .selectFrom('ledgerEntries as e')
    .innerJoin('accounts as a', 'a.id', 'e.accountId')
    .innerJoin('ledgerTransactions as t', 't.id', 'e.transactionId')
    .select(['t.kind', (eb) => eb.fn.sum<number>('e.amount').as('total')])
    .where('a.merchantId', '=', merchantId)
    .where('a.kind', '=', 'points')
    .where('e.createdAt', '<', to)
    .groupBy('t.kind');
  if (from) q = q.where('e.createdAt', '>=', from);
  const totals = new Map((await q.execute()).map((row) => [row.kind, Number(row.total ?? 0)]));
  const sum = (kinds: readonly string[]) => kinds.reduce((s, kind) => s + (totals.get(kind) ?? 0), 0);
  const opening = from ? await outstandingBefore(db, merchantId, from) : 0;
  return {
    from,
    to,
    opening,
    issued: sum(groups.issued),
    spent: -sum(groups.spent),
    expired: -sum(groups.expired),
    adjusted: sum(groups.adjusted),
    outstanding: await outstandingBefore(db, merchantId, to),
  };
}
