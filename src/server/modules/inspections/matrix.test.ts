import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachFiles, storeFile } from '#server/modules/files/service.ts';
import { createUnit } from '#server/modules/org/service.ts';
import { units } from '#server/modules/org/tables.ts';
import { roleAllows, roles } from '#shared/permissions.ts';
import { personIn } from '#test/declarations.ts';
import { describeMatrix } from '#test/matrix.ts';
import { call, createWorld, type World } from '#test/world.ts';
import * as svc from './service.ts';

/**
 * Every inspections route × every role, inside scope (the inspectorate A, which inspects A2) and outside
 * (B inspecting itself): what a role may do comes from the role table, never from a list kept here.
 */
let w: World;
/** An inspector of each side's inspectorate, to lead the side's inspections. */
const leadOf: Record<'A' | 'B', string> = {} as never;
beforeAll(async () => {
  w = await createWorld();
  leadOf.A = w.users.inspector.userId;
  leadOf.B = (await personIn(w, w.units.B, null, 'inspector')).userId;
  // Each inspectorate inspects a body below it with its own head (nobody inspects where they work, nor a
  // team of their own agency).
  subjectA = (
    await createUnit(w.ctx, { code: 'A2', name: 'Ban thuộc A', type: 'department', parentId: w.units.A })
  ).id;
  subjectB = (
    await createUnit(w.ctx, { code: 'B1', name: 'Ban thuộc B', type: 'department', parentId: w.units.B })
  ).id;
});
let subjectA: string;
let subjectB: string;
afterAll(() => w.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const unitOf = (side: 'A' | 'B') => (side === 'A' ? w.units.A : w.units.B);
const subjectOf = (side: 'A' | 'B') => (side === 'A' ? subjectA : subjectB);
let year = 2040;

/** A draft plan of each side that inspections are added to when a fresh plan is not the point. */
const sharedPlan: Partial<Record<'A' | 'B', string>> = {};

/**
 * A draft plan of the side's inspectorate with one inspection in it (made by the system): a new plan when
 * `fresh` (years run out otherwise: a year holds one plan of an inspectorate), else the side's shared one.
 */
async function plan(side: 'A' | 'B', fresh = false) {
  sharedPlan[side] ??= (await svc.createPlan(w.ctx, { unitId: unitOf(side), year: 2030 })).id;
  const p = fresh
    ? await svc.createPlan(w.ctx, { unitId: unitOf(side), year: year++ })
    : { id: sharedPlan[side] };
  const i = await svc.addInspection(w.ctx, {
    planId: p.id,
    unitId: unitOf(side),
    subjectUnitId: subjectOf(side),
    title: 'Thanh tra thử',
  });
  return { planId: p.id, inspectionId: i.id };
}

/** A concluded inspection of the side with one recommendation owed by its subject unit. */
async function recommendation(side: 'A' | 'B') {
  const { inspectionId: id } = await plan(side);
  let i = await svc.decide(w.ctx, id, {
    decisionNo: '1/QĐ',
    decisionDate: '2026-09-01',
    onSiteFrom: '2026-09-07',
    members: [{ userId: leadOf[side], role: 'lead' }],
    version: 1,
  });
  for (const [step, on] of [
    ['results', '2026-10-01'],
    ['draft_assigned', '2026-10-02'],
    ['draft_received', '2026-10-05'],
  ] as const)
    i = await svc.recordStep(w.ctx, id, { step, on, version: i.version });
  i = await svc.conclude(w.ctx, id, {
    conclusionNo: '1/KL',
    concludedOn: '2026-10-09',
    summary: 'Kết luận thử',
    wrongdoingVnd: 0,
    toRecoverVnd: 0,
    recommendations: [
      { kind: 'institutional', content: 'Sửa quy chế', ownerUnitId: subjectOf(side), dueOn: '2026-12-31' },
    ],
    version: i.version,
  });
  return { ...i.recommendations[0]!, sourceId: id };
}

/** A follow-up of a side's concluded inspection, decided (its team at work), and the one to re-check. */
async function followUp(side: 'A' | 'B') {
  const rec = await recommendation(side);
  const f = await svc.addInspection(w.ctx, {
    unitId: unitOf(side),
    subjectUnitId: subjectOf(side),
    title: 'Kiểm tra việc thực hiện kết luận',
    legalGround: 'Luật Thanh tra 2025',
    followUpOf: rec.sourceId,
  });
  await svc.decide(w.ctx, f.id, {
    decisionNo: '2/QĐ',
    decisionDate: '2026-11-02',
    onSiteFrom: '2026-11-03',
    members: [{ userId: leadOf[side], role: 'lead' }],
    version: 1,
  });
  return { inspectionId: f.id, rec };
}

/** A decided inspection of the side led by a new inspector (so nobody in the world is on its team). */
async function decided(side: 'A' | 'B', onSiteFrom = '2026-09-07') {
  const { inspectionId: id } = await plan(side);
  const lead = await personIn(w, unitOf(side), null, 'inspector');
  const i = await svc.decide(w.ctx, id, {
    decisionNo: '4/QĐ',
    decisionDate: '2026-09-01',
    onSiteFrom,
    members: [{ userId: lead.userId, role: 'lead' }],
    version: 1,
  });
  return { id, version: i.version, lead };
}

/** An inspection whose draft conclusion the team handed in: the inspectorate's head concludes it. */
async function drafted(side: 'A' | 'B') {
  const { id, version } = await decided(side);
  let v = version;
  for (const [step, on] of [
    ['results', '2026-10-01'],
    ['draft_assigned', '2026-10-02'],
    ['draft_received', '2026-10-05'],
  ] as const)
    v = (await svc.recordStep(w.ctx, id, { step, on, version: v })).version;
  return { id, version: v };
}

describeMatrix(
  () => w,
  [
    {
      name: 'extend the on-site period',
      action: 'inspections.manage',
      rootAdmin: false,
      request: async (s) => {
        // On site since 09/11: its period runs until 24/12, so it may be extended now.
        const { id, version } = await decided(s, '2026-11-09');
        return {
          method: 'POST',
          url: `/api/inspections/${id}/extend`,
          body: { decisionNo: '5/QĐ', on: '2026-11-20', reason: 'Nội dung phức tạp', version },
        };
      },
    },
    {
      name: 'issue the conclusion',
      action: 'inspections.manage',
      rootAdmin: false,
      request: async (s) => {
        const { id, version } = await drafted(s);
        return {
          method: 'POST',
          url: `/api/inspections/${id}/conclude`,
          body: {
            conclusionNo: '7/KL',
            concludedOn: '2026-10-09',
            summary: 'Kết luận',
            wrongdoingVnd: 0,
            toRecoverVnd: 0,
            recommendations: [
              {
                kind: 'institutional',
                content: 'Sửa quy chế',
                ownerUnitId: subjectOf(s),
                dueOn: '2026-12-31',
              },
            ],
            version,
          },
        };
      },
    },
    {
      name: 'read a plan',
      action: 'inspections.manage',
      rootAdmin: false,
      request: async (s) => ({ method: 'GET', url: `/api/inspection-plans/${(await plan(s, true)).planId}` }),
    },
    {
      name: 'draft a plan',
      action: 'inspections.manage',
      rootAdmin: false,
      outOfScopeStatus: 400,
      deniedStatus: 404,
      request: (s) => ({
        method: 'POST',
        url: '/api/inspection-plans',
        body: { unitId: unitOf(s), year: year++ },
      }),
    },
    {
      name: 'approve a plan',
      action: 'inspections.manage',
      rootAdmin: false,
      request: async (s) => ({
        method: 'POST',
        url: `/api/inspection-plans/${(await plan(s, true)).planId}/approve`,
        body: { decisionNo: '9/QĐ', decisionDate: '2026-11-20', version: 1 },
      }),
    },
    {
      name: 'add an inspection',
      action: 'inspections.manage',
      rootAdmin: false,
      outOfScopeStatus: 400,
      deniedStatus: 404,
      request: (s) => ({
        method: 'POST',
        url: '/api/inspections',
        body: {
          unitId: unitOf(s),
          subjectUnitId: subjectOf(s),
          title: 'Đột xuất',
          legalGround: 'Đơn tố cáo',
        },
      }),
    },
    {
      name: 'read an inspection',
      action: 'inspections.manage',
      rootAdmin: false,
      request: async (s) => ({ method: 'GET', url: `/api/inspections/${(await plan(s)).inspectionId}` }),
    },
    {
      name: 'decide an inspection',
      action: 'inspections.manage',
      rootAdmin: false,
      request: async (s) => ({
        method: 'POST',
        url: `/api/inspections/${(await plan(s)).inspectionId}/decide`,
        body: {
          decisionNo: '2/QĐ',
          decisionDate: '2026-11-02',
          onSiteFrom: '2026-11-09',
          members: [{ userId: w.users.inspector.userId, role: 'lead' }],
          version: 1,
        },
      }),
    },
    {
      name: 'record the results report of an inspection',
      action: 'inspections.manage',
      rootAdmin: false,
      request: async (s) => {
        const { inspectionId: id } = await plan(s);
        const i = await svc.decide(w.ctx, id, {
          decisionNo: '3/QĐ',
          decisionDate: '2026-09-01',
          onSiteFrom: '2026-09-07',
          members: [{ userId: leadOf[s], role: 'lead' }],
          version: 1,
        });
        return {
          method: 'POST',
          url: `/api/inspections/${id}/steps`,
          body: { step: 'results', on: '2026-10-01', version: i.version },
        };
      },
    },
    {
      name: 'cancel an inspection',
      action: 'inspections.manage',
      rootAdmin: false,
      request: async (s) => ({
        method: 'POST',
        url: `/api/inspections/${(await plan(s)).inspectionId}/cancel`,
        body: { reason: 'Trùng với kiểm toán nhà nước', version: 1 },
      }),
    },
    {
      name: 'print a conclusion',
      action: 'inspections.manage',
      rootAdmin: false,
      request: async (s) => ({
        method: 'GET',
        url: `/api/inspections/${(await recommendation(s)).sourceId}/document?kind=conclusion`,
      }),
    },
    {
      name: 'file a signed conclusion',
      action: 'inspections.manage',
      rootAdmin: false,
      request: async (s) => {
        const { sourceId } = await recommendation(s);
        // A PDF the office stored (by the system here), already filed with this inspection once.
        const file = await storeFile(w.ctx, { unitId: unitOf(s), name: 'kl.pdf', content: PDF });
        await attachFiles(w.ctx, w.ctx.db, {
          ownerType: 'inspection',
          ownerId: sourceId,
          fileIds: [file.id],
          unitPath: (
            await w.ctx.db
              .select({ path: units.path })
              .from(units)
              .where(eq(units.id, unitOf(s)))
          )[0]!.path,
          field: 'fileId',
        });
        const i = await svc.getInspection(w.ctx, sourceId);
        return {
          method: 'POST',
          url: `/api/inspections/${sourceId}/signed`,
          body: { kind: 'conclusion', fileId: file.id, version: i.version },
        };
      },
    },
    {
      name: "record a state audit's recommendations",
      action: 'inspections.manage',
      rootAdmin: false,
      outOfScopeStatus: 400,
      deniedStatus: 404,
      request: (s) => ({
        method: 'POST',
        url: '/api/recommendations',
        body: {
          issuerUnitId: unitOf(s),
          sourceKind: 'audit',
          sourceRef: 'Báo cáo kiểm toán số 12/BC-KTNN',
          issuedOn: '2026-10-01',
          recommendations: [
            { kind: 'institutional', content: 'Sửa quy chế', ownerUnitId: subjectOf(s), dueOn: '2026-12-31' },
          ],
        },
      }),
    },
    {
      name: 'record a re-check in a follow-up inspection',
      action: 'inspections.manage',
      rootAdmin: false,
      request: async (s) => {
        const { inspectionId, rec } = await followUp(s);
        return {
          method: 'POST',
          url: `/api/inspections/${inspectionId}/rechecks`,
          body: {
            recommendationId: rec.id,
            result: 'partly',
            note: 'Mới sửa một phần',
            version: rec.version,
          },
        };
      },
    },
    {
      name: 'read a recommendation',
      action: 'inspections.respond',
      orActions: ['inspections.manage'],
      rootAdmin: false,
      request: async (s) => ({ method: 'GET', url: `/api/recommendations/${(await recommendation(s)).id}` }),
    },
    {
      name: 'report progress on a recommendation',
      action: 'inspections.respond',
      reader: 'inspections.manage',
      visibleDenied: 403,
      rootAdmin: false,
      request: async (s) => ({
        method: 'POST',
        url: `/api/recommendations/${(await recommendation(s)).id}/updates`,
        body: { status: 'in_progress', note: 'Đang thực hiện', version: 1 },
      }),
    },
    {
      name: 'close a recommendation',
      action: 'inspections.manage',
      reader: 'inspections.respond',
      visibleDenied: 403,
      rootAdmin: false,
      request: async (s) => ({
        method: 'POST',
        url: `/api/recommendations/${(await recommendation(s)).id}/updates`,
        body: { status: 'closed', note: 'Đã kiểm tra', version: 1 },
      }),
    },
  ],
);

describe('the team hands its draft in', () => {
  it.each(roles)('as %s: only the team records the draft as received', async (role) => {
    const prepare = async (side: 'A' | 'B') => {
      const { id, version, lead } = await decided(side);
      let v = version;
      for (const [step, on] of [
        ['results', '2026-10-01'],
        ['draft_assigned', '2026-10-02'],
      ] as const)
        v = (await svc.recordStep(w.ctx, id, { step, on, version: v })).version;
      return { id, lead, body: { step: 'draft_received', on: '2026-10-05', version: v } };
    };
    const a = await prepare('A');
    const inside = await call(w.app, 'POST', `/api/inspections/${a.id}/steps`, {
      who: w.users[role],
      body: a.body,
    });
    // Someone of the inspectorate who is not on the team sees the inspection and is told why on the field.
    if (roleAllows(role, 'inspections.manage')) {
      expect(inside.status).toBe(400);
      expect(inside.json.fields.step).toBeTruthy();
    } else expect(inside.status).toBe(404);
    const b = await prepare('B');
    expect(
      (await call(w.app, 'POST', `/api/inspections/${b.id}/steps`, { who: w.users[role], body: b.body }))
        .status,
    ).toBe(404);
    const byLead = await call(w.app, 'POST', `/api/inspections/${a.id}/steps`, {
      who: a.lead.who,
      body: a.body,
    });
    expect(byLead.status, JSON.stringify(byLead.json)).toBe(200);
  });
});

describe('lists are filtered by scope, not refused', () => {
  it.each(roles)('as %s: the inspectorates’ plans of its side only, or not found', async (role) => {
    const [mine, theirs] = [(await plan('A', true)).planId, (await plan('B', true)).planId];
    const list = await call(w.app, 'GET', '/api/inspection-plans', { who: w.users[role] });
    if (!roleAllows(role, 'inspections.manage')) return expect(list.status).toBe(404);
    const ids = list.json.map((p: { id: string }) => p.id);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(theirs);
  });

  it.each(roles)('as %s: inspections and recommendations of its side only, or not found', async (role) => {
    const mineI = (await plan('A')).inspectionId;
    const theirsI = (await plan('B')).inspectionId;
    const list = await call(w.app, 'GET', '/api/inspections?pageSize=200', { who: w.users[role] });
    if (!roleAllows(role, 'inspections.manage')) expect(list.status).toBe(404);
    else {
      const ids = list.json.items.map((i: { id: string }) => i.id);
      expect(ids).toContain(mineI);
      expect(ids).not.toContain(theirsI);
    }
    const [mineR, theirsR] = [(await recommendation('A')).id, (await recommendation('B')).id];
    const view = roleAllows(role, 'inspections.respond') ? 'owed' : 'issued';
    const recs = await call(w.app, 'GET', `/api/recommendations?view=${view}&pageSize=200`, {
      who: w.users[role],
    });
    if (
      !['inspections.respond', 'inspections.manage', 'declarations.control'].some((a) =>
        roleAllows(role, a as never),
      )
    )
      expect(recs.status).toBe(404);
    else if (!roleAllows(role, 'inspections.respond') && !roleAllows(role, 'inspections.manage')) {
      // The control agency lists what its verifications recommended: none of the inspectorate's.
      expect(recs.status).toBe(200);
      const ids = recs.json.items.map((r: { id: string }) => r.id);
      expect(ids).not.toContain(mineR);
      expect(ids).not.toContain(theirsR);
    } else {
      const ids = recs.json.items.map((r: { id: string }) => r.id);
      expect(ids).toContain(mineR);
      expect(ids).not.toContain(theirsR);
    }
  });
});
