// The org tree: headquarters → regions → stores. A unit's path lists its ancestors' ids,
// so "everything under this region" is a prefix match.

import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { OrgUnitsTable } from '../../db/schema.ts';
import { isUniqueViolation, type Trx } from '../../db/transaction.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { unitIdsInScope, unitInScope } from '../../platform/access/scope.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { nowIso } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import * as repo from './repo.ts';
import type { createUnitBody, updateUnitBody } from './schema.ts';

type Unit = OrgUnitsTable;

export function presentUnit(unit: Unit) {
  return {
    id: unit.id,
    parentId: unit.parentId,
    kind: unit.kind,
    name: unit.name,
    code: unit.code,
    timeZone: unit.timeZone,
    address: unit.address,
    phone: unit.phone,
    status: unit.status,
    createdAt: unit.createdAt,
  };
}

/** Which kinds may sit under which: regions may nest; stores are leaves. */
const allowedParents: Record<'region' | 'store', Unit['kind'][]> = {
  region: ['hq', 'region'],
  store: ['hq', 'region'],
};

const codePrefix: Record<Unit['kind'], string> = { hq: 'HQ', region: 'R', store: 'S' };

export async function listUnits(db: Db, actor: Actor) {
  const ids = await unitIdsInScope(db, actor, 'org.read');
  return (await repo.listUnitsByIds(db, actor.merchantId, ids)).map(presentUnit);
}

export async function getUnit(db: Db, actor: Actor, unitId: string) {
  return presentUnit(await unitInScope(db, actor, 'org.read', unitId));
}

function codeTaken(code: string): AppError {
  return new AppError('UNIT_CODE_TAKEN', { code }, [{ field: 'code', code: 'taken', message: '' }]);
}

/** Another transaction may commit the same code between our check and our write. */
function rethrowCodeTaken(code: string) {
  return (error: unknown): never => {
    throw isUniqueViolation(error) ? codeTaken(code) : error;
  };
}

async function nextCode(trx: Trx, merchantId: string, kind: Unit['kind']): Promise<string> {
  let n = (await repo.countUnitsOfKind(trx, merchantId, kind)) + 1;
  for (;;) {
    const code = `${codePrefix[kind]}${String(n).padStart(3, '0')}`;
    if (!(await repo.unitCodeTaken(trx, merchantId, code))) return code;
    n++;
  }
}

export async function createUnit(trx: Trx, ctx: CallContext, input: z.infer<typeof createUnitBody>) {
  const { actor } = ctx;
  // Unit creations and closings of a merchant take turns: each sees the codes and the open
  // parents the others committed.
  await repo.lockMerchant(trx, actor.merchantId);
  const parent = await unitInScope(trx, actor, 'org.write', input.parentId);
  if (!allowedParents[input.kind].includes(parent.kind) || parent.status !== 'active') {
    throw new AppError('UNIT_PARENT_INVALID', { kind: input.kind, parentKind: parent.kind }, [
      { field: 'parentId', code: 'parent_invalid', message: '' },
    ]);
  }
  if (input.code && (await repo.unitCodeTaken(trx, actor.merchantId, input.code)))
    throw codeTaken(input.code);
  const id = newId('unit');
  const unit: Unit = {
    id,
    merchantId: actor.merchantId,
    parentId: parent.id,
    kind: input.kind,
    name: input.name,
    code: input.code ?? (await nextCode(trx, actor.merchantId, input.kind)),
    path: `${parent.path}${id}/`,
    timeZone: input.timeZone ?? null,
    address: input.address || null,
    phone: input.phone || null,
    status: 'active',
    createdAt: nowIso(),
  };
  await repo.insertUnit(trx, unit).catch(rethrowCodeTaken(unit.code));
  await recordAudit(trx, ctx, {
    action: 'org.unit.create',
    entityType: 'org_unit',
    entityId: id,
    unitId: id,
    after: unit,
  });
  return presentUnit(unit);
}

export async function updateUnit(
  trx: Trx,
  ctx: CallContext,
  unitId: string,
  input: z.infer<typeof updateUnitBody>,
) {
  const { actor } = ctx;
  const before = await unitInScope(trx, actor, 'org.write', unitId);
  if (input.code && (await repo.unitCodeTaken(trx, actor.merchantId, input.code, unitId))) {
    throw codeTaken(input.code);
  }
  if (input.status === 'closed' && before.status === 'active') {
    await repo.lockMerchant(trx, actor.merchantId);
    if (before.kind === 'hq' || (await repo.unitHasDependents(trx, unitId)))
      throw new AppError('UNIT_HAS_CHILDREN');
  }
  const changes: Partial<Unit> = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.code !== undefined) changes.code = input.code;
  if (input.timeZone !== undefined) changes.timeZone = input.timeZone;
  if (input.address !== undefined) changes.address = input.address || null;
  if (input.phone !== undefined) changes.phone = input.phone || null;
  if (input.status !== undefined) changes.status = input.status;
  if (Object.keys(changes).length > 0) {
    await repo.updateUnitRow(trx, unitId, changes).catch(rethrowCodeTaken(input.code ?? before.code));
  }
  const after = { ...before, ...changes };
  await recordAudit(trx, ctx, {
    action: 'org.unit.update',
    entityType: 'org_unit',
    entityId: unitId,
    unitId,
    before,
    after,
  });
  return presentUnit(after);
}

/** Stores the operator may pick in the console's store switcher. */
export async function storesInScope(db: Db, actor: Actor) {
  const units = await db
    .selectFrom('orgUnits')
    .select(['id', 'name', 'code', 'path'])
    .where('merchantId', '=', actor.merchantId)
    .where('kind', '=', 'store')
    .where('status', '=', 'active')
    .orderBy('code')
    .execute();
  return units
    .filter((unit) => actor.grants.some((grant) => unit.path.startsWith(grant.unitPath)))
    .map(({ id, name, code }) => ({ id, name, code }));
}
