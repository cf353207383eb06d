import { describe, expect, it } from 'vitest';
import { type MessageKey, translate } from '#shared/i18n/index.ts';
import { periodLabel } from './format.ts';

describe('reporting periods as people say them', () => {
  const vi = (key: MessageKey, values?: Record<string, string | number>) => translate('vi', key, values);
  const en = (key: MessageKey, values?: Record<string, string | number>) => translate('en', key, values);
  it('names quarters, half-years, nine months and the year; leaves anything else as it is', () => {
    expect(['2026-Q2', '2026-6M', '2026-9M', '2026-Y', 'khác'].map((c) => periodLabel(vi, c, 'vi'))).toEqual([
      'Quý II/2026',
      '6 tháng đầu năm 2026',
      '9 tháng năm 2026',
      'Năm 2026',
      'khác',
    ]);
    expect(periodLabel(en, '2027-Q4', 'en')).toBe('Q4 2027');
  });
});
