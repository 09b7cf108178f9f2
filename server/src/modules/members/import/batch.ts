// One batch of drafted rows: decide for each whether it creates a member, updates the one
// with the same member number (external id) or mobile, or cannot be imported; then, unless
// this is a dry run, write it all in the caller's transaction. Every check happens before
// the first write, so a row is either imported whole or reported.
import type { Db } from '../../../db/database.ts';
import type { MembersTable } from '../../../db/schema.ts';
import type { Trx } from '../../../db/transaction.ts';
import { coversPath } from '../../../platform/access/scope.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { nowIso } from '../../../platform/clock.ts';
import type { CallContext } from '../../../platform/context.ts';
import { isAppError } from '../../../platform/errors.ts';
import { errorMessage } from '../../../platform/i18n/messages.ts';
import { newId } from '../../../platform/ids.ts';
import { issueCard } from '../../cards/service.ts';
import { validateCustomValues } from '../custom-fields.ts';
import { nameInitials, nameKey } from '../name-keys.ts';
import type { Lookups, MemberDraft, RowError, RowReader } from './convert.ts';
import * as repo from './repo.ts';

export interface BatchEnv {
  ctx: CallContext;
  lookups: Lookups;
  reader: RowReader;
  /** The home store of new members whose row names none. */
  defaultStoreId: string | null;
}

export interface BatchOutcome {
  created: number;
  updated: number;
  /** Rows refused (each may have several errors). */
  errorRows: number;
  errors: RowError[];
}

interface Update {
  draft: MemberDraft;
  before: repo.ExistingMember;
  changes: Partial<MembersTable>;
  newTags: string[];
}

interface CardToIssue {
  row: number;
  memberId: string;
  cardTypeId: string;
  cardNo?: string;
}

// Pinyin initials cost microseconds per name; names repeat a lot in real member lists.
const initialsCache = new Map<string, string>();
function initialsOf(name: string): string {
  let initials = initialsCache.get(name);
  if (initials === undefined) {
    initials = nameInitials(name);
    if (initialsCache.size > 200_000) initialsCache.clear();
    initialsCache.set(name, initials);
  }
  return initials;
}

class Planner {
  readonly creates: MembersTable[] = [];
  readonly createTags: Array<{ memberId: string; merchantId: string; tag: string }> = [];
  readonly updates: Update[] = [];
  readonly cards: CardToIssue[] = [];
  readonly errors: RowError[] = [];
  readonly refused = new Set<number>();
  readonly #env: BatchEnv;
  readonly #at = nowIso();

  constructor(env: BatchEnv) {
    this.#env = env;
  }

  fail(row: number, column: string, code: string, params?: Record<string, string | number>) {
    this.errors.push({ row, column, code, ...(params ? { params } : {}) });
    this.refused.add(row);
  }

  /** Custom values checked against the fields, or undefined after reporting the problems. */
  custom(draft: MemberDraft, existing: Record<string, unknown>, creating: boolean): string | undefined {
    const { fields } = this.#env.lookups;
    if (fields.length === 0) return '{}';
    try {
      return JSON.stringify(validateCustomValues(fields, draft.custom, existing, creating));
    } catch (error) {
      if (!isAppError(error)) throw error;
      for (const problem of error.fields) {
        const key = problem.field.replace(/^custom\./, '');
        const column =
          this.#env.reader.columnOf(`custom.${key}`) || (fields.find((f) => f.key === key)?.label ?? key);
        this.fail(draft.row, column, problem.code);
      }
      return undefined;
    }
  }

