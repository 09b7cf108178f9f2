// SQL for bulk imports: existing members by mobile and external id for a whole batch at
// once, and multi-row inserts written as one prepared statement per batch size (the SQL
// text repeats, so SQLite's statement cache prepares it once).
import { CompiledQuery } from 'kysely';
import { type Db, dialectOf } from '../../../db/database.ts';
import type { ImportJobsTable, MembersTable } from '../../../db/schema.ts';
import type { Trx } from '../../../db/transaction.ts';

type Handle = Db | Trx;

export type ExistingMember = Pick<
  MembersTable,
  | 'id'
  | 'name'
  | 'mobile'
  | 'gender'
  | 'birthdayCalendar'
  | 'birthdayYear'
  | 'birthdayMonth'
  | 'birthdayDay'
  | 'birthdayLeapMonth'
  | 'birthdaySolarMonth'
  | 'email'
  | 'address'
  | 'occupation'
  | 'notes'
  | 'homeUnitId'
  | 'levelId'
  | 'externalId'
  | 'customJson'
  | 'registeredAt'
  | 'status'
> & { homePath: string };

function existingColumns(db: Handle, merchantId: string) {
  return db
    .selectFrom('members as m')
    .innerJoin('orgUnits as u', 'u.id', 'm.homeUnitId')
    .select([
      'm.id',
      'm.name',
      'm.mobile',
      'm.gender',
      'm.birthdayCalendar',
      'm.birthdayYear',
      'm.birthdayMonth',
      'm.birthdayDay',
      'm.birthdayLeapMonth',
      'm.birthdaySolarMonth',
      'm.email',
      'm.address',
      'm.occupation',
      'm.notes',
      'm.homeUnitId',
      'm.levelId',
      'm.externalId',
      'm.customJson',
      'm.registeredAt',
      'm.status',
      'u.path as homePath',
    ])
    .where('m.merchantId', '=', merchantId);
}

/** Members holding any of `mobiles` or `externalIds`: two index probes for the whole batch. */
export async function existingMembers(
  db: Handle,
  merchantId: string,
  mobiles: string[],
  externalIds: string[],
): Promise<ExistingMember[]> {
  const found: ExistingMember[] = [];
  if (mobiles.length > 0)
    found.push(...(await existingColumns(db, merchantId).where('m.mobile', 'in', mobiles).execute()));
  if (externalIds.length > 0) {
    found.push(...(await existingColumns(db, merchantId).where('m.externalId', 'in', externalIds).execute()));
  }
  return found;
}

export async function tagsOfMembers(db: Handle, memberIds: string[]): Promise<Map<string, Set<string>>> {
  const byMember = new Map<string, Set<string>>();
  if (memberIds.length === 0) return byMember;
  const rows = await db
    .selectFrom('memberTags')
    .select(['memberId', 'tag'])
    .where('memberId', 'in', memberIds)
    .execute();
  for (const row of rows) {
    const tags = byMember.get(row.memberId) ?? new Set<string>();
    tags.add(row.tag);
    byMember.set(row.memberId, tags);
  }
  return byMember;
}

/** Cards with any of `cardNos`, and the card types each of `memberIds` already holds. */
export async function existingCards(db: Handle, merchantId: string, cardNos: string[], memberIds: string[]) {
  const byNo = new Map<string, string>();
  const typesByMember = new Map<string, Set<string>>();
  if (cardNos.length > 0) {
    const rows = await db
      .selectFrom('cards')
      .select(['cardNo', 'memberId'])
      .where('merchantId', '=', merchantId)
      .where('cardNo', 'in', cardNos)
      .execute();
    for (const row of rows) byNo.set(row.cardNo, row.memberId);
  }
  if (memberIds.length > 0) {
    const rows = await db
      .selectFrom('cards')
      .select(['memberId', 'cardTypeId'])
      .where('memberId', 'in', memberIds)
      .where('status', 'not in', ['cancelled', 'replaced'])
      .execute();
    for (const row of rows) {
      const types = typesByMember.get(row.memberId) ?? new Set<string>();
      types.add(row.cardTypeId);
      typesByMember.set(row.memberId, types);
    }
  }
  return { byNo, typesByMember };
}

