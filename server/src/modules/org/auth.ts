// Signing in and out. A wrong username and a wrong password look the same and take the
// same time; failures are throttled per account and per address before the password is
// checked; a disabled account is only revealed to someone who knows its password.
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { loadGrants } from '../../platform/access/actor.ts';
import { permissions } from '../../platform/access/permissions.ts';
import { recordAudit, recordAuditAs } from '../../platform/audit/service.ts';
import {
  decoyPasswordHash,
  hashPassword,
  isStrongPassword,
  verifyPassword,
} from '../../platform/auth/password.ts';
import { createSession, revokeOperatorSessions, revokeSession } from '../../platform/auth/sessions.ts';
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from '../../platform/auth/throttle.ts';
import { nowIso } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { getOwnOperator } from './operators.ts';
import { storesInScope } from './units.ts';

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent: string | null;
  sessionTtlMinutes: number;
  requestId: string;
}

export async function login(db: Db, input: LoginInput) {
  const username = input.username.toLowerCase();
  await assertLoginAllowed(db, username, input.ip);
  const operator = await db
    .selectFrom('operators')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  const valid = await verifyPassword(operator?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!operator || !valid) {
    await inTransaction(db, (trx) => recordLoginFailure(trx, username, input.ip));
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (operator.status !== 'active') throw new AppError('ACCOUNT_DISABLED');

  const session = await inTransaction(db, async (trx) => {
    await clearLoginFailures(trx, username);
    const created = await createSession(trx, {
      merchantId: operator.merchantId,
      operatorId: operator.id,
      ttlMinutes: input.sessionTtlMinutes,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await recordAuditAs(trx, {
      merchantId: operator.merchantId,
      actorType: 'operator',
      actorId: operator.id,
      actorName: operator.username,
      action: 'auth.login',
      entityType: 'session',
      entityId: created.id,
      unitId: operator.unitId,
      requestId: input.requestId,
      ip: input.ip,
    });
    return created;
  });
  const actor: Actor = {
    kind: 'operator',
    operatorId: operator.id,
    merchantId: operator.merchantId,
    username: operator.username,
    displayName: operator.displayName,
    unitId: operator.unitId,
    sessionId: session.id,
    grants: await loadGrants(db, operator.id),
  };
  return { session, operator: await describeSessionOperator(db, actor) };
}

export async function logout(db: Db, ctx: CallContext): Promise<void> {
  await inTransaction(db, async (trx) => {
    await revokeSession(trx, ctx.actor.sessionId);
    await recordAudit(trx, ctx, {
      action: 'auth.logout',
      entityType: 'session',
      entityId: ctx.actor.sessionId,
      unitId: ctx.actor.unitId,
    });
  });
}

/** The signed-in operator as the console needs it: profile, permissions, stores to pick. */
export async function describeSessionOperator(db: Db, actor: Actor) {
  const operator = await getOwnOperator(db, actor);
  const merchant = await db
    .selectFrom('merchants')
    .select(['name', 'timeZone', 'currency'])
    .where('id', '=', actor.merchantId)
    .executeTakeFirstOrThrow();
  const held = new Set(actor.grants.flatMap((g) => [...g.permissions]));
  return {
    id: actor.operatorId,
    username: actor.username,
    displayName: actor.displayName,
    merchantId: actor.merchantId,
    merchantName: merchant.name,
    timeZone: merchant.timeZone,
    currency: merchant.currency,
    unitId: actor.unitId,
    locale: operator.locale,
    permissions: permissions.filter((p) => held.has(p)),
    grants: operator.grants,
    stores: await storesInScope(db, actor),
  };
}

export async function changeOwnPassword(
  db: Db,
  ctx: CallContext,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const operator = await db
    .selectFrom('operators')
    .select(['passwordHash'])
    .where('id', '=', ctx.actor.operatorId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(operator.passwordHash, input.currentPassword))) {
    throw new AppError('PASSWORD_INCORRECT', {}, [
      { field: 'currentPassword', code: 'incorrect', message: '' },
    ]);
  }
  if (!isStrongPassword(input.newPassword)) {
    throw new AppError('PASSWORD_TOO_WEAK', {}, [
      { field: 'newPassword', code: 'password_weak', message: '' },
    ]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('operators')
      .set({ passwordHash, passwordChangedAt: nowIso() })
      .where('id', '=', ctx.actor.operatorId)
      .execute();
    await revokeOperatorSessions(trx, ctx.actor.operatorId);
    await recordAudit(trx, ctx, {
      action: 'auth.change_password',
      entityType: 'operator',
      entityId: ctx.actor.operatorId,
      unitId: ctx.actor.unitId,
    });
  });
}
