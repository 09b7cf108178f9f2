// One or more examples per points rule kind, through the engine, so each reads as the rule
// a merchant would set up.
import { describe, expect, it } from 'vitest';
import { inBirthdayWindow } from './birthday.ts';
import { computeEarnedPoints, type EarnInput } from './engine.ts';
import { pointsRuleKinds } from './registry.ts';
import type { EarnMember, StoredPointsRule } from './types.ts';

const member: EarnMember = {
  cardTypeId: 'ctp_gold',
  cardTypePointsRate: 100,
  earnsPoints: true,
  levelId: 'lvl_vip',
  birthday: { calendar: 'solar', month: 6, day: 18 },
  earnedToday: 0,
};

let next = 0;
function rule(kind: string, params: unknown, extra: Partial<StoredPointsRule> = {}): StoredPointsRule {
  next += 1;
  return { id: `prl_${next}`, name: `${kind} ${next}`, kind, params, startsOn: null, endsOn: null, ...extra };
}

/** 2024-06-12 is a Wednesday. */
function earn(rules: StoredPointsRule[], overrides: Partial<EarnInput> = {}) {
  return computeEarnedPoints({
    member,
    storeId: 'unit_sh',
    today: '2024-06-12',
    lines: [{ id: 'a', amountFen: 10_000, categoryIds: ['cat_food'], earnsPoints: true }],
    rules,
    ...overrides,
  });
}

describe('without rules', () => {
  it('earns floor(fen × card type rate / 10000): ¥100 at 1.5 points per yuan is 150', () => {
    expect(earn([], { member: { ...member, cardTypePointsRate: 150 } }).points).toBe(150);
  });

  it('rounds down: ¥0.99 at 1 point per yuan earns nothing', () => {
    const result = earn([], { lines: [{ id: 'a', amountFen: 99, categoryIds: [], earnsPoints: true }] });
    expect(result.points).toBe(0);
  });

  it('skips lines that do not earn and members whose card type keeps no points', () => {
    const lines = [
      { id: 'a', amountFen: 10_000, categoryIds: [], earnsPoints: true },
      { id: 'b', amountFen: 5_000, categoryIds: [], earnsPoints: false },
    ];
    expect(earn([], { lines }).lines).toEqual([
      { id: 'a', points: 100 },
      { id: 'b', points: 0 },
    ]);
    expect(earn([], { member: { ...member, earnsPoints: false } }).points).toBe(0);
  });
});

describe('base_rate', () => {
  it('overrides the card type rate, the most specific rule winning', () => {
    const anyone = rule('base_rate', { rate: 50 });
    const gold = rule('base_rate', { cardTypeIds: ['ctp_gold'], rate: 200 });
    const goldVip = rule('base_rate', { cardTypeIds: ['ctp_gold'], levelIds: ['lvl_vip'], rate: 300 });
    expect(earn([anyone]).points).toBe(50);
    expect(earn([anyone, gold]).points).toBe(200);
    expect(earn([goldVip, anyone, gold]).points).toBe(300);
    expect(earn([goldVip], { member: { ...member, levelId: null } }).points).toBe(100);
  });
});

