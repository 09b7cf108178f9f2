// Roles: named sets of permissions, defined per merchant. The seeded system roles are
// fixed; merchants add their own. Changing a role ends its holders' sessions so the new
// permissions apply at once.
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { isUniqueViolation, type Trx } from '../../db/transaction.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { isPermission } from '../../platform/access/permissions.ts';
import { holdsMerchantWide } from '../../platform/access/scope.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { revokeOperatorSessions } from '../../platform/auth/sessions.ts';
import { nowIso } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import * as repo from './repo.ts';
import type { createRoleBody, updateRoleBody } from './schema.ts';

function presentRole(row: {
  id: string;
  name: string;
  systemCode: string | null;
  description: string | null;
  permissionsJson: string;
  createdAt: string;
  grantCount?: number;
}) {
  return {
    id: row.id,
    name: row.name,
    systemCode: row.systemCode,
    description: row.description,
    permissions: JSON.parse(row.permissionsJson) as string[],
    grantCount: Number(row.grantCount ?? 0),
    createdAt: row.createdAt,
  };
}

export async function listRoles(db: Db, actor: Actor) {
  return (await repo.listRoleRows(db, actor.merchantId)).map(presentRole);
}

async function roleOf(db: Db | Trx, actor: Actor, roleId: string) {
  const role = (await repo.listRoleRows(db, actor.merchantId)).find((r) => r.id === roleId);
  if (!role) throw new AppError('ROLE_NOT_FOUND');
  return presentRole(role);
}

export function getRole(db: Db, actor: Actor, roleId: string) {
  return roleOf(db, actor, roleId);
}

function nameTaken(name: string): AppError {
  return new AppError('ROLE_NAME_TAKEN', { name }, [{ field: 'name', code: 'taken', message: '' }]);
}

async function assertNameFree(trx: Trx, merchantId: string, name: string, exceptId?: string) {
  if (await repo.roleNameTaken(trx, merchantId, name, exceptId)) throw nameTaken(name);
}

/** Another transaction may commit the same name between our check and our write. */
function rethrowNameTaken(name: string) {
  return (error: unknown): never => {
    throw isUniqueViolation(error) ? nameTaken(name) : error;
  };
}

/**
 * Roles apply merchant-wide, so a permission can only be put into one by someone holding it
 * merchant-wide; otherwise a role editor could widen their own role, or anyone else's.
 */
function assertHeldMerchantWide(actor: Actor, added: readonly string[]) {
  const missing = added.find(
    (permission) => !isPermission(permission) || !holdsMerchantWide(actor, permission),
  );
  if (missing !== undefined) {
    throw new AppError('FORBIDDEN', { permission: missing }, [
      { field: 'permissions', code: 'exceeds_own', message: '' },
    ]);
  }
}

export async function createRole(trx: Trx, ctx: CallContext, input: z.infer<typeof createRoleBody>) {
  const { actor } = ctx;
  assertHeldMerchantWide(actor, input.permissions);
  await assertNameFree(trx, actor.merchantId, input.name);
  const id = newId('role');
  await trx
    .insertInto('roles')
    .values({
      id,
      merchantId: actor.merchantId,
      systemCode: null,
      name: input.name,
      description: input.description || null,
      permissionsJson: JSON.stringify([...new Set(input.permissions)].sort()),
      createdAt: nowIso(),
    })
    .execute()
    .catch(rethrowNameTaken(input.name));
  const role = await roleOf(trx, actor, id);
  await recordAudit(trx, ctx, {
    action: 'org.role.create',
    entityType: 'role',
    entityId: id,
    unitId: null,
    after: role,
  });
  return role;
}

export async function updateRole(
  trx: Trx,
  ctx: CallContext,
  roleId: string,
  input: z.infer<typeof updateRoleBody>,
) {
  const { actor } = ctx;
  const before = await roleOf(trx, actor, roleId);
  if (before.systemCode) throw new AppError('ROLE_SYSTEM_READONLY');
  if (input.permissions !== undefined) {
    assertHeldMerchantWide(
      actor,
      input.permissions.filter((permission) => !before.permissions.includes(permission)),
    );
  }
  if (input.name !== undefined) await assertNameFree(trx, actor.merchantId, input.name, roleId);
  const changes: { name?: string; description?: string | null; permissionsJson?: string } = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.description !== undefined) changes.description = input.description || null;
  if (input.permissions !== undefined)
    changes.permissionsJson = JSON.stringify([...new Set(input.permissions)].sort());
  if (Object.keys(changes).length > 0)
    await trx
      .updateTable('roles')
      .set(changes)
      .where('id', '=', roleId)
      .execute()
      .catch(rethrowNameTaken(changes.name ?? before.name));
  if (input.permissions !== undefined) {
    for (const operatorId of await repo.operatorsHoldingRole(trx, roleId)) {
      await revokeOperatorSessions(trx, operatorId);
    }
  }
  const after = await roleOf(trx, actor, roleId);
  await recordAudit(trx, ctx, {
    action: 'org.role.update',
    entityType: 'role',
    entityId: roleId,
    unitId: null,
    before,
    after,
  });
  return after;
}

export async function deleteRole(trx: Trx, ctx: CallContext, roleId: string) {
  const before = await roleOf(trx, ctx.actor, roleId);
  if (before.systemCode) throw new AppError('ROLE_SYSTEM_READONLY');
  if (before.grantCount > 0) throw new AppError('ROLE_IN_USE', { count: before.grantCount });
  await trx.deleteFrom('roles').where('id', '=', roleId).execute();
  await recordAudit(trx, ctx, {
    action: 'org.role.delete',
    entityType: 'role',
    entityId: roleId,
    unitId: null,
    before,
  });
}
