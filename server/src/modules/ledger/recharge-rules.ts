// Recharge bonus rules (充值赠送): fixed tiers such as 充100送20 / 充500送120, or a
// percentage with a cap; each with active dates, stores and card types. One rule applies
// to a recharge: the highest priority among those that match, then the largest bonus.
// Pure: the caller passes today's date and the candidate rules.

export interface RechargeTier {
  minFen: number;
  bonusFen: number;
}

export interface RechargeRule {
  id: string;
  name: string;
  kind: 'tiers' | 'percent';
  tiers: RechargeTier[];
  percentBp: number | null;
  maxBonusFen: number | null;
  startsOn: string | null;
  endsOn: string | null;
  unitIds: string[];
  cardTypeIds: string[];
  priority: number;
}

export interface RechargeContext {
  amount: number;
  today: string;
  unitId: string;
  cardTypeId: string | null;
}

export function ruleBonus(rule: RechargeRule, amount: number): number {
  if (rule.kind === 'percent') {
    const bonus = Math.floor((amount * (rule.percentBp ?? 0)) / 10000);
    return rule.maxBonusFen === null ? bonus : Math.min(bonus, rule.maxBonusFen);
  }
  const tier = rule.tiers.filter((t) => amount >= t.minFen).sort((a, b) => b.minFen - a.minFen)[0];
  return tier?.bonusFen ?? 0;
}

export function ruleApplies(rule: RechargeRule, context: RechargeContext): boolean {
  if (rule.startsOn && context.today < rule.startsOn) return false;
  if (rule.endsOn && context.today > rule.endsOn) return false;
  if (rule.unitIds.length > 0 && !rule.unitIds.includes(context.unitId)) return false;
  if (rule.cardTypeIds.length > 0 && (!context.cardTypeId || !rule.cardTypeIds.includes(context.cardTypeId)))
    return false;
  return true;
}

export function chooseBonus(
  rules: RechargeRule[],
  context: RechargeContext,
): { rule: RechargeRule; bonus: number } | undefined {
  const candidates = rules
    .filter((rule) => ruleApplies(rule, context))
    .map((rule) => ({ rule, bonus: ruleBonus(rule, context.amount) }))
    .filter((c) => c.bonus > 0)
    .sort((a, b) => b.rule.priority - a.rule.priority || b.bonus - a.bonus);
  return candidates[0];
}

/** A reason when a rule contradicts itself; undefined when it is sound. */
export function ruleProblem(rule: Omit<RechargeRule, 'id'>): string | undefined {
  if (rule.kind === 'tiers') {
    if (rule.tiers.length === 0) return 'a tier rule needs at least one tier';
    const mins = rule.tiers.map((t) => t.minFen);
    if (new Set(mins).size !== mins.length) return 'two tiers have the same threshold';
    if (rule.tiers.some((t) => t.bonusFen <= 0 || t.minFen <= 0))
      return 'tier thresholds and bonuses must be positive';
  } else if (!rule.percentBp || rule.percentBp <= 0 || rule.percentBp > 10000) {
    return 'a percentage rule needs a rate between 1 and 10000 basis points';
  }
  if (rule.startsOn && rule.endsOn && rule.startsOn > rule.endsOn) return 'the rule ends before it starts';
  return undefined;
}
