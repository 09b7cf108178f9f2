// The shape every benchmarked operation shares. One file per operation kind in this folder,
// listed in index.ts; the harness seeds, starts the server, drives the API with autocannon,
// runs the baseline SQL with the same concurrency, and reports both.
import type { Db } from '../../../server/src/db/database.ts';
import type { CallContext } from '../../../server/src/platform/context.ts';
import type { GeneratedMember } from '../data/members.ts';
import type { BenchDialect } from '../databases.ts';

export interface OperationContext {
  dialect: BenchDialect;
  merchantId: string;
}

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path and query, already URL-encoded. */
  path: string;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** SQL with `?` placeholders (turned into $1, $2… on PostgreSQL) and its parameters. */
export interface SqlStatement {
  text: string;
  params: unknown[];
}

export interface Operation {
  /** The key in the results file: lowerCamelCase, stable once results exist. */
  name: string;
  summary: string;
  /** The p99 target through the API, if there is one. */
  targetP99Ms?: number;
  /** The i-th API request of a run, about a member picked at random from the sample. */
  request(member: GeneratedMember, ctx: OperationContext, i: number): ApiRequest;
  /**
   * Says what is wrong with one answer (undefined when it is right); run once before the
   * measurement so a benchmark of 404s cannot pass for a fast one.
   */
  verify(member: GeneratedMember, status: number, body: unknown): string | undefined;
  /** The minimal SQL a hand-written service would run for the same request, in order. */
  baseline(member: GeneratedMember, ctx: OperationContext, i: number): SqlStatement[];
  /** Whether the baseline statements form one transaction (writes). */
  baselineInTransaction?: boolean;
  /**
   * The product's own service call behind the route (without HTTP and auth), for --explain:
   * the harness records every query it runs and prints their plans.
   */
  serviceCall?(db: Db, ctx: CallContext, member: GeneratedMember): Promise<unknown>;
}
