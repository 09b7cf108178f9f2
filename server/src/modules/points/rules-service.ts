// Points earn rules: their upkeep by headquarters (audited), and the member context the
// engine needs (card type rate, level, birthday, points earned today), so checkout and the
// quote route call the engine the same way.
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Trx } from '../../db/transaction.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { nowIso, startOfDayIn, todayIn } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { merchantFacts } from '../../platform/merchant.ts';
import { findCardType } from '../cards/card-types.ts';
import { cardsOfMember } from '../cards/repo.ts';
import { memberInScope } from '../members/access.ts';
import { pointsAccountOf, pointsEarnedSince } from './repo.ts';
import { ruleKind } from './rules/registry.ts';
import type { EarnMember } from './rules/types.ts';
import {
  existingIds,
  findPointsRule,
  insertPointsRule,
  listPointsRules,
  presentRule,
  updatePointsRuleRow,
} from './rules-repo.ts';
import type { pointsRuleBody } from './schema.ts';

type RuleInput = z.infer<typeof pointsRuleBody>;

const references = [
  ['storeIds', 'orgUnits'],
  ['cardTypeIds', 'cardTypes'],
  ['levelIds', 'memberLevels'],
] as const;

async function assertRule(db: Db | Trx, merchantId: string, input: RuleInput): Promise<void> {
  const invalid = (reason: string, field = 'params') => {
    throw new AppError('POINTS_RULE_INVALID', { reason }, [{ field, code: 'invalid', message: reason }]);
  };
  const kind = ruleKind(input.kind);
  if (!kind) return invalid(`unknown kind ${input.kind}`, 'kind');
  const problem = kind.problem(input.params);
  if (problem) invalid(problem);
  if (input.startsOn && input.endsOn && input.startsOn > input.endsOn) {
    invalid('startsOn is after endsOn', 'endsOn');
  }
  const params = input.params as Record<string, unknown>;
  for (const [field, table] of references) {
    const ids = Array.isArray(params[field]) ? (params[field] as string[]) : [];
    const found = await existingIds(db, merchantId, table, ids);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) invalid(`unknown ${field}: ${missing.join(', ')}`, `params.${field}`);
  }
}

export async function listRules(db: Db, merchantId: string) {
  return (await listPointsRules(db, merchantId)).map(presentRule);
}

export async function createRule(trx: Trx, ctx: CallContext, input: RuleInput) {
  const { merchantId } = ctx.actor;
  await assertRule(trx, merchantId, input);
  const now = nowIso();
  const row = {
    id: newId('pointsRule'),
    merchantId,
    name: input.name,
    kind: input.kind,
    paramsJson: JSON.stringify(input.params),
    startsOn: input.startsOn ?? null,
    endsOn: input.endsOn ?? null,
    status: input.status ?? ('active' as const),
    createdAt: now,
    updatedAt: now,
  };
  await insertPointsRule(trx, row);
  const rule = presentRule(row);
  await recordAudit(trx, ctx, {
    action: 'points.rule_create',
    entityType: 'points_rule',
    entityId: row.id,
    unitId: null,
    after: rule,
  });
  return rule;
}

/** Replaces a rule (PUT): every field is the new one. */
export async function replaceRule(trx: Trx, ctx: CallContext, id: string, input: RuleInput) {
  const { merchantId } = ctx.actor;
  const existing = await findPointsRule(trx, merchantId, id);
  if (!existing) throw new AppError('POINTS_RULE_NOT_FOUND');
  await assertRule(trx, merchantId, input);
  const changes = {
    name: input.name,
    kind: input.kind,
    paramsJson: JSON.stringify(input.params),
    startsOn: input.startsOn ?? null,
    endsOn: input.endsOn ?? null,
    status: input.status ?? existing.status,
    updatedAt: nowIso(),
  };
  await updatePointsRuleRow(trx, id, changes);
  const rule = presentRule({ ...existing, ...changes });
  await recordAudit(trx, ctx, {
    action: 'points.rule_update',
    entityType: 'points_rule',
    entityId: id,
    unitId: null,
    before: presentRule(existing),
    after: rule,
  });
  return rule;
}

/** What the engine needs to know about a member (or a walk-in, who earns nothing). */
export async function earnMemberContext(
  db: Db | Trx,
  ctx: CallContext,
  memberId: string | undefined,
): Promise<EarnMember> {
  const walkIn: EarnMember = {
    cardTypeId: null,
    cardTypePointsRate: 0,
    earnsPoints: false,
    levelId: null,
    birthday: null,
    earnedToday: 0,
  };
  if (!memberId) return walkIn;
  const { merchantId } = ctx.actor;
  const member = await memberInScope(db, ctx.actor, 'members.read', memberId);
  const card = (await cardsOfMember(db, memberId)).find((c) => c.role === 'primary' && c.status === 'active');
  const type = card ? await findCardType(db, merchantId, card.cardTypeId) : undefined;
  const facts = await merchantFacts(db, merchantId);
  const account = await pointsAccountOf(db, memberId);
  const since = startOfDayIn(todayIn(facts.timeZone), facts.timeZone);
  return {
    cardTypeId: type?.id ?? null,
    cardTypePointsRate: type?.points ? type.pointsRate : 0,
    earnsPoints: member.status === 'active' && (type ? type.points === 1 : true),
    levelId: member.levelId,
    birthday:
      member.birthdayCalendar && member.birthdayMonth && member.birthdayDay
        ? {
            calendar: member.birthdayCalendar,
            month: member.birthdayMonth,
            day: member.birthdayDay,
            leapMonth: member.birthdayLeapMonth === 1,
          }
        : null,
    earnedToday: account ? await pointsEarnedSince(db, account.id, since) : 0,
  };
}
