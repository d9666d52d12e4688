/**
 * Dates as Japanese offices write them, always in Asia/Tokyo: Western (2026/12/04) and the
 * Japanese era (和暦: 令和8年12月4日, 令和元年5月1日), from ICU's Japanese calendar, which knows
 * 令和 and writes the first year of an era as 元年.
 */
const TZ = 'Asia/Tokyo';

const warekiFormat = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  timeZone: TZ,
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});
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

/** "令和8年12月4日" (the era's first year as 元年). */
export function formatWareki(d: Date): string {
  return warekiFormat.format(d);
}

/** "2026/12/04". */
export function formatWesternDate(d: Date): string {
  return dateFormat.format(d);
}

/** "2026/12/04 09:05". */
export function formatWesternDateTime(d: Date): string {
  return dateTimeFormat.format(d);
}
