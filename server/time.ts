/**
 * Time in the municipality: everything is stored in UTC and shown and counted in Asia/Tokyo.
 * Japan has had no daylight saving time since 1951, so local time is UTC+9 throughout and plain
 * arithmetic is exact (schedules that need calendars use @date-fns/tz; see checkins.schedule.ts).
 */
export const TOKYO_OFFSET_MS = 9 * 3_600_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Dates people type are refused outside [1900, 2200): earlier is a typo, not a fact (and year 0
 * is not a PostgreSQL date), later no plan of ours reaches.
 */
export const EARLIEST_INPUT_MS = Date.UTC(1900, 0, 1);
export const LATEST_INPUT_MS = Date.UTC(2200, 0, 1);

/** True for an instant or YYYY-MM-DD day people may type: parseable and within [1900, 2200). */
export function isSaneInputDate(value: string | Date): boolean {
  const ms = typeof value === 'string' ? (DAY_RE.test(value) ? Date.parse(`${value}T00:00:00Z`) : Date.parse(value)) : value.getTime();
  return Number.isFinite(ms) && ms >= EARLIEST_INPUT_MS && ms < LATEST_INPUT_MS;
}

/** The local (Asia/Tokyo) calendar date of an instant, as YYYY-MM-DD. */
export function tokyoDate(t: Date): string {
  return new Date(t.getTime() + TOKYO_OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight in Asia/Tokyo at the start of a YYYY-MM-DD day, as epoch milliseconds. */
export function tokyoMidnight(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - TOKYO_OFFSET_MS;
}

/** Midnight in Asia/Tokyo at the start of the day containing t. */
export function startOfTokyoDay(t: Date): Date {
  return new Date(Math.floor((t.getTime() + TOKYO_OFFSET_MS) / DAY_MS) * DAY_MS - TOKYO_OFFSET_MS);
}

/** True for a bare calendar day (YYYY-MM-DD), as opposed to an instant. */
export function isBareDay(s: string): boolean {
  return DAY_RE.test(s);
}

/** A bare date is a municipal day: midnight in Asia/Tokyo; anything else is parsed as an instant. */
export function parseDayOrInstant(s: string): Date {
  return isBareDay(s) ? new Date(tokyoMidnight(s)) : new Date(s);
}

/**
 * A reporting period from query parameters: a bare `to` day is inclusive (the period runs to the
 * end of that day); without `to` it ends now; without `from` it starts at defaultFrom(to).
 */
export function reportingPeriod(
  fromIso: string | undefined,
  toIso: string | undefined,
  now: Date,
  defaultFrom: (to: Date) => Date,
): { from: Date; to: Date } {
  const to = toIso ? new Date(parseDayOrInstant(toIso).getTime() + (isBareDay(toIso) ? DAY_MS : 0)) : now;
  const from = fromIso ? parseDayOrInstant(fromIso) : defaultFrom(to);
  return { from, to };
}

/** The same instant one calendar year earlier (UTC calendar; 29 Feb becomes 1 Mar). */
export function minusYear(d: Date): Date {
  const x = new Date(d.getTime());
  x.setUTCFullYear(x.getUTCFullYear() - 1);
  return x;
}

const shortFormat = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'short', timeStyle: 'short' });
const longDateFormat = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'long' });

/** "2026/11/02 9:00" in Asia/Tokyo, for messages (emails, LINE) that people read. */
export function formatTokyoShort(d: Date): string {
  return shortFormat.format(d);
}

/** "2026年11月2日" in Asia/Tokyo, for printed documents. */
export function formatTokyoLongDate(d: Date): string {
  return longDateFormat.format(d);
}
