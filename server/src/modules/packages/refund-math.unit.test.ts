import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proratedRefund, spreadByWeight, storedValueBack } from './refund-math.ts';

describe('proratedRefund', () => {
  it('refunds floor(paid × unused / bought): 10000 for 3 uses, 2 unused → 6666', () => {
    expect(proratedRefund(10000, 2, 3)).toBe(6666);
    expect(proratedRefund(10000, 3, 3)).toBe(10000);
    expect(proratedRefund(10000, 0, 3)).toBe(0);
    expect(proratedRefund(0, 2, 3)).toBe(0);
  });

  it('stays exact past 2^53 intermediate products', () => {
    expect(proratedRefund(10_000_000_000, 999_999, 1_000_000)).toBe(9_999_990_000);
  });
});

describe('spreadByWeight', () => {
  it('adds up to the total and gives the odd fen by largest remainder', () => {
    expect(spreadByWeight(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(spreadByWeight(6666, [10000, 5000])).toEqual([4444, 2222]);
  });

  it('never gives a payment more than it paid', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        (weights, seed) => {
          const sum = weights.reduce((a, b) => a + b, 0);
          const total = sum === 0 ? 0 : seed % (sum + 1);
          const shares = spreadByWeight(total, weights);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
          shares.forEach((share, i) => {
            expect(share).toBeGreaterThanOrEqual(0);
            expect(share).toBeLessThanOrEqual(weights[i]!);
          });
        },
      ),
    );
  });
});

describe('storedValueBack', () => {
  it('returns principal and bonus in the proportion taken, rounding principal down', () => {
    expect(storedValueBack(3333, { principal: 5000, bonus: 1000 })).toEqual({ principal: 2777, bonus: 556 });
    expect(storedValueBack(6000, { principal: 5000, bonus: 1000 })).toEqual({ principal: 5000, bonus: 1000 });
  });

  it('never gives back more of an account than the payment took from it', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(1_000_000), fc.nat(), (principal, bonus, seed) => {
        const share = seed % (principal + bonus + 1);
        const back = storedValueBack(share, { principal, bonus });
        expect(back.principal + back.bonus).toBe(principal + bonus === 0 ? 0 : share);
        expect(back.principal).toBeLessThanOrEqual(principal);
        expect(back.bonus).toBeLessThanOrEqual(bonus);
        expect(back.principal).toBeGreaterThanOrEqual(0);
        expect(back.bonus).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
