// Operators (staff accounts) and their role grants. Nobody can grant more than they hold:
// every permission of a granted role must be the granter's own at that unit.
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { isUniqueViolation, type Trx } from '../../db/transaction.ts';
import { type Actor, loadGrants } from '../../platform/access/actor.ts';
import { isPermission, type Permission } from '../../platform/access/permissions.ts';
import { coversPath, unitIdsInScope, unitInScope } from '../../platform/access/scope.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { hashPassword, isStrongPassword } from '../../platform/auth/password.ts';
import { revokeOperatorSessions } from '../../platform/auth/sessions.ts';
import { nowIso } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, page } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import * as repo from './repo.ts';
import type { createOperatorBody, grantInput, operatorListQuery, updateOperatorBody } from './schema.ts';

type GrantInput = z.infer<typeof grantInput>;

async function withGrants<T extends { id: string }>(db: Db | Trx, operators: T[]) {
  const grants = await repo.grantsOf(
    db,
    operators.map((o) => o.id),
  );
  return operators.map((operator) => ({
    ...operator,
    grants: grants
      .filter((g) => g.operatorId === operator.id)
      .map(({ roleId, roleName, roleCode, unitId, unitName }) => ({
        roleId,
        roleName,
        roleCode,
        unitId,
        unitName,
      })),
  }));
}

function presentOperator<
  T extends {
    id: string;
    username: string;
    displayName: string;
    unitId: string;
    unitName: string;
    status: 'active' | 'disabled';
    locale: string | null;
    createdAt: string;
  },
>(o: T) {
  return {
    id: o.id,
    username: o.username,
    displayName: o.displayName,
    unitId: o.unitId,
    unitName: o.unitName,
    status: o.status,
    locale: o.locale,
    createdAt: o.createdAt,
  };
}

export async function listOperators(db: Db, actor: Actor, query: z.infer<typeof operatorListQuery>) {
  const unitIds = await unitIdsInScope(db, actor, 'operators.read');
  const rows = await repo.listOperatorRows(db, {
    merchantId: actor.merchantId,
    unitIds,
    q: query.q,
    unitId: query.unitId,
    status: query.status,
    afterId: decodeCursor(query.cursor),
    limit: query.limit,
  });
  const { items, nextCursor } = page(rows, query.limit);
  return { items: await withGrants(db, items.map(presentOperator)), nextCursor };
}

/** An operator within the caller's scope for `permission`; otherwise 404, as if absent. */
async function operatorInScope(db: Db | Trx, actor: Actor, permission: Permission, operatorId: string) {
  const operator = await repo.findOperator(db, actor.merchantId, operatorId);
  if (!operator || !coversPath(actor, permission, operator.unitPath))
    throw new AppError('OPERATOR_NOT_FOUND');
  return operator;
}

/** An operator with their grants, found within the caller's scope for `permission`. */
async function describeOperator(db: Db | Trx, actor: Actor, permission: Permission, operatorId: string) {
  const operator = await operatorInScope(db, actor, permission, operatorId);
  const [withRoles] = await withGrants(db, [presentOperator(operator)]);
  return withRoles!;
}

export function getOperator(db: Db | Trx, actor: Actor, operatorId: string) {
  return describeOperator(db, actor, 'operators.read', operatorId);
}

/** One's own record, which needs no operators.read permission. */
export async function getOwnOperator(db: Db | Trx, actor: Actor) {
  const operator = await repo.findOperator(db, actor.merchantId, actor.operatorId);
  if (!operator) throw new AppError('SESSION_EXPIRED');
  const [withRoles] = await withGrants(db, [presentOperator(operator)]);
  return withRoles!;
}

/**
 * Managing an operator (changing, disabling, resetting the password) is as good as holding
 * their grants, so it needs every permission they hold, at each unit they hold it.
 */
async function assertNotOutranked(trx: Trx, actor: Actor, operatorId: string) {
  for (const grant of await loadGrants(trx, operatorId)) {
    for (const permission of grant.permissions) {
      const held = actor.grants.some(
        (g) => g.permissions.has(permission) && grant.unitPath.startsWith(g.unitPath),
      );
      if (!held) throw new AppError('FORBIDDEN', { permission });
    }
  }
}

/** Checks each grant: unit in the granter's scope, role exists, no permission escalation. */
async function checkGrants(trx: Trx, actor: Actor, grants: GrantInput[]) {
  for (const [index, grant] of grants.entries()) {
    const unit = await unitInScope(trx, actor, 'operators.write', grant.unitId).catch(() => {
      throw new AppError('GRANT_OUTSIDE_SCOPE', {}, [
        { field: `grants.${index}.unitId`, code: 'outside_scope', message: '' },
      ]);
    });
    const role = await repo.findRole(trx, actor.merchantId, grant.roleId);
    if (!role) {
      throw new AppError('ROLE_NOT_FOUND', {}, [
        { field: `grants.${index}.roleId`, code: 'not_found', message: '' },
      ]);
    }
    const rolePermissions = (JSON.parse(role.permissionsJson) as string[]).filter(isPermission);
    const escalates = rolePermissions.some(
      (permission) =>
        !actor.grants.some((g) => g.permissions.has(permission) && unit.path.startsWith(g.unitPath)),
    );
    if (escalates) {
      throw new AppError('GRANT_OUTSIDE_SCOPE', {}, [
        { field: `grants.${index}.roleId`, code: 'exceeds_own', message: '' },
      ]);
    }
  }
}

