import { apiLanguage } from './i18n';

const TZ = 'Asia/Tokyo';

export function formatDateTime(v: string | number): string {
  return new Intl.DateTimeFormat(apiLanguage(), {
    timeZone: TZ,
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(v));
}
export function formatTime(v: number): string {
  return new Intl.DateTimeFormat(apiLanguage(), { timeZone: TZ, hour: '2-digit', minute: '2-digit' }).format(new Date(v));
}
