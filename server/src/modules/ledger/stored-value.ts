// Stored value (储值): recharge with bonus, spend, and the refunds that mirror them.
// Principal and bonus are separate accounts; refunding a recharge takes back its bonus;
// refunding a spend gives back exactly what it took from each account.

import { dialectOf } from '../../db/database.ts';
import type { Trx } from '../../db/transaction.ts';
import { forUpdate } from '../../db/transaction.ts';
import { hasPermission } from '../../platform/access/scope.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { todayIn } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { merchantFacts } from '../../platform/merchant.ts';
import { formatYuan } from '../../platform/money.ts';
import type { CardRow } from '../cards/repo.ts';
import { memberInScope } from '../members/access.ts';
import { assertAmount, splitSpend } from './amounts.ts';
import { ensureAccount, postTransaction } from './post.ts';
import { chooseBonus } from './recharge-rules.ts';
import { activeRechargeRules } from './recharge-rules-repo.ts';

export type Tender = 'cash' | 'bank_card' | 'wechat' | 'alipay' | 'other';

export interface RechargeInput {
  amount: number;
  tender: Tender;
  note?: string | undefined;
}

async function storedValueAccounts(trx: Trx, merchantId: string, memberId: string) {
  const principal = await ensureAccount(trx, merchantId, memberId, 'sv_principal');
  const bonus = await ensureAccount(trx, merchantId, memberId, 'sv_bonus');
  // On PostgreSQL, lock both rows (in id order) before reading balances to split a spend.
  const locked = await forUpdate(
    trx
      .selectFrom('accounts')
      .select(['id', 'balance'])
      .where('id', 'in', [principal.id, bonus.id])
      .orderBy('id'),
    dialectOf(trx),
  ).execute();
  const balanceOf = (id: string) => Number(locked.find((a) => a.id === id)?.balance ?? 0);
  return {
    principal: { id: principal.id, balance: balanceOf(principal.id) },
    bonus: { id: bonus.id, balance: balanceOf(bonus.id) },
  };
}

function unitOf(ctx: CallContext, member: { homeUnitId: string }): string {
  return ctx.storeId ?? member.homeUnitId;
}

/** The bonus a recharge of `amount` would get now for this member and card type. */
export async function previewBonus(
  trx: Trx,
  ctx: CallContext,
  memberId: string,
  cardTypeId: string | null,
  amount: number,
) {
  const member = await memberInScope(trx, ctx.actor, 'ledger.recharge', memberId);
  const facts = await merchantFacts(trx, ctx.actor.merchantId);
  const chosen = chooseBonus(await activeRechargeRules(trx, ctx.actor.merchantId), {
    amount,
    today: todayIn(facts.timeZone),
    unitId: unitOf(ctx, member),
    cardTypeId,
  });
  return chosen?.bonus ?? 0;
}

export async function recharge(
  trx: Trx,
  ctx: CallContext,
  memberId: string,
  card: CardRow | undefined,
  input: RechargeInput,
) {
  assertAmount(input.amount);
  const { merchantId } = ctx.actor;
  const member = await memberInScope(trx, ctx.actor, 'ledger.recharge', memberId);
  if (member.status !== 'active') throw new AppError('MEMBER_CANCELLED');
  const facts = await merchantFacts(trx, merchantId);
  const unitId = unitOf(ctx, member);
  const chosen = chooseBonus(await activeRechargeRules(trx, merchantId), {
    amount: input.amount,
    today: todayIn(facts.timeZone),
    unitId,
    cardTypeId: card?.cardTypeId ?? null,
  });
  const bonus = chosen?.bonus ?? 0;
  const accounts = await storedValueAccounts(trx, merchantId, memberId);
  const posted = await postTransaction(
    trx,
    {
      merchantId,
      memberId,
      kind: 'recharge',
      cardId: card?.id ?? null,
      unitId,
      actorType: 'operator',
      actorId: ctx.actor.operatorId,
      reversesId: null,
      tender: input.tender,
      amountFen: input.amount,
      note: input.note ?? (chosen ? chosen.rule.name : null),
    },
    [
      { accountId: accounts.principal.id, amount: input.amount },
      { accountId: accounts.bonus.id, amount: bonus },
    ],
  );
  await recordAudit(trx, ctx, {
    action: 'ledger.recharge',
    entityType: 'ledger_transaction',
    entityId: posted.id,
    unitId,
    after: { memberId, amount: input.amount, bonus, tender: input.tender, rule: chosen?.rule.name ?? null },
  });
  return { transactionId: posted.id, bonus, ruleName: chosen?.rule.name ?? null };
}

