// The audit log: who did what to which object, where, with the state before and after.
// Written in the same transaction as the change it records; there is no API to edit it.
import type { Trx } from '../../db/transaction.ts';
import { nowIso } from '../clock.ts';
import type { CallContext } from '../context.ts';
import { newId } from '../ids.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  unitId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Fields never copied into the log, whatever object they appear on. */
const secretFields = new Set(['passwordHash', 'password', 'pinHash', 'pin', 'tokenHash', 'token']);

function redact(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (key, field) => (secretFields.has(key) ? undefined : field));
}

export async function recordAudit(trx: Trx, ctx: CallContext, entry: AuditEntry): Promise<void> {
  await recordAuditAs(trx, {
    merchantId: ctx.actor.merchantId,
    actorType: 'operator',
    actorId: ctx.actor.operatorId,
    actorName: ctx.actor.username,
    requestId: ctx.requestId,
    ip: ctx.ip,
    unitId: entry.unitId ?? ctx.storeId,
    ...entry,
  });
}

/** For writes made by the system (seed, jobs) or before anyone is signed in (login). */
export async function recordAuditAs(
  trx: Trx,
  entry: AuditEntry & {
    merchantId: string;
    actorType: 'operator' | 'member' | 'system';
    actorId: string | null;
    actorName: string | null;
    requestId?: string | null;
    ip?: string | null;
  },
): Promise<void> {
  await trx
    .insertInto('auditLog')
    .values({
      id: newId('audit'),
      merchantId: entry.merchantId,
      at: nowIso(),
      actorType: entry.actorType,
      actorId: entry.actorId,
      actorName: entry.actorName,
      unitId: entry.unitId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      beforeJson: redact(entry.before),
      afterJson: redact(entry.after),
      requestId: entry.requestId ?? null,
      ip: entry.ip ?? null,
    })
    .execute();
}
