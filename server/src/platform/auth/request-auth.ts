// Resolves who is calling before any route runs: the session (bearer token or console
// cookie), the operator's grants, the CSRF check for cookie sessions, the route's
// permission, and the store the console has selected. Routes marked `public` skip it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Locale } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { loadGrants } from '../access/actor.ts';
import type { Permission } from '../access/permissions.ts';
import { requirePermission, storeInScope } from '../access/scope.ts';
import type { CallContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { pickLocale } from '../i18n/locale.ts';
import { cachedActor, rememberActor } from './actor-cache.ts';
import { hashToken, resolveSession } from './sessions.ts';

export const sessionCookie = 'hy_session';
export const storeHeader = 'x-store-id';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    actor: Actor | null;
    /** Whether the session came from the console cookie (and so needs CSRF protection). */
    viaCookie: boolean;
    storeId: string | null;
  }
  interface FastifyContextConfig {
    /** No session needed (login, health, the contract). */
    public?: boolean;
    /** The permission the route needs at some unit; checked before the handler. */
    permission?: Permission;
  }
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,100})$/.exec(header);
  if (!match) throw new AppError('UNAUTHENTICATED');
  return match[1];
}

async function loadActor(database: Database, token: string): Promise<Actor> {
  const tokenHash = hashToken(token);
  const cached = cachedActor(tokenHash);
  if (cached) return cached;
  const session = await resolveSession(database.db, token);
  const operator = await database.db
    .selectFrom('operators')
    .select(['id', 'merchantId', 'username', 'displayName', 'unitId', 'status'])
    .where('id', '=', session.operatorId)
    .executeTakeFirst();
  if (operator?.status !== 'active') throw new AppError('SESSION_EXPIRED');
  const actor: Actor = {
    kind: 'operator',
    operatorId: operator.id,
    merchantId: operator.merchantId,
    username: operator.username,
    displayName: operator.displayName,
    unitId: operator.unitId,
    sessionId: session.id,
    grants: await loadGrants(database.db, operator.id),
  };
  rememberActor(tokenHash, actor, session.expiresAt);
  return actor;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function registerRequestAuth(app: FastifyInstance, database: Database, defaultLocale: Locale): void {
  app.decorateRequest('locale', defaultLocale);
  app.decorateRequest('actor', null);
  app.decorateRequest('viaCookie', false);
  app.decorateRequest('storeId', null);

  // onRequest, so a caller without a session is turned away before its body is parsed.
  app.addHook('onRequest', async (request) => {
    request.locale = pickLocale(request.headers['accept-language'], defaultLocale);
    const config = request.routeOptions.config;
    // Only the versioned API needs a session; the console's files and the API reference are public.
    if (config.public || !request.routeOptions.url?.startsWith('/api/v1/')) return;
    const bearer = bearerToken(request);
    const cookie = bearer ? undefined : request.cookies[sessionCookie];
    const token = bearer ?? cookie;
    if (!token) throw new AppError('UNAUTHENTICATED');
    request.actor = await loadActor(database, token);
    request.viaCookie = !bearer;
    if (config.permission) requirePermission(request.actor, config.permission);
    const storeId = request.headers[storeHeader];
    if (typeof storeId === 'string' && storeId !== '') {
      request.storeId = (await storeInScope(database.db, request.actor, storeId)).id;
    }
  });
}

/**
 * Cookie sessions must show the CSRF token on unsafe methods (bearer clients cannot be
 * forged by a browser). Registered after registerRequestAuth; on failure the plugin answers
 * itself, which the problem mapper turns into CSRF_INVALID.
 */
export function registerCsrfCheck(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    if (request.viaCookie && unsafeMethods.has(request.method)) app.csrfProtection(request, reply, done);
    else done();
  });
}

/** The call context for a route that requires a session (every non-public route). */
export function callContext(request: FastifyRequest): CallContext {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return {
    actor: request.actor,
    locale: request.locale,
    requestId: request.id,
    ip: request.ip ?? null,
    storeId: request.storeId,
  };
}
