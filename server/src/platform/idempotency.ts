// Idempotency for money calls. The key row is inserted in the same transaction as the
// money it guards, so either both commit or neither does:
// - a first call inserts the key, does the work and stores its answer;
// - a retry with the same key and body finds the row and gets the first answer back;
// - the same key with another body is refused with IDEMPOTENCY_KEY_REUSED.
// Two calls racing with one key: on PostgreSQL the second insert waits on the unique index
// until the first commits, then sees the row; on SQLite transactions are serial anyway.
import { createHash } from 'node:crypto';
import type { Trx } from '../db/transaction.ts';
import { nowIso } from './clock.ts';
import { AppError } from './errors.ts';

export interface IdempotentAnswer<T> {
  statusCode: number;
  body: T;
  /** True when this answer was replayed from an earlier call with the same key. */
  replayed: boolean;
}

/** A stable hash of what the request asks for (route + body), independent of key order. */
export function requestFingerprint(route: string, body: unknown): string {
  return createHash('sha256').update(route).update('\n').update(stableStringify(body)).digest('base64url');
}

function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

export async function withIdempotency<T>(
  trx: Trx,
  guard: { merchantId: string; key: string; fingerprint: string },
  work: () => Promise<{ statusCode: number; body: T }>,
): Promise<IdempotentAnswer<T>> {
  const claimed = await trx
    .insertInto('idempotencyKeys')
    .values({
      merchantId: guard.merchantId,
      key: guard.key,
      requestHash: guard.fingerprint,
      statusCode: 0,
      responseJson: '',
      createdAt: nowIso(),
    })
    .onConflict((oc) => oc.columns(['merchantId', 'key']).doNothing())
    .executeTakeFirst();

  if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) {
    const earlier = await trx
      .selectFrom('idempotencyKeys')
      .select(['requestHash', 'statusCode', 'responseJson'])
      .where('merchantId', '=', guard.merchantId)
      .where('key', '=', guard.key)
      .executeTakeFirstOrThrow();
    if (earlier.requestHash !== guard.fingerprint) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    return { statusCode: earlier.statusCode, body: JSON.parse(earlier.responseJson) as T, replayed: true };
  }

  const answer = await work();
  await trx
    .updateTable('idempotencyKeys')
    .set({ statusCode: answer.statusCode, responseJson: JSON.stringify(answer.body) })
    .where('merchantId', '=', guard.merchantId)
    .where('key', '=', guard.key)
    .execute();
  return { ...answer, replayed: false };
}

/** Idempotency-Key header rules: required on money calls, printable, at most 200 characters. */
export function readIdempotencyKey(header: string | string[] | undefined): string {
  const key = Array.isArray(header) ? header[0] : header;
  if (!key) throw new AppError('IDEMPOTENCY_KEY_REQUIRED');
  if (key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new AppError('VALIDATION_FAILED', {}, [
      { field: 'Idempotency-Key', code: 'invalid_format', message: '1-200 printable ASCII characters' },
    ]);
  }
  return key;
}
