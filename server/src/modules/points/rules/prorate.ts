// Whole shares by largest remainder (as Vendure's prorate.ts does): every share is an
// integer, the shares add up to the total exactly, and ties go to the earlier line, so the
// same input always gives the same split. Exact arithmetic on bigint throughout.

/**
 * Rounds the exact shares numerator/denominator to whole numbers adding up to `total`:
 * each share is its exact value rounded down, and the units still missing go to the
 * largest remainders. `total` must lie between the sum of the floors and that sum plus
 * the number of shares.
 */
export function roundByLargestRemainder(
  numerators: readonly bigint[],
  denominator: bigint,
  total: number,
): number[] {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  if (numerators.some((n) => n < 0n)) throw new RangeError('shares must not be negative');
  const shares = numerators.map((n) => n / denominator);
  let left = total - Number(shares.reduce((a, b) => a + b, 0n));
  if (left < 0 || left > numerators.length) throw new RangeError('total does not match the shares');
  const order = numerators
    .map((n, index) => ({ index, remainder: n % denominator }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of order) {
    if (left === 0) break;
    shares[index] = (shares[index] ?? 0n) + 1n;
    left -= 1;
  }
  return shares.map(Number);
}

/** Spreads `total` over the weights in proportion. */
export function spreadByLargestRemainder(total: number, weights: readonly bigint[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError('total must be a whole number');
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) {
    if (total !== 0) throw new RangeError('cannot spread a total over zero weights');
    return weights.map(() => 0);
  }
  return roundByLargestRemainder(
    weights.map((w) => BigInt(total) * w),
    sum,
    total,
  );
}
