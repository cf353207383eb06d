import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createWorld, type World } from '#test/world.ts';
import { frameworkSeed } from './seed.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

describe('auto-indicators as people read them', () => {
  it("every indicator a shipped framework names is a module's metric, named in both languages by the API", async () => {
    const res = await call(w.app, 'GET', '/api/metrics', { who: w.users.focal_officer });
    expect(res.status).toBe(200);
    const list = res.json as unknown as Array<{
      code: string;
      module: string;
      name: { vi: string; en: string };
      details: Record<string, { vi: string; en: string }>;
    }>;
    const named = new Set(
      frameworkSeed.flatMap((f) => f.criteria.map((c) => c.indicator).filter((x): x is string => !!x)),
    );
    expect(named.size).toBeGreaterThan(0);
    for (const code of named) {
      const m = list.find((x) => x.code === code);
      expect(m, code).toBeDefined();
      expect(m!.name.vi).not.toBe(m!.name.en);
      for (const d of Object.values(m!.details)) expect(d.vi && d.en).toBeTruthy();
    }
    // Each is counted by the module that owns its records, not by the assessment engine.
    expect(new Set(list.map((m) => m.module))).toEqual(
      new Set([
        'plans',
        'reports',
        'declarations',
        'inspections',
        'cases',
        'integrity',
        'rotation',
        'outreach',
        'regulations',
        'selfinspection',
      ]),
    );
    expect((await call(w.app, 'GET', '/api/metrics')).status).toBe(401);
  });
});
