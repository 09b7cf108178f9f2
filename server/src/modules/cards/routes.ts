// HTTP routes for card types and cards, including every step of a card's life.
import { z } from 'zod';
import { inTransaction } from '../../db/transaction.ts';
import { callContext } from '../../platform/auth/request-auth.ts';
import { type RouteDeps, withProblems, type ZodApp } from '../../platform/http/route-kit.ts';
import { idParams } from '../../platform/http/schemas.ts';
import { createCardType, listCardTypes, updateCardType } from './card-types.ts';
import { cardOperations } from './lifecycle.ts';
import {
  cardNoParams,
  cardOperationBody,
  cardOperationResult,
  cardSchema,
  cardTypeSchema,
  changeTypeBody,
  createCardTypeBody,
  issueCardBody,
  renewCardBody,
  replaceCardBody,
  resetPinBody,
  updateCardTypeBody,
  verifyCardBody,
} from './schema.ts';
import * as cards from './service.ts';

// Every field of these bodies is optional, so a call may send no body at all (Fastify
// validates a missing body as null).
const operationBodies = {
  'report-loss': cardOperationBody.nullish(),
  'cancel-loss': cardOperationBody.nullish(),
  freeze: cardOperationBody.nullish(),
  unfreeze: cardOperationBody.nullish(),
  replace: replaceCardBody.nullish(),
  cancel: cardOperationBody.nullish(),
  renew: renewCardBody.nullish(),
} as const;

const operationSummaries = {
  'report-loss': 'Report a card lost (挂失)',
  'cancel-loss': 'Cancel a loss report (解挂)',
  freeze: 'Freeze a card (冻结)',
  unfreeze: 'Unfreeze a card (解冻)',
  replace: 'Replace a lost card (补卡): new number, same member and balances, fee charged',
  cancel: 'Cancel a card (销卡); final',
  renew: 'Renew an expired card (续期)',
} as const;

export function cardRoutes(app: ZodApp, { database }: RouteDeps): void {
  const { db } = database;
  const tags = ['cards'];

  app.get(
    '/api/v1/card-types',
    {
      config: { permission: 'cards.read' },
      schema: { tags, response: withProblems({ 200: z.object({ items: z.array(cardTypeSchema) }) }) },
    },
    async (request) => ({ items: await listCardTypes(db, callContext(request).actor.merchantId) }),
  );

  app.post(
    '/api/v1/card-types',
    {
      config: { permission: 'settings.write' },
      schema: { tags, body: createCardTypeBody, response: withProblems({ 201: cardTypeSchema }) },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      const type = await inTransaction(db, (trx) => createCardType(trx, ctx, request.body));
      return reply.status(201).send(type);
    },
  );

  app.patch(
    '/api/v1/card-types/:id',
    {
      config: { permission: 'settings.write' },
      schema: {
        tags,
        params: idParams,
        body: updateCardTypeBody,
        response: withProblems({ 200: cardTypeSchema }),
      },
    },
    async (request) => {
      const ctx = callContext(request);
      return inTransaction(db, (trx) => updateCardType(trx, ctx, request.params.id, request.body));
    },
  );

  app.get(
    '/api/v1/members/:id/cards',
    {
      config: { permission: 'cards.read' },
      schema: {
        tags,
        params: idParams,
        response: withProblems({ 200: z.object({ items: z.array(cardSchema) }) }),
      },
    },
    async (request) => ({
      items: await cards.listMemberCards(db, callContext(request).actor, request.params.id),
    }),
  );

  app.post(
    '/api/v1/members/:id/cards',
    {
      config: { permission: 'cards.write' },
      schema: {
        tags,
        summary: 'Issue a card: primary, subsidiary (附属卡, own limit) or holder of a group card (团体卡)',
        params: idParams,
        body: issueCardBody,
        response: withProblems({ 201: cardSchema }),
      },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      const card = await inTransaction(db, async (trx) => {
        const cardNo = await cards.issueCard(trx, ctx, request.params.id, request.body);
        return cards.getCard(trx, ctx.actor, cardNo);
      });
      return reply.status(201).send(card);
    },
  );

  app.get(
    '/api/v1/cards/:cardNo',
    {
      config: { permission: 'cards.read' },
      schema: { tags, params: cardNoParams, response: withProblems({ 200: cardSchema }) },
    },
    async (request) => cards.getCard(db, callContext(request).actor, request.params.cardNo),
  );

  for (const operation of cardOperations) {
    app.post(
      `/api/v1/cards/:cardNo/${operation}`,
      {
        config: { permission: cards.permissionFor(operation) },
        schema: {
          tags,
          summary: operationSummaries[operation],
          params: cardNoParams,
          body: operationBodies[operation],
          response: withProblems({ 200: cardOperationResult }),
        },
      },
      async (request) => {
        const ctx = callContext(request);
        return inTransaction(db, async (trx) => {
          const result = await cards.operateCard(
            trx,
            ctx,
            request.params.cardNo,
            operation,
            request.body ?? {},
          );
          const card = await cards.getCard(trx, ctx.actor, result.cardNo);
          return result.newCardNo
            ? { card, newCard: await cards.getCard(trx, ctx.actor, result.newCardNo) }
            : { card };
        });
      },
    );
  }

  app.post(
    '/api/v1/cards/:cardNo/change-type',
    {
      config: { permission: 'cards.manage' },
      schema: {
        tags,
        summary: 'Upgrade or downgrade a card to another type',
        params: cardNoParams,
        body: changeTypeBody,
        response: withProblems({ 200: cardOperationResult }),
      },
    },
    async (request) => {
      const ctx = callContext(request);
      return inTransaction(db, async (trx) => {
        await cards.changeCardType(
          trx,
          ctx,
          request.params.cardNo,
          request.body.cardTypeId,
          request.body.reason,
        );
        return { card: await cards.getCard(trx, ctx.actor, request.params.cardNo) };
      });
    },
  );

  app.post(
    '/api/v1/cards/:cardNo/reset-pin',
    {
      config: { permission: 'cards.manage' },
      schema: {
        tags,
        summary: 'Set a new PIN and unlock it (manager)',
        params: cardNoParams,
        body: resetPinBody,
        response: withProblems({ 200: cardOperationResult }),
      },
    },
    async (request) => {
      const ctx = callContext(request);
      return inTransaction(db, async (trx) => {
        await cards.resetPin(trx, ctx, request.params.cardNo, request.body.pin, request.body.reason);
        return { card: await cards.getCard(trx, ctx.actor, request.params.cardNo) };
      });
    },
  );

  app.post(
    '/api/v1/cards/:cardNo/verify',
    {
      config: { permission: 'cards.read' },
      schema: {
        tags,
        summary: 'Check a card can be used now (and its PIN when required), as every spend does',
        params: cardNoParams,
        body: verifyCardBody.nullish(),
        response: withProblems({ 200: cardSchema }),
      },
    },
    async (request) =>
      cards.assertCardUsable(db, callContext(request).actor, request.params.cardNo, request.body?.pin),
  );
}
