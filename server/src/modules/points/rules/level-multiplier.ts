// Level multiplier (等级倍率): members of these levels earn N× points.
import { z } from 'zod';
import { idList, multiplierBp } from './params.ts';
import { defineRuleKind } from './types.ts';

export const levelMultiplier = defineRuleKind({
  code: 'level_multiplier',
  role: 'multiplier',
  params: z.strictObject({ levelIds: idList(1), multiplierBp }),
  multiplier: (p, ctx) =>
    ctx.member.levelId && p.levelIds.includes(ctx.member.levelId) ? p.multiplierBp : null,
});
