// Builds the Fastify application: platform plugins (errors, security headers, cookies,
// CSRF, rate limits, the OpenAPI contract), every module's routes, and the web console.
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { cardRoutes } from './modules/cards/routes.ts';
import { productImportRoutes } from './modules/catalog/import/routes.ts';
import { catalogRoutes } from './modules/catalog/routes.ts';
import { ledgerRoutes } from './modules/ledger/routes.ts';
import { memberExportRoutes } from './modules/members/export/routes.ts';
import { memberImportRoutes } from './modules/members/import/routes.ts';
import { memberRoutes } from './modules/members/routes.ts';
import { authRoutes } from './modules/org/auth-routes.ts';
import { orgRoutes } from './modules/org/routes.ts';
import { packageRoutes } from './modules/packages/routes.ts';
import { pointsRoutes } from './modules/points/routes.ts';
import { stockRoutes } from './modules/stock/routes.ts';
import { auditRoutes } from './platform/audit/routes.ts';
import { registerCsrfCheck, registerRequestAuth } from './platform/auth/request-auth.ts';
import { notFoundProblem, toProblem, validatorCompiler } from './platform/http/problem.ts';
import type { RouteDeps, ZodApp } from './platform/http/route-kit.ts';
import { pickLocale } from './platform/i18n/locale.ts';
import { version } from './version.ts';

export interface AppOptions {
  config: Config;
  database: Database;
  /** pino options, or false for silence (tests). */
  logger?: boolean | object;
}

const routeModules: Array<(app: ZodApp, deps: RouteDeps) => void> = [
  authRoutes,
  orgRoutes,
  auditRoutes,
  memberImportRoutes,
  memberExportRoutes,
  memberRoutes,
  cardRoutes,
  ledgerRoutes,
  packageRoutes,
  pointsRoutes,
  productImportRoutes,
  catalogRoutes,
  stockRoutes,
];

export async function buildApp({ config, database, logger }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    trustProxy: false,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    // Errors raised before routing (an over-long or malformed URL) get the same problem shape.
    frameworkErrors: (error, request, reply) => {
      const locale = pickLocale(request.headers['accept-language'], config.defaultLocale);
      const problem = toProblem(error, locale, request.id);
      void (reply as FastifyReply).status(problem.status).type('application/problem+json').send(problem);
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // The API speaks JSON only. Fastify also parses text/plain by default, which would turn a
  // JSON body sent with the wrong content type into a string and a confusing field error.
  app.removeContentTypeParser('text/plain');

  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, request.locale ?? config.defaultLocale, request.id);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.status(problem.status).type('application/problem+json').send(problem);
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design writes its styles at run time; Swagger UI needs its inline bootstrap.
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        // A shop reaches its till by LAN address over plain http; upgrading requests to
        // https there would leave the console without its scripts.
        upgradeInsecureRequests: null,
      },
    },
    // Likewise HSTS would pin a LAN address to https that it does not serve.
    strictTransportSecurity: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyCsrf, {
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, secure: config.secureCookies },
  });
  await app.register(fastifyRateLimit, { global: false });

  registerRequestAuth(app, database, config.defaultLocale);
  registerCsrfCheck(app);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Huiyuan API',
        version,
        description:
          'Membership cards, stored value, points and checkout. Amounts are integers in minor units (fen). ' +
          'Errors are RFC 9457 problem+json with a stable `code`. Money calls take an `Idempotency-Key` header.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'hy_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['platform'],
        security: [],
        response: {
          200: z.object({
            status: z.literal('ok'),
            dialect: z.enum(['sqlite', 'postgres']),
            version: z.string(),
          }),
        },
      },
    },
    async () => ({ status: 'ok' as const, dialect: database.dialect, version }),
  );
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  const deps: RouteDeps = { config, database };
  await app.register(async (scope) => {
    for (const register of routeModules) register(scope as unknown as ZodApp, deps);
  });

  registerConsole(app, config);
  return app;
}

/** Serves the built web console and falls back to its index.html for client-side routes. */
function registerConsole(app: FastifyInstance, config: Config): void {
  const dist = config.webDist ?? path.resolve(import.meta.dirname, '../../web/dist');
  const hasConsole = fs.existsSync(path.join(dist, 'index.html'));
  if (hasConsole) {
    void app.register(fastifyStatic, { root: dist, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (hasConsole && request.method === 'GET' && !url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply
      .status(404)
      .type('application/problem+json')
      .send(notFoundProblem(request.method, url, request.locale ?? config.defaultLocale, request.id));
  });
}
