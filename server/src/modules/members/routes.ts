// HTTP routes for members, their custom fields and follow-ups.
import { z } from 'zod';
import { inTransaction } from '../../db/transaction.ts';
import { hasPermission } from '../../platform/access/scope.ts';
import { callContext } from '../../platform/auth/request-auth.ts';
import { type RouteDeps, withProblems, type ZodApp } from '../../platform/http/route-kit.ts';
import { idParams, listOf } from '../../platform/http/schemas.ts';
import { createField, listFields, updateField } from './custom-fields.ts';
import { addFollowUp, dueFollowUps, listMemberFollowUps } from './follow-ups.ts';
import { distinctTags } from './repo.ts';
import {
  createFollowUpBody,
  createMemberBody,
  createMemberFieldBody,
  dueFollowUpsQuery,
  followUpSchema,
  memberFieldSchema,
  memberListQuery,
  memberSchema,
  revealQuery,
  statusChangeBody,
  updateMemberBody,
  updateMemberFieldBody,
} from './schema.ts';
import * as members from './service.ts';

export function memberRoutes(app: ZodApp, { database }: RouteDeps): void {
  const { db } = database;
  const tags = ['members'];

  app.get(
    '/api/v1/members',
    {
      config: { permission: 'members.read' },
      schema: {
        tags,
        summary: 'Find members: q is a phone (full or last 4), card number, name prefix or pinyin initials',
        querystring: memberListQuery,
        response: withProblems({ 200: listOf(memberSchema) }),
      },
    },
    async (request) => members.listMembers(db, callContext(request), request.query),
  );

  app.post(
    '/api/v1/members',
    {
      config: { permission: 'members.write' },
      schema: {
        tags,
        summary: 'Register a member',
        body: createMemberBody,
        response: withProblems({ 201: memberSchema }),
      },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      const member = await inTransaction(db, async (trx) => {
        const id = await members.createMember(trx, ctx, request.body);
        return members.getMember(trx, ctx, id);
      });
      return reply.status(201).send(member);
    },
  );

  app.get(
    '/api/v1/members/tags',
    {
      config: { permission: 'members.read' },
      schema: {
        tags,
        summary: 'Tags in use, with counts',
        response: withProblems({
          200: z.object({ items: z.array(z.object({ tag: z.string(), count: z.number() })) }),
        }),
      },
    },
    async (request) => ({ items: await distinctTags(db, callContext(request).actor.merchantId) }),
  );

  app.get(
    '/api/v1/members/:id',
    {
      config: { permission: 'members.read' },
      schema: {
        tags,
        summary: 'One member; reveal=true shows personal data unmasked (needs members.pii; audited)',
        params: idParams,
        querystring: revealQuery,
        response: withProblems({ 200: memberSchema }),
      },
    },
    async (request) => {
      const ctx = callContext(request);
      const reveal = request.query.reveal === 'true' && hasPermission(ctx.actor, 'members.pii');
      if (!reveal) return members.getMember(db, ctx, request.params.id);
      return inTransaction(db, async (trx) => {
        const member = await members.getMember(trx, ctx, request.params.id, true);
        await members.recordReveal(trx, ctx, member.id, member.homeStoreId);
        return member;
      });
    },
  );

  app.patch(
    '/api/v1/members/:id',
    {
      config: { permission: 'members.write' },
      schema: {
        tags,
        params: idParams,
        body: updateMemberBody,
        response: withProblems({ 200: memberSchema }),
      },
    },
    async (request) => {
      const ctx = callContext(request);
      return inTransaction(db, async (trx) => {
        await members.updateMember(trx, ctx, request.params.id, request.body);
        return members.getMember(trx, ctx, request.params.id);
      });
    },
  );

  for (const [path, target] of [
    ['cancel', 'cancelled'],
    ['restore', 'active'],
  ] as const) {
    app.post(
      `/api/v1/members/:id/${path}`,
      {
        config: { permission: 'members.write' },
        schema: {
          tags,
          summary:
            target === 'cancelled'
              ? 'Cancel a membership (取消资格), with a reason'
              : 'Restore a cancelled membership',
          params: idParams,
          body: statusChangeBody,
          response: withProblems({ 200: memberSchema }),
        },
      },
      async (request) => {
        const ctx = callContext(request);
        return inTransaction(db, async (trx) => {
          await members.changeMemberStatus(trx, ctx, request.params.id, target, request.body.reason);
          return members.getMember(trx, ctx, request.params.id);
        });
      },
    );
  }

  app.get(
    '/api/v1/members/:id/follow-ups',
    {
      config: { permission: 'members.read' },
      schema: {
        tags,
        params: idParams,
        response: withProblems({ 200: z.object({ items: z.array(followUpSchema) }) }),
      },
    },
    async (request) => ({ items: await listMemberFollowUps(db, callContext(request), request.params.id) }),
  );

  app.post(
    '/api/v1/members/:id/follow-ups',
    {
      config: { permission: 'members.write' },
      schema: {
        tags,
        summary: 'Record a follow-up (回访)',
        params: idParams,
        body: createFollowUpBody,
        response: withProblems({ 201: followUpSchema }),
      },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      const followUp = await inTransaction(db, (trx) =>
        addFollowUp(trx, ctx, request.params.id, request.body),
      );
      return reply.status(201).send(followUp);
    },
  );

  app.get(
    '/api/v1/follow-ups/due',
    {
      config: { permission: 'members.read' },
      schema: {
        tags,
        summary: 'Follow-ups due on or before a date (default today)',
        querystring: dueFollowUpsQuery,
        response: withProblems({ 200: listOf(followUpSchema) }),
      },
    },
    async (request) => dueFollowUps(db, callContext(request), request.query),
  );

  app.get(
    '/api/v1/member-fields',
    {
      config: { permission: 'members.read' },
      schema: {
        tags,
        summary: 'Custom member fields',
        response: withProblems({ 200: z.object({ items: z.array(memberFieldSchema) }) }),
      },
    },
    async (request) => ({ items: await listFields(db, callContext(request).actor.merchantId) }),
  );

  app.post(
    '/api/v1/member-fields',
    {
      config: { permission: 'settings.write' },
      schema: { tags, body: createMemberFieldBody, response: withProblems({ 201: memberFieldSchema }) },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      const field = await inTransaction(db, (trx) => createField(trx, ctx, request.body));
      return reply.status(201).send(field);
    },
  );

  app.patch(
    '/api/v1/member-fields/:id',
    {
      config: { permission: 'settings.write' },
      schema: {
        tags,
        params: idParams,
        body: updateMemberFieldBody,
        response: withProblems({ 200: memberFieldSchema }),
      },
    },
    async (request) => {
      const ctx = callContext(request);
      return inTransaction(db, (trx) => updateField(trx, ctx, request.params.id, request.body));
    },
  );
}
