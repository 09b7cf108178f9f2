// Amounts as people read them in messages: ¥1,234.50. Integers in fen everywhere else.

/** ¥1,234.50 for 123450 fen; a minus sign in front for negative amounts. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
}
