/**
 * Reporting periods of the inspection sector's regime (Circular 01/2024/TT-TTCP, kept by Circular
 * 06/2025/TT-TTCP): periods close on the 14th and the year runs from 15/12 of the year before.
 */
export interface PeriodDef {
  suffix: string;
  /** Month and day the period starts; `prevYear` when it starts in December of the year before. */
  from: { month: number; day: number; prevYear?: boolean };
  to: { month: number; day: number };
}

export const reportingRegime: readonly PeriodDef[] = [
  { suffix: 'Q1', from: { month: 12, day: 15, prevYear: true }, to: { month: 3, day: 14 } },
  { suffix: 'Q2', from: { month: 3, day: 15 }, to: { month: 6, day: 14 } },
  { suffix: 'Q3', from: { month: 6, day: 15 }, to: { month: 9, day: 14 } },
  { suffix: 'Q4', from: { month: 9, day: 15 }, to: { month: 12, day: 14 } },
  { suffix: '6M', from: { month: 12, day: 15, prevYear: true }, to: { month: 6, day: 14 } },
  { suffix: '9M', from: { month: 12, day: 15, prevYear: true }, to: { month: 9, day: 14 } },
  { suffix: 'Y', from: { month: 12, day: 15, prevYear: true }, to: { month: 12, day: 14 } },
];

export interface ReportingPeriod {
  code: string;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function periodsOf(year: number, regime: readonly PeriodDef[] = reportingRegime): ReportingPeriod[] {
  return regime.map((p) => ({
    code: `${year}-${p.suffix}`,
    from: `${p.from.prevYear ? year - 1 : year}-${pad(p.from.month)}-${pad(p.from.day)}`,
    to: `${year}-${pad(p.to.month)}-${pad(p.to.day)}`,
  }));
}

/** The period with this code, or undefined ("2026-Q2", "2026-6M"…). */
export function findPeriod(code: string): ReportingPeriod | undefined {
  const m = /^(\d{4})-(Q[1-4]|6M|9M|Y)$/.exec(code);
  if (!m) return undefined;
  return periodsOf(Number(m[1])).find((p) => p.code === code);
}

/** The quarter (Q1–Q4) a date falls in under the regime. */
export function quarterOf(date: string): ReportingPeriod {
  const year = Number(date.slice(0, 4));
  const candidates = [...periodsOf(year), ...periodsOf(year + 1)].filter((p) => /-Q\d$/.test(p.code));
  return candidates.find((p) => p.from <= date && date <= p.to)!;
}
