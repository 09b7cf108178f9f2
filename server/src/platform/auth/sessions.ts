// Operator sessions: an opaque random token (cookie for the console, bearer for API
// clients). Only its SHA-256 is stored, so a leaked database does not leak sessions.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { Trx } from '../../db/transaction.ts';
import { now } from '../clock.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { forgetOperator, forgetSession } from './actor-cache.ts';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export interface NewSession {
  id: string;
  token: string;
  expiresAt: string;
}

export async function createSession(
  trx: Trx,
  input: {
    merchantId: string;
    operatorId: string;
    ttlMinutes: number;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const createdAt = now();
  const expiresAt = new Date(createdAt.getTime() + input.ttlMinutes * 60_000).toISOString();
  const id = newId('session');
  await trx
    .insertInto('sessions')
    .values({
      id,
      merchantId: input.merchantId,
      operatorId: input.operatorId,
      tokenHash: hashToken(token),
      createdAt: createdAt.toISOString(),
      expiresAt,
      revokedAt: null,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { id, token, expiresAt };
}

/** The live session for a token, or UNAUTHENTICATED / SESSION_EXPIRED. */
export async function resolveSession(db: Db, token: string) {
  const session = await db
    .selectFrom('sessions')
    .select(['id', 'operatorId', 'merchantId', 'expiresAt', 'revokedAt'])
    .where('tokenHash', '=', hashToken(token))
    .executeTakeFirst();
  if (!session) throw new AppError('UNAUTHENTICATED');
  if (session.revokedAt || session.expiresAt <= now().toISOString()) throw new AppError('SESSION_EXPIRED');
  return session;
}

export async function revokeSession(trx: Trx, sessionId: string): Promise<void> {
  forgetSession(sessionId);
  await trx
    .updateTable('sessions')
    .set({ revokedAt: now().toISOString() })
    .where('id', '=', sessionId)
    .where('revokedAt', 'is', null)
    .execute();
}

/** Ends every session of an operator: on a password change, a role change or disabling. */
export async function revokeOperatorSessions(trx: Trx, operatorId: string): Promise<void> {
  forgetOperator(operatorId);
  await trx
    .updateTable('sessions')
    .set({ revokedAt: now().toISOString() })
    .where('operatorId', '=', operatorId)
    .where('revokedAt', 'is', null)
    .execute();
}
