import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Action, type Role, roleAllows, roles } from '#shared/permissions.ts';
import { call, createWorld, type World } from '#test/world.ts';

/**
 * Role × action matrix of the assessment routes, inside scope (campaign run by A over A1) and outside
 * (run by B over B). Reviewers act only on campaigns that list them; everyone else out of scope gets 404.
 */
let w: World;
let version: string;
const campaign: Record<'A' | 'B', { id: string; assessment: string; criterion: string }> = {} as never;

beforeAll(async () => {
  w = await createWorld();
  const fw = await call(w.app, 'GET', '/api/frameworks', { who: w.users.root_admin });
  version = fw.json.find((f: { code: string }) => f.code === 'pctn-unit').versionId;
  for (const side of ['A', 'B'] as const) {
    const unit = side === 'A' ? w.units.A : w.units.B;
    const assessed = side === 'A' ? w.units.A1 : w.units.B;
    const c = await call(w.app, 'POST', '/api/campaigns', {
      who: w.users.root_admin,
      body: {
        versionId: version,
        unitId: unit,
        title: `Ma trận ${side}`,
        year: 2026,
        unitIds: [assessed],
        reviewerIds: [w.users.reviewer.userId],
      },
    });
    await call(w.app, 'POST', `/api/campaigns/${c.json.id}/open`, { who: w.users.root_admin });
    const r = await call(w.app, 'GET', `/api/campaigns/${c.json.id}/ranking`, { who: w.users.root_admin });
    const a = await call(w.app, 'GET', `/api/assessments/${r.json[0].assessmentId}`, {
      who: w.users.root_admin,
    });
    const leaf = a.json.criteria.find((x: { code: string }) => x.code === 'B.1');
    campaign[side] = { id: c.json.id, assessment: r.json[0].assessmentId, criterion: leaf.id };
  }
});
afterAll(() => w.close());

interface Case {
  name: string;
  allowed(role: Role): boolean;
  request(side: 'A' | 'B'): { method: string; url: string; body?: unknown };
}

const may =
  (...acts: Action[]) =>
  (role: Role) =>
    acts.some((a) => roleAllows(role, a));

const cases: Case[] = [
  {
    name: 'create a campaign',
    allowed: may('assessments.manage'),
    request: (s) => ({
      method: 'POST',
      url: '/api/campaigns',
      body: {
        versionId: version,
        unitId: s === 'A' ? w.units.A : w.units.B,
        title: 'Mới',
        year: 2027,
        unitIds: [s === 'A' ? w.units.A1 : w.units.B],
      },
    }),
  },
  {
    name: 'read a campaign',
    allowed: may('assessments.manage', 'assessments.review'),
    request: (s) => ({ method: 'GET', url: `/api/campaigns/${campaign[s].id}` }),
  },
  {
    name: 'ranking',
    allowed: may('assessments.manage', 'assessments.review'),
    request: (s) => ({ method: 'GET', url: `/api/campaigns/${campaign[s].id}/ranking` }),
  },
  {
    name: 'read an assessment',
    allowed: (r) => may('assessments.manage', 'assessments.self')(r) || r === 'reviewer',
    request: (s) => ({ method: 'GET', url: `/api/assessments/${campaign[s].assessment}` }),
  },
  {
    name: 'answer a criterion',
    allowed: may('assessments.self'),
    request: (s) => ({
      method: 'PUT',
      url: `/api/assessments/${campaign[s].assessment}/answers/${campaign[s].criterion}`,
      body: { score: 5, evidenceFileIds: [] },
    }),
  },
];

describe.each(cases)('$name', (c) => {
  it.each([...roles])('as %s', async (role) => {
    const inside = c.request('A');
    const res = await call(w.app, inside.method, inside.url, { who: w.users[role], body: inside.body });
    if (c.allowed(role)) expect(res.status, JSON.stringify(res.json)).toBeLessThan(300);
    else expect(res.status, JSON.stringify(res.json)).toBe(404);
    const outside = c.request('B');
    const out = await call(w.app, outside.method, outside.url, { who: w.users[role], body: outside.body });
    expect(out.status, JSON.stringify(out.json)).toBe(404);
  });

  it('without a session', async () => {
    const r = c.request('A');
    expect((await call(w.app, r.method, r.url, { body: r.body })).status).toBe(401);
  });
});
