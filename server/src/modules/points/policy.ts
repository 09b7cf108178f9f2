// Pure points arithmetic the services and checkout share: when a lot earned today expires
// under the merchant's policy, and how many points may pay how much of an order.
import { addDays, addMonths } from '../../platform/clock.ts';
import type { PointsExpiryPolicy } from '../../platform/merchant.ts';

/** The expires_on of a lot that never expires (sorts after every real date). */
export const neverExpires = '9999-12-31';

/** The last day points earned on `today` may be spent. */
export function lotExpiresOn(policy: PointsExpiryPolicy, today: string): string {
  if (policy.kind === 'months') return addDays(addMonths(today, policy.months), -1);
  if (policy.kind === 'year_end') return `${Number(today.slice(0, 4)) + 1}-12-31`;
  return neverExpires;
}

export interface PointsCashSettings {
  /** Points worth ¥1; 0 = points cannot pay. */
  pointsPerYuan: number;
  /** The largest share of the order points may pay, in basis points. */
  maxShareBp: number;
}

export interface PointsCashQuote {
  /** The most fen points may pay on this order for this member. */
  maxValueFen: number;
  /** Points needed to pay maxValueFen. */
  maxPoints: number;
  /** What the requested points pay (never more than maxValueFen), and the points taken for it. */
  valueFen: number;
  points: number;
}

/**
 * Points as cash (积分抵现) at checkout. Whole fen only: a request is turned into the fen it
 * pays (rounded down, capped by the order share and the member's points), and the member
 * gives the fewest points that pay that many fen — never more than they asked to use.
 */
export function quotePointsAsCash(input: {
  orderFen: number;
  availablePoints: number;
  requestedPoints?: number | undefined;
  settings: PointsCashSettings;
}): PointsCashQuote {
  const { orderFen, settings } = input;
  const available = Math.max(0, input.availablePoints);
  if (settings.pointsPerYuan <= 0 || orderFen <= 0)
    return { maxValueFen: 0, maxPoints: 0, valueFen: 0, points: 0 };
  const ppy = BigInt(settings.pointsPerYuan);
  const byShare = (BigInt(orderFen) * BigInt(settings.maxShareBp)) / 10_000n;
  const byPoints = (BigInt(available) * 100n) / ppy;
  const maxValue = byShare < byPoints ? byShare : byPoints;
  const pointsFor = (fen: bigint) => (fen * ppy + 99n) / 100n;
  const requested =
    input.requestedPoints === undefined ? BigInt(available) : BigInt(Math.max(0, input.requestedPoints));
  const askedValue = (requested * 100n) / ppy;
  const value = askedValue < maxValue ? askedValue : maxValue;
  return {
    maxValueFen: Number(maxValue),
    maxPoints: Number(pointsFor(maxValue)),
    valueFen: Number(value),
    points: Number(pointsFor(value)),
  };
}
