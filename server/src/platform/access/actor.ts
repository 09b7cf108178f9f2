// Who is calling: the operator behind a session, with each role grant resolved to the
// permissions it carries and the org-unit path whose subtree it covers.
import type { Db } from '../../db/database.ts';
import type { Trx } from '../../db/transaction.ts';
import { isPermission, type Permission } from './permissions.ts';

export interface Grant {
  unitId: string;
  unitPath: string;
  roleId: string;
  permissions: ReadonlySet<Permission>;
}

export interface Actor {
  kind: 'operator';
  operatorId: string;
  merchantId: string;
  username: string;
  displayName: string;
  unitId: string;
  sessionId: string;
  grants: readonly Grant[];
}

export async function loadGrants(db: Db | Trx, operatorId: string): Promise<Grant[]> {
  const rows = await db
    .selectFrom('operatorGrants as g')
    .innerJoin('roles as r', 'r.id', 'g.roleId')
    .innerJoin('orgUnits as u', 'u.id', 'g.unitId')
    .select(['g.unitId', 'g.roleId', 'u.path as unitPath', 'r.permissionsJson'])
    .where('g.operatorId', '=', operatorId)
    .where('u.status', '=', 'active')
    .execute();
  return rows.map((row) => ({
    unitId: row.unitId,
    unitPath: row.unitPath,
    roleId: row.roleId,
    permissions: new Set((JSON.parse(row.permissionsJson) as string[]).filter(isPermission)),
  }));
}
