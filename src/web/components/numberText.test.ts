import { describe, expect, it } from 'vitest';
import { groupDigits, readNumber } from './numberText.ts';

describe('a number box’s text', () => {
  it('groups thousands as the reader writes them, from five digits up', () => {
    expect(groupDigits('220000000', 'vi')).toBe('220.000.000');
    expect(groupDigits('220000000', 'en')).toBe('220,000,000');
    expect(groupDigits('2026', 'vi')).toBe('2026');
    expect(groupDigits('-12345.50', 'vi')).toBe('-12.345,50');
    expect(groupDigits('6.5', 'vi')).toBe('6,5');
    expect(groupDigits('', 'vi')).toBe('');
  });

  it('reads back what it shows, and what people type', () => {
    for (const n of ['220000000', '2026', '-12345.5', '6.5', '0'])
      for (const lang of ['vi', 'en'] as const)
        expect(Number(readNumber(groupDigits(n, lang), lang))).toBe(Number(n));
    expect(readNumber('1.500', 'vi')).toBe('1500');
    expect(readNumber('6.5', 'vi')).toBe('6.5');
    expect(readNumber('6,5', 'vi')).toBe('6.5');
    expect(readNumber('1,500', 'en')).toBe('1500');
    expect(readNumber('220.000.000 đ', 'vi')).toBe('220000000');
  });
});
