import { describe, expect, it } from 'vitest';
import { declarationRules } from '#server/modules/declarations/seed.ts';
import { inspectionRules } from '#server/modules/inspections/seed.ts';
import { en } from '#shared/i18n/en.ts';
import { vi } from '#shared/i18n/vi.ts';
import { seedRules } from './seed.ts';

describe('deadline rules as people read them', () => {
  it('every start event and extension of the seeded rules has a label in both languages (no raw codes)', () => {
    for (const r of [...seedRules, ...declarationRules, ...inspectionRules]) {
      for (const key of [
        `clockEvent.${r.startEvent}`,
        ...(r.extensions ?? []).map((e) => `ui.reports.extension.${e.code}`),
      ]) {
        expect(Object.hasOwn(vi, key), `${r.code}: ${key} (vi)`).toBe(true);
        expect(Object.hasOwn(en, key), `${r.code}: ${key} (en)`).toBe(true);
      }
    }
  });
});
