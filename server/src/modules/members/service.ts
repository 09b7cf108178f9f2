// Members: register, update, find, cancel and restore. Phone numbers are unique per
// merchant; birthdays may be lunar; custom fields follow the merchant's definitions.
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { MembersTable } from '../../db/schema.ts';
import type { Trx } from '../../db/transaction.ts';
import { hasPermission, storeInScope } from '../../platform/access/scope.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { addDays, nowIso, startOfDayIn, todayIn } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, page } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import { merchantFacts } from '../../platform/merchant.ts';
import { memberInScope, memberUnitScope } from './access.ts';
import { type Birthday, birthdayProblem, solarBirthdayIn } from './birthday.ts';
import { activeFields, validateCustomValues } from './custom-fields.ts';
import { maskEmail, mobileTail, normaliseMobile } from './mobile.ts';
import { nameInitials, nameKey } from './name-keys.ts';
import { maskAddress, presentMember } from './present.ts';
import * as repo from './repo.ts';
import type { createMemberBody, memberListQuery, updateMemberBody } from './schema.ts';

export type CreateMemberInput = z.infer<typeof createMemberBody>;
export type UpdateMemberInput = z.infer<typeof updateMemberBody>;

function parseMobile(raw: string): string {
  const mobile = normaliseMobile(raw);
  if (!mobile)
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'mobile', code: 'mobile_invalid', message: '' }]);
  return mobile;
}

async function assertMobileFree(trx: Trx, merchantId: string, mobile: string, exceptId?: string) {
  const holder = await repo.findMemberIdByMobile(trx, merchantId, mobile);
  if (holder && holder.id !== exceptId) {
    throw new AppError('MOBILE_TAKEN', { mobile }, [{ field: 'mobile', code: 'taken', message: '' }]);
  }
}

function birthdayColumns(birthday: Birthday | null | undefined, today: string) {
  if (!birthday) {
    return {
      birthdayCalendar: null,
      birthdayYear: null,
      birthdayMonth: null,
      birthdayDay: null,
      birthdayLeapMonth: 0 as const,
      birthdaySolarMonth: null,
    };
  }
  const thisYear = Number(today.slice(0, 4));
  const problem = birthdayProblem(birthday, thisYear);
  if (problem)
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'birthday', code: problem, message: '' }]);
  return {
    birthdayCalendar: birthday.calendar,
    birthdayYear: birthday.year ?? null,
    birthdayMonth: birthday.month,
    birthdayDay: birthday.day,
    birthdayLeapMonth: birthday.leapMonth ? (1 as const) : (0 as const),
    birthdaySolarMonth: solarBirthdayIn(birthday, thisYear).month,
  };
}

function checkAnniversaries(anniversaries: Array<{ name: string; date: string }> | undefined) {
  anniversaries?.forEach((a, index) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(a.date) || Number.isNaN(Date.parse(`${a.date}T00:00:00Z`))) {
      throw new AppError('VALIDATION_FAILED', {}, [
        { field: `anniversaries.${index}.date`, code: 'date_invalid', message: '' },
      ]);
    }
  });
}

async function resolveReferrer(trx: Trx, merchantId: string, referrerId: string | null | undefined) {
  if (!referrerId) return null;
  const referrer = await repo.findMember(trx, merchantId, referrerId);
  if (!referrer)
    throw new AppError('REFERRER_NOT_FOUND', {}, [{ field: 'referrerId', code: 'not_found', message: '' }]);
  return referrer.id;
}

async function resolveLevel(trx: Trx, merchantId: string, levelId: string | null | undefined) {
  if (!levelId) return null;
  const level = await trx
    .selectFrom('memberLevels')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('id', '=', levelId)
    .executeTakeFirst();
  if (!level)
    throw new AppError('LEVEL_NOT_FOUND', {}, [{ field: 'levelId', code: 'not_found', message: '' }]);
  return level.id;
}

/** The home store: named in the body, else the console's selected store, else the operator's own. */
async function resolveHomeStore(
  trx: Trx,
  ctx: CallContext,
  homeStoreId: string | undefined,
): Promise<string> {
  const candidate = homeStoreId ?? ctx.storeId ?? ctx.actor.unitId;
  const store = await storeInScope(trx, ctx.actor, candidate).catch(() => undefined);
  if (!store || !hasPermissionAt(ctx, store.path)) {
    if (homeStoreId)
      throw new AppError('STORE_NOT_FOUND', {}, [{ field: 'homeStoreId', code: 'not_found', message: '' }]);
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'homeStoreId', code: 'required', message: '' }]);
  }
  return store.id;
}

function hasPermissionAt(ctx: CallContext, path: string): boolean {
  return ctx.actor.grants.some((g) => g.permissions.has('members.write') && path.startsWith(g.unitPath));
}

function uniqueTags(tags: string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((t) => t.trim()).filter(Boolean))];
}

