// Caps (封顶): the most points one order may earn, and the most a member may earn in a day
// (counting what they already earned today). The smallest applicable cap binds.
import { z } from 'zod';
import { maxPoints } from './params.ts';
import { defineRuleKind } from './types.ts';

export const orderCap = defineRuleKind({
  code: 'order_cap',
  role: 'cap',
  params: z.strictObject({ maxPoints }),
  cap: (p) => p.maxPoints,
});

export const dailyCap = defineRuleKind({
  code: 'daily_cap',
  role: 'cap',
  params: z.strictObject({ maxPoints }),
  cap: (p, ctx) => Math.max(0, p.maxPoints - ctx.member.earnedToday),
});
