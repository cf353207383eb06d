import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publicServiceDays } from '#server/modules/clocks/seed.ts';
import {
  addDays,
  addMonths,
  addPeriod,
  type CalendarData,
  clockState,
  type DeadlineRule,
  dueDate,
  isWorkingDay,
  ruleInForce,
  withExtension,
} from './due.ts';

const vn: CalendarData = {
  weekendDays: [6, 7],
  days: new Map(publicServiceDays.map((d) => [d.date, d.kind])),
};
const rule = (over: Partial<DeadlineRule> = {}): DeadlineRule => ({
  code: 'r',
  effectiveFrom: '2019-01-01',
  effectiveTo: null,
  length: 30,
  unit: 'calendar_days',
  rollForward: true,
  extensions: [
    { code: 'complex', times: 1, length: 30, unit: 'calendar_days' },
    { code: 'especially_complex', times: 2, length: 30, unit: 'calendar_days' },
  ],
  ...over,
});

const dateArb = fc
  .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 10, 30) })
  .map((t) => new Date(t).toISOString().slice(0, 10));
const unitArb = fc.constantFrom('working_days' as const, 'calendar_days' as const, 'months' as const);

describe('calendar of Vietnamese public service', () => {
  it('knows the 2026 swaps and the Tết break', () => {
    expect(isWorkingDay(vn, '2026-01-02')).toBe(false); // Friday off
    expect(isWorkingDay(vn, '2026-01-10')).toBe(true); // Saturday worked
    expect(isWorkingDay(vn, '2026-02-16')).toBe(false); // Tết
    expect(isWorkingDay(vn, '2026-02-23')).toBe(true); // back to work
    expect(isWorkingDay(vn, '2026-04-27')).toBe(false); // Hùng Kings moved from Sunday
    expect(isWorkingDay(vn, '2026-08-22')).toBe(true);
    expect(isWorkingDay(vn, '2026-11-28')).toBe(false); // ordinary Saturday
  });

  it('counts 7 working days of initial processing across Tết 2026', () => {
    // Received Thursday 12/02/2026: 13/02 is day 1, then Tết 14–22/02, then 23, 24, 25, 26, 27/02 and Monday 02/03.
    expect(addPeriod(vn, '2026-02-12', 7, 'working_days')).toBe('2026-03-02');
  });

  it('ends a 30-day resolution on the next working day when it falls on a day off', () => {
    // Accepted 16/01/2026 + 30 days = Sunday 15/02/2026, inside Tết → first working day 23/02.
    expect(dueDate('2026-01-16', rule(), vn)).toBe('2026-02-23');
    expect(dueDate('2026-01-16', rule({ rollForward: false }), vn)).toBe('2026-02-15');
  });

  it('counts extensions from the start with the period, so an extended deadline is the legal maximum', () => {
    expect(dueDate('2026-03-02', rule(), vn)).toBe('2026-04-01');
    // 02/03 + 60 days = Friday 01/05 (Labour Day) → Monday 04/05.
    expect(dueDate('2026-03-02', rule(), vn, { complex: 1 })).toBe('2026-05-04');
    // A complaint accepted Friday 06/03/2026: 30 days end on Sunday 05/04, but extended by 15 it ends at
    // day 45, Monday 20/04 — not 21/04, as adding 15 days to the moved Monday 06/04 gave.
    const complaint = rule({
      extensions: [{ code: 'complex', times: 1, length: 15, unit: 'calendar_days' }],
    });
    expect(dueDate('2026-03-06', complaint, vn)).toBe('2026-04-06');
    expect(dueDate('2026-03-06', complaint, vn, { complex: 1 })).toBe('2026-04-20');
    expect(() => dueDate('2026-03-02', rule(), vn, { complex: 2 })).toThrow(RangeError);
    expect(() => dueDate('2026-03-02', rule(), vn, { unknown: 1 })).toThrow(RangeError);
  });

  it('never goes past 30, 60 or 90 days from acceptance but for the move off a day off, and never combines alternatives', () => {
    fc.assert(
      fc.property(dateArb, fc.constantFrom(0, 1, 2), (start, n) => {
        const ext: Record<string, number> =
          n === 0 ? {} : n === 1 ? { complex: 1 } : { especially_complex: 2 };
        const due = dueDate(start, rule(), vn, ext);
        const maximum = addDays(start, 30 + 30 * n);
        expect(due >= maximum).toBe(true);
        // Only days off lie between the legal maximum and the due date.
        for (let d = maximum; d < due; d = addDays(d, 1)) expect(isWorkingDay(vn, d)).toBe(false);
      }),
    );
    expect(() => dueDate('2026-03-02', rule(), vn, { complex: 1, especially_complex: 1 })).toThrow(
      RangeError,
    );
  });

  it('counts an alternative used before towards the one asked for', () => {
    const r = rule();
    expect(withExtension(r, {}, 'complex')).toEqual({ complex: 1 });
    expect(withExtension(r, { complex: 1 }, 'complex')).toBeNull();
    // Extended once as complex, then found especially complex: that was the first of its two.
    expect(withExtension(r, { complex: 1 }, 'especially_complex')).toEqual({ especially_complex: 2 });
    expect(withExtension(r, { especially_complex: 2 }, 'especially_complex')).toBeNull();
    expect(withExtension(r, { especially_complex: 1 }, 'complex')).toBeNull();
  });

  it('clamps months to the end of shorter months', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2027-12-15', 2)).toBe('2028-02-15');
  });

  it('classifies on time, at risk and overdue', () => {
    expect(clockState(vn, '2026-11-27', '2026-11-25')).toBe('at_risk'); // two working days ahead
    expect(clockState(vn, '2026-11-30', '2026-11-25')).toBe('on_time'); // three
    expect(clockState(vn, '2026-12-15', '2026-11-25')).toBe('on_time');
    expect(clockState(vn, '2026-11-24', '2026-11-25')).toBe('overdue');
    expect(clockState(vn, '2026-11-24', '2026-11-25', '2026-11-20')).toBe('done_on_time');
  });
});

