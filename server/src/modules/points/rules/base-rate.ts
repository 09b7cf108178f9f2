// Base rate (基础积分比例): points per ¥100 for members of some card types and/or levels.
// The most specific matching rule wins (card type and level > card type > level > anyone);
// with none matching, the card type's own rate applies.
import { z } from 'zod';
import { idList, pointsRate } from './params.ts';
import { defineRuleKind } from './types.ts';

export const baseRate = defineRuleKind({
  code: 'base_rate',
  role: 'rate',
  params: z.strictObject({
    /** Empty: any card type. */
    cardTypeIds: idList(0).default([]),
    /** Empty: any level. */
    levelIds: idList(0).default([]),
    rate: pointsRate,
  }),
  rate: (p, ctx) => {
    const { cardTypeId, levelId } = ctx.member;
    if (p.cardTypeIds.length > 0 && (!cardTypeId || !p.cardTypeIds.includes(cardTypeId))) return null;
    if (p.levelIds.length > 0 && (!levelId || !p.levelIds.includes(levelId))) return null;
    return {
      rate: p.rate,
      specificity: (p.cardTypeIds.length > 0 ? 2 : 0) + (p.levelIds.length > 0 ? 1 : 0),
    };
  },
});
