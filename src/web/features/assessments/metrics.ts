import { useQuery } from '@tanstack/react-query';
import type { Language } from '#shared/i18n/index.ts';
import type { MetricInfo } from '#shared/metrics.ts';
import { get } from '#web/app/api.ts';

/** The modules' metrics (auto-indicators) with their names, from the API: the app hard-codes none. */
export function useMetrics() {
  const q = useQuery({
    queryKey: ['metrics'],
    queryFn: () => get<MetricInfo[]>('/metrics'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return new Map((q.data ?? []).map((m) => [m.code, m]));
}

/** A metric's name, or its code while the list loads or when no module offers it. */
export const metricName = (metrics: Map<string, MetricInfo>, code: string, lang: Language) =>
  metrics.get(code)?.name[lang] ?? code;

/** How a metric's result reads: "3/4 tasks done on time", "no plan for the year". */
export function metricResult(metrics: Map<string, MetricInfo>, code: string, detail: string, lang: Language) {
  const m = metrics.get(code);
  if (!m) return detail;
  if (/^\d+\/\d+$/.test(detail)) {
    // Amounts in VND read with their thousands grouped (12.000.000/50.000.000).
    const grouped = detail
      .split('/')
      .map((n) => Number(n).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US'))
      .join('/');
    return m.ratio[lang].replace('{{ratio}}', grouped);
  }
  return m.details[detail]?.[lang] ?? detail;
}
