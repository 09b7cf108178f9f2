// HTTP routes for count packages (计次卡): products, and selling, using, renewing and
// refunding a member's packages. Every call that moves uses or money takes an Idempotency-Key.
import { z } from 'zod';
import { inTransaction } from '../../db/transaction.ts';
import { hasPermission } from '../../platform/access/scope.ts';
import { callContext } from '../../platform/auth/request-auth.ts';
import { AppError } from '../../platform/errors.ts';
import { idempotentCall } from '../../platform/http/idempotent.ts';
import { type RouteDeps, withProblems, type ZodApp } from '../../platform/http/route-kit.ts';
import { idParams, listOf } from '../../platform/http/schemas.ts';
import { checkSpendCard, spendCardNow } from '../ledger/card-checks.ts';
import { listMemberPackages, packageDetail, packageInScope } from './member-packages.ts';
import { createPackageProduct, listPackageProducts, updatePackageProduct } from './products.ts';
import { refundPackage } from './refund.ts';
import {
  createPackageProductBody,
  memberPackageDetail,
  memberPackageSchema,
  memberPackagesQuery,
  packageProductSchema,
  packageProductsQuery,
  refundPackageBody,
  refundPackageResult,
  renewPackageBody,
  renewPackageResult,
  sellPackageBody,
  sellPackageResult,
  updatePackageProductBody,
  usePackageBody,
  usePackageResult,
} from './schema.ts';
import { renewPackage, sellPackage } from './sell.ts';
import { reverseUse, usePackage } from './use.ts';

const idempotencyHeader = z.object({ 'idempotency-key': z.string().max(200).optional() });

const reverseUseResult = z.object({
  id: z.string(),
  packageId: z.string(),
  useTransactionId: z.string(),
  uses: z.number(),
  remaining: z.number(),
});

