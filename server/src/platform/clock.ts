// The server's clock. Everything that asks "what time is it" asks here, so tests can move
// time explicitly instead of sleeping, and no client ever supplies "now".
let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

export function nowIso(): string {
  return now().toISOString();
}

/** Tests only: move the clock forward (or back) by `ms`. */
export function advanceClock(ms: number): void {
  offsetMs += ms;
}

/** Tests only: put the clock back to real time. */
export function resetClock(): void {
  offsetMs = 0;
}
