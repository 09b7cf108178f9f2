// Birthdays on the solar or the lunar calendar. Lunar dates are checked and converted by
// lunar-typescript (never a home-made table): month 1-12, a leap month only where that
// year has one, day within that month's 29 or 30 days.
import { Lunar, LunarMonth, LunarYear } from 'lunar-typescript';

export interface Birthday {
  calendar: 'solar' | 'lunar';
  month: number;
  day: number;
  year?: number | null | undefined;
  leapMonth?: boolean | undefined;
}

const solarDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** A reason code when the date does not exist, otherwise undefined. */
export function birthdayProblem(birthday: Birthday, thisYear: number): string | undefined {
  const { calendar, month, day, year } = birthday;
  if (year !== undefined && year !== null && (year < 1900 || year > thisYear)) return 'year_out_of_range';
  if (month < 1 || month > 12) return 'month_out_of_range';
  if (calendar === 'solar') {
    if (birthday.leapMonth) return 'leap_month_solar';
    const max = month === 2 && year ? (isLeapYear(year) ? 29 : 28) : solarDays[month - 1]!;
    return day >= 1 && day <= max ? undefined : 'date_invalid';
  }
  if (day < 1 || day > 30) return 'date_invalid';
  if (!year) return undefined; // without a year a lunar day 30 or leap month may exist in some year
  const leap = LunarYear.fromYear(year).getLeapMonth();
  if (birthday.leapMonth && leap !== month) return 'leap_month_invalid';
  const days = LunarMonth.fromYm(year, birthday.leapMonth ? -month : month)?.getDayCount() ?? 0;
  return day <= days ? undefined : 'date_invalid';
}

/**
 * The solar date of the birthday in `year` (for lunar birthdays, that year's conversion;
 * a missing day 30 or leap month falls back to the last day / the ordinary month).
 */
export function solarBirthdayIn(birthday: Birthday, year: number): { month: number; day: number } {
  if (birthday.calendar === 'solar') {
    const day = birthday.month === 2 && birthday.day === 29 && !isLeapYear(year) ? 28 : birthday.day;
    return { month: birthday.month, day };
  }
  const leapOk = birthday.leapMonth && LunarYear.fromYear(year).getLeapMonth() === birthday.month;
  const lunarMonth = leapOk ? -birthday.month : birthday.month;
  const days = LunarMonth.fromYm(year, lunarMonth)?.getDayCount() ?? 29;
  const solar = Lunar.fromYmd(year, lunarMonth, Math.min(birthday.day, days)).getSolar();
  return { month: solar.getMonth(), day: solar.getDay() };
}