  create(draft: MemberDraft): string | undefined {
    const { ctx } = this.#env;
    const homeUnitId = draft.homeUnitId ?? this.#env.defaultStoreId;
    if (!homeUnitId) this.fail(draft.row, this.#env.reader.columnOf('homeStore'), 'store_required');
    const customJson = this.custom(draft, {}, true);
    if (!homeUnitId || customJson === undefined) return undefined;
    const id = newId('member');
    const birthday = draft.birthday;
    this.creates.push({
      id,
      merchantId: ctx.actor.merchantId,
      kind: 'person',
      name: draft.name,
      nameKey: nameKey(draft.name),
      nameInitials: initialsOf(draft.name),
      mobile: draft.mobile,
      mobileTail: draft.mobileTail,
      gender: draft.gender ?? 'unknown',
      birthdayCalendar: birthday?.birthdayCalendar ?? null,
      birthdayYear: birthday?.birthdayYear ?? null,
      birthdayMonth: birthday?.birthdayMonth ?? null,
      birthdayDay: birthday?.birthdayDay ?? null,
      birthdayLeapMonth: birthday?.birthdayLeapMonth ?? 0,
      birthdaySolarMonth: birthday?.birthdaySolarMonth ?? null,
      anniversariesJson: '[]',
      email: draft.email ?? null,
      address: draft.address ?? null,
      occupation: draft.occupation ?? null,
      notes: draft.notes ?? null,
      homeUnitId,
      levelId: draft.levelId ?? null,
      source: 'import',
      referrerId: null,
      marketingConsent: 0,
      externalId: draft.externalId ?? null,
      customJson,
      status: 'active',
      statusReason: null,
      registeredAt: draft.registeredAt ?? this.#at,
      registeredBy: ctx.actor.operatorId,
      updatedAt: this.#at,
    });
    for (const tag of draft.tags)
      this.createTags.push({ memberId: id, merchantId: ctx.actor.merchantId, tag });
    return id;
  }

  update(draft: MemberDraft, before: repo.ExistingMember, tags: Set<string>): boolean {
    const changes: Partial<MembersTable> = {};
    const set = <K extends keyof MembersTable>(key: K, value: MembersTable[K] | undefined) => {
      if (value !== undefined && value !== (before as Partial<MembersTable>)[key]) changes[key] = value;
    };
    if (draft.name !== before.name) {
      changes.name = draft.name;
      changes.nameKey = nameKey(draft.name);
      changes.nameInitials = initialsOf(draft.name);
    }
    if (draft.mobile !== before.mobile) {
      changes.mobile = draft.mobile;
      changes.mobileTail = draft.mobileTail;
    }
    set('gender', draft.gender);
    for (const [key, value] of Object.entries(draft.birthday ?? {})) {
      set(key as keyof MembersTable, value as never);
    }
    set('email', draft.email);
    set('address', draft.address);
    set('occupation', draft.occupation);
    set('notes', draft.notes);
    set('homeUnitId', draft.homeUnitId);
    set('levelId', draft.levelId);
    set('externalId', draft.externalId);
    // The registration date is history: it is set when a member is created, never moved.
    if (draft.custom) {
      const customJson = this.custom(draft, JSON.parse(before.customJson) as Record<string, unknown>, false);
      if (customJson === undefined) return false;
      set('customJson', customJson);
    }
    const newTags = draft.tags.filter((tag) => !tags.has(tag));
    for (const tag of newTags) tags.add(tag);
    this.updates.push({ draft, before, changes, newTags });
    return true;
  }
}

/** Plans the batch, and writes it when `trx` is given (otherwise a dry run on `db`). */
export async function importBatch(
  handle: Db | Trx,
  env: BatchEnv,
  drafts: MemberDraft[],
  write: boolean,
): Promise<BatchOutcome> {
  const { ctx } = env;
  const merchantId = ctx.actor.merchantId;
  const existing = await repo.existingMembers(
    handle,
    merchantId,
    drafts.map((d) => d.mobile),
    drafts.flatMap((d) => (d.externalId ? [d.externalId] : [])),
  );
  const byMobile = new Map(existing.map((m) => [m.mobile, m]));
  const byExternalId = new Map(existing.filter((m) => m.externalId).map((m) => [m.externalId!, m]));
  const matched = new Map<number, repo.ExistingMember>();
  const planner = new Planner(env);
  const mobileColumn = env.reader.columnOf('mobile');

  for (const draft of drafts) {
    const byId = draft.externalId ? byExternalId.get(draft.externalId) : undefined;
    const byPhone = byMobile.get(draft.mobile);
    if (byId && byPhone && byId.id !== byPhone.id) {
      planner.fail(draft.row, mobileColumn, 'mobile_taken');
      continue;
    }
    const target = byId ?? byPhone;
    if (
      !byId &&
      byPhone &&
      draft.externalId &&
      byPhone.externalId &&
      byPhone.externalId !== draft.externalId
    ) {
      planner.fail(draft.row, env.reader.columnOf('externalId'), 'external_id_conflict', {
        existing: byPhone.externalId,
      });
      continue;
    }
    if (target && !coversPath(ctx.actor, 'members.write', target.homePath)) {
      planner.fail(draft.row, mobileColumn, 'outside_scope');
      continue;
    }
    if (target) matched.set(draft.row, target);
  }

  const matchedIds = [...new Set([...matched.values()].map((m) => m.id))];
  const tags = await repo.tagsOfMembers(handle, matchedIds);
  const cardNos = drafts.flatMap((d) => (d.card?.cardNo ? [d.card.cardNo] : []));
  const cards = drafts.some((d) => d.card)
    ? await repo.existingCards(handle, merchantId, cardNos, matchedIds)
    : { byNo: new Map<string, string>(), typesByMember: new Map<string, Set<string>>() };

  for (const draft of drafts) {
    if (planner.refused.has(draft.row)) continue;
    const target = matched.get(draft.row);
    if (draft.card && !checkCard(planner, env, draft, target, cards)) continue;
    let memberId: string | undefined;
    if (target) {
      let held = tags.get(target.id);
      if (!held) {
        held = new Set();
        tags.set(target.id, held);
      }
      if (!planner.update(draft, target, held)) continue;
      memberId = target.id;
    } else {
      memberId = planner.create(draft);
    }
    if (memberId && draft.card && !cardHeld(draft, memberId, target, cards)) {
      planner.cards.push({ row: draft.row, memberId, ...draft.card });
    }
  }

  if (write) await writePlan(handle as Trx, env, planner);
  return {
    created: planner.creates.length,
    updated: planner.updates.length,
    errorRows: planner.refused.size,
    errors: planner.errors,
  };
}

type CardFacts = Awaited<ReturnType<typeof repo.existingCards>>;

/** Whether the row's card can be issued (or is already there); reports why not. */
function checkCard(
  planner: Planner,
  env: BatchEnv,
  draft: MemberDraft,
  target: repo.ExistingMember | undefined,
  cards: CardFacts,
): boolean {
  const card = draft.card!;
  if (card.cardNo) {
    const holder = cards.byNo.get(card.cardNo);
    if (holder && holder !== target?.id) {
      planner.fail(draft.row, env.reader.columnOf('cardNo'), 'card_no_taken');
      return false;
    }
  }
  if (target && target.status !== 'active' && !cardHeld(draft, target.id, target, cards)) {
    planner.fail(
      draft.row,
      env.reader.columnOf('cardNo') || env.reader.columnOf('cardType'),
      'member_cancelled',
    );
    return false;
  }
  return true;
}

/** A re-run must not issue the same card twice: same number, or (without one) same type. */
function cardHeld(
  draft: MemberDraft,
  memberId: string,
  target: repo.ExistingMember | undefined,
  cards: CardFacts,
) {
  if (!target) return false;
  const card = draft.card!;
  if (card.cardNo) return cards.byNo.get(card.cardNo) === memberId;
  return cards.typesByMember.get(memberId)?.has(card.cardTypeId) ?? false;
}

async function writePlan(trx: Trx, env: BatchEnv, planner: Planner) {
  const { ctx } = env;
  await repo.insertMembers(trx, planner.creates);
  const tagRows = [...planner.createTags];
  for (const update of planner.updates) {
    for (const tag of update.newTags) {
      tagRows.push({ memberId: update.before.id, merchantId: ctx.actor.merchantId, tag });
    }
  }
  await repo.insertTags(trx, tagRows);
  for (const update of planner.updates) {
    if (Object.keys(update.changes).length === 0 && update.newTags.length === 0) continue;
    if (Object.keys(update.changes).length > 0) {
      await repo.updateMember(trx, update.before.id, { ...update.changes, updatedAt: nowIso() });
    }
    // Creations are summed up in the job's one audit entry; changing an existing member's
    // personal data keeps its own before/after trail, as an edit in the console would.
    const { homePath: _path, ...before } = update.before;
    await recordAudit(trx, ctx, {
      action: 'members.update',
      entityType: 'member',
      entityId: update.before.id,
      unitId: update.changes.homeUnitId ?? update.before.homeUnitId,
      before,
      after: {
        ...before,
        ...update.changes,
        ...(update.newTags.length ? { addedTags: update.newTags } : {}),
      },
    });
  }
  for (const card of planner.cards) {
    try {
      await issueCard(
        trx,
        ctx,
        card.memberId,
        { cardTypeId: card.cardTypeId, ...(card.cardNo ? { cardNo: card.cardNo } : {}) },
        { chargeJoinFee: false },
      );
    } catch (error) {
      if (!isAppError(error)) throw error;
      const column = env.reader.columnOf('cardNo') || env.reader.columnOf('cardType');
      planner.fail(card.row, column, 'card_failed', {
        detail: errorMessage(error.code, ctx.locale, error.params),
      });
    }
  }
}
