// Member day (会员日): every given weekday (每周三) and/or day of the month (每月8号) earns N×.
// A separate kind from the weekday multiplier so a merchant can run both and they stack.
import { z } from 'zod';
import { dayOfMonth, isoWeekday, monthDays, multiplierBp, weekdays } from './params.ts';
import { defineRuleKind } from './types.ts';

export const memberDay = defineRuleKind({
  code: 'member_day',
  role: 'multiplier',
  params: z.strictObject({
    weekdays: weekdays.default([]),
    monthDays: monthDays.default([]),
    multiplierBp,
  }),
  problem: (p) =>
    p.weekdays.length === 0 && p.monthDays.length === 0
      ? 'a member day needs weekdays or days of the month'
      : undefined,
  multiplier: (p, ctx) =>
    p.weekdays.includes(isoWeekday(ctx.today)) || p.monthDays.includes(dayOfMonth(ctx.today))
      ? p.multiplierBp
      : null,
});