async function originalTransaction(trx: Trx, ctx: CallContext, transactionId: string, kind: string) {
  const txn = await trx
    .selectFrom('ledgerTransactions')
    .selectAll()
    .where('merchantId', '=', ctx.actor.merchantId)
    .where('id', '=', transactionId)
    .executeTakeFirst();
  if (!txn) throw new AppError('TRANSACTION_NOT_FOUND');
  await memberInScope(trx, ctx.actor, 'ledger.read', txn.memberId).catch(() => {
    throw new AppError('TRANSACTION_NOT_FOUND');
  });
  if (txn.kind !== kind) throw new AppError('NOT_REVERSIBLE', { reason: txn.kind });
  const entries = await trx
    .selectFrom('ledgerEntries as e')
    .innerJoin('accounts as a', 'a.id', 'e.accountId')
    .select(['e.accountId', 'e.amount', 'a.kind'])
    .where('e.transactionId', '=', txn.id)
    .execute();
  const of = (accountKind: string) =>
    entries.filter((e) => e.kind === accountKind).reduce((sum, e) => sum + Number(e.amount), 0);
  return { txn, principal: of('sv_principal'), bonus: of('sv_bonus') };
}

/**
 * Refunds a recharge: its principal goes back to the payer and its bonus is taken back.
 * When some of it was spent since, only what is left can go back: the unspent principal,
 * less any bonus that was spent (bonus never becomes cash). Such a partial refund needs a
 * manager (ledger.adjust) to approve it; otherwise it is refused and says how much was spent.
 */
export async function refundRecharge(
  trx: Trx,
  ctx: CallContext,
  rechargeId: string,
  input: { reason: string; deductSpentBonus?: boolean | undefined },
) {
  const { txn, principal, bonus } = await originalTransaction(trx, ctx, rechargeId, 'recharge');
  await memberInScope(trx, ctx.actor, 'ledger.refund', txn.memberId).catch(() => {
    throw new AppError('TRANSACTION_NOT_FOUND');
  });
  const accounts = await storedValueAccounts(trx, ctx.actor.merchantId, txn.memberId);
  const principalBack = Math.min(principal, accounts.principal.balance);
  const bonusBack = Math.min(bonus, accounts.bonus.balance);
  const spentBonus = bonus - bonusBack;
  const approved = input.deductSpentBonus === true && hasPermission(ctx.actor, 'ledger.adjust');
  if (spentBonus > 0 && !approved)
    throw new AppError('RECHARGE_BONUS_SPENT', { spent: formatYuan(spentBonus) });
  if (principalBack < principal && !approved) {
    throw new AppError('RECHARGE_PARTLY_SPENT', { spent: formatYuan(principal - principalBack) });
  }
  const cashBack = principalBack - spentBonus;
  if (cashBack <= 0) throw new AppError('NOT_REVERSIBLE', { reason: 'nothing left to refund' });
  const unitId = ctx.storeId ?? txn.unitId;
  const posted = await postTransaction(
    trx,
    {
      merchantId: ctx.actor.merchantId,
      memberId: txn.memberId,
      kind: 'recharge_refund',
      cardId: txn.cardId,
      unitId,
      actorType: 'operator',
      actorId: ctx.actor.operatorId,
      reversesId: txn.id,
      tender: txn.tender,
      amountFen: cashBack,
      note: input.reason,
    },
    [
      { accountId: accounts.principal.id, amount: -principalBack },
      { accountId: accounts.bonus.id, amount: -bonusBack },
    ],
  );
  const outcome = {
    refunded: cashBack,
    principalTakenBack: principalBack,
    bonusTakenBack: bonusBack,
    spentBonusDeducted: spentBonus,
  };
  await recordAudit(trx, ctx, {
    action: 'ledger.recharge_refund',
    entityType: 'ledger_transaction',
    entityId: posted.id,
    unitId,
    after: { rechargeId, ...outcome, reason: input.reason },
  });
  return { transactionId: posted.id, memberId: txn.memberId, ...outcome };
}

