import { formatLegalDate } from '#shared/dates.ts';
import type { Language } from '#shared/i18n/index.ts';

const tz = 'Asia/Ho_Chi_Minh';

/** dd/MM/yyyy of a legal date (yyyy-MM-dd) — no time zone involved. */
export const formatDate = formatLegalDate;

/** dd/MM/yyyy HH:mm of an instant, in Vietnam's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: tz,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

/** Numbers with Vietnamese separators (1.234.567,5); English uses its own. */
export function formatNumber(n: number, lang: Language = 'vi'): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n);
}

export function formatVnd(n: number | bigint, lang: Language = 'vi'): string {
  return `${new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n)} ₫`;
}
