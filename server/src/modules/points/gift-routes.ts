// HTTP routes for the gift catalogue and redemptions. Redeeming and cancelling move points
// and stock, so they take an Idempotency-Key like every money call.
import { z } from 'zod';
import { inTransaction } from '../../db/transaction.ts';
import { callContext } from '../../platform/auth/request-auth.ts';
import { idempotentCall } from '../../platform/http/idempotent.ts';
import { type RouteDeps, withProblems, type ZodApp } from '../../platform/http/route-kit.ts';
import { idParams, listOf, listQuery } from '../../platform/http/schemas.ts';
import { createGift, getGift, listGifts, updateGift } from './gifts.ts';
import { cancelRedemption, listRedemptions, redeemGift } from './redemptions.ts';
import {
  cancelRedemptionBody,
  createGiftBody,
  giftSchema,
  giftsQuery,
  redeemBody,
  redemptionResult,
  redemptionSchema,
  updateGiftBody,
} from './schema.ts';

const idempotencyHeader = z.object({ 'idempotency-key': z.string().max(200).optional() });

export function giftRoutes(app: ZodApp, { database }: RouteDeps): void {
  const { db } = database;
  const tags = ['points'];

  app.get(
    '/api/v1/gifts',
    {
      config: { permission: 'catalog.read' },
      schema: {
        tags,
        summary: 'The gift catalogue, newest first',
        querystring: giftsQuery,
        response: withProblems({ 200: listOf(giftSchema) }),
      },
    },
    async (request) => listGifts(db, callContext(request).actor.merchantId, request.query),
  );

  app.get(
    '/api/v1/gifts/:id',
    {
      config: { permission: 'catalog.read' },
      schema: { tags, params: idParams, response: withProblems({ 200: giftSchema }) },
    },
    async (request) => getGift(db, callContext(request).actor.merchantId, request.params.id),
  );

  app.post(
    '/api/v1/gifts',
    {
      config: { permission: 'catalog.write' },
      schema: {
        tags,
        summary: 'Add a gift with its points price, per-member limit and stock per store',
        body: createGiftBody,
        response: withProblems({ 201: giftSchema }),
      },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      const gift = await inTransaction(db, (trx) => createGift(trx, ctx, request.body));
      return reply.status(201).send(gift);
    },
  );

  app.patch(
    '/api/v1/gifts/:id',
    {
      config: { permission: 'catalog.write' },
      schema: {
        tags,
        summary: 'Change a gift; stock lines set a store’s count',
        params: idParams,
        body: updateGiftBody,
        response: withProblems({ 200: giftSchema }),
      },
    },
    async (request) => {
      const ctx = callContext(request);
      return inTransaction(db, (trx) => updateGift(trx, ctx, request.params.id, request.body));
    },
  );

  app.post(
    '/api/v1/members/:id/redemptions',
    {
      config: { permission: 'checkout.sell' },
      schema: {
        tags,
        summary: 'Redeem a gift for points at the selected store (X-Store-Id); all or nothing',
        params: idParams,
        headers: idempotencyHeader,
        body: redeemBody,
        response: withProblems({ 200: redemptionResult, 201: redemptionResult }),
      },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      return idempotentCall(db, ctx, request, reply, async (trx) => ({
        statusCode: 201,
        body: await redeemGift(trx, ctx, request.params.id, request.body),
      }));
    },
  );

  app.post(
    '/api/v1/redemptions/:id/cancel',
    {
      config: { permission: 'checkout.return' },
      schema: {
        tags,
        summary: 'Cancel a redemption: its points and stock come back, once',
        params: idParams,
        headers: idempotencyHeader,
        body: cancelRedemptionBody,
        response: withProblems({ 200: redemptionResult }),
      },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      return idempotentCall(db, ctx, request, reply, async (trx) => ({
        statusCode: 200,
        body: await cancelRedemption(trx, ctx, request.params.id, request.body),
      }));
    },
  );

  app.get(
    '/api/v1/members/:id/redemptions',
    {
      config: { permission: 'ledger.read' },
      schema: {
        tags,
        summary: "A member's redemptions, newest first",
        params: idParams,
        querystring: listQuery,
        response: withProblems({ 200: listOf(redemptionSchema) }),
      },
    },
    async (request) => listRedemptions(db, callContext(request), request.params.id, request.query),
  );
}
