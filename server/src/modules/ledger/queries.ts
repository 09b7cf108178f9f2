// Reading the ledger: a member's balances and history, and merchant-wide outstanding
// stored value (the liability) at any instant.
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Trx } from '../../db/transaction.ts';
import { todayIn } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { decodeCursor, page } from '../../platform/http/schemas.ts';
import { merchantFacts } from '../../platform/merchant.ts';
import { memberInScope } from '../members/access.ts';
import { packageBalances } from '../packages/member-packages.ts';
import type { historyQuery } from './schema.ts';

export async function memberBalances(db: Db | Trx, ctx: CallContext, memberId: string) {
  await memberInScope(db, ctx.actor, 'ledger.read', memberId);
  const accounts = await db
    .selectFrom('accounts')
    .select(['id', 'kind', 'refId', 'balance'])
    .where('memberId', '=', memberId)
    .execute();
  const balanceOf = (kind: string) =>
    accounts.filter((a) => a.kind === kind).reduce((sum, a) => sum + Number(a.balance), 0);
  const pointsAccount = accounts.find((a) => a.kind === 'points');
  const today = todayIn((await merchantFacts(db, ctx.actor.merchantId)).timeZone);
  const lots = pointsAccount
    ? await db
        .selectFrom('pointsLots')
        .select(['expiresOn', (eb) => eb.fn.sum<number>('remaining').as('points')])
        .where('accountId', '=', pointsAccount.id)
        .where('expired', '=', 0)
        .where('remaining', '>', 0)
        .where('expiresOn', '>=', today)
        .groupBy('expiresOn')
        .orderBy('expiresOn')
        .execute()
    : [];
  const principal = balanceOf('sv_principal');
  const bonus = balanceOf('sv_bonus');
  return {
    memberId,
    storedValue: { principal, bonus, total: principal + bonus },
    points: {
      // Points past their last day are never spendable, even before the expiry job posts
      // them; a negative balance is a debt and shows as it is.
      balance:
        balanceOf('points') < 0
          ? balanceOf('points')
          : lots.reduce((sum, lot) => sum + Number(lot.points), 0),
      expiring: lots.map((lot) => ({
        expiresOn: lot.expiresOn === '9999-12-31' ? null : lot.expiresOn,
        points: Number(lot.points),
      })),
    },
    packages: await packageBalances(db, memberId, today),
  };
}

export async function memberHistory(
  db: Db,
  ctx: CallContext,
  memberId: string,
  query: z.infer<typeof historyQuery>,
) {
  await memberInScope(db, ctx.actor, 'ledger.read', memberId);
  let q = db
    .selectFrom('ledgerTransactions as t')
    .innerJoin('orgUnits as u', 'u.id', 't.unitId')
    .leftJoin('operators as o', 'o.id', 't.actorId')
    .leftJoin('ledgerTransactions as r', 'r.reversesId', 't.id')
    .select([
      't.id',
      't.kind',
      't.amountFen',
      't.tender',
      't.note',
      't.reversesId',
      'r.id as reversedById',
      't.unitId',
      'u.name as unitName',
      't.actorType',
      'o.displayName as actorName',
      't.createdAt',
    ])
    .where('t.memberId', '=', memberId)
    .orderBy('t.id', 'desc')
    .limit(query.limit + 1);
  if (query.kind) q = q.where('t.kind', '=', query.kind);
  if (query.from) q = q.where('t.createdAt', '>=', new Date(query.from).toISOString());
  if (query.to) q = q.where('t.createdAt', '<', new Date(query.to).toISOString());
  const before = decodeCursor(query.cursor);
  if (before) q = q.where('t.id', '<', before);
  const { items, nextCursor } = page(await q.execute(), query.limit);
  const entries = items.length
    ? await db
        .selectFrom('ledgerEntries as e')
        .innerJoin('accounts as a', 'a.id', 'e.accountId')
        .select(['e.transactionId', 'a.kind', 'e.amount', 'e.balanceAfter'])
        .where(
          'e.transactionId',
          'in',
          items.map((i) => i.id),
        )
        .execute()
    : [];
  return {
    items: items.map((item) => ({
      ...item,
      amount: Number(item.amountFen),
      entries: entries
        .filter((e) => e.transactionId === item.id)
        .map((e) => ({ account: e.kind, amount: Number(e.amount), balanceAfter: Number(e.balanceAfter) })),
    })),
    nextCursor,
  };
}

/**
 * Outstanding stored value (the merchant's liability): now from the cached balances, or
 * at a past instant from the entries up to it. Both must agree (invariant 8).
 */
export async function storedValueLiability(
  db: Db,
  merchantId: string,
  at: string | undefined,
  /** Home stores whose members count; undefined = the whole merchant. */
  unitIds?: string[],
) {
  const kinds = ['sv_principal', 'sv_bonus'] as const;
  const totals = { sv_principal: 0, sv_bonus: 0 };
  let rows: Array<{ kind: string; total: number | null }>;
  if (!at) {
    let query = db
      .selectFrom('accounts as a')
      .select(['a.kind', (eb) => eb.fn.sum<number>('a.balance').as('total')])
      .where('a.merchantId', '=', merchantId)
      .where('a.kind', 'in', kinds)
      .groupBy('a.kind');
    if (unitIds) {
      query = query
        .innerJoin('members as m', 'm.id', 'a.memberId')
        .where('m.homeUnitId', 'in', unitIds.length ? unitIds : ['']);
    }
    rows = await query.execute();
  } else {
    let query = db
      .selectFrom('ledgerEntries as e')
      .innerJoin('accounts as a', 'a.id', 'e.accountId')
      .select(['a.kind', (eb) => eb.fn.sum<number>('e.amount').as('total')])
      .where('a.merchantId', '=', merchantId)
      .where('a.kind', 'in', kinds)
      .where('e.createdAt', '<=', new Date(at).toISOString())
      .groupBy('a.kind');
    if (unitIds) {
      query = query
        .innerJoin('members as m', 'm.id', 'a.memberId')
        .where('m.homeUnitId', 'in', unitIds.length ? unitIds : ['']);
    }
    rows = await query.execute();
  }
  for (const row of rows) totals[row.kind as (typeof kinds)[number]] = Number(row.total ?? 0);
  return {
    at: at ? new Date(at).toISOString() : new Date().toISOString(),
    scope: unitIds ? ('stores' as const) : ('merchant' as const),
    principal: totals.sv_principal,
    bonus: totals.sv_bonus,
    total: totals.sv_principal + totals.sv_bonus,
  };
}