const memberColumnNames = [
  'id',
  'merchant_id',
  'kind',
  'name',
  'name_key',
  'name_initials',
  'mobile',
  'mobile_tail',
  'gender',
  'birthday_calendar',
  'birthday_year',
  'birthday_month',
  'birthday_day',
  'birthday_leap_month',
  'birthday_solar_month',
  'anniversaries_json',
  'email',
  'address',
  'occupation',
  'notes',
  'home_unit_id',
  'level_id',
  'source',
  'referrer_id',
  'marketing_consent',
  'external_id',
  'custom_json',
  'status',
  'status_reason',
  'registered_at',
  'registered_by',
  'updated_at',
] as const;

function memberValues(row: MembersTable): unknown[] {
  return [
    row.id,
    row.merchantId,
    row.kind,
    row.name,
    row.nameKey,
    row.nameInitials,
    row.mobile,
    row.mobileTail,
    row.gender,
    row.birthdayCalendar,
    row.birthdayYear,
    row.birthdayMonth,
    row.birthdayDay,
    row.birthdayLeapMonth,
    row.birthdaySolarMonth,
    row.anniversariesJson,
    row.email,
    row.address,
    row.occupation,
    row.notes,
    row.homeUnitId,
    row.levelId,
    row.source,
    row.referrerId,
    row.marketingConsent,
    row.externalId,
    row.customJson,
    row.status,
    row.statusReason,
    row.registeredAt,
    row.registeredBy,
    row.updatedAt,
  ];
}

const insertSqlCache = new Map<string, string>();

/** `insert into table (cols) values (…), (…)` for `rows` rows, with the dialect's placeholders. */
function insertSql(db: Handle, table: string, columns: readonly string[], rows: number): string {
  const postgres = dialectOf(db) === 'postgres';
  const key = `${postgres ? 'pg' : 'sqlite'}:${table}:${rows}`;
  let text = insertSqlCache.get(key);
  if (text) return text;
  let n = 0;
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) {
    tuples.push(`(${columns.map(() => (postgres ? `$${++n}` : '?')).join(', ')})`);
  }
  text = `insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`;
  insertSqlCache.set(key, text);
  return text;
}

/** Rows per statement: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const rowsPerStatement = 500;

async function insertMany<T>(
  trx: Trx,
  table: string,
  columns: readonly string[],
  rows: T[],
  values: (row: T) => unknown[],
) {
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const chunk = rows.slice(start, start + rowsPerStatement);
    const params: unknown[] = [];
    for (const row of chunk) params.push(...values(row));
    await trx.executeQuery(CompiledQuery.raw(insertSql(trx, table, columns, chunk.length), params));
  }
}

export function insertMembers(trx: Trx, rows: MembersTable[]): Promise<void> {
  return insertMany(trx, 'members', memberColumnNames, rows, memberValues);
}

export function insertTags(
  trx: Trx,
  rows: Array<{ memberId: string; merchantId: string; tag: string }>,
): Promise<void> {
  return insertMany(trx, 'member_tags', ['member_id', 'merchant_id', 'tag'], rows, (r) => [
    r.memberId,
    r.merchantId,
    r.tag,
  ]);
}

export async function updateMember(
  trx: Trx,
  memberId: string,
  changes: Partial<MembersTable>,
): Promise<void> {
  await trx.updateTable('members').set(changes).where('id', '=', memberId).execute();
}

export async function insertJob(trx: Db | Trx, row: ImportJobsTable): Promise<void> {
  await trx.insertInto('importJobs').values(row).execute();
}

export async function updateJob(
  db: Db | Trx,
  jobId: string,
  changes: Partial<ImportJobsTable>,
): Promise<void> {
  await db.updateTable('importJobs').set(changes).where('id', '=', jobId).execute();
}

export function findJob(db: Handle, merchantId: string, jobId: string) {
  return db
    .selectFrom('importJobs')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('id', '=', jobId)
    .executeTakeFirst();
}

export function recentJobs(db: Handle, merchantId: string, operatorId: string | undefined, limit: number) {
  let query = db.selectFrom('importJobs').selectAll().where('merchantId', '=', merchantId);
  if (operatorId) query = query.where('operatorId', '=', operatorId);
  return query.orderBy('id', 'desc').limit(limit).execute();
}
