// Runs a money call idempotently: the Idempotency-Key header is required, and the key,
// the work and its answer commit in one transaction (see platform/idempotency.ts).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { inTransaction, type Trx } from '../../db/transaction.ts';
import type { CallContext } from '../context.ts';
import { readIdempotencyKey, requestFingerprint, withIdempotency } from '../idempotency.ts';

export async function idempotentCall<T>(
  db: Db,
  ctx: CallContext,
  request: FastifyRequest,
  reply: FastifyReply,
  work: (trx: Trx) => Promise<{ statusCode: number; body: T }>,
): Promise<T> {
  const key = readIdempotencyKey(request.headers['idempotency-key']);
  const fingerprint = requestFingerprint(`${request.method} ${request.url.split('?')[0]}`, request.body);
  const answer = await inTransaction(db, (trx) =>
    withIdempotency(trx, { merchantId: ctx.actor.merchantId, key, fingerprint }, () => work(trx)),
  );
  if (answer.replayed) reply.header('idempotency-replayed', 'true');
  reply.status(answer.statusCode);
  return answer.body;
}
