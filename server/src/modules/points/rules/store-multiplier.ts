// Store multiplier (门店倍率): purchases at these stores earn N× points.
import { z } from 'zod';
import { idList, multiplierBp } from './params.ts';
import { defineRuleKind } from './types.ts';

export const storeMultiplier = defineRuleKind({
  code: 'store_multiplier',
  role: 'multiplier',
  params: z.strictObject({ storeIds: idList(1), multiplierBp }),
  multiplier: (p, ctx) => (ctx.storeId && p.storeIds.includes(ctx.storeId) ? p.multiplierBp : null),
});
