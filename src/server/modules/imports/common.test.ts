import { describe, expect, it } from 'vitest';
import { wholeNumber } from './common.ts';

describe("a sheet's count or amount", () => {
  const n = wholeNumber(1_000_000);
  const problem = (s: string) => {
    const r = n.safeParse(s);
    return r.success ? null : r.error.issues[0]!.message;
  };
  it('reads the ways sheets write it, and says what is wrong with one it cannot take (rev29)', () => {
    expect(n.parse('1.250')).toBe(1250);
    expect(n.parse('1,250')).toBe(1250);
    expect(n.parse('1 250')).toBe(1250);
    expect(problem('-5')).toBe('field.negative');
    expect(problem('− 5')).toBe('field.negative');
    expect(problem('năm')).toBe('field.whole_number');
    expect(problem('2,5x')).toBe('field.whole_number');
    expect(problem('5000000')).toBe('field.invalid');
  });
});
