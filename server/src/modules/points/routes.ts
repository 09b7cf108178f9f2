// HTTP routes for points: earn rules and their quote, manual adjustments, lots, the expiry
// job, settings and the merchant-wide summary; gifts and redemptions in gift-routes.ts.
import { z } from 'zod';
import { inTransaction } from '../../db/transaction.ts';
import { callContext } from '../../platform/auth/request-auth.ts';
import { todayIn } from '../../platform/clock.ts';
import { idempotentCall } from '../../platform/http/idempotent.ts';
import { type RouteDeps, withProblems, type ZodApp } from '../../platform/http/route-kit.ts';
import { idParams, listOf } from '../../platform/http/schemas.ts';
import { forgetMerchant, merchantFacts } from '../../platform/merchant.ts';
import { expirePoints } from './expire.ts';
import { giftRoutes } from './gift-routes.ts';
import { adjustPoints, listLots } from './member-points.ts';
import { computeEarnedPoints } from './rules/engine.ts';
import { activePointsRules } from './rules-repo.ts';
import { createRule, earnMemberContext, listRules, replaceRule } from './rules-service.ts';
import {
  adjustBody,
  adjustResult,
  earnQuoteBody,
  earnQuoteResult,
  expiryRunSchema,
  lotSchema,
  lotsQuery,
  pointsRuleBody,
  pointsRuleSchema,
  pointsSettingsBody,
  pointsSettingsSchema,
  summaryQuery,
  summarySchema,
} from './schema.ts';
import { pointsSettings, updatePointsSettings } from './settings.ts';
import { pointsSummary } from './summary.ts';

const idempotencyHeader = z.object({ 'idempotency-key': z.string().max(200).optional() });

export function pointsRoutes(app: ZodApp, deps: RouteDeps): void {
  const { db } = deps.database;
  const tags = ['points'];

  app.get(
    '/api/v1/points-rules',
    {
      config: { permission: 'ledger.read' },
      schema: {
        tags,
        summary: 'Points earn rules',
        response: withProblems({ 200: z.object({ items: z.array(pointsRuleSchema) }) }),
      },
    },
    async (request) => ({ items: await listRules(db, callContext(request).actor.merchantId) }),
  );

  app.post(
    '/api/v1/points-rules',
    {
      config: { permission: 'settings.write' },
      schema: {
        tags,
        summary: 'Add an earn rule of one kind (base rate, multipliers, caps)',
        body: pointsRuleBody,
        response: withProblems({ 201: pointsRuleSchema }),
      },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      const rule = await inTransaction(db, (trx) => createRule(trx, ctx, request.body));
      return reply.status(201).send(rule);
    },
  );

  app.put(
    '/api/v1/points-rules/:id',
    {
      config: { permission: 'settings.write' },
      schema: {
        tags,
        params: idParams,
        body: pointsRuleBody,
        response: withProblems({ 200: pointsRuleSchema }),
      },
    },
    async (request) => {
      const ctx = callContext(request);
      return inTransaction(db, (trx) => replaceRule(trx, ctx, request.params.id, request.body));
    },
  );

  app.post(
    '/api/v1/points/quote',
    {
      config: { permission: 'checkout.sell' },
      schema: {
        tags,
        summary:
          'The points a cart would earn now at the selected store, line by line, with the rules applied',
        body: earnQuoteBody,
        response: withProblems({ 200: earnQuoteResult }),
      },
    },
    async (request) => {
      const ctx = callContext(request);
      const { merchantId } = ctx.actor;
      const facts = await merchantFacts(db, merchantId);
      return computeEarnedPoints({
        member: await earnMemberContext(db, ctx, request.body.memberId),
        storeId: ctx.storeId,
        today: todayIn(facts.timeZone),
        rules: await activePointsRules(db, merchantId),
        lines: request.body.lines.map((line) => ({
          id: line.id,
          amountFen: line.amountFen,
          categoryIds: line.categoryIds ?? [],
          earnsPoints: line.earnsPoints ?? true,
        })),
      });
    },
  );

  app.post(
    '/api/v1/members/:id/points/adjust',
    {
      config: { permission: 'ledger.adjust' },
      schema: {
        tags,
        summary: 'Add (new lot) or take (earliest expiry first) points by hand, with a reason',
        params: idParams,
        headers: idempotencyHeader,
        body: adjustBody,
        response: withProblems({ 200: adjustResult, 201: adjustResult }),
      },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      return idempotentCall(db, ctx, request, reply, async (trx) => ({
        statusCode: 201,
        body: await adjustPoints(trx, ctx, request.params.id, request.body),
      }));
    },
  );

  app.get(
    '/api/v1/members/:id/points/lots',
    {
      config: { permission: 'ledger.read' },
      schema: {
        tags,
        summary: "A member's points lots, newest first (active=true: only what may be spent today)",
        params: idParams,
        querystring: lotsQuery,
        response: withProblems({ 200: listOf(lotSchema) }),
      },
    },
    async (request) => listLots(db, callContext(request), request.params.id, request.query),
  );

  app.post(
    '/api/v1/points/expire',
    {
      config: { permission: 'settings.write' },
      schema: {
        tags,
        summary: "Run the points expiry job now for the caller's merchant; safe to repeat",
        response: withProblems({ 200: expiryRunSchema }),
      },
    },
    async (request) => {
      const ctx = callContext(request);
      const facts = await merchantFacts(db, ctx.actor.merchantId);
      const run = await expirePoints(db, ctx.actor.merchantId, todayIn(facts.timeZone), ctx);
      return { today: run.today, points: run.points, lots: run.lots, accounts: run.accounts };
    },
  );

  app.get(
    '/api/v1/points/settings',
    {
      config: { permission: 'ledger.read' },
      schema: { tags, response: withProblems({ 200: pointsSettingsSchema }) },
    },
    async (request) => pointsSettings(db, callContext(request).actor.merchantId),
  );

  app.put(
    '/api/v1/points/settings',
    {
      config: { permission: 'settings.write' },
      schema: {
        tags,
        summary:
          'Expiry policy, points as cash (points per ¥1, share of an order) and whether a debt may arise',
        body: pointsSettingsBody,
        response: withProblems({ 200: pointsSettingsSchema }),
      },
    },
    async (request) => {
      const ctx = callContext(request);
      const settings = await inTransaction(db, (trx) => updatePointsSettings(trx, ctx, request.body));
      forgetMerchant(ctx.actor.merchantId);
      return settings;
    },
  );

  app.get(
    '/api/v1/points/summary',
    {
      config: { permission: 'reports.read' },
      schema: {
        tags,
        summary: 'Points issued, spent, expired and adjusted in a period, and outstanding (merchant-wide)',
        querystring: summaryQuery,
        response: withProblems({ 200: summarySchema }),
      },
    },
    async (request) => pointsSummary(db, callContext(request), request.query),
  );

  giftRoutes(app, deps);
}
