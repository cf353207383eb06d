import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeMatrix, type MatrixCase } from '#test/matrix.ts';
import { addUser, call, createWorld, sessionFor, type World } from '#test/world.ts';

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

const cases: MatrixCase[] = [
  {
    name: 'create a campaign',
    action: 'assessments.manage',
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
    action: 'assessments.manage',
    orActions: ['assessments.review'],
    request: (s) => ({ method: 'GET', url: `/api/campaigns/${campaign[s].id}` }),
  },
  {
    name: 'ranking',
    action: 'assessments.manage',
    orActions: ['assessments.review'],
    request: (s) => ({ method: 'GET', url: `/api/campaigns/${campaign[s].id}/ranking` }),
  },
  {
    name: 'read an assessment',
    action: 'assessments.manage',
    orActions: ['assessments.self'],
    // A campaign's named reviewer reads the assessments it reviews.
    alsoAllowed: (r) => r === 'reviewer',
    request: (s) => ({ method: 'GET', url: `/api/assessments/${campaign[s].assessment}` }),
  },
  {
    name: 'answer a criterion',
    action: 'assessments.self',
    // Administrators run the system but never answer a unit's self-assessment.
    rootAdmin: false,
    request: (s) => ({
      method: 'PUT',
      url: `/api/assessments/${campaign[s].assessment}/answers/${campaign[s].criterion}`,
      body: { score: 5, evidenceFileIds: [] },
    }),
  },
];

describeMatrix(() => w, cases);

describe('reviewers', () => {
  it('act only on campaigns that name them: another reviewer over the same unit does not find the assessment', async () => {
    const other = await sessionFor(
      w.database,
      await addUser(w, 'td.khac', 'reviewer', w.units.A),
      w.clock.now(),
    );
    const url = `/api/assessments/${campaign.A.assessment}`;
    expect((await call(w.app, 'GET', url, { who: w.users.reviewer })).status).toBe(200);
    expect((await call(w.app, 'GET', url, { who: other })).status).toBe(404);
  });
});
