// The arithmetic of a package refund, on integers only: the prorated money for the unused
// uses, its spread over the payments that bought them, and how a stored-value payment's
// share goes back to principal and bonus. Pure, so it is tested on its own.

/** Money for the unused uses: floor(paid × unused / bought), never a fractional fen. */
export function proratedRefund(pricePaid: number, unused: number, usesBought: number): number {
  if (usesBought <= 0 || unused <= 0 || pricePaid <= 0) return 0;
  return Number((BigInt(pricePaid) * BigInt(Math.min(unused, usesBought))) / BigInt(usesBought));
}

/**
 * Spreads `total` over `weights` by largest remainder (ties to the earlier one), so the
 * shares add up to `total` exactly and none exceeds its weight when total <= sum(weights).
 */
export function spreadByWeight(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (sum <= 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const big = BigInt(total);
  const bigSum = BigInt(sum);
  const shares = weights.map((w) => Number((big * BigInt(w)) / bigSum));
  const remainders = weights.map((w, i) => ({ i, r: (big * BigInt(w)) % bigSum }));
  let left = total - shares.reduce((a, b) => a + b, 0);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left <= 0) break;
    shares[i]! += 1;
    left -= 1;
  }
  return shares;
}

export interface StoredValueSplit {
  principal: number;
  bonus: number;
}

/**
 * What a stored-value payment's refund share gives back to each account, in proportion to
 * what the payment took. Principal is rounded down: a rounding fen goes back as bonus, so
 * a refund never turns bonus into principal (which is refundable as cash).
 */
export function storedValueBack(share: number, took: StoredValueSplit): StoredValueSplit {
  const total = took.principal + took.bonus;
  if (share <= 0 || total <= 0) return { principal: 0, bonus: 0 };
  let principal = Number((BigInt(share) * BigInt(took.principal)) / BigInt(total));
  let bonus = share - principal;
  if (bonus > took.bonus) {
    principal += bonus - took.bonus;
    bonus = took.bonus;
  }
  return { principal, bonus };
}
