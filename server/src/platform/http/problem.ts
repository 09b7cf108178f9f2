// Turns anything thrown while serving a request into one RFC 9457 problem+json answer with
// a stable code, a message in the caller's language and the offending fields. Unexpected
// errors answer 500 with the request id and no stack.
import type { FastifyError, FastifySchemaValidationError } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  validatorCompiler as zodValidatorCompiler,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Locale } from '../../config.ts';
import { AppError, type ErrorCode, errorStatus, type FieldProblem } from '../errors.ts';
import { describeIssue, type IssueLike } from '../i18n/field-messages.ts';
import { errorMessage } from '../i18n/messages.ts';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    fields: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
    requestId: z.string(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details with a stable `code`' });

export type Problem = z.infer<typeof problemSchema>;

function problem(
  code: ErrorCode,
  locale: Locale,
  requestId: string,
  params: Record<string, string | number> = {},
  fields: FieldProblem[] = [],
): Problem {
  const detail = errorMessage(code, locale, { requestId, ...params });
  return {
    type: `/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: code,
    status: errorStatus[code],
    code,
    detail,
    fields,
    requestId,
  };
}

/**
 * fastify-type-provider-zod's validator, keeping the value each type error found: zod leaves
 * an issue's input out unless asked, and without it a field of the wrong type would read as
 * a missing one ("required").
 */
export const validatorCompiler: typeof zodValidatorCompiler = (route) => {
  const validate = zodValidatorCompiler(route);
  return (data: unknown) => {
    const result = validate(data) as { error?: Error | FastifySchemaValidationError[]; value?: unknown };
    if (Array.isArray(result.error)) {
      for (const entry of result.error) {
        if (entry.keyword === 'invalid_type') entry.params.input = valueAt(data, entry.instancePath);
      }
    }
    return result;
  };
};

/** The value at a validation error's instancePath (`/grants/0/unitId`) in the input. */
function valueAt(data: unknown, instancePath: string): unknown {
  let value = data;
  for (const key of instancePath.split('/').slice(1).filter(Boolean)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function validationProblem(error: FastifyError, locale: Locale, requestId: string): Problem {
  const fields: FieldProblem[] = [];
  let unknown = false;
  for (const entry of error.validation ?? []) {
    const issue = { code: entry.keyword, message: entry.message, ...entry.params } as IssueLike & {
      keys?: string[];
    };
    const base = entry.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const described = describeIssue(issue, locale);
    if (issue.code === 'unrecognized_keys' && Array.isArray(issue.keys)) {
      unknown = true;
      for (const key of issue.keys) fields.push({ field: base ? `${base}.${key}` : key, ...described });
      continue;
    }
    fields.push({ field: base || error.validationContext || '', ...described });
  }
  if (unknown) {
    const names = fields.filter((f) => f.code === 'unrecognized').map((f) => f.field);
    return problem('UNKNOWN_FIELD', locale, requestId, { fields: names.join(', ') }, fields);
  }
  return problem('VALIDATION_FAILED', locale, requestId, {}, fields);
}

/** Field problems from services may carry only a reason code; give each a message. */
function localiseFields(fields: FieldProblem[], locale: Locale): FieldProblem[] {
  return fields.map((f) =>
    f.message ? f : { ...f, message: describeIssue({ code: 'custom', message: f.code }, locale).message },
  );
}

const statusCodes: Array<[number, ErrorCode]> = [
  [404, 'ROUTE_NOT_FOUND'],
  [405, 'METHOD_NOT_ALLOWED'],
  [413, 'PAYLOAD_TOO_LARGE'],
  [415, 'UNSUPPORTED_MEDIA_TYPE'],
  [429, 'RATE_LIMITED'],
];

export function toProblem(error: unknown, locale: Locale, requestId: string): Problem {
  if (error instanceof AppError) {
    return problem(error.code, locale, requestId, error.params, localiseFields(error.fields, locale));
  }
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fastifyError))
    return validationProblem(fastifyError, locale, requestId);
  if (
    fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    (error instanceof SyntaxError && fastifyError.statusCode === 400)
  ) {
    return problem('MALFORMED_JSON', locale, requestId);
  }
  if (fastifyError.code === 'FST_ERR_MAX_PARAM_LENGTH') return problem('URI_TOO_LONG', locale, requestId);
  if (fastifyError.code === 'FST_ERR_BAD_URL') return problem('BAD_URL', locale, requestId);
  if (typeof fastifyError.code === 'string' && fastifyError.code.startsWith('FST_CSRF')) {
    return problem('CSRF_INVALID', locale, requestId);
  }
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const mapped = statusCodes.find(([s]) => s === status)?.[1] ?? 'VALIDATION_FAILED';
    return problem(mapped, locale, requestId, { method: '', path: '' });
  }
  return problem('INTERNAL_ERROR', locale, requestId);
}

export function notFoundProblem(method: string, path: string, locale: Locale, requestId: string): Problem {
  return problem('ROUTE_NOT_FOUND', locale, requestId, { method, path: path.slice(0, 200) });
}
