// Lot expiry by policy, and points as cash at checkout.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lotExpiresOn, neverExpires, quotePointsAsCash } from './policy.ts';

describe('lotExpiresOn', () => {
  it('never, N months (the day before the same date), or the end of next year', () => {
    expect(lotExpiresOn({ kind: 'none' }, '2024-03-15')).toBe(neverExpires);
    expect(lotExpiresOn({ kind: 'months', months: 12 }, '2024-03-15')).toBe('2025-03-14');
    expect(lotExpiresOn({ kind: 'months', months: 1 }, '2024-01-31')).toBe('2024-02-28');
    expect(lotExpiresOn({ kind: 'year_end' }, '2024-03-15')).toBe('2025-12-31');
    expect(lotExpiresOn({ kind: 'year_end' }, '2024-12-31')).toBe('2025-12-31');
  });
});

describe('quotePointsAsCash', () => {
  const settings = { pointsPerYuan: 100, maxShareBp: 5000 };

  it('pays at most the order share and what the points are worth', () => {
    expect(quotePointsAsCash({ orderFen: 10_000, availablePoints: 100_000, settings })).toEqual({
      maxValueFen: 5000,
      maxPoints: 5000,
      valueFen: 5000,
      points: 5000,
    });
    expect(quotePointsAsCash({ orderFen: 10_000, availablePoints: 1234, settings }).valueFen).toBe(1234);
  });

  it('takes the fewest points for whole fen, never more than asked', () => {
    const quote = quotePointsAsCash({
      orderFen: 10_000,
      availablePoints: 1000,
      requestedPoints: 100,
      settings: { pointsPerYuan: 150, maxShareBp: 10_000 },
    });
    expect(quote).toMatchObject({ valueFen: 66, points: 99 });
  });

  it('is off when points are worth nothing', () => {
    expect(
      quotePointsAsCash({
        orderFen: 10_000,
        availablePoints: 1000,
        settings: { pointsPerYuan: 0, maxShareBp: 5000 },
      }).points,
    ).toBe(0);
  });

  it('never exceeds the share, the points held or the points asked, in whole units', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (orderFen, availablePoints, requestedPoints, pointsPerYuan, maxShareBp) => {
          const q = quotePointsAsCash({
            orderFen,
            availablePoints,
            requestedPoints,
            settings: { pointsPerYuan, maxShareBp },
          });
          for (const n of Object.values(q)) expect(Number.isSafeInteger(n) && n >= 0).toBe(true);
          expect(q.valueFen).toBeLessThanOrEqual(q.maxValueFen);
          expect(q.maxValueFen * 10_000).toBeLessThanOrEqual(orderFen * maxShareBp);
          expect(q.points).toBeLessThanOrEqual(availablePoints);
          if (requestedPoints !== undefined) expect(q.points).toBeLessThanOrEqual(requestedPoints);
          // The points taken are worth at least the fen they pay.
          expect(q.points * 100).toBeGreaterThanOrEqual(q.valueFen * pointsPerYuan);
        },
      ),
    );
  });
});
