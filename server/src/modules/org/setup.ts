// Setting up a merchant: its headquarters unit and the system roles; the first HQ admin
// (from HUIYUAN_BOOTSTRAP_ADMIN or `huiyuan admin create`); and the demo merchant that
// `npm start` seeds on an empty database.
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction, type Trx } from '../../db/transaction.ts';
import { systemRoles } from '../../platform/access/permissions.ts';
import { recordAuditAs } from '../../platform/audit/service.ts';
import { hashPassword, isStrongPassword } from '../../platform/auth/password.ts';
import { nowIso } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';

export interface MerchantSeed {
  name: string;
  hqName: string;
  timeZone: string;
  currency: string;
}

export interface CreatedMerchant {
  merchantId: string;
  hqId: string;
  roleIds: Record<string, string>;
}

export async function createMerchant(trx: Trx, seed: MerchantSeed): Promise<CreatedMerchant> {
  const merchantId = newId('merchant');
  const createdAt = nowIso();
  await trx
    .insertInto('merchants')
    .values({
      id: merchantId,
      name: seed.name,
      timeZone: seed.timeZone,
      currency: seed.currency,
      settingsJson: '{}',
      createdAt,
    })
    .execute();
  const hqId = newId('unit');
  await trx
    .insertInto('orgUnits')
    .values({
      id: hqId,
      merchantId,
      parentId: null,
      kind: 'hq',
      name: seed.hqName,
      code: 'HQ',
      path: `/${hqId}/`,
      timeZone: null,
      address: null,
      phone: null,
      status: 'active',
      createdAt,
    })
    .execute();
  const roleIds: Record<string, string> = {};
  for (const role of systemRoles) {
    const id = newId('role');
    roleIds[role.code] = id;
    await trx
      .insertInto('roles')
      .values({
        id,
        merchantId,
        systemCode: role.code,
        name: role.name['zh-CN'],
        description: role.name['en-US'],
        permissionsJson: JSON.stringify(role.permissions),
        createdAt,
      })
      .execute();
  }
  await recordAuditAs(trx, {
    merchantId,
    actorType: 'system',
    actorId: null,
    actorName: 'setup',
    action: 'org.merchant.create',
    entityType: 'merchant',
    entityId: merchantId,
    after: seed,
  });
  return { merchantId, hqId, roleIds };
}

export async function createUnitDirect(
  trx: Trx,
  merchantId: string,
  parent: { id: string; path: string },
  unit: { kind: 'region' | 'store'; name: string; code: string; address?: string },
): Promise<{ id: string; path: string }> {
  const id = newId('unit');
  const path = `${parent.path}${id}/`;
  await trx
    .insertInto('orgUnits')
    .values({
      id,
      merchantId,
      parentId: parent.id,
      kind: unit.kind,
      name: unit.name,
      code: unit.code,
      path,
      timeZone: null,
      address: unit.address ?? null,
      phone: null,
      status: 'active',
      createdAt: nowIso(),
    })
    .execute();
  return { id, path };
}

export async function createOperatorDirect(
  trx: Trx,
  input: {
    merchantId: string;
    unitId: string;
    username: string;
    displayName: string;
    password: string;
    grants: Array<{ roleId: string; unitId: string }>;
  },
): Promise<string> {
  if (!isStrongPassword(input.password)) throw new AppError('PASSWORD_TOO_WEAK');
  const username = input.username.toLowerCase();
  const taken = await trx
    .selectFrom('operators')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  if (taken) throw new AppError('USERNAME_TAKEN', { username });
  const id = newId('operator');
  const createdAt = nowIso();
  await trx
    .insertInto('operators')
    .values({
      id,
      merchantId: input.merchantId,
      unitId: input.unitId,
      username,
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password),
      status: 'active',
      locale: null,
      passwordChangedAt: createdAt,
      createdAt,
    })
    .execute();
  for (const grant of input.grants) {
    await trx
      .insertInto('operatorGrants')
      .values({ id: newId('grant'), operatorId: id, ...grant })
      .execute();
  }
  await recordAuditAs(trx, {
    merchantId: input.merchantId,
    actorType: 'system',
    actorId: null,
    actorName: 'setup',
    action: 'org.operator.create',
    entityType: 'operator',
    entityId: id,
    unitId: input.unitId,
    after: { username, displayName: input.displayName, grants: input.grants },
  });
  return id;
}

export async function merchantCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('merchants')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * An HQ admin for the (first) merchant; on an empty database the merchant is created too.
 * Used by `huiyuan admin create` and HUIYUAN_BOOTSTRAP_ADMIN.
 */
export async function createHqAdmin(
  db: Db,
  config: Pick<Config, 'timeZone' | 'currency'>,
  admin: { username: string; password: string; displayName?: string },
): Promise<{ operatorId: string; merchantId: string }> {
  return inTransaction(db, async (trx) => {
    let merchant = await trx.selectFrom('merchants').select('id').orderBy('createdAt').executeTakeFirst();
    let hq: { id: string } | undefined;
    let adminRoleId: string | undefined;
    if (!merchant) {
      const created = await createMerchant(trx, {
        name: 'Huiyuan',
        hqName: '总部',
        timeZone: config.timeZone,
        currency: config.currency.code,
      });
      merchant = { id: created.merchantId };
      hq = { id: created.hqId };
      adminRoleId = created.roleIds.hq_admin;
    } else {
      hq = await trx
        .selectFrom('orgUnits')
        .select('id')
        .where('merchantId', '=', merchant.id)
        .where('kind', '=', 'hq')
        .executeTakeFirstOrThrow();
      adminRoleId = (
        await trx
          .selectFrom('roles')
          .select('id')
          .where('merchantId', '=', merchant.id)
          .where('systemCode', '=', 'hq_admin')
          .executeTakeFirstOrThrow()
      ).id;
    }
    const operatorId = await createOperatorDirect(trx, {
      merchantId: merchant.id,
      unitId: hq.id,
      username: admin.username,
      displayName: admin.displayName ?? admin.username,
      password: admin.password,
      grants: [{ roleId: adminRoleId!, unitId: hq.id }],
    });
    return { operatorId, merchantId: merchant.id };
  });
}