describe('multipliers', () => {
  it('level_multiplier: VIPs earn double', () => {
    expect(earn([rule('level_multiplier', { levelIds: ['lvl_vip'], multiplierBp: 20_000 })]).points).toBe(
      200,
    );
    expect(earn([rule('level_multiplier', { levelIds: ['lvl_other'], multiplierBp: 20_000 })]).points).toBe(
      100,
    );
  });

  it('store_multiplier: 1.5× at the flagship store only', () => {
    const flagship = rule('store_multiplier', { storeIds: ['unit_sh'], multiplierBp: 15_000 });
    expect(earn([flagship]).points).toBe(150);
    expect(earn([flagship], { storeId: 'unit_hz' }).points).toBe(100);
  });

  it('category_multiplier: per line, 0× excludes a category', () => {
    const lines = [
      { id: 'food', amountFen: 10_000, categoryIds: ['cat_food'], earnsPoints: true },
      { id: 'tobacco', amountFen: 10_000, categoryIds: ['cat_tobacco'], earnsPoints: true },
    ];
    const rules = [
      rule('category_multiplier', { categoryIds: ['cat_food'], multiplierBp: 30_000 }),
      rule('category_multiplier', { categoryIds: ['cat_tobacco'], multiplierBp: 0 }),
    ];
    expect(earn(rules, { lines }).lines).toEqual([
      { id: 'food', points: 300 },
      { id: 'tobacco', points: 0 },
    ]);
  });

  it('weekday_multiplier: double on weekends', () => {
    const weekend = rule('weekday_multiplier', { weekdays: [6, 7], multiplierBp: 20_000 });
    expect(earn([weekend], { today: '2024-06-15' }).points).toBe(200);
    expect(earn([weekend]).points).toBe(100);
  });

  it('member_day: every Wednesday, or the 8th of each month', () => {
    const wednesday = rule('member_day', { weekdays: [3], multiplierBp: 20_000 });
    const eighth = rule('member_day', { monthDays: [8], multiplierBp: 30_000 });
    expect(earn([wednesday]).points).toBe(200);
    expect(earn([eighth], { today: '2024-07-08' }).points).toBe(300);
    expect(earn([eighth]).points).toBe(100);
  });

  it('birthday_multiplier: on the day, in the week, in the month', () => {
    const day = rule('birthday_multiplier', { window: 'day', multiplierBp: 30_000 });
    const week = rule('birthday_multiplier', { window: 'week', multiplierBp: 20_000 });
    const month = rule('birthday_multiplier', { window: 'month', multiplierBp: 15_000 });
    expect(earn([day], { today: '2024-06-18' }).points).toBe(300);
    expect(earn([day], { today: '2024-06-19' }).points).toBe(100);
    expect(earn([week], { today: '2024-06-17' }).points).toBe(200); // Monday of that week
    expect(earn([week], { today: '2024-06-24' }).points).toBe(100);
    expect(earn([month], { today: '2024-06-01' }).points).toBe(150);
    expect(earn([month], { member: { ...member, birthday: null } }).points).toBe(100);
  });

  it('birthday weeks straddle New Year, and lunar birthdays move with the year', () => {
    expect(inBirthdayWindow({ calendar: 'solar', month: 12, day: 31 }, '2025-01-02', 'week')).toBe(true);
    // 八月十五 (mid-autumn) fell on 2024-09-17.
    expect(inBirthdayWindow({ calendar: 'lunar', month: 8, day: 15 }, '2024-09-17', 'day')).toBe(true);
  });

  it('within a kind the best rule applies; kinds multiply', () => {
    const rules = [
      rule('member_day', { weekdays: [3], multiplierBp: 20_000 }),
      rule('member_day', { weekdays: [3], multiplierBp: 15_000 }),
      rule('level_multiplier', { levelIds: ['lvl_vip'], multiplierBp: 15_000 }),
    ];
    const result = earn(rules);
    expect(result.points).toBe(300);
    expect(result.applied.map((a) => a.kind).sort()).toEqual(['level_multiplier', 'member_day']);
  });

  it('a rule outside its dates does not apply', () => {
    const june = rule(
      'store_multiplier',
      { storeIds: ['unit_sh'], multiplierBp: 20_000 },
      { startsOn: '2024-07-01' },
    );
    expect(earn([june]).points).toBe(100);
    expect(earn([june], { today: '2024-07-01' }).points).toBe(200);
  });
});

describe('caps', () => {
  it('order_cap: at most 80 points an order, spread over the lines', () => {
    const lines = [
      { id: 'a', amountFen: 10_000, categoryIds: [], earnsPoints: true },
      { id: 'b', amountFen: 5_000, categoryIds: [], earnsPoints: true },
    ];
    const result = earn([rule('order_cap', { maxPoints: 80 })], { lines });
    expect(result.points).toBe(80);
    expect(result.uncapped).toBe(150);
    expect(result.lines).toEqual([
      { id: 'a', points: 53 },
      { id: 'b', points: 27 },
    ]);
  });

  it('daily_cap: counts what the member already earned today', () => {
    const cap = rule('daily_cap', { maxPoints: 120 });
    expect(earn([cap], { member: { ...member, earnedToday: 90 } }).points).toBe(30);
    expect(earn([cap], { member: { ...member, earnedToday: 200 } }).points).toBe(0);
    expect(earn([cap]).points).toBe(100);
  });
});

describe('the registry', () => {
  it('has one kind per code, each with parameters that refuse unknown fields', () => {
    const codes = pointsRuleKinds.map((k) => k.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const kind of pointsRuleKinds) {
      expect(kind.params.safeParse({ balance: 1 }).success).toBe(false);
    }
  });

  it('a member day needs a weekday or a day of the month', () => {
    const kind = pointsRuleKinds.find((k) => k.code === 'member_day')!;
    expect(kind.problem({ multiplierBp: 20_000 })).toBeDefined();
    expect(kind.problem({ weekdays: [3], multiplierBp: 20_000 })).toBeUndefined();
  });
});
