// Sign-in, sign-out and "who am I". Login answers a bearer token for API clients and sets
// the httpOnly console cookie; the CSRF token it returns must accompany the console's
// unsafe requests.
import { z } from 'zod';
import { callContext, sessionCookie } from '../../platform/auth/request-auth.ts';
import { type RouteDeps, withProblems, type ZodApp } from '../../platform/http/route-kit.ts';
import * as auth from './auth.ts';
import { changePasswordBody, loginBody, loginResponse, meResponse } from './schema.ts';

export function authRoutes(app: ZodApp, { database, config }: RouteDeps): void {
  const { db } = database;
  const tags = ['auth'];
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.secureCookies,
  };

  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Sign in', body: loginBody, response: withProblems({ 200: loginResponse }) },
    },
    async (request, reply) => {
      const { session, operator } = await auth.login(db, {
        username: request.body.username,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        sessionTtlMinutes: config.sessionTtlMinutes,
        requestId: request.id,
      });
      reply.setCookie(sessionCookie, session.token, {
        ...cookieOptions,
        expires: new Date(session.expiresAt),
      });
      const csrfToken = reply.generateCsrf();
      return { token: session.token, expiresAt: session.expiresAt, csrfToken, operator };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags, summary: 'Sign out (ends this session)', response: withProblems({ 204: z.null() }) } },
    async (request, reply) => {
      await auth.logout(db, callContext(request));
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      schema: {
        tags,
        summary: 'The signed-in operator, permissions and selectable stores',
        response: withProblems({ 200: meResponse }),
      },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      return { csrfToken: reply.generateCsrf(), operator: await auth.describeSessionOperator(db, ctx.actor) };
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      schema: {
        tags,
        summary: 'Change your own password (ends all your sessions)',
        body: changePasswordBody,
        response: withProblems({ 204: z.null() }),
      },
    },
    async (request, reply) => {
      await auth.changeOwnPassword(db, callContext(request), request.body);
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.status(204).send(null);
    },
  );
}
