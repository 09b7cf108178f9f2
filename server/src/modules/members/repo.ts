// SQL for members and their tags.
import type { Db } from '../../db/database.ts';
import type { MembersTable } from '../../db/schema.ts';
import type { Trx } from '../../db/transaction.ts';

type Handle = Db | Trx;

/** The largest code point, so `key >= q and key < q + MAX` is "starts with q" in byte order. */
const maxChar = '\u{10FFFF}';

export function memberColumns(db: Handle) {
  return db
    .selectFrom('members as m')
    .innerJoin('orgUnits as u', 'u.id', 'm.homeUnitId')
    .leftJoin('memberLevels as l', 'l.id', 'm.levelId')
    .selectAll('m')
    .select(['u.name as homeStoreName', 'u.path as homePath', 'l.name as levelName']);
}

export type MemberRow = MembersTable & { homeStoreName: string; homePath: string; levelName: string | null };

export function findMember(db: Handle, merchantId: string, memberId: string): Promise<MemberRow | undefined> {
  return memberColumns(db)
    .where('m.merchantId', '=', merchantId)
    .where('m.id', '=', memberId)
    .executeTakeFirst();
}

export function findMemberIdByMobile(db: Handle, merchantId: string, mobile: string) {
  return db
    .selectFrom('members')
    .select(['id'])
    .where('merchantId', '=', merchantId)
    .where('mobile', '=', mobile)
    .executeTakeFirst();
}

export function findMemberIdByExternalId(db: Handle, merchantId: string, externalId: string) {
  return db
    .selectFrom('members')
    .select(['id'])
    .where('merchantId', '=', merchantId)
    .where('externalId', '=', externalId)
    .executeTakeFirst();
}

export async function insertMember(trx: Trx, row: MembersTable): Promise<void> {
  await trx.insertInto('members').values(row).execute();
}

export async function updateMemberRow(
  trx: Trx,
  memberId: string,
  changes: Partial<MembersTable>,
): Promise<void> {
  await trx.updateTable('members').set(changes).where('id', '=', memberId).execute();
}

export async function replaceTags(
  trx: Trx,
  merchantId: string,
  memberId: string,
  tags: string[],
): Promise<void> {
  await trx.deleteFrom('memberTags').where('memberId', '=', memberId).execute();
  if (tags.length === 0) return;
  await trx
    .insertInto('memberTags')
    .values(tags.map((tag) => ({ memberId, merchantId, tag })))
    .execute();
}

export async function tagsOf(db: Handle, memberIds: string[]): Promise<Map<string, string[]>> {
  const byMember = new Map<string, string[]>();
  if (memberIds.length === 0) return byMember;
  const rows = await db
    .selectFrom('memberTags')
    .select(['memberId', 'tag'])
    .where('memberId', 'in', memberIds)
    .orderBy('tag')
    .execute();
  for (const row of rows) byMember.set(row.memberId, [...(byMember.get(row.memberId) ?? []), row.tag]);
  return byMember;
}

export async function distinctTags(
  db: Handle,
  merchantId: string,
): Promise<Array<{ tag: string; count: number }>> {
  const rows = await db
    .selectFrom('memberTags')
    .select((eb) => ['tag', eb.fn.countAll<number>().as('count')])
    .where('merchantId', '=', merchantId)
    .groupBy('tag')
    .orderBy('tag')
    .limit(500)
    .execute();
  return rows.map((r) => ({ tag: r.tag, count: Number(r.count) }));
}

export interface MemberSearch {
  merchantId: string;
  /** Home stores the caller may see; undefined = the whole merchant. */
  unitIds: string[] | undefined;
  mobile?: string | undefined;
  mobileTail?: string | undefined;
  cardNo?: string | undefined;
  namePrefix?: string | undefined;
  initialsPrefix?: string | undefined;
  tag?: string | undefined;
  levelId?: string | undefined;
  homeStoreId?: string | undefined;
  status?: 'active' | 'cancelled' | undefined;
  registeredFrom?: string | undefined;
  registeredBefore?: string | undefined;
  birthdayMonth?: number | undefined;
  beforeId?: string | undefined;
  limit: number;
}

/**
 * The ids a text query can mean: one small index lookup per form (exact mobile, phone
 * tail, card number, name prefix, pinyin-initials prefix), combined with UNION. An OR of
 * the forms inside the main query would defeat the indexes: both planners then walk every
 * member (measured: seconds at a million members, against well under a millisecond).
 */
function textCandidates(db: Handle, search: MemberSearch) {
  const base = () =>
    db.selectFrom('members as s').select('s.id').where('s.merchantId', '=', search.merchantId);
  const forms: Array<ReturnType<typeof base>> = [];
  if (search.mobile) forms.push(base().where('s.mobile', '=', search.mobile));
  if (search.mobileTail) forms.push(base().where('s.mobileTail', '=', search.mobileTail));
  if (search.namePrefix) {
    const prefix = search.namePrefix;
    forms.push(
      base()
        .where('s.nameKey', '>=', prefix)
        .where('s.nameKey', '<', prefix + maxChar),
    );
  }
  if (search.initialsPrefix) {
    const prefix = search.initialsPrefix;
    forms.push(
      base()
        .where('s.nameInitials', '>=', prefix)
        .where('s.nameInitials', '<', prefix + maxChar),
    );
  }
  if (search.cardNo) {
    forms.push(
      db
        .selectFrom('cards as c')
        .select('c.memberId as id')
        .where('c.merchantId', '=', search.merchantId)
        .where('c.cardNo', '=', search.cardNo) as unknown as ReturnType<typeof base>,
    );
  }
  if (forms.length === 0) return undefined;
  return forms.slice(1).reduce((union, form) => union.union(form), forms[0]!);
}

/** Newest first. The text query (`mobile`, `cardNo`, name prefixes) matches any of its forms. */
export function searchMembers(db: Handle, search: MemberSearch) {
  let query = memberColumns(db).where('m.merchantId', '=', search.merchantId);
  if (search.unitIds)
    query = query.where('m.homeUnitId', 'in', search.unitIds.length ? search.unitIds : ['']);
  const candidates = textCandidates(db, search);
  if (candidates) query = query.where('m.id', 'in', candidates);
  if (search.tag) {
    const tag = search.tag;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('memberTags as t')
          .select('t.memberId')
          .whereRef('t.memberId', '=', 'm.id')
          .where('t.tag', '=', tag),
      ),
    );
  }
  if (search.levelId) query = query.where('m.levelId', '=', search.levelId);
  if (search.homeStoreId) query = query.where('m.homeUnitId', '=', search.homeStoreId);
  if (search.status) query = query.where('m.status', '=', search.status);
  if (search.registeredFrom) query = query.where('m.registeredAt', '>=', search.registeredFrom);
  if (search.registeredBefore) query = query.where('m.registeredAt', '<', search.registeredBefore);
  if (search.birthdayMonth) query = query.where('m.birthdaySolarMonth', '=', search.birthdayMonth);
  if (search.beforeId) query = query.where('m.id', '<', search.beforeId);
  return query.orderBy('m.id', 'desc').limit(search.limit + 1);
}
