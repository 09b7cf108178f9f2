// Recharge bonus rules: tiers, percentages with caps, dates, stores and card types.
import { describe, expect, it } from 'vitest';
import { chooseBonus, type RechargeRule, ruleProblem } from './recharge-rules.ts';

const base: RechargeRule = {
  id: 'r1',
  name: '充100送20',
  kind: 'tiers',
  tiers: [
    { minFen: 10000, bonusFen: 2000 },
    { minFen: 50000, bonusFen: 12000 },
  ],
  percentBp: null,
  maxBonusFen: null,
  startsOn: null,
  endsOn: null,
  unitIds: [],
  cardTypeIds: [],
  priority: 0,
};
const context = { amount: 10000, today: '2026-11-23', unitId: 'unit_a', cardTypeId: 'ctp_gold' };

describe('recharge bonus', () => {
  it('gives the highest tier the amount reaches', () => {
    expect(chooseBonus([base], context)?.bonus).toBe(2000);
    expect(chooseBonus([base], { ...context, amount: 49999 })?.bonus).toBe(2000);
    expect(chooseBonus([base], { ...context, amount: 50000 })?.bonus).toBe(12000);
    expect(chooseBonus([base], { ...context, amount: 9999 })).toBeUndefined();
  });

  it('caps a percentage bonus', () => {
    const percent: RechargeRule = {
      ...base,
      id: 'p',
      kind: 'percent',
      tiers: [],
      percentBp: 1000,
      maxBonusFen: 3000,
    };
    expect(chooseBonus([percent], { ...context, amount: 12345 })?.bonus).toBe(1234);
    expect(chooseBonus([percent], { ...context, amount: 100000 })?.bonus).toBe(3000);
  });

  it('applies only within its dates, stores and card types', () => {
    expect(chooseBonus([{ ...base, startsOn: '2026-12-01' }], context)).toBeUndefined();
    expect(chooseBonus([{ ...base, endsOn: '2026-11-22' }], context)).toBeUndefined();
    expect(chooseBonus([{ ...base, endsOn: '2026-11-23' }], context)?.bonus).toBe(2000);
    expect(chooseBonus([{ ...base, unitIds: ['unit_b'] }], context)).toBeUndefined();
    expect(chooseBonus([{ ...base, cardTypeIds: ['ctp_silver'] }], context)).toBeUndefined();
    expect(chooseBonus([{ ...base, cardTypeIds: ['ctp_gold'] }], context)?.bonus).toBe(2000);
  });

  it('prefers priority, then the larger bonus', () => {
    const small = { ...base, id: 's', tiers: [{ minFen: 100, bonusFen: 10 }], priority: 5 };
    expect(chooseBonus([base, small], context)?.rule.id).toBe('s');
    expect(chooseBonus([base, { ...small, priority: 0 }], context)?.rule.id).toBe('r1');
  });

  it('refuses contradictory rules with a reason', () => {
    expect(ruleProblem({ ...base, tiers: [] })).toMatch(/at least one tier/);
    expect(ruleProblem({ ...base, startsOn: '2026-12-01', endsOn: '2026-11-01' })).toMatch(/ends before/);
    expect(ruleProblem({ ...base, kind: 'percent', percentBp: 0 })).toMatch(/rate/);
    expect(ruleProblem(base)).toBeUndefined();
  });
});
