// The error catalogue: every failure a caller can see has a stable code here, an HTTP
// status, and a message per language in i18n/messages.ts (keyed by the same code).
// Routes and services throw AppError; the HTTP layer turns it into problem+json.

export const errorStatus = {
  // Request shape
  VALIDATION_FAILED: 400,
  UNKNOWN_FIELD: 400,
  MALFORMED_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  // Authentication and access
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_DISABLED: 403,
  LOGIN_THROTTLED: 429,
  RATE_LIMITED: 429,
  FORBIDDEN: 403,
  CSRF_INVALID: 403,
  PASSWORD_TOO_WEAK: 400,
  PASSWORD_INCORRECT: 400,
  // Idempotency
  IDEMPOTENCY_KEY_REQUIRED: 400,
  IDEMPOTENCY_KEY_REUSED: 422,
  // Organisation
  UNIT_NOT_FOUND: 404,
  STORE_NOT_FOUND: 404,
  UNIT_CODE_TAKEN: 409,
  UNIT_PARENT_INVALID: 422,
  UNIT_HAS_CHILDREN: 409,
  OPERATOR_NOT_FOUND: 404,
  USERNAME_TAKEN: 409,
  CANNOT_CHANGE_SELF: 422,
  ROLE_NOT_FOUND: 404,
  ROLE_NAME_TAKEN: 409,
  ROLE_SYSTEM_READONLY: 422,
  ROLE_IN_USE: 409,
  PERMISSION_UNKNOWN: 400,
  GRANT_OUTSIDE_SCOPE: 404,
  // Members
  MEMBER_NOT_FOUND: 404,
  MOBILE_TAKEN: 409,
  MEMBER_STATE_INVALID: 409,
  MEMBER_CANCELLED: 409,
  REFERRER_NOT_FOUND: 422,
  LEVEL_NOT_FOUND: 422,
  MEMBER_FIELD_NOT_FOUND: 404,
  MEMBER_FIELD_KEY_TAKEN: 409,
  CUSTOM_FIELD_INVALID: 400,
  FOLLOW_UP_NOT_FOUND: 404,
  // Cards
  CARD_TYPE_NOT_FOUND: 404,
  CARD_TYPE_NAME_TAKEN: 409,
  CARD_TYPE_INVALID: 422,
  CARD_NOT_FOUND: 404,
  CARD_NO_TAKEN: 409,
  CARD_STATE_INVALID: 409,
  CARD_LOST: 409,
  CARD_FROZEN: 409,
  CARD_EXPIRED: 409,
  CARD_CANCELLED: 409,
  CARD_PIN_REQUIRED: 400,
  CARD_PIN_INVALID: 400,
  CARD_PIN_LOCKED: 423,
  SUBSIDIARY_NOT_ALLOWED: 422,
  // Import and export
  IMPORT_FILE_INVALID: 400,
  IMPORT_FILE_TOO_LARGE: 413,
  IMPORT_COLUMN_UNSUPPORTED: 400,
  IMPORT_MAPPING_INVALID: 400,
  IMPORT_NOT_FOUND: 404,
  IMPORT_TOO_MANY_ROWS: 413,
  // Ledger
  AMOUNT_NOT_POSITIVE: 400,
  AMOUNT_NOT_INTEGER: 400,
  AMOUNT_TOO_LARGE: 400,
  INSUFFICIENT_BALANCE: 409,
  CARD_LIMIT_EXCEEDED: 409,
  CARD_NOT_RECHARGEABLE: 422,
  CARD_MEMBER_MISMATCH: 422,
  TRANSACTION_NOT_FOUND: 404,
  ALREADY_REVERSED: 409,
  NOT_REVERSIBLE: 422,
  RECHARGE_BONUS_SPENT: 409,
  RECHARGE_RULE_NOT_FOUND: 404,
  RECHARGE_RULE_INVALID: 422,
  // Anything else
  CONFLICT: 409,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldProblem {
  /** Dotted path of the offending field (`grants.0.unitId`), or the header/query name. */
  field: string;
  /** A machine-readable reason such as `too_big`, `invalid_type`, `unrecognized`. */
  code: string;
  message: string;
}

/** Values interpolated into the code's message template (`{{state}}`). */
export type MessageParams = Record<string, string | number>;

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly params: MessageParams = {},
    readonly fields: FieldProblem[] = [],
  ) {
    super(code);
    this.name = 'AppError';
    this.status = errorStatus[code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
