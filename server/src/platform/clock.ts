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

/** Today's calendar date (YYYY-MM-DD) in a time zone: "today" for expiry and birthdays. */
export function todayIn(timeZone: string, at: Date = now()): string {
  return dayFormatter(timeZone).format(at);
}

// Building an Intl.DateTimeFormat costs far more than using one (it showed as 13% of a
// lookup's CPU); keep one per time zone.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormatters.set(timeZone, format);
  }
  return format;
}

/** The instant (ISO, UTC) at which a calendar day (YYYY-MM-DD) starts in a time zone. */
export function startOfDayIn(date: string, timeZone: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(year, month - 1, day);
  // The zone's offset at that moment: format the instant in the zone and read it back as UTC.
  const offsetAt = (instant: number) => {
    const parts = instantFormatter(timeZone).formatToParts(new Date(instant));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return (
      Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - instant
    );
  };
  const first = utcMidnight - offsetAt(utcMidnight);
  return new Date(utcMidnight - offsetAt(first)).toISOString();
}

/** A calendar date plus whole days (YYYY-MM-DD in, YYYY-MM-DD out). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** A calendar date plus whole months, clamped to the month's last day (Jan 31 + 1 = Feb 28). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

/** Whether a YYYY-MM-DD string names a real calendar date. */
export function isRealDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return (
    parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day
  );
}

const instantFormatters = new Map<string, Intl.DateTimeFormat>();
function instantFormatter(timeZone: string): Intl.DateTimeFormat {
  let format = instantFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    instantFormatters.set(timeZone, format);
  }
  return format;
}
