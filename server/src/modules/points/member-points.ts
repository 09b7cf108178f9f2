// A member's points seen and corrected by staff: manual adjustments with a reason (a
// manager's permission, audited), and the lots with what expires when.
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Trx } from '../../db/transaction.ts';
import { todayIn } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { decodeCursor, page } from '../../platform/http/schemas.ts';
import { merchantFacts } from '../../platform/merchant.ts';
import { memberInScope } from '../members/access.ts';
import { activeMember, assertPoints } from './account.ts';
import { earnPoints, spendPoints } from './earn-spend.ts';
import { neverExpires } from './policy.ts';
import { lotsOfAccount, pointsAccountOf } from './repo.ts';
import type { lotsQuery } from './schema.ts';

/**
 * Adds points in a new lot (by the merchant's expiry policy) or takes them from the lots
 * expiring first; taking more than the member may spend is refused, never a debt.
 */
export async function adjustPoints(
  trx: Trx,
  ctx: CallContext,
  memberId: string,
  input: { points: number; reason: string },
) {
  assertPoints(Math.abs(input.points));
  await activeMember(trx, ctx, memberId, 'ledger.adjust');
  const movement = { kind: 'points_adjust' as const, note: input.reason };
  const result =
    input.points > 0
      ? await earnPoints(trx, ctx, memberId, input.points, movement)
      : await spendPoints(trx, ctx, memberId, -input.points, movement);
  return {
    id: result.transactionId,
    memberId,
    points: input.points,
    reason: input.reason,
    balance: result.balance,
  };
}

export async function listLots(db: Db, ctx: CallContext, memberId: string, query: z.infer<typeof lotsQuery>) {
  await memberInScope(db, ctx.actor, 'ledger.read', memberId);
  const account = await pointsAccountOf(db, memberId);
  if (!account) return { items: [], nextCursor: null };
  const today = todayIn((await merchantFacts(db, ctx.actor.merchantId)).timeZone);
  const rows = await lotsOfAccount(db, account.id, {
    limit: query.limit,
    before: decodeCursor(query.cursor),
    spendableOn: query.active === 'true' ? today : undefined,
  });
  const { items, nextCursor } = page(rows, query.limit);
  return {
    items: items.map((lot) => {
      const remaining = Number(lot.remaining);
      const status =
        lot.expired === 1
          ? 'expired'
          : remaining === 0
            ? 'used'
            : lot.expiresOn < today
              ? 'expired'
              : 'active';
      return {
        id: lot.id,
        amount: Number(lot.amount),
        remaining,
        expiresOn: lot.expiresOn === neverExpires ? null : lot.expiresOn,
        status: status as 'active' | 'used' | 'expired',
        earnedTransactionId: lot.earnedTransactionId,
        createdAt: lot.createdAt,
      };
    }),
    nextCursor,
  };
}
