// Day-of-week multiplier (周末双倍): purchases on these weekdays earn N× points.
import { z } from 'zod';
import { isoWeekday, multiplierBp, weekdays } from './params.ts';
import { defineRuleKind } from './types.ts';

export const weekdayMultiplier = defineRuleKind({
  code: 'weekday_multiplier',
  role: 'multiplier',
  params: z.strictObject({ weekdays: weekdays.min(1), multiplierBp }),
  multiplier: (p, ctx) => (p.weekdays.includes(isoWeekday(ctx.today)) ? p.multiplierBp : null),
});