export async function createMember(
  trx: Trx,
  ctx: CallContext,
  input: CreateMemberInput,
  options: { source?: MembersTable['source'] } = {},
) {
  const { merchantId } = ctx.actor;
  const facts = await merchantFacts(trx, merchantId);
  const today = todayIn(facts.timeZone);
  const mobile = parseMobile(input.mobile);
  checkAnniversaries(input.anniversaries);
  const birthday = birthdayColumns(input.birthday, today);
  const homeUnitId = await resolveHomeStore(trx, ctx, input.homeStoreId);
  const custom = validateCustomValues(await activeFields(trx, merchantId), input.custom, {}, true);
  await assertMobileFree(trx, merchantId, mobile);
  if (input.externalId && (await repo.findMemberIdByExternalId(trx, merchantId, input.externalId))) {
    throw new AppError('CONFLICT', {}, [{ field: 'externalId', code: 'taken', message: '' }]);
  }
  const at = nowIso();
  const row: MembersTable = {
    id: newId('member'),
    merchantId,
    kind: input.kind ?? 'person',
    name: input.name,
    nameKey: nameKey(input.name),
    nameInitials: nameInitials(input.name),
    mobile,
    mobileTail: mobileTail(mobile),
    gender: input.gender ?? 'unknown',
    ...birthday,
    anniversariesJson: JSON.stringify(input.anniversaries ?? []),
    email: input.email ?? null,
    address: input.address || null,
    occupation: input.occupation || null,
    notes: input.notes || null,
    homeUnitId,
    levelId: await resolveLevel(trx, merchantId, input.levelId),
    source: options.source ?? input.source ?? 'store',
    referrerId: await resolveReferrer(trx, merchantId, input.referrerId),
    marketingConsent: input.marketingConsent ? 1 : 0,
    externalId: input.externalId ?? null,
    customJson: JSON.stringify(custom),
    status: 'active',
    statusReason: null,
    registeredAt: at,
    registeredBy: ctx.actor.operatorId,
    updatedAt: at,
  };
  await repo.insertMember(trx, row);
  const tags = uniqueTags(input.tags);
  await repo.replaceTags(trx, merchantId, row.id, tags);
  await recordAudit(trx, ctx, {
    action: 'members.create',
    entityType: 'member',
    entityId: row.id,
    unitId: homeUnitId,
    after: { ...row, tags },
  });
  return row.id;
}

export async function updateMember(trx: Trx, ctx: CallContext, memberId: string, input: UpdateMemberInput) {
  const { merchantId } = ctx.actor;
  const before = await memberInScope(trx, ctx.actor, 'members.write', memberId);
  const facts = await merchantFacts(trx, merchantId);
  const changes: Partial<MembersTable> = {};
  if (input.name !== undefined) {
    changes.name = input.name;
    changes.nameKey = nameKey(input.name);
    changes.nameInitials = nameInitials(input.name);
  }
  if (input.mobile !== undefined) {
    const mobile = parseMobile(input.mobile);
    await assertMobileFree(trx, merchantId, mobile, memberId);
    changes.mobile = mobile;
    changes.mobileTail = mobileTail(mobile);
  }
  if (input.gender !== undefined) changes.gender = input.gender;
  if (input.birthday !== undefined)
    Object.assign(changes, birthdayColumns(input.birthday, todayIn(facts.timeZone)));
  if (input.anniversaries !== undefined) {
    checkAnniversaries(input.anniversaries);
    changes.anniversariesJson = JSON.stringify(input.anniversaries);
  }
  // A client that sends back what it was shown would overwrite real data with its mask.
  if (
    input.email &&
    before.email &&
    input.email === maskEmail(before.email) &&
    input.email !== before.email
  ) {
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'email', code: 'masked_value', message: '' }]);
  }
  if (
    input.address &&
    before.address &&
    input.address === maskAddress(before.address) &&
    input.address !== before.address
  ) {
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'address', code: 'masked_value', message: '' }]);
  }
  if (input.email !== undefined) changes.email = input.email;
  if (input.address !== undefined) changes.address = input.address || null;
  if (input.occupation !== undefined) changes.occupation = input.occupation || null;
  if (input.notes !== undefined) changes.notes = input.notes || null;
  if (input.homeStoreId !== undefined)
    changes.homeUnitId = await resolveHomeStore(trx, ctx, input.homeStoreId);
  if (input.levelId !== undefined) changes.levelId = await resolveLevel(trx, merchantId, input.levelId);
  if (input.referrerId !== undefined) {
    if (input.referrerId === memberId) {
      throw new AppError('VALIDATION_FAILED', {}, [{ field: 'referrerId', code: 'invalid', message: '' }]);
    }
    changes.referrerId = await resolveReferrer(trx, merchantId, input.referrerId);
  }
  if (input.marketingConsent !== undefined) changes.marketingConsent = input.marketingConsent ? 1 : 0;
  if (input.externalId !== undefined) {
    const holder = input.externalId
      ? await repo.findMemberIdByExternalId(trx, merchantId, input.externalId)
      : undefined;
    if (holder && holder.id !== memberId)
      throw new AppError('CONFLICT', {}, [{ field: 'externalId', code: 'taken', message: '' }]);
    changes.externalId = input.externalId;
  }
  if (input.custom !== undefined) {
    const existing = JSON.parse(before.customJson) as Record<string, unknown>;
    changes.customJson = JSON.stringify(
      validateCustomValues(await activeFields(trx, merchantId), input.custom, existing, false),
    );
  }
  changes.updatedAt = nowIso();
  await repo.updateMemberRow(trx, memberId, changes);
  const beforeTags = (await repo.tagsOf(trx, [memberId])).get(memberId) ?? [];
  const tags = input.tags !== undefined ? uniqueTags(input.tags) : beforeTags;
  if (input.tags !== undefined) await repo.replaceTags(trx, merchantId, memberId, tags);
  const { homePath: _p, homeStoreName: _n, levelName: _l, ...beforeRow } = before;
  await recordAudit(trx, ctx, {
    action: 'members.update',
    entityType: 'member',
    entityId: memberId,
    unitId: changes.homeUnitId ?? before.homeUnitId,
    before: { ...beforeRow, tags: beforeTags },
    after: { ...beforeRow, ...changes, tags },
  });
}

