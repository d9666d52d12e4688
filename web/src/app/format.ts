/** Date formatting for the console: always Asia/Tokyo, in the UI language. */
import { i18n } from './i18n';

const TZ = 'Asia/Tokyo';

function locale(): string {
  return i18n.language === 'en' ? 'en-GB' : 'ja-JP';
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
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
  return new Intl.DateTimeFormat(locale(), { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
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