function uniqueGrants(grants: GrantInput[]) {
  const seen = new Set<string>();
  return grants.filter((g) => {
    const key = `${g.roleId}|${g.unitId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function assertStrong(password: string) {
  if (!isStrongPassword(password)) {
    throw new AppError('PASSWORD_TOO_WEAK', {}, [{ field: 'password', code: 'password_weak', message: '' }]);
  }
}

export async function createOperator(trx: Trx, ctx: CallContext, input: z.infer<typeof createOperatorBody>) {
  const { actor } = ctx;
  assertStrong(input.password);
  const unit = await unitInScope(trx, actor, 'operators.write', input.unitId);
  const grants = uniqueGrants(input.grants);
  await checkGrants(trx, actor, grants);
  const username = input.username.toLowerCase();
  const taken = () =>
    new AppError('USERNAME_TAKEN', { username }, [{ field: 'username', code: 'taken', message: '' }]);
  if (await repo.findOperatorByUsername(trx, username)) throw taken();
  const id = newId('operator');
  const createdAt = nowIso();
  const row = {
    id,
    merchantId: actor.merchantId,
    unitId: unit.id,
    username,
    displayName: input.displayName,
    passwordHash: await hashPassword(input.password),
    status: 'active' as const,
    locale: input.locale ?? null,
    passwordChangedAt: createdAt,
    createdAt,
  };
  // A concurrent hire of the same username may commit between the check and this insert.
  await trx
    .insertInto('operators')
    .values(row)
    .execute()
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? taken() : error;
    });
  await repo.replaceGrants(
    trx,
    id,
    grants.map((g) => ({ id: newId('grant'), ...g })),
  );
  // The writer sees what they wrote, whether or not they may also read operators.
  const created = await describeOperator(trx, actor, 'operators.write', id);
  await recordAudit(trx, ctx, {
    action: 'org.operator.create',
    entityType: 'operator',
    entityId: id,
    unitId: unit.id,
    after: created,
  });
  return created;
}

export async function updateOperator(
  trx: Trx,
  ctx: CallContext,
  operatorId: string,
  input: z.infer<typeof updateOperatorBody>,
) {
  const { actor } = ctx;
  const before = await describeOperator(trx, actor, 'operators.write', operatorId);
  await assertNotOutranked(trx, actor, operatorId);
  const changesSelfAccess =
    input.status === 'disabled' || input.grants !== undefined || input.unitId !== undefined;
  if (operatorId === actor.operatorId && changesSelfAccess) throw new AppError('CANNOT_CHANGE_SELF');

  const changes: {
    displayName?: string;
    unitId?: string;
    status?: 'active' | 'disabled';
    locale?: string | null;
  } = {};
  if (input.displayName !== undefined) changes.displayName = input.displayName;
  if (input.locale !== undefined) changes.locale = input.locale;
  if (input.status !== undefined) changes.status = input.status;
  if (input.unitId !== undefined)
    changes.unitId = (await unitInScope(trx, actor, 'operators.write', input.unitId)).id;
  if (Object.keys(changes).length > 0) {
    await trx.updateTable('operators').set(changes).where('id', '=', operatorId).execute();
  }
  if (input.grants !== undefined) {
    const grants = uniqueGrants(input.grants);
    await checkGrants(trx, actor, grants);
    // Grants at units outside the caller's scope are not theirs to remove; they stay.
    const foreign = await keepForeignGrants(trx, actor, before.grants);
    await repo.replaceGrants(trx, operatorId, [
      ...foreign,
      ...grants.map((g) => ({ id: newId('grant'), ...g })),
    ]);
  }
  // A changed role, unit or status takes effect at once: existing sessions end.
  if (input.grants !== undefined || input.status === 'disabled' || input.unitId !== undefined) {
    await revokeOperatorSessions(trx, operatorId);
  }
  const after = await describeOperator(trx, actor, 'operators.write', operatorId);
  await recordAudit(trx, ctx, {
    action: 'org.operator.update',
    entityType: 'operator',
    entityId: operatorId,
    unitId: after.unitId,
    before,
    after,
  });
  return after;
}

/** Of an operator's current grants, those at units the caller cannot manage. */
async function keepForeignGrants(
  trx: Trx,
  actor: Actor,
  grants: Array<{ roleId: string; unitId: string }>,
): Promise<Array<{ id: string; roleId: string; unitId: string }>> {
  const manageable = new Set(await unitIdsInScope(trx, actor, 'operators.write'));
  return grants.filter((g) => !manageable.has(g.unitId)).map((g) => ({ id: newId('grant'), ...g }));
}

export async function resetPassword(trx: Trx, ctx: CallContext, operatorId: string, password: string) {
  assertStrong(password);
  const operator = await operatorInScope(trx, ctx.actor, 'operators.write', operatorId);
  await assertNotOutranked(trx, ctx.actor, operatorId);
  await trx
    .updateTable('operators')
    .set({ passwordHash: await hashPassword(password), passwordChangedAt: nowIso() })
    .where('id', '=', operatorId)
    .execute();
  await revokeOperatorSessions(trx, operatorId);
  await recordAudit(trx, ctx, {
    action: 'org.operator.reset_password',
    entityType: 'operator',
    entityId: operatorId,
    unitId: operator.unitId,
  });
}
