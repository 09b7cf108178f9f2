// Recharge rules as stored, and their upkeep by headquarters.
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { RechargeRulesTable } from '../../db/schema.ts';
import type { Trx } from '../../db/transaction.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { nowIso } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { type RechargeRule, ruleProblem } from './recharge-rules.ts';
import type { rechargeRuleBody } from './schema.ts';

function toRule(row: RechargeRulesTable): RechargeRule & { status: RechargeRulesTable['status'] } {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    tiers: JSON.parse(row.tiersJson),
    percentBp: row.percentBp,
    maxBonusFen: row.maxBonusFen === null ? null : Number(row.maxBonusFen),
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    unitIds: JSON.parse(row.unitIdsJson),
    cardTypeIds: JSON.parse(row.cardTypeIdsJson),
    priority: row.priority,
    status: row.status,
  };
}

export async function activeRechargeRules(db: Db | Trx, merchantId: string): Promise<RechargeRule[]> {
  const rows = await db
    .selectFrom('rechargeRules')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('status', '=', 'active')
    .execute();
  return rows.map(toRule);
}

export async function listRechargeRules(db: Db, merchantId: string) {
  const rows = await db
    .selectFrom('rechargeRules')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .orderBy('id')
    .execute();
  return rows.map(toRule);
}

type RuleInput = z.infer<typeof rechargeRuleBody>;

function rowFrom(
  input: RuleInput,
  base: Pick<RechargeRulesTable, 'id' | 'merchantId' | 'createdAt'>,
): RechargeRulesTable {
  return {
    ...base,
    name: input.name,
    kind: input.kind,
    tiersJson: JSON.stringify([...(input.tiers ?? [])].sort((a, b) => a.minFen - b.minFen)),
    percentBp: input.percentBp ?? null,
    maxBonusFen: input.maxBonusFen ?? null,
    startsOn: input.startsOn ?? null,
    endsOn: input.endsOn ?? null,
    unitIdsJson: JSON.stringify(input.storeIds ?? []),
    cardTypeIdsJson: JSON.stringify(input.cardTypeIds ?? []),
    priority: input.priority ?? 0,
    status: input.status ?? 'active',
  };
}

function assertSound(row: RechargeRulesTable) {
  const problem = ruleProblem(toRule(row));
  if (problem) throw new AppError('RECHARGE_RULE_INVALID', { reason: problem });
}

export async function createRechargeRule(trx: Trx, ctx: CallContext, input: RuleInput) {
  const row = rowFrom(input, {
    id: newId('rechargeRule'),
    merchantId: ctx.actor.merchantId,
    createdAt: nowIso(),
  });
  assertSound(row);
  await trx.insertInto('rechargeRules').values(row).execute();
  await recordAudit(trx, ctx, {
    action: 'ledger.recharge_rule.create',
    entityType: 'recharge_rule',
    entityId: row.id,
    unitId: null,
    after: row,
  });
  return toRule(row);
}

export async function updateRechargeRule(trx: Trx, ctx: CallContext, ruleId: string, input: RuleInput) {
  const before = await trx
    .selectFrom('rechargeRules')
    .selectAll()
    .where('merchantId', '=', ctx.actor.merchantId)
    .where('id', '=', ruleId)
    .executeTakeFirst();
  if (!before) throw new AppError('RECHARGE_RULE_NOT_FOUND');
  const row = rowFrom(input, before);
  assertSound(row);
  const { id: _id, merchantId: _m, createdAt: _c, ...changes } = row;
  await trx.updateTable('rechargeRules').set(changes).where('id', '=', ruleId).execute();
  await recordAudit(trx, ctx, {
    action: 'ledger.recharge_rule.update',
    entityType: 'recharge_rule',
    entityId: ruleId,
    unitId: null,
    before,
    after: row,
  });
  return toRule(row);
}
