import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPeriod, periodsOf, quarterOf } from './periods.ts';

describe('reporting periods', () => {
  it('follow the regime: Q1 from 15/12 of the year before to 14/03', () => {
    expect(findPeriod('2026-Q1')).toEqual({ code: '2026-Q1', from: '2025-12-15', to: '2026-03-14' });
    expect(findPeriod('2026-6M')).toEqual({ code: '2026-6M', from: '2025-12-15', to: '2026-06-14' });
    expect(findPeriod('2026-Y')).toEqual({ code: '2026-Y', from: '2025-12-15', to: '2026-12-14' });
    expect(findPeriod('2026-Q5')).toBeUndefined();
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