export function packageRoutes(app: ZodApp, { database }: RouteDeps): void {
  const { db } = database;
  const tags = ['packages'];

  app.get(
    '/api/v1/package-products',
    {
      schema: {
        tags,
        summary: 'Package products (计次卡项目); needs catalog.read or ledger.read',
        querystring: packageProductsQuery,
        response: withProblems({ 200: z.object({ items: z.array(packageProductSchema) }) }),
      },
    },
    async (request) => {
      const { actor } = callContext(request);
      if (!hasPermission(actor, 'catalog.read') && !hasPermission(actor, 'ledger.read'))
        throw new AppError('FORBIDDEN', { permission: 'catalog.read' });
      const active = request.query.active === undefined ? undefined : request.query.active === 'true';
      return { items: await listPackageProducts(db, actor.merchantId, active) };
    },
  );

  app.post(
    '/api/v1/package-products',
    {
      config: { permission: 'settings.write' },
      schema: { tags, body: createPackageProductBody, response: withProblems({ 201: packageProductSchema }) },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      const product = await inTransaction(db, (trx) => createPackageProduct(trx, ctx, request.body));
      return reply.status(201).send(product);
    },
  );

  app.patch(
    '/api/v1/package-products/:id',
    {
      config: { permission: 'settings.write' },
      schema: {
        tags,
        params: idParams,
        body: updatePackageProductBody,
        response: withProblems({ 200: packageProductSchema }),
      },
    },
    async (request) => {
      const ctx = callContext(request);
      return inTransaction(db, (trx) => updatePackageProduct(trx, ctx, request.params.id, request.body));
    },
  );

  app.post(
    '/api/v1/members/:id/packages',
    {
      config: { permission: 'checkout.sell' },
      schema: {
        tags,
        summary: 'Sell a count package: a new package account credited with its uses',
        params: idParams,
        headers: idempotencyHeader,
        body: sellPackageBody,
        response: withProblems({ 200: sellPackageResult, 201: sellPackageResult }),
      },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      const memberId = request.params.id;
      const { cardNo, pin, ...input } = request.body;
      const spendCardNo =
        input.tender === 'stored_value' ? await checkSpendCard(db, ctx, memberId, cardNo, pin) : undefined;
      return idempotentCall(db, ctx, request, reply, async (trx) => {
        const card = await spendCardNow(trx, ctx, spendCardNo);
        const { transactionId, ...sale } = await sellPackage(trx, ctx, memberId, card, input);
        return { statusCode: 201, body: { id: transactionId, ...sale } };
      });
    },
  );

  app.get(
    '/api/v1/members/:id/packages',
    {
      config: { permission: 'ledger.read' },
      schema: {
        tags,
        summary: "A member's packages, newest first",
        params: idParams,
        querystring: memberPackagesQuery,
        response: withProblems({ 200: listOf(memberPackageSchema) }),
      },
    },
    async (request) => listMemberPackages(db, callContext(request), request.params.id, request.query),
  );

  app.get(
    '/api/v1/member-packages/:id',
    {
      config: { permission: 'ledger.read' },
      schema: {
        tags,
        summary: 'One package: remaining uses, expiry, usage history and payments',
        params: idParams,
        response: withProblems({ 200: memberPackageDetail }),
      },
    },
    async (request) => packageDetail(db, callContext(request), request.params.id),
  );

  app.post(
    '/api/v1/member-packages/:id/use',
    {
      config: { permission: 'checkout.sell' },
      schema: {
        tags,
        summary: 'Use a package (核销) at the selected store; several uses at once allowed',
        params: idParams,
        headers: idempotencyHeader,
        body: usePackageBody,
        response: withProblems({ 200: usePackageResult, 201: usePackageResult }),
      },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      return idempotentCall(db, ctx, request, reply, async (trx) => {
        const { transactionId, ...use } = await usePackage(trx, ctx, request.params.id, request.body);
        return { statusCode: 201, body: { id: transactionId, ...use } };
      });
    },
  );

  app.post(
    '/api/v1/member-packages/:id/renew',
    {
      config: { permission: 'checkout.sell' },
      schema: {
        tags,
        summary: 'Renew a package (续次): add uses, optionally restart its validity',
        params: idParams,
        headers: idempotencyHeader,
        body: renewPackageBody,
        response: withProblems({ 200: renewPackageResult, 201: renewPackageResult }),
      },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      const { cardNo, pin, ...input } = request.body;
      let spendCardNo: string | undefined;
      if (input.tender === 'stored_value') {
        const { pkg } = await packageInScope(db, ctx, 'members.read', request.params.id);
        spendCardNo = await checkSpendCard(db, ctx, pkg.memberId, cardNo, pin);
      }
      return idempotentCall(db, ctx, request, reply, async (trx) => {
        const card = await spendCardNow(trx, ctx, spendCardNo);
        const { transactionId, ...renewal } = await renewPackage(trx, ctx, request.params.id, card, input);
        return { statusCode: 201, body: { id: transactionId, ...renewal } };
      });
    },
  );

  app.post(
    '/api/v1/member-packages/:id/refund',
    {
      config: { permission: 'checkout.return' },
      schema: {
        tags,
        summary: 'Refund the unused uses at the prorated price, to the tenders that paid',
        params: idParams,
        headers: idempotencyHeader,
        body: refundPackageBody,
        response: withProblems({ 200: refundPackageResult, 201: refundPackageResult }),
      },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      return idempotentCall(db, ctx, request, reply, async (trx) => {
        const { transactionId, ...refund } = await refundPackage(trx, ctx, request.params.id, request.body);
        return { statusCode: 201, body: { id: transactionId, ...refund } };
      });
    },
  );

  app.post(
    '/api/v1/package-uses/:id/reverse',
    {
      config: { permission: 'checkout.return' },
      schema: {
        tags,
        summary: 'Give back the uses a package use took (a use in error, or a returned line)',
        params: idParams,
        headers: idempotencyHeader,
        body: refundPackageBody,
        response: withProblems({ 200: reverseUseResult, 201: reverseUseResult }),
      },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      return idempotentCall(db, ctx, request, reply, async (trx) => {
        const { transactionId, ...reversal } = await reverseUse(
          trx,
          ctx,
          request.params.id,
          request.body.reason,
        );
        return { statusCode: 201, body: { id: transactionId, ...reversal } };
      });
    },
  );
}
