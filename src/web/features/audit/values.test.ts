import { describe, expect, it } from 'vitest';
import { auditCodePrefix, auditValueText } from './values.ts';

const unit = '0a6b3c1e-5d1f-4b7a-9c2d-1e2f3a4b5c6d';
const other = '11111111-2222-4333-8444-555555555555';
const vi = (v: unknown) => auditValueText(v, { [unit]: 'Thanh tra tỉnh' }, 'vi', ['Có', 'Không']);

describe('audit change values as people read them', () => {
  it('names records, and writes yes/no, dates and numbers as the app does', () => {
    expect(vi(unit)).toBe('Thanh tra tỉnh');
    // An id the server could not name (a record of another kind, or gone) stays as it is.
    expect(vi(other)).toBe(other);
    expect(vi(true)).toBe('Có');
    expect(vi(false)).toBe('Không');
    expect(vi('2026-11-25')).toBe('25/11/2026');
    expect(vi('2026-11-25T03:04:00.000Z')).toBe('25/11/2026 10:04');
    expect(vi(1234567.5)).toBe('1.234.567,5');
    expect(vi(null)).toBe('—');
    expect(vi([unit, other])).toBe(`Thanh tra tỉnh, ${other}`);
    expect(vi({ parentId: unit, active: false })).toMatch(/: Thanh tra tỉnh; .+: Không$/);
    expect(auditValueText(1234.5, {}, 'en', ['Yes', 'No'])).toBe('1,234.5');
    // A field of codes says the code's label (a unit's type), any other text as it is.
    expect(auditValueText('commune', {}, 'vi', ['Có', 'Không'], (c) => `[${c}]`)).toBe('[commune]');
    expect(auditCodePrefix('unit', 'type')).toBe('unitType');
    expect(auditCodePrefix('report', 'type')).toBeUndefined();
  });
});
