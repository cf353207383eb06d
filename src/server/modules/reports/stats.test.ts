import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUPPRESS_BELOW, statisticsCsv, suppress } from './stats.ts';

// As counted: on time and late are closed reports, which are among those received.
const row = fc
  .tuple(
    fc.string({ minLength: 1, maxLength: 6 }),
    fc.nat({ max: 20 }),
    fc.nat({ max: 20 }),
    fc.nat({ max: 20 }),
  )
  .map(([key, onTime, late, open]) => ({
    key,
    received: onTime + late + open,
    handled: onTime + late,
    onTime,
    late,
  }));
const columns = ['received', 'handled', 'onTime', 'late'] as const;

describe('public statistics suppression', () => {
  // What a reader of all the tables together can work out is checked in disclosure.test.ts.
  it('hides every count from 1 to 4, shows zeros, and shows every other count as it is', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), (rows) => {
        const out = suppress(rows);
        rows.forEach((r, i) => {
          for (const col of columns) {
            if (r[col] > 0 && r[col] < SUPPRESS_BELOW) expect(out[i]![col]).toBeNull();
            if (r[col] === 0) expect(out[i]![col]).toBe(0);
            if (out[i]![col] !== null) expect(out[i]![col]).toBe(r[col]);
          }
        });
      }),
    );
  });

  it("hides complements until a column's or a row's hidden cells cannot be pinned down", () => {
    const out = suppress([
      { key: 'a', received: 40, handled: 30, onTime: 20, late: 10 },
      { key: 'b', received: 2, handled: 2, onTime: 1, late: 1 },
      { key: 'c', received: 7, handled: 6, onTime: 5, late: 1 },
      { key: 'd', received: 0, handled: 0, onTime: 0, late: 0 },
    ]);
    // Received: 2 is hidden, then 7 (smallest other), and as 2 + 7 < 10, 40 as well; 0 stays shown.
    expect(out.map((r) => r.received)).toEqual([null, null, null, 0]);
    // c's late of 1 alone in its row would be handled − on time: on time is hidden with it.
    expect(out[2]).toMatchObject({ onTime: null, late: null });
    expect(out[3]).toEqual({ key: 'd', received: 0, handled: 0, onTime: 0, late: 0 });
    // A quiet year: two months of 1 beside a month of 10 (the reviewer's case) pins nothing down.
    const quiet = suppress([
      { key: 'jan', received: 1, handled: 1, onTime: 1, late: 0 },
      { key: 'feb', received: 1, handled: 1, onTime: 1, late: 0 },
      { key: 'mar', received: 10, handled: 10, onTime: 10, late: 0 },
    ]);
    expect(quiet.map((r) => r.received)).toEqual([null, null, null]);
  });

  it('writes hidden cells as x and opens formula-like text with an apostrophe', () => {
    const csv = statisticsCsv({
      from: '2026-01-01',
      through: '2026-12-31',
      withheld: false,
      byMonth: [],
      byCategory: suppress([
        { key: '=HYPERLINK("http://x")', label: '+cmd', received: 9, handled: 9, onTime: 9, late: 0 },
        { key: '@SUM(A1)', label: '-1', received: 3, handled: 0, onTime: 0, late: 0 },
      ]),
      byLevel: [],
    });
    const lines = csv.trim().split('\r\n');
    expect(lines[1]).toBe(`category,"'=HYPERLINK(""http://x"")",x,9,9,0,"'+cmd"`);
    expect(lines[2]).toBe(`category,"'@SUM(A1)",x,0,0,0,"'-1"`);
  });
});
