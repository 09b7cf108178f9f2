// Request and response shapes for members, custom fields and follow-ups.
import { z } from 'zod';
import { entityId, listQuery, optionalText, text } from '../../platform/http/schemas.ts';

export const memberSources = ['store', 'call_center', 'web', 'import', 'self_service', 'referral'] as const;
export const genders = ['male', 'female', 'unknown'] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date_invalid');

export const birthdayInput = z.strictObject({
  calendar: z.enum(['solar', 'lunar']),
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
  year: z.number().int().min(1900).max(2100).nullable().optional(),
  leapMonth: z.boolean().optional(),
});

export const anniversaryInput = z.strictObject({ name: text(40), date: isoDate });

export const tagInput = text(30);

/** Custom field values by field key: text, number, date (YYYY-MM-DD) or options. */
export const customValues = z.record(
  z.string().max(40),
  z.union([z.string().max(500), z.number().finite(), z.array(z.string().max(100)).max(50), z.null()]),
);

export const createMemberBody = z.strictObject({
  name: text(60),
  mobile: z.string().max(30),
  kind: z.enum(['person', 'organisation']).optional(),
  gender: z.enum(genders).optional(),
  birthday: birthdayInput.nullable().optional(),
  anniversaries: z.array(anniversaryInput).max(20).optional(),
  email: z.email().max(120).nullable().optional(),
  address: optionalText(300).nullable().optional(),
  occupation: optionalText(60).nullable().optional(),
  notes: optionalText(2000).nullable().optional(),
  tags: z.array(tagInput).max(30).optional(),
  homeStoreId: entityId.optional(),
  source: z.enum(memberSources).optional(),
  referrerId: entityId.nullable().optional(),
  marketingConsent: z.boolean().optional(),
  externalId: z.string().trim().min(1).max(64).nullable().optional(),
  levelId: entityId.nullable().optional(),
  custom: customValues.optional(),
});

export const updateMemberBody = createMemberBody
  .omit({ source: true, kind: true })
  .partial()
  .extend({ name: text(60).optional(), mobile: z.string().max(30).optional() })
  .strict();

export const statusChangeBody = z.strictObject({ reason: text(200) });

const maskedString = z.string().describe('masked unless the caller holds members.pii and asked to reveal');

export const memberSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['person', 'organisation']),
    name: z.string(),
    mobile: maskedString,
    masked: z.boolean(),
    gender: z.enum(genders),
    birthday: z
      .object({
        calendar: z.enum(['solar', 'lunar']),
        month: z.number(),
        day: z.number(),
        year: z.number().nullable(),
        leapMonth: z.boolean(),
        solarMonthThisYear: z.number().nullable(),
      })
      .nullable(),
    anniversaries: z.array(z.object({ name: z.string(), date: z.string() })),
    email: z.string().nullable(),
    address: z.string().nullable(),
    occupation: z.string().nullable(),
    notes: z.string().nullable(),
    tags: z.array(z.string()),
    homeStoreId: z.string(),
    homeStoreName: z.string(),
    levelId: z.string().nullable(),
    levelName: z.string().nullable(),
    source: z.enum(memberSources),
    referrerId: z.string().nullable(),
    marketingConsent: z.boolean(),
    externalId: z.string().nullable(),
    custom: z.record(z.string(), z.unknown()),
    status: z.enum(['active', 'cancelled']),
    statusReason: z.string().nullable(),
    registeredAt: z.string(),
    registeredBy: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Member' });

export const memberListQuery = listQuery.extend({
  q: z.string().trim().max(60).optional(),
  tag: z.string().trim().max(30).optional(),
  levelId: entityId.optional(),
  homeStoreId: entityId.optional(),
  status: z.enum(['active', 'cancelled']).optional(),
  registeredFrom: isoDate.optional(),
  registeredTo: isoDate.optional(),
  birthdayMonth: z.coerce.number().int().min(1).max(12).optional(),
});

export const revealQuery = z.object({ reveal: z.enum(['true', 'false']).optional() });

export const memberFieldSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    label: z.string(),
    type: z.enum(['text', 'number', 'date', 'single', 'multi']),
    options: z.array(z.string()),
    required: z.boolean(),
    sort: z.number(),
    status: z.enum(['active', 'archived']),
  })
  .meta({ id: 'MemberField' });

export const createMemberFieldBody = z.strictObject({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/),
  label: text(40),
  type: z.enum(['text', 'number', 'date', 'single', 'multi']),
  options: z.array(text(100)).max(100).optional(),
  required: z.boolean().optional(),
  sort: z.number().int().min(0).max(10_000).optional(),
});

export const updateMemberFieldBody = z.strictObject({
  label: text(40).optional(),
  options: z.array(text(100)).max(100).optional(),
  required: z.boolean().optional(),
  sort: z.number().int().min(0).max(10_000).optional(),
  status: z.enum(['active', 'archived']).optional(),
});

export const followUpChannels = ['phone', 'sms', 'wechat', 'visit', 'email', 'other'] as const;

export const followUpSchema = z
  .object({
    id: z.string(),
    memberId: z.string(),
    memberName: z.string(),
    unitId: z.string(),
    channel: z.enum(followUpChannels),
    content: z.string(),
    outcome: z.string().nullable(),
    nextFollowUpOn: z.string().nullable(),
    done: z.boolean(),
    operatorId: z.string(),
    operatorName: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'FollowUp' });

export const createFollowUpBody = z.strictObject({
  channel: z.enum(followUpChannels),
  content: text(2000),
  outcome: optionalText(500).nullable().optional(),
  nextFollowUpOn: isoDate.nullable().optional(),
});

export const dueFollowUpsQuery = listQuery.extend({ until: isoDate.optional() });
