// Birthday multiplier (生日多倍积分): on the member's birthday, in its week (Monday to
// Sunday) or in its month. Lunar birthdays are converted for the year in question.
import { z } from 'zod';
import { solarBirthdayIn } from '../../members/birthday.ts';
import { isoWeekday, multiplierBp, shiftDays, ymd } from './params.ts';
import { defineRuleKind, type MemberBirthday } from './types.ts';

export type BirthdayWindow = 'day' | 'week' | 'month';

function birthdayOn(birthday: MemberBirthday, year: number): string {
  const { month, day } = solarBirthdayIn(birthday, year);
  return ymd(year, month, day);
}

export function inBirthdayWindow(birthday: MemberBirthday, today: string, window: BirthdayWindow): boolean {
  const year = Number(today.slice(0, 4));
  const thisYear = birthdayOn(birthday, year);
  if (window === 'day') return thisYear === today;
  if (window === 'month') return thisYear.slice(0, 7) === today.slice(0, 7);
  const monday = shiftDays(today, 1 - isoWeekday(today));
  const sunday = shiftDays(monday, 6);
  // A week may straddle New Year, so last and next year's birthdays count too.
  return [year - 1, year, year + 1].some((y) => {
    const date = birthdayOn(birthday, y);
    return date >= monday && date <= sunday;
  });
}

export const birthdayMultiplier = defineRuleKind({
  code: 'birthday_multiplier',
  role: 'multiplier',
  params: z.strictObject({ window: z.enum(['day', 'week', 'month']), multiplierBp }),
  multiplier: (p, ctx) =>
    ctx.member.birthday && inBirthdayWindow(ctx.member.birthday, ctx.today, p.window) ? p.multiplierBp : null,
});
