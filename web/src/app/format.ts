/**
 * Date formatting for the console: always Asia/Tokyo, in the UI language. With the 和暦 option
 * on (a per-person preference kept in this browser, see calendar.ts), every date also shows its
 * Japanese-era form beside it: 「2025/12/04（令和7年12月4日）」.
 */
import { formatWareki as formatJapaneseEra } from '../../../shared/japanese';
import { showWareki } from './calendar';
import { i18n } from './i18n';

const TZ = 'Asia/Tokyo';

function locale(): string {
  return i18n.language === 'en' ? 'en-GB' : 'ja-JP';
}

/** 「令和7年12月4日」 (the first year of an era as 元年), from the browser's Japanese calendar. */
export function formatWareki(iso: string | Date): string {
  return formatJapaneseEra(typeof iso === 'string' ? new Date(iso) : iso);
}

/** The Western date, with 和暦 beside it when the option is on. */
function withWareki(western: string, d: Date): string {
  return showWareki() ? `${western}（${formatWareki(d)}）` : western;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return withWareki(formatDateTimeWestern(iso), new Date(iso));
}

/** 「令和7年12月4日」 when the 和暦 option is on, else null (for layouts that place it themselves). */
export function warekiIfShown(iso: string | null | undefined): string | null {
  return iso && showWareki() ? formatWareki(iso) : null;
}

/** The Western date and time only, whatever the 和暦 option. */
export function formatDateTimeWestern(iso: string): string {
  return new Intl.DateTimeFormat(locale(), {
    timeZone: TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return withWareki(new Intl.DateTimeFormat(locale(), { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d), d);
}

/** "3時間前" / "in 5 hours", choosing the largest sensible unit. */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const diffSec = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(diffSec);
  const rtf = new Intl.RelativeTimeFormat(i18n.language === 'en' ? 'en' : 'ja', { numeric: 'auto' });
  if (abs < 60) return rtf.format(diffSec, 'second');
  if (abs < 3600) return rtf.format(Math.round(diffSec / 60), 'minute');
  if (abs < 86400 * 2) return rtf.format(Math.round(diffSec / 3600), 'hour');
  return rtf.format(Math.round(diffSec / 86400), 'day');
}

/** Value for <input type="datetime-local"> in Tokyo time. */
export function toLocalInput(date: Date): string {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
  return parts.replace(' ', 'T');
}

/** Reads a datetime-local value as Tokyo time and returns ISO 8601 with +09:00. */
export function fromLocalInput(value: string): string {
  return `${value.length === 16 ? `${value}:00` : value}+09:00`;
}

export function formatHours(h: number | null | undefined): string {
  if (h === null || h === undefined) return '—';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(h);
}

export function formatPercent(r: number | null | undefined): string {
  if (r === null || r === undefined) return '—';
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(r);
}

/** "7時間" / "2日" / "7 hours": the size of a gap, for countdowns to a deadline. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60000));
  const [value, unit] =
    minutes < 60 ? [minutes, 'minute'] : minutes < 48 * 60 ? [Math.round(minutes / 60), 'hour'] : [Math.round(minutes / 1440), 'day'];
  return new Intl.NumberFormat(i18n.language === 'en' ? 'en' : 'ja', { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** Target hours as the hub says them: "24時間", "3日". */
export function formatTargetHours(h: number): string {
  const [value, unit] = h >= 48 && h % 24 === 0 ? [h / 24, 'day'] : [h, 'hour'];
  return new Intl.NumberFormat(i18n.language === 'en' ? 'en' : 'ja', { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
