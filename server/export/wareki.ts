/**
 * Dates as Japanese offices write them, always in Asia/Tokyo: Western (2026/12/04) and the
 * Japanese era (和暦: 令和8年12月4日, 令和元年5月1日; shared/japanese.ts, the same as the console's).
 */
export { formatWareki } from '../../shared/japanese.js';

const TZ = 'Asia/Tokyo';

const dateFormat = new Intl.DateTimeFormat('ja-JP', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat('ja-JP', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "2026/12/04". */
export function formatWesternDate(d: Date): string {
  return dateFormat.format(d);
}

/** "2026/12/04 09:05". */
export function formatWesternDateTime(d: Date): string {
  return dateTimeFormat.format(d);
}
