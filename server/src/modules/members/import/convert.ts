// One spreadsheet row to a member draft, or to the list of what is wrong with it (every bad
// cell, by column). Pure apart from the lookups it is given, so a dry run and a real run
// judge a row the same way.
import { z } from 'zod';
import type { MemberFieldsTable } from '../../../db/schema.ts';
import { startOfDayIn } from '../../../platform/clock.ts';
import { normaliseCardNo } from '../../cards/card-numbers.ts';
import { type Birthday, birthdayProblem, solarBirthdayIn } from '../birthday.ts';
import { mobileTail, normaliseMobile } from '../mobile.ts';
import type { ColumnPlan, Target } from './mapping.ts';
import { type Cell, cellText } from './parse.ts';
import {
  type BirthdayValue,
  identifierText,
  mobileText,
  parseBirthday,
  parseCalendarFlag,
  parseGender,
  parseIsoDate,
  plainText,
  splitList,
} from './values.ts';

export interface RowError {
  row: number;
  /** The column's header as it is in the file ('' for a problem with the whole row). */
  column: string;
  code: string;
  params?: Record<string, string | number>;
}

export interface BirthdayColumns {
  birthdayCalendar: 'solar' | 'lunar';
  birthdayYear: number | null;
  birthdayMonth: number;
  birthdayDay: number;
  birthdayLeapMonth: 0 | 1;
  birthdaySolarMonth: number;
}

export interface MemberDraft {
  row: number;
  name: string;
  mobile: string;
  mobileTail: string;
  /** Fields below are set only when the row has a value for them (blank keeps what exists). */
  gender?: 'male' | 'female' | 'unknown';
  birthday?: BirthdayColumns;
  email?: string;
  address?: string;
  occupation?: string;
  notes?: string;
  tags: string[];
  homeUnitId?: string;
  levelId?: string;
  externalId?: string;
  registeredAt?: string;
  /** Raw custom values by field key, checked against the fields when the row is planned. */
  custom?: Record<string, string | number>;
  card?: { cardTypeId: string; cardNo?: string };
}

export interface Lookups {
  timeZone: string;
  thisYear: number;
  /** Stores the importer may write members to, by lower-cased code and by name. */
  stores: Map<string, string | 'ambiguous'>;
  /** Active card types by lower-cased name and by id. */
  cardTypes: Map<string, string>;
  levels: Map<string, string>;
  fields: MemberFieldsTable[];
}

/** In-file uniqueness: the first row each mobile, external id and card number appeared on. */
export interface FileSeen {
  mobiles: Map<string, number>;
  externalIds: Map<string, number>;
  cardNos: Map<string, number>;
}

export function newFileSeen(): FileSeen {
  return { mobiles: new Map(), externalIds: new Map(), cardNos: new Map() };
}

const emailSchema = z.email().max(120);

// Solar month of a lunar birthday this year: a conversion per distinct date, not per row.
const solarMonthCache = new Map<string, number>();
function solarMonth(birthday: Birthday, thisYear: number): number {
  if (birthday.calendar === 'solar') return birthday.month;
  const key = `${thisYear}:${birthday.month}:${birthday.day}:${birthday.leapMonth ? 1 : 0}`;
  let month = solarMonthCache.get(key);
  if (month === undefined) {
    month = solarBirthdayIn(birthday, thisYear).month;
    solarMonthCache.set(key, month);
  }
  return month;
}

export class RowReader {
  readonly #plan: ColumnPlan;
  readonly #headers: string[];
  readonly #lookups: Lookups;
  readonly #seen: FileSeen;
  readonly #customFields: Array<{ target: Target; field: MemberFieldsTable }>;

  constructor(headers: string[], plan: ColumnPlan, lookups: Lookups, seen: FileSeen) {
    this.#headers = headers;
    this.#plan = plan;
    this.#lookups = lookups;
    this.#seen = seen;
    this.#customFields = lookups.fields
      .filter((field) => plan.has(`custom.${field.key}`))
      .map((field) => ({ target: `custom.${field.key}` as Target, field }));
  }

  /** The header of the (first) column mapped to `target`. */
  columnOf(target: Target): string {
    const index = this.#plan.get(target)?.[0];
    return index === undefined ? '' : (this.#headers[index] ?? '');
  }

  #cell(cells: Cell[], target: Target): Cell {
    const index = this.#plan.get(target)?.[0];
    if (index === undefined) return null;
    const cell = cells[index] ?? null;
    return typeof cell === 'string' && cellText(cell) === '' ? null : cell;
  }

