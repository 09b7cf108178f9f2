// HTTP routes for the catalog: categories, products and services, barcode lookup, and the
// dealer tiers that buy at the wholesale price.
import { z } from 'zod';
import { inTransaction } from '../../db/transaction.ts';
import { callContext } from '../../platform/auth/request-auth.ts';
import { type RouteDeps, withProblems, type ZodApp } from '../../platform/http/route-kit.ts';
import { idParams, listOf } from '../../platform/http/schemas.ts';
import { createCategory, listCategories, updateCategory } from './categories.ts';
import { createProduct, getProduct, listProducts, productByBarcode, updateProduct } from './products.ts';
import {
  barcodeParams,
  categorySchema,
  createCategoryBody,
  createProductBody,
  dealerTiersBody,
  dealerTiersSchema,
  productListQuery,
  productSchema,
  updateCategoryBody,
  updateProductBody,
} from './schema.ts';
import { dealerTiers, setDealerTiers } from './sellable.ts';

export function catalogRoutes(app: ZodApp, { database }: RouteDeps): void {
  const { db } = database;
  const tags = ['catalog'];

  app.get(
    '/api/v1/catalog/categories',
    {
      config: { permission: 'catalog.read' },
      schema: {
        tags,
        summary: 'Every product category, top levels first (at most three levels)',
        response: withProblems({ 200: z.object({ items: z.array(categorySchema) }) }),
      },
    },
    async (request) => ({ items: await listCategories(db, callContext(request).actor.merchantId) }),
  );

  app.post(
    '/api/v1/catalog/categories',
    {
      config: { permission: 'catalog.write' },
      schema: {
        tags,
        summary: 'Add a category under a parent (or at the top); headquarters only',
        body: createCategoryBody,
        response: withProblems({ 201: categorySchema }),
      },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      const category = await inTransaction(db, (trx) => createCategory(trx, ctx, request.body));
      return reply.status(201).send(category);
    },
  );

  app.patch(
    '/api/v1/catalog/categories/:id',
    {
      config: { permission: 'catalog.write' },
      schema: {
        tags,
        summary: 'Rename, move (with everything below it), sort or archive a category',
        params: idParams,
        body: updateCategoryBody,
        response: withProblems({ 200: categorySchema }),
      },
    },
    async (request) => {
      const ctx = callContext(request);
      return inTransaction(db, (trx) => updateCategory(trx, ctx, request.params.id, request.body));
    },
  );

  app.get(
    '/api/v1/catalog/dealer-tiers',
    {
      config: { permission: 'catalog.read' },
      schema: {
        tags,
        summary: 'Member levels and card types whose members buy at the wholesale price',
        response: withProblems({ 200: dealerTiersSchema }),
      },
    },
    async (request) => dealerTiers(db, callContext(request).actor.merchantId),
  );

  app.put(
    '/api/v1/catalog/dealer-tiers',
    {
      config: { permission: 'catalog.write' },
      schema: {
        tags,
        summary: 'Set the dealer tiers (经销商): their members see the wholesale price instead of retail',
        body: dealerTiersBody,
        response: withProblems({ 200: dealerTiersSchema }),
      },
    },
    async (request) => {
      const ctx = callContext(request);
      return inTransaction(db, (trx) => setDealerTiers(trx, ctx, request.body));
    },
  );

  app.get(
    '/api/v1/products',
    {
      config: { permission: 'catalog.read' },
      schema: {
        tags,
        summary: 'Find products: q is a code, barcode or name prefix, or pinyin initials; newest first',
        querystring: productListQuery,
        response: withProblems({ 200: listOf(productSchema) }),
      },
    },
    async (request) => listProducts(db, callContext(request), request.query),
  );

  app.post(
    '/api/v1/products',
    {
      config: { permission: 'catalog.write' },
      schema: {
        tags,
        summary:
          'Add a product or service; storeId makes it that store’s own, otherwise it is sold everywhere',
        body: createProductBody,
        response: withProblems({ 201: productSchema }),
      },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      const product = await inTransaction(db, (trx) => createProduct(trx, ctx, request.body));
      return reply.status(201).send(product);
    },
  );

  app.get(
    '/api/v1/products/by-barcode/:barcode',
    {
      config: { permission: 'catalog.read' },
      schema: {
        tags,
        summary: 'The product with a barcode (a scan at the till); with X-Store-Id, only if sold there',
        params: barcodeParams,
        response: withProblems({ 200: productSchema }),
      },
    },
    async (request) => productByBarcode(db, callContext(request), request.params.barcode),
  );

  app.get(
    '/api/v1/products/:id',
    {
      config: { permission: 'catalog.read' },
      schema: { tags, params: idParams, response: withProblems({ 200: productSchema }) },
    },
    async (request) => getProduct(db, callContext(request), request.params.id),
  );

  app.patch(
    '/api/v1/products/:id',
    {
      config: { permission: 'catalog.write' },
      schema: {
        tags,
        summary: 'Change a product; memberPrices, when sent, replaces the whole list',
        params: idParams,
        body: updateProductBody,
        response: withProblems({ 200: productSchema }),
      },
    },
    async (request) => {
      const ctx = callContext(request);
      return inTransaction(db, (trx) => updateProduct(trx, ctx, request.params.id, request.body));
    },
  );
}
