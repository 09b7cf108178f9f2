// Error messages by language, keyed by the error code. Both catalogues are exhaustive
// Records, so a new code without a message in each language is a type error.
import type { Locale } from '../../config.ts';
import type { ErrorCode } from '../errors.ts';

type Catalogue = Record<ErrorCode, string>;

const zhCN: Catalogue = {
  VALIDATION_FAILED: '请求内容有误，请检查标出的字段',
  UNKNOWN_FIELD: '请求包含不允许的字段：{{fields}}',
  MALFORMED_JSON: '请求体不是有效的 JSON',
  UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型，请使用 application/json',
  PAYLOAD_TOO_LARGE: '请求体过大',
  ROUTE_NOT_FOUND: '没有这个接口：{{method}} {{path}}',
  METHOD_NOT_ALLOWED: '该接口不支持此方法',
  UNAUTHENTICATED: '请先登录',
  SESSION_EXPIRED: '登录已过期，请重新登录',
  INVALID_CREDENTIALS: '用户名或密码错误',
  ACCOUNT_DISABLED: '该账号已停用',
  LOGIN_THROTTLED: '登录失败次数过多，请 {{retryAfterSeconds}} 秒后再试',
  RATE_LIMITED: '请求过于频繁，请稍后再试',
  FORBIDDEN: '没有权限执行此操作（需要 {{permission}}）',
  CSRF_INVALID: '页面已过期，请刷新后重试',
  PASSWORD_TOO_WEAK: '密码至少 8 位，且须同时包含字母和数字',
  PASSWORD_INCORRECT: '当前密码不正确',
  IDEMPOTENCY_KEY_REQUIRED: '该操作涉及资金，请求须带 Idempotency-Key 头',
  IDEMPOTENCY_KEY_REUSED: '该 Idempotency-Key 已用于内容不同的另一请求',
  UNIT_NOT_FOUND: '组织单元不存在',
  STORE_NOT_FOUND: '门店不存在或不在您的管辖范围内',
  UNIT_CODE_TAKEN: '编码 {{code}} 已被使用',
  UNIT_PARENT_INVALID: '{{kind}} 不能建在 {{parentKind}} 之下',
  UNIT_HAS_CHILDREN: '该组织单元下还有下级单元或员工，不能关闭',
  OPERATOR_NOT_FOUND: '员工不存在',
  USERNAME_TAKEN: '用户名 {{username}} 已被使用',
  CANNOT_CHANGE_SELF: '不能停用自己或修改自己的角色',
  ROLE_NOT_FOUND: '角色不存在',
  ROLE_NAME_TAKEN: '角色名 {{name}} 已存在',
  ROLE_SYSTEM_READONLY: '系统预置角色不能修改或删除',
  ROLE_IN_USE: '还有 {{count}} 个授权使用该角色，不能删除',
  PERMISSION_UNKNOWN: '未知权限：{{permissions}}',
  GRANT_OUTSIDE_SCOPE: '只能在您管辖的组织单元内授权',
  CONFLICT: '数据已被他人修改，请刷新后重试',
  INTERNAL_ERROR: '系统内部错误，请联系管理员（请求号 {{requestId}}）',
  SERVICE_UNAVAILABLE: '服务暂不可用，请稍后再试',
};

const enUS: Catalogue = {
  VALIDATION_FAILED: 'The request has invalid fields; see the fields listed',
  UNKNOWN_FIELD: 'The request contains fields that are not allowed: {{fields}}',
  MALFORMED_JSON: 'The request body is not valid JSON',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported content type; send application/json',
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  ROUTE_NOT_FOUND: 'No such endpoint: {{method}} {{path}}',
  METHOD_NOT_ALLOWED: 'This endpoint does not support that method',
  UNAUTHENTICATED: 'Please sign in',
  SESSION_EXPIRED: 'Your session has expired; please sign in again',
  INVALID_CREDENTIALS: 'Wrong username or password',
  ACCOUNT_DISABLED: 'This account is disabled',
  LOGIN_THROTTLED: 'Too many failed sign-ins; try again in {{retryAfterSeconds}} seconds',
  RATE_LIMITED: 'Too many requests; please slow down',
  FORBIDDEN: 'You do not have permission to do this (needs {{permission}})',
  CSRF_INVALID: 'This page is out of date; reload it and try again',
  PASSWORD_TOO_WEAK: 'A password needs at least 8 characters with both letters and digits',
  PASSWORD_INCORRECT: 'The current password is not correct',
  IDEMPOTENCY_KEY_REQUIRED: 'This call moves money and needs an Idempotency-Key header',
  IDEMPOTENCY_KEY_REUSED: 'This Idempotency-Key was already used for a different request',
  UNIT_NOT_FOUND: 'No such organisation unit',
  STORE_NOT_FOUND: 'No such store within your scope',
  UNIT_CODE_TAKEN: 'The code {{code}} is already in use',
  UNIT_PARENT_INVALID: 'A {{kind}} cannot be placed under a {{parentKind}}',
  UNIT_HAS_CHILDREN: 'This unit still has units or staff under it and cannot be closed',
  OPERATOR_NOT_FOUND: 'No such operator',
  USERNAME_TAKEN: 'The username {{username}} is already in use',
  CANNOT_CHANGE_SELF: 'You cannot disable yourself or change your own roles',
  ROLE_NOT_FOUND: 'No such role',
  ROLE_NAME_TAKEN: 'A role named {{name}} already exists',
  ROLE_SYSTEM_READONLY: 'Built-in roles cannot be changed or deleted',
  ROLE_IN_USE: 'This role is still granted {{count}} times and cannot be deleted',
  PERMISSION_UNKNOWN: 'Unknown permissions: {{permissions}}',
  GRANT_OUTSIDE_SCOPE: 'You can only grant roles within units you manage',
  CONFLICT: 'Someone else changed this; reload and try again',
  INTERNAL_ERROR: 'Internal error; please contact support (request {{requestId}})',
  SERVICE_UNAVAILABLE: 'The service is unavailable; please try again shortly',
};

const catalogues: Record<Locale, Catalogue> = { 'zh-CN': zhCN, 'en-US': enUS };

export function errorMessage(
  code: ErrorCode,
  locale: Locale,
  params: Record<string, string | number>,
): string {
  return interpolate(catalogues[locale][code], params);
}

export function interpolate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}