/** One member; `reveal` unmasks personal data for holders of members.pii, and is audited. */
export async function getMember(db: Db | Trx, ctx: CallContext, memberId: string, reveal = false) {
  const row = await memberInScope(db, ctx.actor, 'members.read', memberId);
  const tags = (await repo.tagsOf(db, [memberId])).get(memberId) ?? [];
  return presentMember(row, tags, reveal && hasPermission(ctx.actor, 'members.pii'));
}

export async function listMembers(db: Db, ctx: CallContext, query: z.infer<typeof memberListQuery>) {
  const facts = await merchantFacts(db, ctx.actor.merchantId);
  const search: repo.MemberSearch = {
    merchantId: ctx.actor.merchantId,
    unitIds: await memberUnitScope(db, ctx.actor, 'members.read'),
    tag: query.tag,
    levelId: query.levelId,
    homeStoreId: query.homeStoreId,
    status: query.status,
    registeredFrom: query.registeredFrom ? startOfDayIn(query.registeredFrom, facts.timeZone) : undefined,
    registeredBefore: query.registeredTo
      ? startOfDayIn(addDays(query.registeredTo, 1), facts.timeZone)
      : undefined,
    birthdayMonth: query.birthdayMonth,
    beforeId: decodeCursor(query.cursor),
    limit: query.limit,
    ...textQuery(query.q),
  };
  const rows = await repo.searchMembers(db, search).execute();
  const { items, nextCursor } = page(rows, query.limit);
  const tags = await repo.tagsOf(
    db,
    items.map((r) => r.id),
  );
  return { items: items.map((row) => presentMember(row, tags.get(row.id) ?? [], false)), nextCursor };
}

/**
 * What a single search box means: a full phone (any accepted form), the last four digits,
 * a card number (scanned or typed), the start of a name, or pinyin initials.
 */
export function textQuery(q: string | undefined): Partial<repo.MemberSearch> {
  const text = q?.trim();
  if (!text) return {};
  const result: Partial<repo.MemberSearch> = {};
  const mobile = normaliseMobile(text);
  if (mobile) result.mobile = mobile;
  if (/^\d{4}$/.test(text)) result.mobileTail = text;
  if (/^[A-Za-z0-9-]{4,32}$/.test(text)) result.cardNo = text.toUpperCase();
  if (!/^[\d\s+()-]+$/.test(text)) result.namePrefix = nameKey(text);
  if (/^[A-Za-z]+$/.test(text)) result.initialsPrefix = text.toLowerCase();
  return result;
}

export async function changeMemberStatus(
  trx: Trx,
  ctx: CallContext,
  memberId: string,
  target: 'active' | 'cancelled',
  reason: string,
) {
  const before = await memberInScope(trx, ctx.actor, 'members.write', memberId);
  if (before.status === target) throw new AppError('MEMBER_STATE_INVALID', { state: before.status });
  await repo.updateMemberRow(trx, memberId, { status: target, statusReason: reason, updatedAt: nowIso() });
  await recordAudit(trx, ctx, {
    action: target === 'cancelled' ? 'members.cancel' : 'members.restore',
    entityType: 'member',
    entityId: memberId,
    unitId: before.homeUnitId,
    before: { status: before.status, statusReason: before.statusReason },
    after: { status: target, statusReason: reason },
  });
}

export async function recordReveal(trx: Trx, ctx: CallContext, memberId: string, unitId: string) {
  await recordAudit(trx, ctx, { action: 'members.reveal', entityType: 'member', entityId: memberId, unitId });
}
