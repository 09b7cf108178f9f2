// Properties of the earn engine over random carts, members and rule sets: points are whole,
// the per-line split adds up to the total, caps hold, and the same input gives the same
// answer. Also the largest-remainder helper on its own.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeEarnedPoints, type EarnInput } from './engine.ts';
import { spreadByLargestRemainder } from './prorate.ts';
import type { StoredPointsRule } from './types.ts';

const ids = (prefix: string) => fc.constantFrom(`${prefix}_1`, `${prefix}_2`, `${prefix}_3`);
const bp = fc.integer({ min: 0, max: 100_000 });
const dates = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const ruleArb: fc.Arbitrary<Omit<StoredPointsRule, 'id' | 'name'>> = fc
  .oneof(
    fc.record({
      kind: fc.constant('base_rate'),
      params: fc.record({
        cardTypeIds: fc.array(ids('ctp'), { maxLength: 2 }),
        levelIds: fc.array(ids('lvl'), { maxLength: 2 }),
        rate: fc.integer({ min: 0, max: 100_000 }),
      }),
    }),
    fc.record({
      kind: fc.constant('level_multiplier'),
      params: fc.record({ levelIds: fc.array(ids('lvl'), { minLength: 1, maxLength: 2 }), multiplierBp: bp }),
    }),
    fc.record({
      kind: fc.constant('store_multiplier'),
      params: fc.record({
        storeIds: fc.array(ids('unit'), { minLength: 1, maxLength: 2 }),
        multiplierBp: bp,
      }),
    }),
    fc.record({
      kind: fc.constant('category_multiplier'),
      params: fc.record({
        categoryIds: fc.array(ids('cat'), { minLength: 1, maxLength: 2 }),
        multiplierBp: bp,
      }),
    }),
    fc.record({
      kind: fc.constant('weekday_multiplier'),
      params: fc.record({
        weekdays: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 3 }),
        multiplierBp: bp,
      }),
    }),
    fc.record({
      kind: fc.constant('member_day'),
      params: fc.record({
        weekdays: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 2 }),
        monthDays: fc.array(fc.integer({ min: 1, max: 31 }), { maxLength: 2 }),
        multiplierBp: bp,
      }),
    }),
    fc.record({
      kind: fc.constant('birthday_multiplier'),
      params: fc.record({ window: fc.constantFrom('day', 'week', 'month'), multiplierBp: bp }),
    }),
    fc.record({
      kind: fc.constant('order_cap'),
      params: fc.record({ maxPoints: fc.integer({ min: 0, max: 5_000 }) }),
    }),
    fc.record({
      kind: fc.constant('daily_cap'),
      params: fc.record({ maxPoints: fc.integer({ min: 0, max: 5_000 }) }),
    }),
  )
  .map((r) => ({ ...r, startsOn: null, endsOn: null }));

const inputArb: fc.Arbitrary<EarnInput> = fc.record({
  member: fc.record({
    cardTypeId: fc.option(ids('ctp'), { nil: null }),
    cardTypePointsRate: fc.integer({ min: 0, max: 1_000 }),
    earnsPoints: fc.boolean(),
    levelId: fc.option(ids('lvl'), { nil: null }),
    birthday: fc.option(
      fc.record({
        calendar: fc.constant('solar' as const),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 28 }),
      }),
      { nil: null },
    ),
    earnedToday: fc.integer({ min: 0, max: 10_000 }),
  }),
  storeId: fc.option(ids('unit'), { nil: null }),
  today: dates,
  lines: fc.array(
    fc.record({
      id: fc.uuid(),
      amountFen: fc.integer({ min: 0, max: 10_000_000 }),
      categoryIds: fc.array(ids('cat'), { maxLength: 2 }),
      earnsPoints: fc.boolean(),
    }),
    { minLength: 1, maxLength: 12 },
  ),
  rules: fc
    .array(ruleArb, { maxLength: 8 })
    .map((rules) => rules.map((r, i) => ({ ...r, id: `prl_${i}`, name: `rule ${i}` }))),
});

function capsOf(input: EarnInput): number[] {
  return input.rules.flatMap((r) => {
    const max = (r.params as { maxPoints: number }).maxPoints;
    if (r.kind === 'order_cap') return [max];
    if (r.kind === 'daily_cap') return [Math.max(0, max - input.member.earnedToday)];
    return [];
  });
}

describe('computeEarnedPoints (properties)', () => {
  it('never gives fractional points, and the lines add up to the total', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = computeEarnedPoints(input);
        expect(Number.isSafeInteger(result.points)).toBe(true);
        expect(result.points).toBeGreaterThanOrEqual(0);
        for (const line of result.lines)
          expect(Number.isSafeInteger(line.points) && line.points >= 0).toBe(true);
        expect(result.lines.reduce((s, l) => s + l.points, 0)).toBe(result.points);
        expect(result.lines.map((l) => l.id)).toEqual(input.lines.map((l) => l.id));
      }),
      { numRuns: 500 },
    );
  });

  it('never exceeds a cap, and lines that do not earn get nothing', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = computeEarnedPoints(input);
        for (const cap of capsOf(input)) expect(result.points).toBeLessThanOrEqual(cap);
        input.lines.forEach((line, i) => {
          if (!line.earnsPoints) expect(result.lines[i]?.points).toBe(0);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same answer for the same input', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(computeEarnedPoints(structuredClone(input))).toEqual(computeEarnedPoints(input));
      }),
      { numRuns: 200 },
    );
  });

  it('without rules is floor(eligible fen × card rate / 10000) on the whole order, each line within one of its own', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = computeEarnedPoints({ ...input, rules: [] });
        const eligible = input.lines.filter((l) => l.earnsPoints).reduce((s, l) => s + l.amountFen, 0);
        const rate = input.member.earnsPoints ? input.member.cardTypePointsRate : 0;
        expect(result.points).toBe(Math.floor((eligible * rate) / 10_000));
        input.lines.forEach((line, i) => {
          const own = line.earnsPoints ? Math.floor((line.amountFen * rate) / 10_000) : 0;
          expect(result.lines[i]!.points - own).toBeGreaterThanOrEqual(0);
          expect(result.lines[i]!.points - own).toBeLessThanOrEqual(1);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('spreadByLargestRemainder', () => {
  it('splits into whole shares that add up, each within one of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 15n }), { minLength: 1, maxLength: 20 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0n));
          const shares = spreadByLargestRemainder(total, weights);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
          const sum = weights.reduce((a, b) => a + b, 0n);
          shares.forEach((share, i) => {
            const exact = Number(BigInt(total) * weights[i]!) / Number(sum);
            expect(Math.abs(share - exact)).toBeLessThan(1 + 1e-6);
          });
        },
      ),
    );
  });

  it('gives ties to the earlier line', () => {
    expect(spreadByLargestRemainder(1, [1n, 1n, 1n])).toEqual([1, 0, 0]);
    expect(spreadByLargestRemainder(2, [1n, 1n, 1n])).toEqual([1, 1, 0]);
  });
});
