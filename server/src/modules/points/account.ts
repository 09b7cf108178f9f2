// What every points movement shares: the member's points account (created on first use,
// locked for the transaction), the transaction header, and the checks on a points amount.
//
// A points account's floor is far below zero because the account type allows a debt
// (DESIGN: taking back spent points leaves a negative balance); whether a debt may arise is
// the merchant's setting, checked before posting. Spending can never dig below zero: it
// only takes what lots hold, each by a guarded update.
import type { Trx } from '../../db/transaction.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { TransactionHeader } from '../ledger/post.ts';
import { ensureAccount } from '../ledger/post.ts';
import { memberInScope } from '../members/access.ts';
import { lockAccount } from './repo.ts';

/** The lowest a points balance may go, as a debt (the account type's hard limit). */
export const pointsFloor = -1_000_000_000;

/** The most points one call may move. */
export const maxPointsPerCall = 100_000_000;

export type PointsTransactionKind =
  | 'points_earn'
  | 'points_earn_reversal'
  | 'points_spend'
  | 'points_spend_reversal'
  | 'points_redeem'
  | 'points_redeem_cancel'
  | 'points_adjust'
  | 'points_expire';

export function assertPoints(points: number, field = 'points'): void {
  if (!Number.isSafeInteger(points) || points <= 0 || points > maxPointsPerCall) {
    throw new AppError('POINTS_AMOUNT_INVALID', { max: maxPointsPerCall }, [
      { field, code: 'invalid', message: '' },
    ]);
  }
}

/** The member's points account, created empty on first use and locked until commit. */
export async function lockedPointsAccount(trx: Trx, merchantId: string, memberId: string) {
  const account = await ensureAccount(trx, merchantId, memberId, 'points', '', pointsFloor);
  return lockAccount(trx, account.id);
}

/** An active member in the caller's scope for `permission`. */
export async function activeMember(
  trx: Trx,
  ctx: CallContext,
  memberId: string,
  permission: Parameters<typeof memberInScope>[2] = 'members.read',
) {
  const member = await memberInScope(trx, ctx.actor, permission, memberId);
  if (member.status !== 'active') throw new AppError('MEMBER_CANCELLED');
  return member;
}

export interface Movement {
  kind: PointsTransactionKind;
  note?: string | null | undefined;
  cardId?: string | null | undefined;
  reversesId?: string | null | undefined;
}

export function operatorHeader(
  ctx: CallContext,
  memberId: string,
  unitId: string,
  points: number,
  movement: Movement,
): TransactionHeader {
  return {
    merchantId: ctx.actor.merchantId,
    memberId,
    kind: movement.kind,
    cardId: movement.cardId ?? null,
    unitId,
    actorType: 'operator',
    actorId: ctx.actor.operatorId,
    reversesId: movement.reversesId ?? null,
    tender: null,
    amountFen: points,
    note: movement.note ?? null,
  };
}
