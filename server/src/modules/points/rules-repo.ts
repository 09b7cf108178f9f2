// SQL for points earn rules.
import type { Db } from '../../db/database.ts';
import type { PointsRulesTable } from '../../db/schema.ts';
import type { Trx } from '../../db/transaction.ts';
import type { StoredPointsRule } from './rules/types.ts';

type Handle = Db | Trx;

export function presentRule(row: PointsRulesTable) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    params: JSON.parse(row.paramsJson) as Record<string, unknown>,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function activePointsRules(db: Handle, merchantId: string): Promise<StoredPointsRule[]> {
  const rows = await db
    .selectFrom('pointsRules')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  return rows.map(presentRule);
}

export function listPointsRules(db: Handle, merchantId: string) {
  return db
    .selectFrom('pointsRules')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .orderBy('id')
    .execute();
}

export function findPointsRule(db: Handle, merchantId: string, id: string) {
  return db
    .selectFrom('pointsRules')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertPointsRule(trx: Trx, row: PointsRulesTable): Promise<void> {
  await trx.insertInto('pointsRules').values(row).execute();
}

export async function updatePointsRuleRow(trx: Trx, id: string, changes: Partial<PointsRulesTable>) {
  await trx.updateTable('pointsRules').set(changes).where('id', '=', id).execute();
}

/** Which of the ids name rows of the merchant in a table, for checking a rule's references. */
export async function existingIds(
  db: Handle,
  merchantId: string,
  table: 'orgUnits' | 'cardTypes' | 'memberLevels',
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom(table)
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}
