// Which members an operator reaches: those whose home store lies in the operator's scope
// for the permission. A merchant that shares members across the chain lets every
// members.read holder find any member (a card works at every store); writes stay scoped.
import type { Db } from '../../db/database.ts';
import type { Trx } from '../../db/transaction.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Permission } from '../../platform/access/permissions.ts';
import { coversPath, unitIdsInScope } from '../../platform/access/scope.ts';
import { AppError } from '../../platform/errors.ts';
import { merchantFacts } from '../../platform/merchant.ts';
import { findMember, type MemberRow } from './repo.ts';

/** Home-store ids the actor may see for `permission`; undefined means the whole merchant. */
export async function memberUnitScope(
  db: Db | Trx,
  actor: Actor,
  permission: Permission,
): Promise<string[] | undefined> {
  if (
    permission === 'members.read' &&
    (await merchantFacts(db, actor.merchantId)).settings.memberSharing === 'chain'
  ) {
    return undefined;
  }
  return unitIdsInScope(db, actor, permission);
}

/** A member in the actor's scope for `permission`, or MEMBER_NOT_FOUND as if absent. */
export async function memberInScope(
  db: Db | Trx,
  actor: Actor,
  permission: Permission,
  memberId: string,
): Promise<MemberRow> {
  const member = await findMember(db, actor.merchantId, memberId);
  if (!member) throw new AppError('MEMBER_NOT_FOUND');
  const shared =
    permission === 'members.read' &&
    (await merchantFacts(db, actor.merchantId)).settings.memberSharing === 'chain';
  if (!shared && !coversPath(actor, permission, member.homePath)) throw new AppError('MEMBER_NOT_FOUND');
  return member;
}