/** A stored-value spend without a cart (快速消费), from principal and bonus by the merchant's order. */
export async function charge(
  trx: Trx,
  ctx: CallContext,
  memberId: string,
  card: CardRow | undefined,
  input: { amount: number; note?: string | undefined },
  /**
   * 'spend' for a quick charge, refundable through the charges route; a spend that pays
   * for something else (a package, an order) carries that purpose and is refunded only
   * by undoing what it paid for.
   */
  kind: 'spend' | 'package_payment' | 'order_payment' = 'spend',
) {
  assertAmount(input.amount);
  const { merchantId } = ctx.actor;
  const member = await memberInScope(trx, ctx.actor, 'members.read', memberId);
  if (member.status !== 'active') throw new AppError('MEMBER_CANCELLED');
  const facts = await merchantFacts(trx, merchantId);
  if (card?.spendLimitFen !== null && card?.spendLimitFen !== undefined)
    await takeCardLimit(trx, card, input.amount);
  const accounts = await storedValueAccounts(trx, merchantId, memberId);
  const available = accounts.principal.balance + accounts.bonus.balance;
  if (available < input.amount)
    throw new AppError('INSUFFICIENT_BALANCE', {
      available: formatYuan(available),
      required: formatYuan(input.amount),
    });
  const split = splitSpend(
    input.amount,
    { principal: accounts.principal.balance, bonus: accounts.bonus.balance },
    facts.settings.spendOrder,
  );
  const unitId = unitOf(ctx, member);
  const posted = await postTransaction(
    trx,
    {
      merchantId,
      memberId,
      kind,
      cardId: card?.id ?? null,
      unitId,
      actorType: 'operator',
      actorId: ctx.actor.operatorId,
      reversesId: null,
      tender: 'stored_value',
      amountFen: input.amount,
      note: input.note ?? null,
    },
    [
      { accountId: accounts.principal.id, amount: -split.principal },
      { accountId: accounts.bonus.id, amount: -split.bonus },
    ],
  );
  await recordAudit(trx, ctx, {
    action: 'ledger.spend',
    entityType: 'ledger_transaction',
    entityId: posted.id,
    unitId,
    after: { memberId, amount: input.amount, ...split, cardNo: card?.cardNo ?? null },
  });
  return { transactionId: posted.id, ...split };
}

/** A subsidiary or holder card spends within its own limit (guarded like a balance). */
async function takeCardLimit(trx: Trx, card: CardRow, amount: number) {
  const limit = card.spendLimitFen ?? 0;
  const result = await trx
    .updateTable('cards')
    .set((eb) => ({ spentFen: eb('spentFen', '+', amount) }))
    .where('id', '=', card.id)
    .where((eb) => eb(eb('spentFen', '+', amount), '<=', limit))
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    const row = await trx.selectFrom('cards').select('spentFen').where('id', '=', card.id).executeTakeFirst();
    throw new AppError('CARD_LIMIT_EXCEEDED', {
      remaining: formatYuan(Math.max(0, limit - Number(row?.spentFen ?? 0))),
    });
  }
}

/** Refunds a spend to the very accounts (and card limit) it came from. */
export async function refundCharge(trx: Trx, ctx: CallContext, chargeId: string, input: { reason: string }) {
  const { txn, principal, bonus } = await originalTransaction(trx, ctx, chargeId, 'spend');
  await memberInScope(trx, ctx.actor, 'checkout.return', txn.memberId).catch(() => {
    throw new AppError('TRANSACTION_NOT_FOUND');
  });
  const accounts = await storedValueAccounts(trx, ctx.actor.merchantId, txn.memberId);
  const posted = await postTransaction(
    trx,
    {
      merchantId: ctx.actor.merchantId,
      memberId: txn.memberId,
      kind: 'spend_refund',
      cardId: txn.cardId,
      unitId: ctx.storeId ?? txn.unitId,
      actorType: 'operator',
      actorId: ctx.actor.operatorId,
      reversesId: txn.id,
      tender: 'stored_value',
      amountFen: -(principal + bonus),
      note: input.reason,
    },
    [
      { accountId: accounts.principal.id, amount: -principal },
      { accountId: accounts.bonus.id, amount: -bonus },
    ],
  );
  if (txn.cardId) {
    await trx
      .updateTable('cards')
      .set((eb) => ({ spentFen: eb('spentFen', '-', -(principal + bonus)) }))
      .where('id', '=', txn.cardId)
      .where('spendLimitFen', 'is not', null)
      .execute();
  }
  await recordAudit(trx, ctx, {
    action: 'ledger.spend_refund',
    entityType: 'ledger_transaction',
    entityId: posted.id,
    unitId: ctx.storeId ?? txn.unitId,
    after: { chargeId, principal: -principal, bonus: -bonus, reason: input.reason },
  });
  return { transactionId: posted.id, memberId: txn.memberId, principal: -principal, bonus: -bonus };
}
