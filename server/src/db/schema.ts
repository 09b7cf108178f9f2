// Hand-kept database types, in camelCase as CamelCasePlugin presents them.
// Timestamps are ISO-8601 UTC strings and flags are 0/1 integers on both dialects, so
// repositories read the same shapes from SQLite and PostgreSQL.
export type Flag = 0 | 1;

export interface MerchantsTable {
  id: string;
  name: string;
  timeZone: string;
  currency: string;
  /** JSON: merchant-wide settings that later modules read. */
  settingsJson: string;
  createdAt: string;
}

export type UnitKind = 'hq' | 'region' | 'store';

export interface OrgUnitsTable {
  id: string;
  merchantId: string;
  parentId: string | null;
  kind: UnitKind;
  name: string;
  code: string;
  /** Ids from the root down to this unit, `/id/id/…/`, so a subtree is a prefix. */
  path: string;
  timeZone: string | null;
  address: string | null;
  phone: string | null;
  status: 'active' | 'closed';
  createdAt: string;
}

export interface OperatorsTable {
  id: string;
  merchantId: string;
  unitId: string;
  username: string;
  displayName: string;
  passwordHash: string;
  status: 'active' | 'disabled';
  locale: string | null;
  passwordChangedAt: string;
  createdAt: string;
}

export interface RolesTable {
  id: string;
  merchantId: string;
  /** Set for the seeded roles (`hq_admin`, `cashier`, …); their permissions are fixed. */
  systemCode: string | null;
  name: string;
  description: string | null;
  /** JSON array of permission names. */
  permissionsJson: string;
  createdAt: string;
}

export interface OperatorGrantsTable {
  id: string;
  operatorId: string;
  roleId: string;
  unitId: string;
}

export interface SessionsTable {
  id: string;
  merchantId: string;
  operatorId: string;
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface LoginFailuresTable {
  id: string;
  username: string;
  ip: string;
  at: string;
}

export interface AuditLogTable {
  id: string;
  merchantId: string;
  at: string;
  actorType: 'operator' | 'member' | 'system';
  actorId: string | null;
  actorName: string | null;
  /** The org unit the action happened at or concerns; null for merchant-wide changes. */
  unitId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  beforeJson: string | null;
  afterJson: string | null;
  requestId: string | null;
  ip: string | null;
}

export interface IdempotencyKeysTable {
  merchantId: string;
  key: string;
  requestHash: string;
  statusCode: number;
  responseJson: string;
  createdAt: string;
}

export interface DB {
  merchants: MerchantsTable;
  orgUnits: OrgUnitsTable;
  operators: OperatorsTable;
  roles: RolesTable;
  operatorGrants: OperatorGrantsTable;
  sessions: SessionsTable;
  loginFailures: LoginFailuresTable;
  auditLog: AuditLogTable;
  idempotencyKeys: IdempotencyKeysTable;
}
