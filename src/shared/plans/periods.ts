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

/**
 * A reporting regime as stored (`reporting_regimes`): its periods, and the day of each period's last month
 * by which units report to the province and the province to the Government Inspectorate (null where the
 * text is not known).
 */
export interface RegimeDef {
  code: string;
  legalSource: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  periods: readonly PeriodDef[];
  unitDueDay: number | null;
  provinceDueDay: number | null;
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

/** A period with the dates its reports are due by, under the regime in force when it ends. */
export interface DuePeriod extends ReportingPeriod {
  unitDueOn: string | null;
  provinceDueOn: string | null;
  regime: string;
  legalSource: string;
}

/**
 * The periods of a year, each under the regime in force on its last day (a regime replaced mid-year
 * governs the periods that end while it is in force). Periods no regime covers are left out.
 */
export function duePeriodsOf(year: number, regimes: readonly RegimeDef[]): DuePeriod[] {
  const out: DuePeriod[] = [];
  const seen = new Set<string>();
  const byStart = [...regimes].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  for (const regime of byStart)
    for (const p of periodsOf(year, regime.periods)) {
      const inForce = regime.effectiveFrom <= p.to && (!regime.effectiveTo || p.to <= regime.effectiveTo);
      if (!inForce || seen.has(p.code)) continue;
      seen.add(p.code);
      const due = (day: number | null) => (day === null ? null : `${p.to.slice(0, 7)}-${pad(day)}`);
      out.push({
        ...p,
        unitDueOn: due(regime.unitDueDay),
        provinceDueOn: due(regime.provinceDueDay),
        regime: regime.code,
        legalSource: regime.legalSource,
      });
    }
  const order = (code: string) => reportingRegime.findIndex((d) => code.endsWith(`-${d.suffix}`));
  return out.sort((a, b) => order(a.code) - order(b.code) || a.code.localeCompare(b.code));
}

const pad = (n: number) => String(n).padStart(2, '0');

export function periodsOf(year: number, regime: readonly PeriodDef[] = reportingRegime): ReportingPeriod[] {
  return regime.map((p) => ({
    code: `${year}-${p.suffix}`,
    from: `${p.from.prevYear ? year - 1 : year}-${pad(p.from.month)}-${pad(p.from.day)}`,
    to: `${year}-${pad(p.to.month)}-${pad(p.to.day)}`,
  }));
}

/** The quarter (Q1–Q4) a date falls in under the regime. */
export function quarterOf(date: string): ReportingPeriod {
  const year = Number(date.slice(0, 4));
  const candidates = [...periodsOf(year), ...periodsOf(year + 1)].filter((p) => /-Q\d$/.test(p.code));
  return candidates.find((p) => p.from <= date && date <= p.to)!;
}
