// The points earn engine: pure (no database, no clock), so checkout can quote and post the
// same number and properties can test it. DESIGN: points = floor(eligible fen × rate /
// 10000), computed once per order on integers, then spread over lines by largest remainder.
// Multipliers: within a kind the highest matching rule applies; kinds multiply together.
// Caps: the smallest applicable cap bounds the order's total.
// Lines: each line's exact share, rounded by largest remainder so they add up to the total.
import { roundByLargestRemainder, spreadByLargestRemainder } from './prorate.ts';
import { multiplierKinds, ruleKind } from './registry.ts';
import type { BoundRule, EarnContext, EarnLine, StoredPointsRule } from './types.ts';

export interface EarnInput extends EarnContext {
  lines: readonly EarnLine[];
  rules: readonly StoredPointsRule[];
}

export interface AppliedRule {
  ruleId: string;
  name: string;
  kind: string;
}

export interface EarnResult {
  points: number;
  /** The base rate used, in points per ¥100. */
  rate: number;
  lines: Array<{ id: string; points: number }>;
  applied: AppliedRule[];
  /** Points the order would have earned without its cap, when a cap bound it. */
  uncapped: number | null;
}

const one = 10_000n;

function inWindow(rule: StoredPointsRule, today: string): boolean {
  return (!rule.startsOn || rule.startsOn <= today) && (!rule.endsOn || rule.endsOn >= today);
}

function bindActive(input: EarnInput): BoundRule[] {
  const bound: BoundRule[] = [];
  for (const rule of input.rules) {
    const kind = ruleKind(rule.kind);
    if (kind && inWindow(rule, input.today)) bound.push(kind.bind(rule));
  }
  return bound;
}

function baseRateOf(rules: BoundRule[], ctx: EarnContext): { rate: number; rule: BoundRule | null } {
  let best: { rate: number; specificity: number; rule: BoundRule } | null = null;
  for (const rule of rules) {
    const match = rule.rate(ctx);
    if (!match) continue;
    if (
      !best ||
      match.specificity > best.specificity ||
      (match.specificity === best.specificity && match.rate > best.rate)
    ) {
      best = { ...match, rule };
    }
  }
  return best ? { rate: best.rate, rule: best.rule } : { rate: ctx.member.cardTypePointsRate, rule: null };
}

/** The line's factors, one per multiplier kind (best rule of the kind), and the rules chosen. */
function lineFactors(rules: BoundRule[], ctx: EarnContext, line: EarnLine) {
  const factors: bigint[] = [];
  const chosen: BoundRule[] = [];
  for (const code of multiplierKinds) {
    let best: { bp: number; rule: BoundRule } | null = null;
    for (const rule of rules) {
      if (rule.kind !== code) continue;
      const bp = rule.multiplier(ctx, line);
      if (bp !== null && (!best || bp > best.bp)) best = { bp, rule };
    }
    factors.push(best ? BigInt(best.bp) : one);
    if (best) chosen.push(best.rule);
  }
  return { factors, chosen };
}

function assertLine(line: EarnLine): void {
  if (!Number.isSafeInteger(line.amountFen) || line.amountFen < 0) {
    throw new RangeError(`line ${line.id}: amountFen must be a whole number of fen, not negative`);
  }
}

export function computeEarnedPoints(input: EarnInput): EarnResult {
  input.lines.forEach(assertLine);
  const ctx: EarnContext = { member: input.member, storeId: input.storeId, today: input.today };
  const rules = bindActive(input);
  const base = baseRateOf(rules, ctx);
  const rate = input.member.earnsPoints ? base.rate : 0;
  const applied = new Map<string, AppliedRule>();
  const remember = (rule: BoundRule) =>
    applied.set(rule.id, { ruleId: rule.id, name: rule.name, kind: rule.kind });
  if (base.rule && rate > 0) remember(base.rule);

  // Exact weights over one common denominator: fen × rate × factor₁ × … / 10000^(kinds+1).
  const denominator = one ** BigInt(multiplierKinds.length + 1);
  const weights = input.lines.map((line) => {
    if (!line.earnsPoints || line.amountFen === 0 || rate === 0) return 0n;
    const { factors, chosen } = lineFactors(rules, ctx, line);
    const weight = factors.reduce((w, f) => w * f, BigInt(line.amountFen) * BigInt(rate));
    if (weight > 0n) chosen.forEach(remember);
    return weight;
  });
  const exact = weights.reduce((a, b) => a + b, 0n) / denominator;
  if (exact > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('points beyond a safe integer');
  let points = Number(exact);

  let cap: { points: number; rule: BoundRule } | null = null;
  for (const rule of rules) {
    const allowed = rule.cap(ctx);
    if (allowed !== null && (!cap || allowed < cap.points)) cap = { points: allowed, rule };
  }
  let uncapped: number | null = null;
  if (cap && points > cap.points) {
    uncapped = points;
    points = cap.points;
    remember(cap.rule);
  }
  // Uncapped, each line gets its own exact points rounded (a ¥100 line at 1.5 per yuan gets
  // its 150); capped, the smaller total is spread over the lines in proportion.
  const shares =
    uncapped === null
      ? roundByLargestRemainder(weights, denominator, points)
      : spreadByLargestRemainder(points, weights);
  return {
    points,
    rate,
    lines: input.lines.map((line, index) => ({ id: line.id, points: shares[index] ?? 0 })),
    applied: [...applied.values()],
    uncapped,
  };
}
