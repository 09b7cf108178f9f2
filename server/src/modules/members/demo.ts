// Demo members and card types for the demo merchant, so a first look at the console has
// people to find: Chinese names, solar and lunar birthdays, tags, cards in every state.
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { CallContext } from '../../platform/context.ts';
import { createCardType } from '../cards/card-types.ts';
import { issueCard, operateCard } from '../cards/service.ts';
import { createMember } from './service.ts';

const surnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
];
const givenNames = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '桂英',
  '建华',
];
const tagPool = ['VIP', '咖啡', '烘焙', '亲子', '企业客户', '新客', '老客'];

/** Seeds card types and `count` members spread over the demo stores, as the admin. */
export async function seedDemoMembers(
  db: Db,
  ctx: CallContext,
  storeIds: string[],
  count = 60,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const gold = await createCardType(trx, ctx, {
      name: '金卡',
      named: true,
      storedValue: true,
      points: true,
      discount: true,
      discountRate: 9000,
      pointsRate: 150,
      pinRequired: true,
      validity: { kind: 'none' },
      replacementFee: 1000,
      subsidiaryAllowed: true,
      subsidiaryLimit: 50000,
    });
    const silver = await createCardType(trx, ctx, {
      name: '银卡',
      named: true,
      storedValue: true,
      points: true,
      discount: true,
      discountRate: 9500,
      pointsRate: 100,
      pinRequired: false,
      validity: { kind: 'months', months: 24 },
      joinFee: 2000,
      annualFee: 1000,
      replacementFee: 500,
    });
    const gift = await createCardType(trx, ctx, {
      name: '礼品储值卡',
      named: false,
      storedValue: true,
      points: false,
      pinRequired: false,
      validity: { kind: 'months', months: 36 },
    });
    const types = [gold.id, silver.id, gift.id];
    for (let i = 0; i < count; i++) {
      const name = surnames[i % surnames.length]! + givenNames[(i * 7) % givenNames.length]!;
      const lunar = i % 5 === 0;
      const memberId = await createMember(
        trx,
        { ...ctx, storeId: storeIds[i % storeIds.length]! },
        {
          name,
          mobile: `139${String(10_000_000 + i * 7919).slice(0, 8)}`,
          gender: i % 2 === 0 ? 'female' : 'male',
          birthday: {
            calendar: lunar ? 'lunar' : 'solar',
            month: (i % 12) + 1,
            day: (i % 28) + 1,
            year: 1970 + (i % 35),
          },
          tags: [tagPool[i % tagPool.length]!, ...(i % 3 === 0 ? [tagPool[(i + 2) % tagPool.length]!] : [])],
          marketingConsent: i % 4 !== 0,
        },
      );
      const cardNo = await issueCard(trx, ctx, memberId, {
        cardTypeId: types[i % types.length]!,
        ...(i % 3 === 0 ? { pin: '123456' } : {}),
      });
      if (i % 17 === 5) await operateCard(trx, ctx, cardNo, 'report-loss', { reason: '顾客报失' });
      if (i % 19 === 7) await operateCard(trx, ctx, cardNo, 'freeze', { reason: '争议处理中' });
    }
  });
}
