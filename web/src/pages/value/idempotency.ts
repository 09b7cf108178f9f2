// One Idempotency-Key per user action: a retry of the same submission (the same body, say
// after a timeout) sends the same key, so the server moves the money once; a changed body
// or a new action gets a fresh key, because the server refuses a key reused for another body.
import { useCallback, useRef } from 'react';

/**
 * crypto.randomUUID exists only in secure contexts; a till opened over plain http on the
 * shop's network is not one, so fall back to getRandomValues (available everywhere).
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function useIdempotencyKey(): { keyFor: (body: unknown) => string; reset: () => void } {
  const last = useRef<{ fingerprint: string; key: string } | null>(null);
  const keyFor = useCallback((body: unknown) => {
    const fingerprint = JSON.stringify(body);
    if (last.current?.fingerprint !== fingerprint) last.current = { fingerprint, key: newIdempotencyKey() };
    return last.current.key;
  }, []);
  const reset = useCallback(() => {
    last.current = null;
  }, []);
  return { keyFor, reset };
}
