// HTTP routes for stored value: recharge, spend, their refunds, recharge rules, and the
// ledger queries. Every money call takes an Idempotency-Key.
import { z } from 'zod';
import { inTransaction } from '../../db/transaction.ts';
import { holdsMerchantWide, unitIdsInScope } from '../../platform/access/scope.ts';
import { callContext } from '../../platform/auth/request-auth.ts';
import { todayIn } from '../../platform/clock.ts';
import { sendDownload } from '../../platform/export/table.ts';
import { idempotentCall } from '../../platform/http/idempotent.ts';
import { type RouteDeps, withProblems, type ZodApp } from '../../platform/http/route-kit.ts';
import { idParams, listOf } from '../../platform/http/schemas.ts';
import { readIdempotencyKey } from '../../platform/idempotency.ts';
import { merchantFacts } from '../../platform/merchant.ts';
import { adjustStoredValue } from './adjust.ts';
import { getBatchJob, startBatchRecharge } from './batch-recharge.ts';
import { checkSpendCard, rechargeCard, spendCardNow } from './card-checks.ts';
import { exportMemberHistory } from './history-export.ts';
import { memberBalances, memberHistory, storedValueLiability } from './queries.ts';
import { exportRecharges, listRecharges } from './recharge-report.ts';
import { chooseBonus } from './recharge-rules.ts';
import {
  activeRechargeRules,
  createRechargeRule,
  listRechargeRules,
  updateRechargeRule,
} from './recharge-rules-repo.ts';
import {
  adjustBody,
  adjustResult,
  balancesSchema,
  batchJobSchema,
  batchRechargeBody,
  bonusPreviewQuery,
  chargeBody,
  chargeRefundResult,
  chargeResult,
  historyExportQuery,
  historyItem,
  historyQuery,
  liabilityQuery,
  liabilitySchema,
  rechargeBody,
  rechargeRefundResult,
  rechargeReportExportQuery,
  rechargeReportListQuery,
  rechargeReportRow,
  rechargeResult,
  rechargeRuleBody,
  rechargeRuleSchema,
  refundChargeBody,
  refundRechargeBody,
} from './schema.ts';
import { charge, recharge, refundCharge, refundRecharge } from './stored-value.ts';

const idempotencyHeader = z.object({ 'idempotency-key': z.string().max(200).optional() });

