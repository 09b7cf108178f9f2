// What a service needs to know about the call it serves: who, where, in which language,
// and which request (for the audit trail and logs).
import type { Locale } from '../config.ts';
import type { Actor } from './access/actor.ts';

export interface CallContext {
  actor: Actor;
  locale: Locale;
  requestId: string;
  ip: string | null;
  /** The store the console has selected (X-Store-Id), already checked to be in scope. */
  storeId: string | null;
}
