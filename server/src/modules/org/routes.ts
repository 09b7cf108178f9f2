// HTTP routes for the org tree, operators and roles.
import { z } from 'zod';
import { inTransaction } from '../../db/transaction.ts';
import { permissions } from '../../platform/access/permissions.ts';
import { callContext } from '../../platform/auth/request-auth.ts';
import { type RouteDeps, withProblems, type ZodApp } from '../../platform/http/route-kit.ts';
import { idParams, listOf } from '../../platform/http/schemas.ts';
import * as operators from './operators.ts';
import * as roles from './roles.ts';
import {
  createOperatorBody,
  createRoleBody,
  createUnitBody,
  operatorListQuery,
  operatorSchema,
  resetPasswordBody,
  roleSchema,
  unitSchema,
  updateOperatorBody,
  updateRoleBody,
  updateUnitBody,
} from './schema.ts';
import * as units from './units.ts';

export function orgRoutes(app: ZodApp, { database }: RouteDeps): void {
  const { db } = database;
  const tags = ['org'];

  app.get(
    '/api/v1/org/units',
    {
      config: { permission: 'org.read' },
      schema: {
        tags,
        summary: 'Org units in your scope (flat; build the tree from parentId)',
        response: withProblems({ 200: z.object({ items: z.array(unitSchema) }) }),
      },
    },
    async (request) => ({ items: await units.listUnits(db, callContext(request).actor) }),
  );

  app.get(
    '/api/v1/org/units/:id',
    {
      config: { permission: 'org.read' },
      schema: { tags, params: idParams, response: withProblems({ 200: unitSchema }) },
    },
    async (request) => units.getUnit(db, callContext(request).actor, request.params.id),
  );

  app.post(
    '/api/v1/org/units',
    {
      config: { permission: 'org.write' },
      schema: {
        tags,
        summary: 'Create a region or store under a unit',
        body: createUnitBody,
        response: withProblems({ 201: unitSchema }),
      },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      const unit = await inTransaction(db, (trx) => units.createUnit(trx, ctx, request.body));
      return reply.status(201).send(unit);
    },
  );

  app.patch(
    '/api/v1/org/units/:id',
    {
      config: { permission: 'org.write' },
      schema: { tags, params: idParams, body: updateUnitBody, response: withProblems({ 200: unitSchema }) },
    },
    async (request) => {
      const ctx = callContext(request);
      return inTransaction(db, (trx) => units.updateUnit(trx, ctx, request.params.id, request.body));
    },
  );

  app.get(
    '/api/v1/org/operators',
    {
      config: { permission: 'operators.read' },
      schema: {
        tags,
        querystring: operatorListQuery,
        response: withProblems({ 200: listOf(operatorSchema) }),
      },
    },
    async (request) => operators.listOperators(db, callContext(request).actor, request.query),
  );

  app.get(
    '/api/v1/org/operators/:id',
    {
      config: { permission: 'operators.read' },
      schema: { tags, params: idParams, response: withProblems({ 200: operatorSchema }) },
    },
    async (request) => operators.getOperator(db, callContext(request).actor, request.params.id),
  );

  app.post(
    '/api/v1/org/operators',
    {
      config: { permission: 'operators.write' },
      schema: { tags, body: createOperatorBody, response: withProblems({ 201: operatorSchema }) },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      const created = await inTransaction(db, (trx) => operators.createOperator(trx, ctx, request.body));
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/v1/org/operators/:id',
    {
      config: { permission: 'operators.write' },
      schema: {
        tags,
        params: idParams,
        body: updateOperatorBody,
        response: withProblems({ 200: operatorSchema }),
      },
    },
    async (request) => {
      const ctx = callContext(request);
      return inTransaction(db, (trx) => operators.updateOperator(trx, ctx, request.params.id, request.body));
    },
  );

  app.post(
    '/api/v1/org/operators/:id/password',
    {
      config: { permission: 'operators.write' },
      schema: {
        tags,
        summary: "Reset an operator's password (ends their sessions)",
        params: idParams,
        body: resetPasswordBody,
        response: withProblems({ 204: z.null() }),
      },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      await inTransaction(db, (trx) =>
        operators.resetPassword(trx, ctx, request.params.id, request.body.password),
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/org/permissions',
    {
      config: { permission: 'roles.read' },
      schema: {
        tags,
        summary: 'Every permission a role can hold',
        response: withProblems({ 200: z.object({ items: z.array(z.string()) }) }),
      },
    },
    async () => ({ items: [...permissions] }),
  );

  app.get(
    '/api/v1/org/roles',
    {
      config: { permission: 'roles.read' },
      schema: { tags, response: withProblems({ 200: z.object({ items: z.array(roleSchema) }) }) },
    },
    async (request) => ({ items: await roles.listRoles(db, callContext(request).actor) }),
  );

  app.get(
    '/api/v1/org/roles/:id',
    {
      config: { permission: 'roles.read' },
      schema: { tags, params: idParams, response: withProblems({ 200: roleSchema }) },
    },
    async (request) => roles.getRole(db, callContext(request).actor, request.params.id),
  );

  app.post(
    '/api/v1/org/roles',
    {
      config: { permission: 'roles.write' },
      schema: { tags, body: createRoleBody, response: withProblems({ 201: roleSchema }) },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      const role = await inTransaction(db, (trx) => roles.createRole(trx, ctx, request.body));
      return reply.status(201).send(role);
    },
  );

  app.patch(
    '/api/v1/org/roles/:id',
    {
      config: { permission: 'roles.write' },
      schema: { tags, params: idParams, body: updateRoleBody, response: withProblems({ 200: roleSchema }) },
    },
    async (request) => {
      const ctx = callContext(request);
      return inTransaction(db, (trx) => roles.updateRole(trx, ctx, request.params.id, request.body));
    },
  );

  app.delete(
    '/api/v1/org/roles/:id',
    {
      config: { permission: 'roles.write' },
      schema: { tags, params: idParams, response: withProblems({ 204: z.null() }) },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      await inTransaction(db, (trx) => roles.deleteRole(trx, ctx, request.params.id));
      return reply.status(204).send(null);
    },
  );
}