  #has(cells: Cell[], target: Target): boolean {
    return this.#cell(cells, target) !== null;
  }

  read(row: number, cells: Cell[]): { draft: MemberDraft } | { errors: RowError[] } {
    const errors: RowError[] = [];
    const fail = (target: Target, code: string, params?: Record<string, string | number>) => {
      errors.push({ row, column: this.columnOf(target), code, ...(params ? { params } : {}) });
    };
    const text = (target: Target, max: number): string | undefined => {
      if (!this.#has(cells, target)) return undefined;
      const parsed = plainText(this.#cell(cells, target), max);
      if ('problem' in parsed) {
        fail(target, parsed.problem, { max });
        return undefined;
      }
      return parsed.value;
    };

    const name = text('name', 60);
    if (!this.#has(cells, 'name')) fail('name', 'required');
    const mobile = this.#mobile(cells, fail);
    const draft: MemberDraft = { row, name: name ?? '', mobile: mobile ?? '', mobileTail: '', tags: [] };
    if (mobile) draft.mobileTail = mobileTail(mobile);

    if (this.#has(cells, 'gender')) {
      const gender = parseGender(this.#cell(cells, 'gender'));
      if ('problem' in gender) fail('gender', gender.problem);
      else draft.gender = gender.value;
    }
    this.#birthday(cells, draft, fail);
    const email = text('email', 120);
    if (email !== undefined) {
      if (emailSchema.safeParse(email).success) draft.email = email;
      else fail('email', 'email_invalid');
    }
    const address = text('address', 300);
    if (address !== undefined) draft.address = address;
    const occupation = text('occupation', 60);
    if (occupation !== undefined) draft.occupation = occupation;
    const notes = text('notes', 2000);
    if (notes !== undefined) draft.notes = notes;
    this.#tags(cells, row, draft, errors);
    this.#references(cells, draft, fail);
    this.#registeredAt(cells, draft, fail);
    this.#card(cells, draft, fail);
    this.#custom(cells, draft);
    this.#uniqueInFile(draft, fail);
    return errors.length > 0 ? { errors } : { draft };
  }

  #mobile(cells: Cell[], fail: (t: Target, code: string) => void): string | undefined {
    if (!this.#has(cells, 'mobile')) {
      fail('mobile', 'required');
      return undefined;
    }
    const raw = mobileText(this.#cell(cells, 'mobile'));
    if ('problem' in raw) {
      fail('mobile', raw.problem);
      return undefined;
    }
    const mobile = normaliseMobile(raw.value);
    if (!mobile) fail('mobile', 'mobile_invalid');
    return mobile;
  }

  #birthday(cells: Cell[], draft: MemberDraft, fail: (t: Target, code: string) => void) {
    let lunar = false;
    if (this.#has(cells, 'birthdayCalendar')) {
      const flag = parseCalendarFlag(this.#cell(cells, 'birthdayCalendar'));
      if ('problem' in flag) return fail('birthdayCalendar', flag.problem);
      lunar = flag.value;
    }
    const target: Target | undefined = this.#has(cells, 'birthday')
      ? 'birthday'
      : this.#has(cells, 'lunarBirthday')
        ? 'lunarBirthday'
        : undefined;
    if (!target) return;
    const parsed = parseBirthday(this.#cell(cells, target), lunar || target === 'lunarBirthday');
    if ('problem' in parsed) return fail(target, parsed.problem);
    const value: BirthdayValue = parsed.value;
    const birthday: Birthday = {
      calendar: value.calendar,
      month: value.month,
      day: value.day,
      year: value.year,
      leapMonth: value.leapMonth,
    };
    const problem = birthdayProblem(birthday, this.#lookups.thisYear);
    if (problem) return fail(target, problem);
    draft.birthday = {
      birthdayCalendar: value.calendar,
      birthdayYear: value.year,
      birthdayMonth: value.month,
      birthdayDay: value.day,
      birthdayLeapMonth: value.leapMonth ? 1 : 0,
      birthdaySolarMonth: solarMonth(birthday, this.#lookups.thisYear),
    };
  }

  #tags(cells: Cell[], row: number, draft: MemberDraft, errors: RowError[]) {
    const columns = this.#plan.get('tags') ?? [];
    const tags = new Set<string>();
    for (const index of columns) {
      for (const tag of splitList(cells[index] ?? null)) {
        if (tag.length > 30)
          errors.push({ row, column: this.#headers[index] ?? '', code: 'tag_too_long', params: { max: 30 } });
        else tags.add(tag);
      }
    }
    if (tags.size > 30)
      errors.push({ row, column: this.columnOf('tags'), code: 'too_many_tags', params: { max: 30 } });
    draft.tags = [...tags];
  }

  #references(cells: Cell[], draft: MemberDraft, fail: (t: Target, code: string) => void) {
    if (this.#has(cells, 'homeStore')) {
      const store = this.#lookups.stores.get(identifierText(this.#cell(cells, 'homeStore')).toLowerCase());
      if (store === undefined) fail('homeStore', 'store_not_found');
      else if (store === 'ambiguous') fail('homeStore', 'store_ambiguous');
      else draft.homeUnitId = store;
    }
    if (this.#has(cells, 'level')) {
      const level = this.#lookups.levels.get(cellText(this.#cell(cells, 'level')).toLowerCase());
      if (level) draft.levelId = level;
      else fail('level', 'level_not_found');
    }
    if (this.#has(cells, 'externalId')) {
      const externalId = identifierText(this.#cell(cells, 'externalId'));
      if (externalId.length > 64) fail('externalId', 'too_long');
      else draft.externalId = externalId;
    }
  }

  #registeredAt(cells: Cell[], draft: MemberDraft, fail: (t: Target, code: string) => void) {
    if (!this.#has(cells, 'registeredAt')) return;
    const date = parseIsoDate(this.#cell(cells, 'registeredAt'));
    if ('problem' in date) return fail('registeredAt', date.problem);
    if (Number(date.value.slice(0, 4)) > this.#lookups.thisYear || date.value < '1900-01-01') {
      return fail('registeredAt', 'date_out_of_range');
    }
    draft.registeredAt = startOfDayIn(date.value, this.#lookups.timeZone);
  }

  #card(cells: Cell[], draft: MemberDraft, fail: (t: Target, code: string) => void) {
    const hasNo = this.#has(cells, 'cardNo');
    const hasType = this.#has(cells, 'cardType');
    if (!hasNo && !hasType) return;
    let cardNo: string | undefined;
    if (hasNo) {
      cardNo = normaliseCardNo(identifierText(this.#cell(cells, 'cardNo')));
      if (!cardNo) fail('cardNo', 'card_no_invalid');
    }
    if (!hasType) return fail('cardType', 'required');
    const typeName = cellText(this.#cell(cells, 'cardType'));
    const cardTypeId =
      this.#lookups.cardTypes.get(typeName.toLowerCase()) ?? this.#lookups.cardTypes.get(typeName);
    if (!cardTypeId) return fail('cardType', 'card_type_not_found');
    if (hasNo && !cardNo) return;
    draft.card = cardNo ? { cardTypeId, cardNo } : { cardTypeId };
  }

  #custom(cells: Cell[], draft: MemberDraft) {
    for (const { target, field } of this.#customFields) {
      const cell = this.#cell(cells, target);
      if (cell === null) continue;
      draft.custom ??= {};
      if (field.type === 'number' && typeof cell === 'number') draft.custom[field.key] = cell;
      else if (field.type === 'date') {
        const date = parseIsoDate(cell);
        draft.custom[field.key] = 'value' in date ? date.value : cellText(cell);
      } else draft.custom[field.key] = cellText(cell);
    }
  }

  #uniqueInFile(
    draft: MemberDraft,
    fail: (t: Target, code: string, params?: Record<string, number>) => void,
  ) {
    const check = (seen: Map<string, number>, value: string | undefined, target: Target, code: string) => {
      if (!value) return;
      const first = seen.get(value);
      if (first === undefined) seen.set(value, draft.row);
      else fail(target, code, { firstRow: first });
    };
    check(this.#seen.mobiles, draft.mobile, 'mobile', 'mobile_duplicate_in_file');
    check(this.#seen.externalIds, draft.externalId, 'externalId', 'external_id_duplicate_in_file');
    check(this.#seen.cardNos, draft.card?.cardNo, 'cardNo', 'card_no_duplicate_in_file');
  }
}

/** The column a custom field's problem belongs to. */
export function customColumn(reader: RowReader, key: string): string {
  return reader.columnOf(`custom.${key}`);
}
