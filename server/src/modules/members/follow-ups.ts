// Follow-ups (回访): a record of each contact with a member, and the list of those due.
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Trx } from '../../db/transaction.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { nowIso, todayIn } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, page } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import { merchantFacts } from '../../platform/merchant.ts';
import { memberInScope, memberUnitScope } from './access.ts';
import type { createFollowUpBody, dueFollowUpsQuery } from './schema.ts';

function followUpColumns(db: Db | Trx) {
  return db
    .selectFrom('followUps as f')
    .innerJoin('members as m', 'm.id', 'f.memberId')
    .innerJoin('operators as o', 'o.id', 'f.operatorId')
    .selectAll('f')
    .select(['m.name as memberName', 'o.displayName as operatorName']);
}

type FollowUpRow = Awaited<ReturnType<ReturnType<typeof followUpColumns>['executeTakeFirstOrThrow']>>;

function present(row: FollowUpRow) {
  return {
    id: row.id,
    memberId: row.memberId,
    memberName: row.memberName,
    unitId: row.unitId,
    channel: row.channel,
    content: row.content,
    outcome: row.outcome,
    nextFollowUpOn: row.nextFollowUpOn,
    done: row.done === 1,
    operatorId: row.operatorId,
    operatorName: row.operatorName,
    createdAt: row.createdAt,
  };
}

export async function listMemberFollowUps(db: Db, ctx: CallContext, memberId: string) {
  await memberInScope(db, ctx.actor, 'members.read', memberId);
  const rows = await followUpColumns(db)
    .where('f.memberId', '=', memberId)
    .orderBy('f.id', 'desc')
    .limit(500)
    .execute();
  return rows.map(present);
}

/**
 * Records a contact. Any earlier open follow-up of this member is closed by it: the new
 * record's own next date (if any) is what is due now.
 */
export async function addFollowUp(
  trx: Trx,
  ctx: CallContext,
  memberId: string,
  input: z.infer<typeof createFollowUpBody>,
) {
  const member = await memberInScope(trx, ctx.actor, 'members.write', memberId);
  const facts = await merchantFacts(trx, ctx.actor.merchantId);
  if (input.nextFollowUpOn && input.nextFollowUpOn < todayIn(facts.timeZone)) {
    throw new AppError('VALIDATION_FAILED', {}, [
      { field: 'nextFollowUpOn', code: 'date_in_past', message: '' },
    ]);
  }
  await trx
    .updateTable('followUps')
    .set({ done: 1 })
    .where('memberId', '=', memberId)
    .where('done', '=', 0)
    .execute();
  const id = newId('followUp');
  const row = {
    id,
    merchantId: ctx.actor.merchantId,
    memberId,
    unitId: ctx.storeId ?? member.homeUnitId,
    channel: input.channel,
    content: input.content,
    outcome: input.outcome || null,
    nextFollowUpOn: input.nextFollowUpOn ?? null,
    done: input.nextFollowUpOn ? (0 as const) : (1 as const),
    operatorId: ctx.actor.operatorId,
    createdAt: nowIso(),
  };
  await trx.insertInto('followUps').values(row).execute();
  await recordAudit(trx, ctx, {
    action: 'members.follow_up',
    entityType: 'member',
    entityId: memberId,
    unitId: member.homeUnitId,
    after: row,
  });
  return present(await followUpColumns(trx).where('f.id', '=', id).executeTakeFirstOrThrow());
}

/** Open follow-ups whose next date is on or before `until` (default today), oldest first. */
export async function dueFollowUps(db: Db, ctx: CallContext, query: z.infer<typeof dueFollowUpsQuery>) {
  const facts = await merchantFacts(db, ctx.actor.merchantId);
  const until = query.until ?? todayIn(facts.timeZone);
  const unitIds = await memberUnitScope(db, ctx.actor, 'members.read');
  let q = followUpColumns(db)
    .where('f.merchantId', '=', ctx.actor.merchantId)
    .where('f.done', '=', 0)
    .where('f.nextFollowUpOn', '<=', until)
    .orderBy('f.id')
    .limit(query.limit + 1);
  if (unitIds) q = q.where('m.homeUnitId', 'in', unitIds.length ? unitIds : ['']);
  const after = decodeCursor(query.cursor);
  if (after) q = q.where('f.id', '>', after);
  const { items, nextCursor } = page(await q.execute(), query.limit);
  return { items: items.map(present), nextCursor };
}
