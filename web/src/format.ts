// One way to show money and time everywhere in the console.
import { currentLanguage } from './i18n/index.ts';

const grouping = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Integer fen to ¥1,234.50 (negative as -¥1,234.50). Integer arithmetic, so no float drift. */
export function formatMoney(fen: number, symbol = '¥'): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}${symbol}${grouping.format(yuan)}.${String(cents).padStart(2, '0')}`;
}

function parts(iso: string, timeZone: string | undefined, withTime: boolean) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' } : {}),
  });
  const byType = Object.fromEntries(formatter.formatToParts(date).map((p) => [p.type, p.value]));
  return byType as Record<Intl.DateTimeFormatPartTypes, string>;
}

/**
 * An instant as 2025-01-31 14:05:09 in the given IANA time zone (a store's), or the browser's
 * when none is known. The same numeric shape in both languages keeps tables aligned.
 */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  const p = parts(iso, timeZone, true);
  if (!p) return iso;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

export function formatDate(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  const p = parts(iso, timeZone, false);
  return p ? `${p.year}-${p.month}-${p.day}` : iso;
}

/** Counts with the current language's digit grouping. */
export function formatCount(n: number): string {
  return new Intl.NumberFormat(currentLanguage()).format(n);
}
