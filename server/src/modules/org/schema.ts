// Request and response shapes for the org domain: units, operators, roles, sign-in.
import { z } from 'zod';
import { permissions } from '../../platform/access/permissions.ts';
import { entityId, listQuery, optionalText, plainString, text } from '../../platform/http/schemas.ts';

export const unitKind = z.enum(['hq', 'region', 'store']);

export const unitSchema = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    kind: unitKind,
    name: z.string(),
    code: z.string(),
    timeZone: z.string().nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    status: z.enum(['active', 'closed']),
    createdAt: z.string(),
  })
  .meta({ id: 'OrgUnit' });

const timeZone = z
  .string()
  .max(64)
  .refine((value) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }, 'time_zone_invalid');

const unitCode = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9_-]+$/);

export const createUnitBody = z.strictObject({
  parentId: entityId,
  kind: z.enum(['region', 'store']),
  name: text(100),
  code: unitCode.optional(),
  timeZone: timeZone.optional(),
  address: optionalText(300).optional(),
  phone: optionalText(40).optional(),
});

export const updateUnitBody = z.strictObject({
  name: text(100).optional(),
  code: unitCode.optional(),
  timeZone: timeZone.nullable().optional(),
  address: optionalText(300).nullable().optional(),
  phone: optionalText(40).nullable().optional(),
  status: z.enum(['active', 'closed']).optional(),
});

export const permissionName = z.enum(permissions);

export const grantInput = z.strictObject({ roleId: entityId, unitId: entityId });

export const grantSchema = z.object({
  roleId: z.string(),
  roleName: z.string(),
  roleCode: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
});

export const operatorSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    status: z.enum(['active', 'disabled']),
    locale: z.string().nullable(),
    createdAt: z.string(),
    grants: z.array(grantSchema),
  })
  .meta({ id: 'Operator' });

const username = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[A-Za-z0-9_.@-]+$/);

const password = z.string().min(1).max(128);

export const createOperatorBody = z.strictObject({
  username,
  displayName: text(60),
  password,
  unitId: entityId,
  locale: z.enum(['zh-CN', 'en-US']).optional(),
  grants: z.array(grantInput).max(50).default([]),
});

export const updateOperatorBody = z.strictObject({
  displayName: text(60).optional(),
  unitId: entityId.optional(),
  status: z.enum(['active', 'disabled']).optional(),
  locale: z.enum(['zh-CN', 'en-US']).nullable().optional(),
  grants: z.array(grantInput).max(50).optional(),
});

export const resetPasswordBody = z.strictObject({ password });

export const operatorListQuery = listQuery.extend({
  q: plainString(64).trim().optional(),
  unitId: entityId.optional(),
  status: z.enum(['active', 'disabled']).optional(),
});

export const roleSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    systemCode: z.string().nullable(),
    description: z.string().nullable(),
    permissions: z.array(z.string()),
    grantCount: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'Role' });

export const createRoleBody = z.strictObject({
  name: text(60),
  description: optionalText(300).optional(),
  permissions: z.array(permissionName).min(1).max(100),
});

export const updateRoleBody = z.strictObject({
  name: text(60).optional(),
  description: optionalText(300).nullable().optional(),
  permissions: z.array(permissionName).min(1).max(100).optional(),
});

export const loginBody = z.strictObject({
  username: plainString(64).trim().min(1),
  password: z.string().min(1).max(128),
});

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: password,
});

export const sessionOperatorSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    merchantId: z.string(),
    merchantName: z.string(),
    /** The merchant's time zone: dates in the console are shown in it. */
    timeZone: z.string(),
    currency: z.string(),
    unitId: z.string(),
    locale: z.string().nullable(),
    permissions: z.array(z.string()),
    grants: z.array(grantSchema),
    /** Stores the operator may select in the console's store switcher. */
    stores: z.array(z.object({ id: z.string(), name: z.string(), code: z.string() })),
  })
  .meta({ id: 'SessionOperator' });

export const loginResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  csrfToken: z.string(),
  operator: sessionOperatorSchema,
});

export const meResponse = z.object({ csrfToken: z.string(), operator: sessionOperatorSchema });
