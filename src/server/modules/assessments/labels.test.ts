import { describe, expect, it } from 'vitest';
import { en } from '#shared/i18n/en.ts';
import { vi } from '#shared/i18n/vi.ts';
import { indicators } from './indicators.ts';

describe('auto-indicators as people read them', () => {
  it('every indicator the engine computes has a name in both languages (the frameworks page shows no code)', () => {
    expect(Object.keys(indicators).length).toBeGreaterThan(0);
    for (const code of Object.keys(indicators))
      for (const [lang, dict] of [
        ['vi', vi],
        ['en', en],
      ] as const)
        expect(Object.hasOwn(dict, `ui.frameworks.indicatorName.${code}`), `${code} (${lang})`).toBe(true);
  });
});
