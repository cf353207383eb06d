import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '#shared/i18n/en.ts';
import { vi } from '#shared/i18n/vi.ts';
import { createWorld, type World } from '#test/world.ts';
import { deadlineRules } from './tables.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

describe('deadline rules as people read them', () => {
  it('every start event and extension of every rule a module seeds has a label in both languages (no raw codes)', async () => {
    // Read from the database every module seeded at start, so a new module's rules are checked too.
    const rules = await w.database.db.select().from(deadlineRules);
    expect(rules.length).toBeGreaterThan(20);
    for (const r of rules)
      for (const key of [
        `clockEvent.${r.startEvent}`,
        ...(r.extensions ?? []).map((e) => `ui.reports.extension.${e.code}`),
      ]) {
        expect(Object.hasOwn(vi, key), `${r.code}: ${key} (vi)`).toBe(true);
        expect(Object.hasOwn(en, key), `${r.code}: ${key} (en)`).toBe(true);
      }
  });
});
