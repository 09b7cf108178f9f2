// HTTP routes for stock: levels and low stock, movements, receiving, adjustments,
// stocktakes, reorder points, the store's stock settings, and transfers between stores.
import { z } from 'zod';
import { inTransaction } from '../../db/transaction.ts';
import { callContext } from '../../platform/auth/request-auth.ts';
import { type RouteDeps, withProblems, type ZodApp } from '../../platform/http/route-kit.ts';
import { idParams, listOf } from '../../platform/http/schemas.ts';
import {
  adjustBody,
  cancelTransferBody,
  createTransferBody,
  lowStockQuery,
  movementListQuery,
  movementSchema,
  movementsResult,
  receiveBody,
  reorderPointBody,
  stockLevelSchema,
  stockListQuery,
  stockSettingsBody,
  stockSettingsSchema,
  stocktakeBody,
  storeParams,
  transferListQuery,
  transferSchema,
} from './schema.ts';
import * as stock from './service.ts';
import { cancelTransfer, getTransfer, listTransfers, receiveTransfer, sendTransfer } from './transfers.ts';

export function stockRoutes(app: ZodApp, { database }: RouteDeps): void {
  const { db } = database;
  const tags = ['stock'];

  app.get(
    '/api/v1/stock',
    {
      config: { permission: 'catalog.read' },
      schema: {
        tags,
        summary: 'On-hand quantity of every tracked product at each store in view (HQ: all stores)',
        querystring: stockListQuery,
        response: withProblems({ 200: listOf(stockLevelSchema) }),
      },
    },
    async (request) => stock.listStock(db, callContext(request), request.query),
  );

  app.get(
    '/api/v1/stock/low',
    {
      config: { permission: 'catalog.read' },
      schema: {
        tags,
        summary: 'Products at or below their reorder point (the store’s own, else the product’s default)',
        querystring: lowStockQuery,
        response: withProblems({ 200: listOf(stockLevelSchema) }),
      },
    },
    async (request) => stock.listStock(db, callContext(request), request.query, true),
  );

  app.get(
    '/api/v1/stock/movements',
    {
      config: { permission: 'catalog.read' },
      schema: {
        tags,
        summary: 'Stock movements, newest first, each with its operator and reason',
        querystring: movementListQuery,
        response: withProblems({ 200: listOf(movementSchema) }),
      },
    },
    async (request) => stock.listMovements(db, callContext(request), request.query),
  );

  app.post(
    '/api/v1/stock/receive',
    {
      config: { permission: 'stock.write' },
      schema: {
        tags,
        summary: 'Receive goods (入库) at a store',
        body: receiveBody,
        response: withProblems({ 200: movementsResult }),
      },
    },
    async (request) => {
      const ctx = callContext(request);
      return inTransaction(db, (trx) => stock.receiveStock(trx, ctx, request.body));
    },
  );

  app.post(
    '/api/v1/stock/adjust',
    {
      config: { permission: 'stock.write' },
      schema: {
        tags,
        summary: 'Adjust a quantity up or down, with a reason (报损、报溢)',
        body: adjustBody,
        response: withProblems({ 200: movementsResult }),
      },
    },
    async (request) => {
      const ctx = callContext(request);
      return inTransaction(db, (trx) => stock.adjustStock(trx, ctx, request.body));
    },
  );

  app.post(
    '/api/v1/stock/stocktake',
    {
      config: { permission: 'stock.write' },
      schema: {
        tags,
        summary: 'Record counted quantities (盘点); each difference from the books is posted',
        body: stocktakeBody,
        response: withProblems({ 200: movementsResult }),
      },
    },
    async (request) => {
      const ctx = callContext(request);
      return inTransaction(db, (trx) => stock.stocktake(trx, ctx, request.body));
    },
  );

  app.post(
    '/api/v1/stock/reorder-points',
    {
      config: { permission: 'stock.write' },
      schema: {
        tags,
        summary: "Set a store's reorder point for a product (null: the product's default)",
        body: reorderPointBody,
        response: withProblems({ 200: stockLevelSchema }),
      },
    },
    async (request) => {
      const ctx = callContext(request);
      return inTransaction(db, (trx) => stock.setReorderPoint(trx, ctx, request.body));
    },
  );

  app.get(
    '/api/v1/stock/settings/:storeId',
    {
      config: { permission: 'catalog.read' },
      schema: { tags, params: storeParams, response: withProblems({ 200: stockSettingsSchema }) },
    },
    async (request) => stock.stockSettings(db, callContext(request), request.params.storeId),
  );

  app.patch(
    '/api/v1/stock/settings/:storeId',
    {
      config: { permission: 'settings.write' },
      schema: {
        tags,
        summary: 'Allow or forbid negative stock at a store (forbidding needs no product below zero)',
        params: storeParams,
        body: stockSettingsBody,
        response: withProblems({ 200: stockSettingsSchema }),
      },
    },
    async (request) => {
      const ctx = callContext(request);
      return inTransaction(db, (trx) =>
        stock.updateStockSettings(trx, ctx, request.params.storeId, request.body.allowNegativeStock),
      );
    },
  );

  app.get(
    '/api/v1/stock/transfers',
    {
      config: { permission: 'catalog.read' },
      schema: {
        tags,
        summary: 'Transfers from or to the stores in view, newest first',
        querystring: transferListQuery,
        response: withProblems({ 200: listOf(transferSchema) }),
      },
    },
    async (request) => listTransfers(db, callContext(request), request.query),
  );

  app.post(
    '/api/v1/stock/transfers',
    {
      config: { permission: 'stock.write' },
      schema: {
        tags,
        summary: 'Send goods to another store (调拨); the source store’s stock goes down at once',
        body: createTransferBody,
        response: withProblems({ 201: transferSchema }),
      },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      const transfer = await inTransaction(db, (trx) => sendTransfer(trx, ctx, request.body));
      return reply.status(201).send(transfer);
    },
  );

  app.get(
    '/api/v1/stock/transfers/:id',
    {
      config: { permission: 'catalog.read' },
      schema: { tags, params: idParams, response: withProblems({ 200: transferSchema }) },
    },
    async (request) => getTransfer(db, callContext(request), request.params.id),
  );

  app.post(
    '/api/v1/stock/transfers/:id/receive',
    {
      config: { permission: 'stock.write' },
      schema: {
        tags,
        summary: 'The destination store receives a sent transfer (once)',
        params: idParams,
        body: z.strictObject({}).nullish(),
        response: withProblems({ 200: transferSchema }),
      },
    },
    async (request) => {
      const ctx = callContext(request);
      return inTransaction(db, (trx) => receiveTransfer(trx, ctx, request.params.id));
    },
  );

  app.post(
    '/api/v1/stock/transfers/:id/cancel',
    {
      config: { permission: 'stock.write' },
      schema: {
        tags,
        summary: 'The source store cancels a transfer not yet received; the goods go back',
        params: idParams,
        body: cancelTransferBody,
        response: withProblems({ 200: transferSchema }),
      },
    },
    async (request) => {
      const ctx = callContext(request);
      return inTransaction(db, (trx) => cancelTransfer(trx, ctx, request.params.id, request.body));
    },
  );
}
