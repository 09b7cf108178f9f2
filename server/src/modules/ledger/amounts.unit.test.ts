// Properties of the stored-value split: it always adds up to the amount, never takes
// more than an account holds, and follows the chosen order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertAmount, maxAmountFen, type SpendOrder, splitSpend } from './amounts.ts';

const balances = fc.record({
  principal: fc.integer({ min: 0, max: 1e9 }),
  bonus: fc.integer({ min: 0, max: 1e9 }),
});
const order = fc.constantFrom<SpendOrder>('proportional', 'bonus_first', 'principal_first');

describe('splitSpend', () => {
  it('adds up to the amount and never overdraws either account', () => {
    fc.assert(
      fc.property(balances, order, fc.double({ min: 0, max: 1, noNaN: true }), (b, o, share) => {
        const amount = Math.floor((b.principal + b.bonus) * share);
        const split = splitSpend(amount, b, o);
        expect(split.principal + split.bonus).toBe(amount);
        expect(split.principal).toBeGreaterThanOrEqual(0);
        expect(split.bonus).toBeGreaterThanOrEqual(0);
        expect(split.principal).toBeLessThanOrEqual(b.principal);
        expect(split.bonus).toBeLessThanOrEqual(b.bonus);
      }),
    );
  });

  it('takes bonus in proportion to the balances, rounded down', () => {
    expect(splitSpend(60, { principal: 100, bonus: 20 }, 'proportional')).toEqual({
      principal: 50,
      bonus: 10,
    });
    expect(splitSpend(1, { principal: 100, bonus: 20 }, 'proportional')).toEqual({ principal: 1, bonus: 0 });
    expect(splitSpend(120, { principal: 100, bonus: 20 }, 'proportional')).toEqual({
      principal: 100,
      bonus: 20,
    });
  });

  it('follows bonus-first and principal-first when set', () => {
    expect(splitSpend(30, { principal: 100, bonus: 20 }, 'bonus_first')).toEqual({
      principal: 10,
      bonus: 20,
    });
    expect(splitSpend(110, { principal: 100, bonus: 20 }, 'principal_first')).toEqual({
      principal: 100,
      bonus: 10,
    });
  });
});

describe('assertAmount', () => {
  it.each([
    [0, 'AMOUNT_NOT_POSITIVE'],
    [-100, 'AMOUNT_NOT_POSITIVE'],
    [10.5, 'AMOUNT_NOT_INTEGER'],
    [Number.NaN, 'AMOUNT_NOT_INTEGER'],
    [maxAmountFen + 1, 'AMOUNT_TOO_LARGE'],
  ])('refuses %s with %s', (amount, code) => {
    expect(() => assertAmount(amount)).toThrow(expect.objectContaining({ code }));
  });

  it('accepts a whole positive amount', () => {
    expect(() => assertAmount(1)).not.toThrow();
  });
});
