// Parameter pieces the rule kinds share, and the calendar arithmetic they need on plain
// YYYY-MM-DD dates (no clock, no time zone: the caller already resolved "today").
import { z } from 'zod';
import { entityId } from '../../../platform/http/schemas.ts';

/** A multiplier in basis points: 10000 = 1×, 20000 = double, 0 = no points; at most 10×. */
export const multiplierBp = z.number().int().min(0).max(100_000);

/** Points per ¥100 of eligible spend (150 = 1.5 points per yuan). */
export const pointsRate = z.number().int().min(0).max(100_000);

export const maxPoints = z.number().int().min(0).max(1_000_000_000);

export const idList = (min: number) => z.array(entityId).min(min).max(500);

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export const weekdays = z.array(z.number().int().min(1).max(7)).max(7);

export const monthDays = z.array(z.number().int().min(1).max(31)).max(31);

function utc(date: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day));
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = utc(date).getUTCDay();
  return day === 0 ? 7 : day;
}

export function dayOfMonth(date: string): number {
  return utc(date).getUTCDate();
}

export function shiftDays(date: string, days: number): string {
  const d = utc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function ymd(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
