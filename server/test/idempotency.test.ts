// Idempotency keys: a retry with the same key and body returns the first answer and does
// the work once; the same key with another body is refused; concurrent duplicates do the
// work once. The work here writes an audit row so "done once" is countable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../src/db/transaction.ts';
import { createMerchant } from '../src/modules/org/setup.ts';
import { recordAuditAs } from '../src/platform/audit/service.ts';
import { AppError } from '../src/platform/errors.ts';
import { requestFingerprint, withIdempotency } from '../src/platform/idempotency.ts';
import { createTestDatabase, type TestDatabase } from './support/database.ts';

let database: TestDatabase;
let merchantId: string;
beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 20 });
  merchantId = (
    await inTransaction(database.db, (trx) =>
      createMerchant(trx, { name: 'M', hqName: 'HQ', timeZone: 'Asia/Shanghai', currency: 'CNY' }),
    )
  ).merchantId;
});
afterAll(() => database.destroy());

let served = 0;
function call(key: string, body: { amount: number }) {
  const fingerprint = requestFingerprint('POST /test/charges', body);
  return inTransaction(database.db, (trx) =>
    withIdempotency(trx, { merchantId, key, fingerprint }, async () => {
      served++;
      await recordAuditAs(trx, {
        merchantId,
        actorType: 'system',
        actorId: null,
        actorName: 'test',
        action: 'test.charge',
        entityType: 'test',
        entityId: key,
        after: body,
      });
      return { statusCode: 201, body: { charged: body.amount, serial: served } };
    }),
  );
}

async function effects(key: string) {
  const rows = await database.db.selectFrom('auditLog').select('id').where('entityId', '=', key).execute();
  return rows.length;
}

describe('idempotency keys', () => {
  it('replay the first answer for a retry with the same key and body, and move nothing', async () => {
    const first = await call('key-a', { amount: 100 });
    const retry = await call('key-a', { amount: 100 });
    expect(first.replayed).toBe(false);
    expect(retry.replayed).toBe(true);
    expect(retry.body).toEqual(first.body);
    expect(retry.statusCode).toBe(201);
    expect(await effects('key-a')).toBe(1);
  });

  it('refuse the same key with another body', async () => {
    await call('key-b', { amount: 100 });
    await expect(call('key-b', { amount: 999 })).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await effects('key-b')).toBe(1);
  });

  it('treat the same body with keys in another order as the same request', () => {
    expect(requestFingerprint('r', { a: 1, b: [1, { c: 2, d: 3 }] })).toBe(
      requestFingerprint('r', { b: [1, { d: 3, c: 2 }], a: 1 }),
    );
    expect(requestFingerprint('r', { a: 1 })).not.toBe(requestFingerprint('r2', { a: 1 }));
  });

  it('do the work once when the same key arrives 20 times at once', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => call('key-c', { amount: 5 })));
    expect(await effects('key-c')).toBe(1);
    const bodies = new Set(answers.map((a) => JSON.stringify(a.body)));
    expect(bodies.size).toBe(1);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
  });

  it('leave no trace of a call that failed, so it can be retried', async () => {
    const failing = inTransaction(database.db, (trx) =>
      withIdempotency(trx, { merchantId, key: 'key-d', fingerprint: 'f' }, async () => {
        throw new AppError('VALIDATION_FAILED');
      }),
    );
    await expect(failing).rejects.toBeInstanceOf(AppError);
    const row = await database.db
      .selectFrom('idempotencyKeys')
      .select('key')
      .where('key', '=', 'key-d')
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });
});
