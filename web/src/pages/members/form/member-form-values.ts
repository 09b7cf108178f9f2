// Between a member as the API shows it and the member form: what the inputs start with, and
// the body each save sends. An edit sends only what changed, so masked personal data the
// operator never saw is never written back.
import type { Member, MemberField } from '../queries.ts';

export interface BirthdayValue {
  calendar: 'solar' | 'lunar';
  year?: number | null;
  month?: number | null;
  day?: number | null;
  leapMonth?: boolean;
}

export type CustomValue = string | number | string[] | null;

export interface MemberFormValues {
  name: string;
  mobile?: string;
  gender?: Member['gender'];
  birthday?: BirthdayValue | null;
  anniversaries?: { name?: string; date?: string }[];
  email?: string;
  address?: string;
  occupation?: string;
  notes?: string;
  tags?: string[];
  homeStoreId?: string;
  source?: Member['source'];
  marketingConsent?: boolean;
  custom?: Record<string, CustomValue | undefined>;
}

/** Personal data the API masks; a masked value is never put into an input to be saved back. */
const maskedFields = ['mobile', 'email', 'address'] as const;

export function toFormValues(member: Member): MemberFormValues {
  const b = member.birthday;
  return {
    name: member.name,
    mobile: member.masked ? undefined : member.mobile,
    gender: member.gender,
    birthday: b
      ? { calendar: b.calendar, year: b.year, month: b.month, day: b.day, leapMonth: b.leapMonth }
      : { calendar: 'solar' },
    anniversaries: member.anniversaries,
    email: member.masked ? undefined : (member.email ?? undefined),
    address: member.masked ? undefined : (member.address ?? undefined),
    occupation: member.occupation ?? undefined,
    notes: member.notes ?? undefined,
    tags: member.tags,
    homeStoreId: member.homeStoreId,
    marketingConsent: member.marketingConsent,
    custom: member.custom as Record<string, CustomValue>,
  };
}

/** A complete birthday for the API, null when none was given (month and day are both needed). */
export function birthdayBody(value: BirthdayValue | null | undefined) {
  if (!value?.month || !value.day) return null;
  return {
    calendar: value.calendar,
    month: value.month,
    day: value.day,
    year: value.year ?? null,
    ...(value.calendar === 'lunar' ? { leapMonth: Boolean(value.leapMonth) } : {}),
  };
}

function blankToNull(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function isEmptyCustom(value: CustomValue | undefined): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

/** Custom values of the active fields; empty ones are left out (create) or cleared (edit). */
function customBody(values: MemberFormValues['custom'], fields: readonly MemberField[], clearEmpty: boolean) {
  const body: Record<string, CustomValue> = {};
  for (const field of fields) {
    const value = values?.[field.key];
    if (!isEmptyCustom(value)) body[field.key] = value ?? null;
    else if (clearEmpty) body[field.key] = null;
  }
  return body;
}

export function toCreateBody(values: MemberFormValues, fields: readonly MemberField[]) {
  const anniversaries = (values.anniversaries ?? []).filter((a) => a.name && a.date) as {
    name: string;
    date: string;
  }[];
  return {
    name: values.name.trim(),
    mobile: values.mobile?.trim() ?? '',
    gender: values.gender,
    birthday: birthdayBody(values.birthday),
    anniversaries,
    email: blankToNull(values.email),
    address: blankToNull(values.address),
    occupation: blankToNull(values.occupation),
    notes: blankToNull(values.notes),
    tags: values.tags ?? [],
    homeStoreId: values.homeStoreId,
    source: values.source,
    marketingConsent: values.marketingConsent ?? false,
    custom: customBody(values.custom, fields, false),
  };
}

/** Only the fields whose value differs from what the form started with. */
export function toUpdateBody(
  values: MemberFormValues,
  initial: MemberFormValues,
  fields: readonly MemberField[],
) {
  const next: Record<string, unknown> = {
    ...toCreateBody(values, fields),
    source: undefined,
    custom: customBody(values.custom, fields, true),
  };
  const before: Record<string, unknown> = {
    ...toCreateBody(initial, fields),
    custom: customBody(initial.custom, fields, true),
  };
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined) continue;
    // A masked field left empty means "keep it"; the operator never saw the real value.
    if ((maskedFields as readonly string[]).includes(key) && initial[key as 'mobile'] === undefined) {
      if (value === null || value === '') continue;
    }
    if (JSON.stringify(value) !== JSON.stringify(before[key])) body[key] = value;
  }
  return body as Partial<ReturnType<typeof toCreateBody>>;
}
