// What people type (yuan with two decimals, a discount in 折) converted exactly to the
// integers the API takes (fen, basis points of 10000), and back for editing.

/**
 * ¥12.34 → 1234. InputNumber gives a float such as 0.29 (stored as 0.28999…), so the product is
 * rounded, never truncated.
 */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

/** 1234 → 12.34, for an InputNumber with precision 2. */
export function fenToYuan(fen: number): number {
  return fen / 100;
}

/** 9.5折 → 9500 (the share of the price paid, in basis points of 10000). */
export function zheToRate(zhe: number): number {
  return Math.round(zhe * 1000);
}

export function rateToZhe(rate: number): number {
  return rate / 1000;
}

/** Points per yuan (1.5) ↔ the API's points per ¥100 (150). */
export function pointsPerYuanToRate(perYuan: number): number {
  return Math.round(perYuan * 100);
}

export function rateToPointsPerYuan(rate: number): number {
  return rate / 100;
}
