// A company's list pasted or uploaded as text: one "member, amount in yuan" per line (the
// member a mobile, card number or member id). Only digits and commas matter, so a GBK file
// read as UTF-8 still parses; a header line (whose amount is not a number) is skipped.

export interface ParsedRows {
  rows: { member: string; amount: number }[];
  /** 1-based line numbers that could not be read. */
  badLines: number[];
}

const amountPattern = /^\d+(\.\d{1,2})?$/;

export function parseRows(text: string): ParsedRows {
  const rows: ParsedRows['rows'] = [];
  const badLines: number[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const [member = '', amount = ''] = line
      .split(/[,，\t;；]/)
      .map((cell) => cell.trim().replace(/^"|"$/g, '').replace(/^¥/, ''));
    if (amountPattern.test(amount) && member) {
      rows.push({ member, amount: Math.round(Number(amount) * 100) });
      return;
    }
    // The first line may be the file's header ("手机号,金额").
    if (rows.length === 0 && badLines.length === 0 && index === lines.findIndex((l) => l.trim())) return;
    badLines.push(index + 1);
  });
  return { rows, badLines };
}
