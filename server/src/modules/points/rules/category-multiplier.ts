// Category multiplier (品类倍率): lines in these product categories earn N× points (0 = none).
import { z } from 'zod';
import { idList, multiplierBp } from './params.ts';
import { defineRuleKind } from './types.ts';

export const categoryMultiplier = defineRuleKind({
  code: 'category_multiplier',
  role: 'multiplier',
  params: z.strictObject({ categoryIds: idList(1), multiplierBp }),
  multiplier: (p, _ctx, line) =>
    line.categoryIds.some((id) => p.categoryIds.includes(id)) ? p.multiplierBp : null,
});
