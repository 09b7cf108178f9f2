// Reading the audit log. There is deliberately no route that writes, edits or deletes it.
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { holdsMerchantWide, unitIdsInScope } from '../access/scope.ts';
import { callContext } from '../auth/request-auth.ts';
import { type RouteDeps, withProblems, type ZodApp } from '../http/route-kit.ts';
import { decodeCursor, entityId, listOf, listQuery, page, plainString } from '../http/schemas.ts';

export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actorType: z.enum(['operator', 'member', 'system']),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
    ip: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

const isoInstant = z.iso.datetime({ offset: true });

export const auditQuery = listQuery.extend({
  entityType: plainString(64).optional(),
  entityId: entityId.optional(),
  actorId: entityId.optional(),
  action: plainString(64).optional(),
  unitId: entityId.optional(),
  from: isoInstant.optional(),
  to: isoInstant.optional(),
});

/**
 * Newest first. An operator sees entries at units in their audit.read scope; entries
 * with no unit (merchant-wide changes such as roles) only from a grant at headquarters.
 */
async function listAudit(db: Db, actor: Actor, query: z.infer<typeof auditQuery>) {
  const seesMerchantWide = holdsMerchantWide(actor, 'audit.read');
  const unitIds = seesMerchantWide ? undefined : await unitIdsInScope(db, actor, 'audit.read');
  let q = db
    .selectFrom('auditLog as a')
    .leftJoin('orgUnits as u', 'u.id', 'a.unitId')
    .select([
      'a.id',
      'a.at',
      'a.actorType',
      'a.actorId',
      'a.actorName',
      'a.unitId',
      'u.name as unitName',
      'a.action',
      'a.entityType',
      'a.entityId',
      'a.beforeJson',
      'a.afterJson',
      'a.requestId',
      'a.ip',
    ])
    .where('a.merchantId', '=', actor.merchantId)
    .orderBy('a.id', 'desc')
    .limit(query.limit + 1);
  if (unitIds) q = q.where('a.unitId', 'in', unitIds.length ? unitIds : ['']);
  if (query.entityType) q = q.where('a.entityType', '=', query.entityType);
  if (query.entityId) q = q.where('a.entityId', '=', query.entityId);
  if (query.actorId) q = q.where('a.actorId', '=', query.actorId);
  if (query.action) q = q.where('a.action', '=', query.action);
  if (query.unitId) q = q.where('a.unitId', '=', query.unitId);
  if (query.from) q = q.where('a.at', '>=', new Date(query.from).toISOString());
  if (query.to) q = q.where('a.at', '<', new Date(query.to).toISOString());
  const before = decodeCursor(query.cursor);
  if (before) q = q.where('a.id', '<', before);
  const rows = await q.execute();
  const { items, nextCursor } = page(rows, query.limit);
  return {
    items: items.map(({ beforeJson, afterJson, ...row }) => ({
      ...row,
      before: beforeJson ? (JSON.parse(beforeJson) as unknown) : null,
      after: afterJson ? (JSON.parse(afterJson) as unknown) : null,
    })),
    nextCursor,
  };
}

export function auditRoutes(app: ZodApp, { database }: RouteDeps): void {
  app.get(
    '/api/v1/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first, within your scope',
        querystring: auditQuery,
        response: withProblems({ 200: listOf(auditEntrySchema) }),
      },
    },
    async (request) => listAudit(database.db, callContext(request).actor, request.query),
  );
}