export function ledgerRoutes(app: ZodApp, { database }: RouteDeps): void {
  const { db } = database;
  const tags = ['ledger'];

  app.post(
    '/api/v1/members/:id/recharges',
    {
      config: { permission: 'ledger.recharge' },
      schema: {
        tags,
        summary: 'Recharge stored value (充值), with the bonus of the matching recharge rule',
        params: idParams,
        headers: idempotencyHeader,
        body: rechargeBody,
        response: withProblems({ 200: rechargeResult, 201: rechargeResult }),
      },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      const memberId = request.params.id;
      return idempotentCall(db, ctx, request, reply, async (trx) => {
        const card = await rechargeCard(trx, ctx, memberId, request.body.cardNo);
        const result = await recharge(trx, ctx, memberId, card, request.body);
        return {
          statusCode: 201,
          body: {
            id: result.transactionId,
            memberId,
            amount: request.body.amount,
            bonus: result.bonus,
            ruleName: result.ruleName,
            tender: request.body.tender,
            balances: await memberBalances(trx, ctx, memberId),
          },
        };
      });
    },
  );

  app.post(
    '/api/v1/recharges/:id/refund',
    {
      config: { permission: 'ledger.refund' },
      schema: {
        tags,
        summary: 'Refund a recharge; its bonus is taken back',
        params: idParams,
        headers: idempotencyHeader,
        body: refundRechargeBody,
        response: withProblems({ 200: rechargeRefundResult, 201: rechargeRefundResult }),
      },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      return idempotentCall(db, ctx, request, reply, async (trx) => {
        const result = await refundRecharge(trx, ctx, request.params.id, request.body);
        // The service read the member from the original transaction; no second query.
        const { memberId, ...outcome } = result;
        return {
          statusCode: 201,
          body: {
            id: result.transactionId,
            rechargeId: request.params.id,
            ...outcome,
            balances: await memberBalances(trx, ctx, memberId),
          },
        };
      });
    },
  );

  app.post(
    '/api/v1/members/:id/charges',
    {
      config: { permission: 'checkout.sell' },
      schema: {
        tags,
        summary: 'Spend stored value without a cart (快速消费); PIN when the card type needs it',
        params: idParams,
        headers: idempotencyHeader,
        body: chargeBody,
        response: withProblems({ 200: chargeResult, 201: chargeResult }),
      },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      const memberId = request.params.id;
      const cardNo = await checkSpendCard(db, ctx, memberId, request.body.cardNo, request.body.pin);
      return idempotentCall(db, ctx, request, reply, async (trx) => {
        const card = await spendCardNow(trx, ctx, cardNo);
        const result = await charge(trx, ctx, memberId, card, request.body);
        return {
          statusCode: 201,
          body: {
            id: result.transactionId,
            memberId,
            amount: request.body.amount,
            principal: result.principal,
            bonus: result.bonus,
            balances: await memberBalances(trx, ctx, memberId),
          },
        };
      });
    },
  );

  app.post(
    '/api/v1/charges/:id/refund',
    {
      config: { permission: 'checkout.return' },
      schema: {
        tags,
        summary: 'Refund a stored-value spend to the accounts it came from',
        params: idParams,
        headers: idempotencyHeader,
        body: refundChargeBody,
        response: withProblems({ 200: chargeRefundResult, 201: chargeRefundResult }),
      },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      return idempotentCall(db, ctx, request, reply, async (trx) => {
        const result = await refundCharge(trx, ctx, request.params.id, request.body);
        // The service read the member from the original transaction; no second query.
        const { memberId } = result;
        return {
          statusCode: 201,
          body: {
            id: result.transactionId,
            chargeId: request.params.id,
            principal: result.principal,
            bonus: result.bonus,
            balances: await memberBalances(trx, ctx, memberId),
          },
        };
      });
    },
  );

  app.post(
    '/api/v1/members/:id/stored-value/adjust',
    {
      config: { permission: 'ledger.adjust' },
      schema: {
        tags,
        summary: 'Correct principal or bonus by a signed amount, with a reason (manager)',
        params: idParams,
        headers: idempotencyHeader,
        body: adjustBody,
        response: withProblems({ 200: adjustResult, 201: adjustResult }),
      },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      const memberId = request.params.id;
      return idempotentCall(db, ctx, request, reply, async (trx) => {
        const result = await adjustStoredValue(trx, ctx, memberId, request.body);
        return {
          statusCode: 201,
          body: { id: result.transactionId, memberId, balances: await memberBalances(trx, ctx, memberId) },
        };
      });
    },
  );

  app.post(
    '/api/v1/recharges/batch',
    {
      config: { permission: 'ledger.recharge' },
      schema: {
        tags,
        summary: 'Batch recharge (企业批量充值) for a member filter or a list of rows; dry run first',
        headers: idempotencyHeader,
        body: batchRechargeBody,
        response: withProblems({ 202: batchJobSchema }),
      },
    },
    async (request, reply) => {
      const key = readIdempotencyKey(request.headers['idempotency-key']);
      const job = await startBatchRecharge(db, callContext(request), request.body, key);
      return reply.status(202).send(job);
    },
  );

  app.get(
    '/api/v1/recharges/batch/:id',
    {
      config: { permission: 'ledger.recharge' },
      schema: {
        tags,
        summary: 'Progress and report of a batch recharge',
        params: idParams,
        response: withProblems({ 200: batchJobSchema }),
      },
    },
    async (request) => getBatchJob(db, callContext(request), request.params.id),
  );

  app.get(
    '/api/v1/members/:id/balances',
    {
      config: { permission: 'ledger.read' },
      schema: {
        tags,
        summary: 'Principal, bonus, points (with expiry) and packages',
        params: idParams,
        response: withProblems({ 200: balancesSchema }),
      },
    },
    async (request) => memberBalances(db, callContext(request), request.params.id),
  );

  app.get(
    '/api/v1/members/:id/ledger',
    {
      config: { permission: 'ledger.read' },
      schema: {
        tags,
        summary: "A member's ledger history, newest first",
        params: idParams,
        querystring: historyQuery,
        response: withProblems({ 200: listOf(historyItem) }),
      },
    },
    async (request) => memberHistory(db, callContext(request), request.params.id, request.query),
  );

  app.get(
    '/api/v1/members/:id/ledger/export',
    {
      config: { permission: 'ledger.read' },
      schema: {
        tags,
        summary: "A member's ledger history as xlsx or CSV, with the list's filters",
        params: idParams,
        querystring: historyExportQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
        response: withProblems({ 200: z.any().describe('the xlsx or CSV file, streamed') }),
      },
    },
    async (request, reply) => {
      const download = await exportMemberHistory(db, callContext(request), request.params.id, request.query);
      return sendDownload(reply, download);
    },
  );

  app.get(
    '/api/v1/ledger/recharges',
    {
      config: { permission: 'reports.read' },
      schema: {
        tags,
        summary: 'Recharge detail (充值明细) in a period, within your stores, newest first',
        querystring: rechargeReportListQuery,
        response: withProblems({ 200: listOf(rechargeReportRow) }),
      },
    },
    async (request) => listRecharges(db, callContext(request), request.query),
  );

  app.get(
    '/api/v1/ledger/recharges/export',
    {
      config: { permission: 'reports.read' },
      schema: {
        tags,
        summary: 'Recharge detail as xlsx or CSV',
        querystring: rechargeReportExportQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
        response: withProblems({ 200: z.any().describe('the xlsx or CSV file, streamed') }),
      },
    },
    async (request, reply) => {
      const download = await exportRecharges(db, callContext(request), request.query);
      return sendDownload(reply, download);
    },
  );

  app.get(
    '/api/v1/ledger/liability',
    {
      config: { permission: 'reports.read' },
      schema: {
        tags,
        summary: 'Outstanding stored value (the liability), now or at an instant',
        querystring: liabilityQuery,
        response: withProblems({ 200: liabilitySchema }),
      },
    },
    async (request) => {
      const { actor } = callContext(request);
      // Headquarters sees the merchant's liability; a store or region manager the part owed
      // to members of their stores.
      const unitIds = holdsMerchantWide(actor, 'reports.read')
        ? undefined
        : await unitIdsInScope(db, actor, 'reports.read');
      return storedValueLiability(db, actor.merchantId, request.query.at, unitIds);
    },
  );

  app.get(
    '/api/v1/recharge-rules',
    {
      config: { permission: 'ledger.read' },
      schema: { tags, response: withProblems({ 200: z.object({ items: z.array(rechargeRuleSchema) }) }) },
    },
    async (request) => ({ items: await listRechargeRules(db, callContext(request).actor.merchantId) }),
  );

  app.get(
    '/api/v1/recharge-rules/preview',
    {
      config: { permission: 'ledger.recharge' },
      schema: {
        tags,
        summary: 'The bonus a recharge of this amount would get now, at the selected store',
        querystring: bonusPreviewQuery,
        response: withProblems({ 200: z.object({ bonus: z.number(), ruleName: z.string().nullable() }) }),
      },
    },
    async (request) => {
      const ctx = callContext(request);
      const facts = await merchantFacts(db, ctx.actor.merchantId);
      const chosen = chooseBonus(await activeRechargeRules(db, ctx.actor.merchantId), {
        amount: request.query.amount,
        today: todayIn(facts.timeZone),
        unitId: ctx.storeId ?? ctx.actor.unitId,
        cardTypeId: request.query.cardTypeId ?? null,
      });
      return { bonus: chosen?.bonus ?? 0, ruleName: chosen?.rule.name ?? null };
    },
  );

  app.post(
    '/api/v1/recharge-rules',
    {
      config: { permission: 'settings.write' },
      schema: { tags, body: rechargeRuleBody, response: withProblems({ 201: rechargeRuleSchema }) },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      const rule = await inTransaction(db, (trx) => createRechargeRule(trx, ctx, request.body));
      return reply.status(201).send(rule);
    },
  );

  app.put(
    '/api/v1/recharge-rules/:id',
    {
      config: { permission: 'settings.write' },
      schema: {
        tags,
        params: idParams,
        body: rechargeRuleBody,
        response: withProblems({ 200: rechargeRuleSchema }),
      },
    },
    async (request) => {
      const ctx = callContext(request);
      return inTransaction(db, (trx) => updateRechargeRule(trx, ctx, request.params.id, request.body));
    },
  );
}
