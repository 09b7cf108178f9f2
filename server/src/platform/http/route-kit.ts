// Shared pieces for declaring routes: the typed Fastify instance, the dependencies every
// route plugin receives, and the problem responses every route documents.
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { problemSchema } from './problem.ts';

export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface RouteDeps {
  database: Database;
  config: Config;
}

/** Adds the problem+json answers (4xx, 5xx) to a route's documented responses. */
export function withProblems<T extends Record<number, unknown>>(responses: T) {
  return { ...responses, '4xx': problemSchema, '5xx': problemSchema };
}
