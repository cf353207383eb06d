import { describe, expect, it } from 'vitest';
import { asCell } from './xlsx.ts';

describe("an exported list's cells", () => {
  it('turn a day written either way into one date, and leave anything else as it is', () => {
    const day = new Date(Date.UTC(2026, 7, 15));
    expect(asCell('2026-08-15')).toEqual(day);
    expect(asCell('15/08/2026')).toEqual(day);
    // Not a day: kept as written (a number like 12/2026, an impossible 31/02, text, numbers).
    expect(asCell('31/02/2026')).toBe('31/02/2026');
    expect(asCell('12/2026')).toBe('12/2026');
    expect(asCell('QT-2026-00001')).toBe('QT-2026-00001');
    expect(asCell(42)).toBe(42);
    expect(asCell(null)).toBe('');
  });
});