describe('dueDate properties', () => {
  it('lands on a working day when counted in working days, or rolled forward', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 90 }), unitArb, (start, length, unit) => {
        const due = dueDate(start, rule({ length, unit }), vn);
        expect(isWorkingDay(vn, due)).toBe(true);
        expect(due > start).toBe(true);
      }),
    );
  });

  it('is monotonic in the length', () => {
    fc.assert(
      fc.property(
        dateArb,
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 30 }),
        unitArb,
        (start, a, extra, unit) => {
          expect(
            dueDate(start, rule({ length: a + extra, unit }), vn) >=
              dueDate(start, rule({ length: a, unit }), vn),
          ).toBe(true);
        },
      ),
    );
  });

  it('an extended period is one period of the summed length from the start', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 2 }), (start, times) => {
        const expected = addPeriod(vn, start, 30 * (1 + times), 'calendar_days');
        expect(dueDate(start, rule(), vn, { especially_complex: times })).toBe(expected);
      }),
    );
  });

  it('working days never count a day off', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 40 }), (start, n) => {
        const due = addPeriod(vn, start, n, 'working_days');
        let working = 0;
        for (let d = addDays(start, 1); d <= due; d = addDays(d, 1)) if (isWorkingDay(vn, d)) working++;
        expect(working).toBe(n);
      }),
    );
  });

  it('chooses the rule version in force on the start date', () => {
    const versions = [
      rule({ effectiveFrom: '2019-01-01', effectiveTo: '2026-06-30', length: 30 }),
      rule({ effectiveFrom: '2026-07-01', effectiveTo: null, length: 45 }),
    ];
    fc.assert(
      fc.property(dateArb, (start) => {
        const chosen = ruleInForce(versions, start)!;
        expect(chosen.length).toBe(start < '2026-07-01' ? 30 : 45);
      }),
    );
    expect(ruleInForce(versions, '2018-12-31')).toBeUndefined();
  });
});
