import { formatLegalDate } from '#shared/dates.ts';
import type { Language, MessageKey } from '#shared/i18n/index.ts';

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

const ROMAN = ['I', 'II', 'III', 'IV'];

/** A reporting period as people say it ("Quý II/2026", "6 tháng đầu năm 2026"), not its code "2026-Q2". */
export function periodLabel(
  t: (key: MessageKey, values?: Record<string, string | number>) => string,
  code: string,
  lang: Language = 'vi',
): string {
  const m = /^(\d{4})-(?:Q([1-4])|(6M|9M|Y))$/.exec(code);
  if (!m) return code;
  const [, year, q, span] = m;
  if (q) return t('ui.period.Q', { n: lang === 'vi' ? ROMAN[Number(q) - 1]! : q, year: year! });
  return t(`ui.period.${span as '6M' | '9M' | 'Y'}`, { year: year! });
}
