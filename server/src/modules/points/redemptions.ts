// Redeeming gifts for points (积分兑换) and cancelling a redemption. All or nothing in one
// transaction: the member's limit, the store's stock (a guarded decrement) and the points
// (spent earliest-expiry first) each refuse with their own code, and a refusal rolls every
// part back. A cancel gives back points and stock exactly once.
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Trx } from '../../db/transaction.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { nowIso } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, type listQuery, page } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import { memberInScope } from '../members/access.ts';
import { activeMember, lockedPointsAccount } from './account.ts';
import { spendPoints } from './earn-spend.ts';
import {
  findGift,
  findRedemption,
  insertRedemption,
  markCancelled,
  type RedemptionRow,
  redeemedQuantity,
  redemptionsOfMember,
  returnStock,
  setCancelTransaction,
  stockOf,
  takeStock,
} from './gifts-repo.ts';
import { reversePointsTransaction } from './reverse.ts';

export function presentRedemption(row: RedemptionRow) {
  return {
    id: row.id,
    memberId: row.memberId,
    giftId: row.giftId,
    giftName: row.giftName,
    storeId: row.unitId,
    quantity: Number(row.quantity),
    points: Number(row.points),
    status: row.status,
    transactionId: row.transactionId,
    cancelTransactionId: row.cancelTransactionId,
    createdAt: row.createdAt,
    cancelledAt: row.cancelledAt,
    cancelReason: row.cancelReason,
  };
}

export async function redeemGift(
  trx: Trx,
  ctx: CallContext,
  memberId: string,
  input: { giftId: string; quantity: number },
) {
  const { merchantId } = ctx.actor;
  const storeId = ctx.storeId;
  if (!storeId) throw new AppError('STORE_REQUIRED');
  await activeMember(trx, ctx, memberId);
  const gift = await findGift(trx, merchantId, input.giftId);
  if (!gift) throw new AppError('GIFT_NOT_FOUND', {}, [{ field: 'giftId', code: 'not_found', message: '' }]);
  if (gift.active !== 1) throw new AppError('GIFT_INACTIVE');
  // The points account is locked first, so one member's redemptions queue and the limit
  // read below cannot be raced by the same member at another till.
  await lockedPointsAccount(trx, merchantId, memberId);
  if (gift.perMemberLimit !== null) {
    const redeemed = await redeemedQuantity(trx, memberId, gift.id);
    if (redeemed + input.quantity > Number(gift.perMemberLimit)) {
      throw new AppError('REDEMPTION_LIMIT_REACHED', { limit: Number(gift.perMemberLimit), redeemed });
    }
  }
  if (!(await takeStock(trx, gift.id, storeId, input.quantity))) {
    const available = (await stockOf(trx, [gift.id])).find((s) => s.unitId === storeId)?.quantity ?? 0;
    throw new AppError('GIFT_OUT_OF_STOCK', { available, required: input.quantity });
  }
  const points = Number(gift.pointsPrice) * input.quantity;
  const spent = await spendPoints(trx, ctx, memberId, points, {
    kind: 'points_redeem',
    note: `${gift.name} × ${input.quantity}`,
  });
  const row = {
    id: newId('redemption'),
    merchantId,
    memberId,
    giftId: gift.id,
    unitId: storeId,
    quantity: input.quantity,
    points,
    status: 'completed' as const,
    transactionId: spent.transactionId,
    cancelTransactionId: null,
    operatorId: ctx.actor.operatorId,
    createdAt: nowIso(),
    cancelledAt: null,
    cancelReason: null,
  };
  await insertRedemption(trx, row);
  const redemption = presentRedemption({ ...row, giftName: gift.name });
  await recordAudit(trx, ctx, {
    action: 'points.redemption_create',
    entityType: 'redemption',
    entityId: row.id,
    unitId: storeId,
    after: redemption,
  });
  return { ...redemption, balance: spent.balance };
}

export async function cancelRedemption(
  trx: Trx,
  ctx: CallContext,
  id: string,
  input: { reason?: string | undefined },
) {
  const { merchantId } = ctx.actor;
  const found = await findRedemption(trx, merchantId, id);
  if (!found) throw new AppError('REDEMPTION_NOT_FOUND');
  await memberInScope(trx, ctx.actor, 'checkout.return', found.memberId).catch(() => {
    throw new AppError('REDEMPTION_NOT_FOUND');
  });
  const cancelledAt = nowIso();
  if (!(await markCancelled(trx, id, { cancelledAt, cancelReason: input.reason || null }))) {
    throw new AppError('REDEMPTION_ALREADY_CANCELLED');
  }
  const reversal = await reversePointsTransaction(trx, ctx, found.transactionId, {
    note: input.reason || `cancel ${id}`,
  });
  await setCancelTransaction(trx, id, reversal.transactionId);
  await returnStock(trx, found.giftId, found.unitId, Number(found.quantity));
  const redemption = presentRedemption({
    ...found,
    status: 'cancelled',
    cancelledAt,
    cancelReason: input.reason || null,
    cancelTransactionId: reversal.transactionId,
  });
  await recordAudit(trx, ctx, {
    action: 'points.redemption_cancel',
    entityType: 'redemption',
    entityId: id,
    unitId: found.unitId,
    before: presentRedemption(found),
    after: redemption,
  });
  const account = await lockedPointsAccount(trx, merchantId, found.memberId);
  return { ...redemption, balance: account.balance };
}

export async function listRedemptions(
  db: Db,
  ctx: CallContext,
  memberId: string,
  query: z.infer<typeof listQuery>,
) {
  await memberInScope(db, ctx.actor, 'ledger.read', memberId);
  const before = decodeCursor(query.cursor);
  const rows = await redemptionsOfMember(db, memberId, { limit: query.limit, ...(before ? { before } : {}) });
  const { items, nextCursor } = page(rows, query.limit);
  return { items: items.map(presentRedemption), nextCursor };
}
