// The shape every points earn rule kind shares (Vendure-style: a code, typed parameters and
// one pure function), and the facts the engine reads. Nothing here touches a database or a
// clock: the caller passes "today" in the merchant's time zone.
import type { z } from 'zod';

export interface EarnLine {
  id: string;
  /** What the line costs the member after discounts, in fen. */
  amountFen: number;
  categoryIds: readonly string[];
  /** False for lines that never earn (gift cards, recharges, items bought with points). */
  earnsPoints: boolean;
}

export interface MemberBirthday {
  calendar: 'solar' | 'lunar';
  month: number;
  day: number;
  leapMonth?: boolean | undefined;
}

export interface EarnMember {
  cardTypeId: string | null;
  /** Points per ¥100 from the member's card type (150 = 1.5 points per yuan). */
  cardTypePointsRate: number;
  /** False when the card type keeps no points: nothing is earned whatever the rules say. */
  earnsPoints: boolean;
  levelId: string | null;
  birthday: MemberBirthday | null;
  /** Points already earned today (the merchant's day), for daily caps. */
  earnedToday: number;
}

export interface EarnContext {
  member: EarnMember;
  storeId: string | null;
  /** YYYY-MM-DD in the merchant's time zone. */
  today: string;
}

/** A rule as stored: its kind's parameters are checked again when the engine binds them. */
export interface StoredPointsRule {
  id: string;
  name: string;
  kind: string;
  params: unknown;
  startsOn: string | null;
  endsOn: string | null;
}

export interface RateMatch {
  rate: number;
  /** Higher wins: a rule for a card type and a level beats one for a card type alone. */
  specificity: number;
}

/** What one kind contributes, as a function of its parameters. */
export type RuleEffect<P> =
  | { role: 'rate'; rate: (params: P, ctx: EarnContext) => RateMatch | null }
  /** A multiplier in basis points (20000 = double points), or null when it does not apply. */
  | { role: 'multiplier'; multiplier: (params: P, ctx: EarnContext, line: EarnLine) => number | null }
  /** The most points still allowed, or null when it does not apply. */
  | { role: 'cap'; cap: (params: P, ctx: EarnContext) => number | null };

export type RuleRole = RuleEffect<unknown>['role'];

export type RuleKindDefinition<P> = {
  code: string;
  params: z.ZodType<P>;
  /** A reason the parameters contradict themselves (beyond what the schema says), if any. */
  problem?: (params: P) => string | undefined;
} & RuleEffect<P>;

/** A rule whose parameters are parsed and closed over, so rules of every kind share one type. */
export interface BoundRule {
  id: string;
  name: string;
  kind: string;
  role: RuleRole;
  rate: (ctx: EarnContext) => RateMatch | null;
  multiplier: (ctx: EarnContext, line: EarnLine) => number | null;
  cap: (ctx: EarnContext) => number | null;
}

export interface PointsRuleKind {
  code: string;
  role: RuleRole;
  params: z.ZodType;
  problem(params: unknown): string | undefined;
  bind(rule: StoredPointsRule): BoundRule;
}

const never = () => null;

export function defineRuleKind<P>(definition: RuleKindDefinition<P>): PointsRuleKind {
  return {
    code: definition.code,
    role: definition.role,
    params: definition.params,
    problem: (params) => definition.problem?.(definition.params.parse(params)),
    bind(rule) {
      const params = definition.params.parse(rule.params);
      const bound: BoundRule = {
        id: rule.id,
        name: rule.name,
        kind: rule.kind,
        role: definition.role,
        rate: never,
        multiplier: never,
        cap: never,
      };
      if (definition.role === 'rate') bound.rate = (ctx) => definition.rate(params, ctx);
      if (definition.role === 'multiplier')
        bound.multiplier = (ctx, line) => definition.multiplier(params, ctx, line);
      if (definition.role === 'cap') bound.cap = (ctx) => definition.cap(params, ctx);
      return bound;
    },
  };
}
