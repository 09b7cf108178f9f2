// Who a session token belongs to, remembered for two seconds: resolving it costs three
// queries, and a busy till asks several times a second. Revoking sessions in this process
// forgets them at once; another process sharing the database sees a revocation within the
// two seconds.
import type { Actor } from '../access/actor.ts';
import { now } from '../clock.ts';

const ttlMs = 2000;
const maxEntries = 10_000;

interface Entry {
  actor: Actor;
  sessionExpiresAt: string;
  cachedAt: number;
}

const entries = new Map<string, Entry>();

/** The actor for a token hash if it was resolved moments ago and the session is still valid. */
export function cachedActor(tokenHash: string): Actor | undefined {
  const entry = entries.get(tokenHash);
  if (!entry) return undefined;
  if (Date.now() - entry.cachedAt > ttlMs || entry.sessionExpiresAt <= now().toISOString()) {
    entries.delete(tokenHash);
    return undefined;
  }
  return entry.actor;
}

export function rememberActor(tokenHash: string, actor: Actor, sessionExpiresAt: string): void {
  if (entries.size >= maxEntries) entries.clear();
  entries.set(tokenHash, { actor, sessionExpiresAt, cachedAt: Date.now() });
}

export function forgetSession(sessionId: string): void {
  for (const [key, entry] of entries) if (entry.actor.sessionId === sessionId) entries.delete(key);
}

export function forgetOperator(operatorId: string): void {
  for (const [key, entry] of entries) if (entry.actor.operatorId === operatorId) entries.delete(key);
}
