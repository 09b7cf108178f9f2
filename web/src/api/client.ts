// The one way the console talks to the server: the client generated from the OpenAPI
// document, plus what every call needs (cookie session, language, CSRF token, chosen store)
// and one error type for every failure.
import createClient, { type Middleware } from 'openapi-fetch';
import { currentLanguage } from '../i18n/index.ts';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];
export type FieldProblem = Problem['fields'][number];

/** A failed call: the server's problem+json, or a stand-in when the server could not be reached. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly detail: string;
  readonly fields: FieldProblem[];
  readonly requestId: string | null;

  constructor(problem: {
    code: string;
    status: number;
    detail: string;
    fields?: FieldProblem[];
    requestId?: string | null;
  }) {
    super(problem.detail || problem.code);
    this.name = 'ApiError';
    this.code = problem.code;
    this.status = problem.status;
    this.detail = problem.detail;
    this.fields = problem.fields ?? [];
    this.requestId = problem.requestId ?? null;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && typeof (body as Problem).code === 'string';
}

// Kept in memory only: the server hands out a fresh token with every /auth/me and login.
let csrfToken: string | null = null;
let storeId: string | null = null;
let onUnauthenticated: (() => unknown) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setRequestStore(id: string | null): void {
  storeId = id;
}

/** The app shell registers where to send a user whose session is gone. */
export function setUnauthenticatedHandler(handler: (() => unknown) | null): void {
  onUnauthenticated = handler;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const sessionGoneCodes = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED']);

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', currentLanguage());
    if (csrfToken && unsafeMethods.has(request.method)) request.headers.set('X-CSRF-Token', csrfToken);
    if (storeId) request.headers.set('X-Store-Id', storeId);
    return request;
  },
  async onResponse({ response }) {
    if (response.status !== 401 || !onUnauthenticated) return undefined;
    const body: unknown = await response
      .clone()
      .json()
      .catch(() => null);
    if (isProblem(body) && sessionGoneCodes.has(body.code)) void onUnauthenticated();
    return undefined;
  },
};

export const api = createClient<paths>({ baseUrl: '/', credentials: 'include' });
api.use(sessionMiddleware);

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

/**
 * Awaits a generated-client call and returns its data, or throws ApiError. Network failures
 * become NETWORK_ERROR so callers handle one kind of error.
 */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch {
    throw new ApiError({ code: 'NETWORK_ERROR', status: 0, detail: '' });
  }
  const { data, error, response } = result;
  if (response.ok) return data as T;
  if (isProblem(error)) throw new ApiError(error);
  throw new ApiError({ code: 'HTTP_ERROR', status: response.status, detail: '' });
}
