import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUPPRESS_BELOW, statisticsCsv, suppress } from './stats.ts';

const row = fc.record({
  key: fc.string({ minLength: 1, maxLength: 6 }),
  received: fc.nat({ max: 40 }),
  handled: fc.nat({ max: 40 }),
  onTime: fc.nat({ max: 40 }),
  late: fc.nat({ max: 40 }),
});
const columns = ['received', 'handled', 'onTime', 'late'] as const;

describe('public statistics suppression', () => {
  it('hides every small cell, never leaves a lone hidden cell in a column, and shows the rest as they are', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), (rows) => {
        const out = suppress(rows);
        for (const col of columns) {
          const hidden = out.filter((r) => r[col] === null).length;
          rows.forEach((r, i) => {
            if (r[col] < SUPPRESS_BELOW) expect(out[i]![col]).toBeNull();
            if (out[i]![col] !== null) expect(out[i]![col]).toBe(r[col]);
          });
          // With the column's total known, one hidden cell would be its total less the shown ones.
          if (rows.length > 1) expect(hidden === 0 || hidden >= 2).toBe(true);
        }
      }),
    );
  });

  it('hides the smallest other cell as the complement', () => {
    const out = suppress([
      { key: 'a', received: 40, handled: 9, onTime: 9, late: 0 },
      { key: 'b', received: 2, handled: 12, onTime: 6, late: 0 },
      { key: 'c', received: 7, handled: 30, onTime: 20, late: 0 },
    ]);
    expect(out.map((r) => r.received)).toEqual([40, null, null]);
    expect(out.map((r) => r.handled)).toEqual([9, 12, 30]);
    expect(out.map((r) => r.late)).toEqual([null, null, null]);
  });

  it('writes hidden cells as x and opens formula-like text with an apostrophe', () => {
    const csv = statisticsCsv({
      from: '2026-01-01',
      byMonth: [],
      byCategory: suppress([
        { key: '=HYPERLINK("http://x")', label: '+cmd', received: 9, handled: 9, onTime: 9, late: 9 },
        { key: '@SUM(A1)', label: '-1', received: 3, handled: 9, onTime: 9, late: 9 },
      ]),
      byLevel: [],
    });
    const lines = csv.trim().split('\r\n');
    expect(lines[1]).toBe(`category,"'=HYPERLINK(""http://x"")",x,9,9,9,"'+cmd"`);
    expect(lines[2]).toBe(`category,"'@SUM(A1)",x,9,9,9,"'-1"`);
  });
});
