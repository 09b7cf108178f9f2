// Every points rule kind, by code. A new kind is one file with one defineRuleKind and a line
// here; the API schema, validation and the engine pick it up from this list.
import { baseRate } from './base-rate.ts';
import { birthdayMultiplier } from './birthday.ts';
import { dailyCap, orderCap } from './caps.ts';
import { categoryMultiplier } from './category-multiplier.ts';
import { levelMultiplier } from './level-multiplier.ts';
import { memberDay } from './member-day.ts';
import { storeMultiplier } from './store-multiplier.ts';
import type { PointsRuleKind } from './types.ts';
import { weekdayMultiplier } from './weekday-multiplier.ts';

export const pointsRuleKinds: readonly PointsRuleKind[] = [
  baseRate,
  levelMultiplier,
  storeMultiplier,
  categoryMultiplier,
  weekdayMultiplier,
  memberDay,
  birthdayMultiplier,
  orderCap,
  dailyCap,
];

export const pointsRuleCodes = pointsRuleKinds.map((k) => k.code) as [string, ...string[]];

const byCode = new Map(pointsRuleKinds.map((kind) => [kind.code, kind]));

export function ruleKind(code: string): PointsRuleKind | undefined {
  return byCode.get(code);
}

/** Multiplier kinds in a fixed order: the engine keeps one factor per kind. */
export const multiplierKinds = pointsRuleKinds.filter((k) => k.role === 'multiplier').map((k) => k.code);
