// Amounts typed by people are yuan with up to two decimals; the server takes integer fen.
// Rates typed as percentages or multipliers become integer basis points the same way.

/** ¥12.34 typed as 12.34 → 1234 fen. Math.round absorbs binary drift such as 0.1 + 0.2. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

export function fenToYuan(fen: number): number {
  return fen / 100;
}

/** 10% → 1000 basis points; 1.5× → 15000 basis points. */
export function percentToBp(percent: number): number {
  return Math.round(percent * 100);
}

export function multiplierToBp(multiplier: number): number {
  return Math.round(multiplier * 10_000);
}

export function bpToMultiplier(bp: number): number {
  return bp / 10_000;
}
