import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessments } from '#server/modules/assessments/tables.ts';
import type { Deadline } from '#shared/deadlines.ts';
import {
  addUser,
  call,
  citizenReport,
  createWorld,
  keyedSessionFor,
  sessionFor,
  type Who,
  type World,
} from '#test/world.ts';

/**
 * Home's one list of what waits on each user (issue 16 §3): every module's open items, each in the user's
 * scope only, in one vocabulary of states, soonest first.
 */
let w: World;
let officerA: Who;
let officerB: Who;
let custodianA: Who;
let focalB: Who;
let reportNumber: string;
let assessmentId: string;

const deadlines = async (who: Who) => {
  const res = await call(w.app, 'GET', '/api/me/deadlines?limit=50', { who });
  expect(res.status).toBe(200);
  return res.json as { items: Deadline[]; total: number };
};
const kinds = (d: { items: Deadline[] }) => d.items.map((i) => i.kind);

beforeAll(async () => {
  w = await createWorld();
  officerA = await keyedSessionFor(w.database, w.users.intake_officer.userId, w.clock.now());
  custodianA = await keyedSessionFor(w.database, w.users.custodian.userId, w.clock.now());
  officerB = await keyedSessionFor(
    w.database,
    await addUser(w, 'ti.b', 'intake_officer', w.units.B),
    w.clock.now(),
  );
  focalB = await sessionFor(w.database, await addUser(w, 'dm.b', 'focal_officer', w.units.B), w.clock.now());

  // A plan of unit A with a task due tomorrow (2026-11-26; today is 2026-11-25): at risk.
  const plan = await call(w.app, 'POST', '/api/plans', {
    who: w.users.coordinator,
    body: { unitId: w.units.A, year: 2026, title: 'Kế hoạch của Thanh tra tỉnh' },
  });
  expect(plan.status, JSON.stringify(plan.json)).toBe(201);
  for (const [content, deadline] of [
    ['Rà soát quy chế chi tiêu nội bộ', '2026-11-26'],
    ['Báo cáo quý IV', '2026-12-20'],
    ['Tổng kết năm 2026', '2026-11-20'],
  ])
    await call(w.app, 'POST', `/api/plans/${plan.json.id}/items`, {
      who: w.users.coordinator,
      body: { groupCode: 'leadership', content, deadline },
    });
  expect(
    (await call(w.app, 'POST', `/api/plans/${plan.json.id}/issue`, { who: w.users.coordinator })).status,
  ).toBe(200);

  // A citizen's report to unit A, with a request to see the reporter's identity.
  const r = await citizenReport(w, w.units.A, 'Thu tiền ngoài quy định', 'Người Báo Tin');
  reportNumber = r.number;
  await call(w.app, 'POST', `/api/reports/${r.id}/identity-requests`, {
    who: officerA,
    body: { reason: 'Cần làm việc trực tiếp với người báo tin để xác minh.' },
  });

  // A unit-index campaign assessing A1, opened: the unit's self-assessment is due by the campaign's date.
  const fw = await call(w.app, 'GET', '/api/frameworks', { who: w.users.coordinator });
  const versionId = fw.json.find((f: { code: string }) => f.code === 'pctn-unit').versionId;
  const c = await call(w.app, 'POST', '/api/campaigns', {
    who: w.users.coordinator,
    body: {
      versionId,
      unitId: w.units.A,
      title: 'Đánh giá công tác PCTNTC 2026',
      year: 2026,
      unitIds: [w.units.A1],
      reviewerIds: [w.users.reviewer.userId],
    },
  });
  await call(w.app, 'POST', `/api/campaigns/${c.json.id}/open`, { who: w.users.coordinator });
  const ranking = await call(w.app, 'GET', `/api/campaigns/${c.json.id}/ranking`, {
    who: w.users.coordinator,
  });
  assessmentId = ranking.json[0].assessmentId;
});
afterAll(() => w.close());

describe('GET /api/me/deadlines', () => {
  it("lists a unit's plan tasks for its focal officer, soonest first, in one vocabulary of states", async () => {
    const mine = await deadlines(w.users.focal_officer);
    const tasks = mine.items.filter((d) => d.kind === 'plan_task');
    expect(tasks.map((d) => [d.title, d.dueOn, d.state])).toEqual([
      ['Tổng kết năm 2026', '2026-11-20', 'overdue'],
      ['Rà soát quy chế chi tiêu nội bộ', '2026-11-26', 'at_risk'],
      ['Báo cáo quý IV', '2026-12-20', 'on_time'],
    ]);
    expect(tasks[0]!.link).toMatch(/^\/plans\/[0-9a-f-]{36}$/);
    // Dated items come first, soonest first; items awaiting a decision without a date come last.
    const dates = mine.items.map((d) => d.dueOn);
    const firstUndated = dates.indexOf(null);
    expect(dates.slice(0, firstUndated < 0 ? undefined : firstUndated)).toEqual(
      [...dates.slice(0, firstUndated < 0 ? undefined : firstUndated)].sort(),
    );
    // The self-assessment its unit (A1, below A) must answer, due by the campaign's date.
    expect(mine.items.find((d) => d.kind === 'assessment_self')).toMatchObject({
      id: assessmentId,
      dueOn: '2026-12-25',
      state: 'on_time',
      unitName: 'Phòng Nghiệp vụ',
    });
    // Another unit's focal officer sees none of it.
    expect(kinds(await deadlines(focalB))).toEqual([]);
  });

  it('shows intake officers the new reports of their units to triage, by number and title, never other units', async () => {
    const a = await deadlines(officerA);
    const triage = a.items.find((d) => d.kind === 'report_triage');
    expect(triage?.title).toBe(`${reportNumber} — Thu tiền ngoài quy định`);
    expect(triage?.dueOn).toMatch(/^2026-1[12]-\d\d$/);
    expect(kinds(await deadlines(officerB))).not.toContain('report_triage');
  });

  it("shows custodians the identity requests waiting for them, and not the requester's own", async () => {
    expect(kinds(await deadlines(custodianA))).toEqual(['identity_request']);
    expect(kinds(await deadlines(officerA))).not.toContain('identity_request');
  });

  it("lists a submitted self-assessment for the campaign's reviewer, not for the unit that made it", async () => {
    expect(kinds(await deadlines(w.users.reviewer))).not.toContain('assessment_review');
    await w.database.db
      .update(assessments)
      .set({ status: 'submitted' })
      .where(eq(assessments.id, assessmentId));
    expect((await deadlines(w.users.reviewer)).items.find((d) => d.kind === 'assessment_review')?.id).toBe(
      assessmentId,
    );
    expect(kinds(await deadlines(w.users.focal_officer))).not.toContain('assessment_review');
  });

  it('answers every role, and refuses a limit out of range with a field message', async () => {
    for (const who of Object.values(w.users))
      expect((await call(w.app, 'GET', '/api/me/deadlines', { who })).status).toBe(200);
    const bad = await call(w.app, 'GET', '/api/me/deadlines?limit=1000', { who: w.users.coordinator });
    expect(bad.status).toBe(400);
    expect(bad.json.fields.limit).toBeTruthy();
    expect((await call(w.app, 'GET', '/api/me/deadlines')).status).toBe(401);
  });
});
