import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedRegimes } from '#server/modules/clocks/seed.ts';
import { duePeriodsOf, periodsOf, quarterOf } from './periods.ts';

describe('reporting periods', () => {
  it('follow the regime: Q1 from 15/12 of the year before to 14/03; units report by the 17th, the province by the 20th', () => {
    const y2026 = duePeriodsOf(2026, seedRegimes);
    expect(y2026.map((p) => p.code)).toEqual([
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
      '2026-6M',
      '2026-9M',
      '2026-Y',
    ]);
    expect(y2026[0]).toMatchObject({
      from: '2025-12-15',
      to: '2026-03-14',
      unitDueOn: '2026-03-17',
      provinceDueOn: '2026-03-20',
    });
    expect(y2026.find((p) => p.code === '2026-Y')).toMatchObject({
      from: '2025-12-15',
      to: '2026-12-14',
      provinceDueOn: '2026-12-20',
    });
  });

  it('a period is judged by the regime in force on its last day (Circular 06/2025 from 30/09/2025)', () => {
    const y2025 = duePeriodsOf(2025, seedRegimes);
    // Q3 2025 ended on 14/09, under Circular 01/2024, whose deadlines are not recorded; Q4 under 06/2025.
    expect(y2025.find((p) => p.code === '2025-Q3')).toMatchObject({ regime: 'TT01-2024', unitDueOn: null });
    expect(y2025.find((p) => p.code === '2025-Q4')).toMatchObject({
      regime: 'TT06-2025',
      unitDueOn: '2025-12-17',
    });
    // Before any regime, no period at all.
    expect(duePeriodsOf(2023, seedRegimes)).toEqual([]);
  });

  it('quarters cover every day exactly once', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 11, 31) }), (t) => {
        const d = new Date(t).toISOString().slice(0, 10);
        const q = quarterOf(d);
        expect(q.from <= d && d <= q.to).toBe(true);
        const year = Number(d.slice(0, 4));
        const containing = [...periodsOf(year), ...periodsOf(year + 1)].filter(
          (p) => /-Q\d$/.test(p.code) && p.from <= d && d <= p.to,
        );
        expect(containing).toHaveLength(1);
      }),
    );
    expect(quarterOf('2026-12-20').code).toBe('2027-Q1');
  });
});
