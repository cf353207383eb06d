import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleAllows, roles } from '#shared/permissions.ts';
import { describeMatrix } from '#test/matrix.ts';
import { addUser, call, createWorld, type World } from '#test/world.ts';
import * as recovery from './recovery.ts';
import * as referrals from './referrals.ts';
import * as svc from './service.ts';

/**
 * Every cases route × every role, inside scope (the inspectorate A) and outside (a case handled at B):
 * what a role may do comes from the role table, never from a list kept here.
 */
let w: World;
beforeAll(async () => {
  w = await createWorld();
  // B is an inspectorate too (its own staff inspect it), out of every role's scope.
  await addUser(w, 'tt.b', 'inspector', w.units.B);
  // So is A's division A1, where cases move within the inspectorate.
  await addUser(w, 'tt.a1', 'inspector', w.units.A1);
});
afterAll(() => w.close());

const unitOf = (side: 'A' | 'B') => (side === 'A' ? w.units.A : w.units.B);

/** A case of the side (made by the system) with a referral and a decided recovery item. */
async function aCase(side: 'A' | 'B') {
  const { id } = await svc.createCase(w.ctx, {
    unitId: unitOf(side),
    subjectUnitId: null,
    subjectName: 'Dự án thử',
    title: 'Vụ việc thử',
    summary: null,
    kind: 'corruption',
    source: 'check',
    inspectionId: null,
    detectedOn: '2026-09-01',
    damageVnd: 0,
    persons: [{ fullName: 'Người thử' }],
  });
  await referrals.addReferral(w.ctx, id, {
    bodyKind: 'police',
    bodyName: 'CQĐT',
    stage: 'during',
    sentOn: '2026-09-02',
    documentNo: '1/TTr',
  });
  const c = await recovery.addRecoveryItem(w.ctx, id, {
    kind: 'money',
    description: 'Tiền',
    measure: 'administrative',
    returnTo: 'budget',
    recommendedVnd: 10,
    decidedVnd: 10,
    decidedOn: '2026-09-10',
    decisionNo: '1/QĐ',
  });
  return c;
}

const manage = { action: 'inspections.manage' as const, rootAdmin: false };

describeMatrix(
  () => w,
  [
    {
      name: 'open a case',
      ...manage,
      outOfScopeStatus: 400,
      deniedStatus: 404,
      request: (s) => ({
        method: 'POST',
        url: '/api/cases',
        body: {
          unitId: unitOf(s),
          subjectName: 'Dự án',
          title: 'Vụ việc',
          source: 'press',
          detectedOn: '2026-10-01',
        },
      }),
    },
    {
      name: 'read a case',
      ...manage,
      request: async (s) => ({ method: 'GET', url: `/api/cases/${(await aCase(s)).id}` }),
    },
    {
      name: 'update a case',
      ...manage,
      request: async (s) => {
        const c = await aCase(s);
        return {
          method: 'POST',
          url: `/api/cases/${c.id}/update`,
          body: { damageVnd: 5, version: c.version },
        };
      },
    },
    {
      name: 'move a case',
      ...manage,
      // To A1, below A: a move the inspectorate of A may make; the case at B is out of its scope.
      request: async (s) => {
        const c = await aCase(s);
        return {
          method: 'POST',
          url: `/api/cases/${c.id}/move`,
          body: { unitId: w.units.A1, reason: 'Thẩm quyền', version: c.version },
        };
      },
    },
    {
      name: 'add a person',
      ...manage,
      request: async (s) => {
        const c = await aCase(s);
        return {
          method: 'POST',
          url: `/api/cases/${c.id}/persons`,
          body: { fullName: 'B', version: c.version },
        };
      },
    },
    {
      name: "update a person's handling",
      ...manage,
      request: async (s) => {
        const c = await aCase(s);
        const p = c.personList[0]!;
        return {
          method: 'POST',
          url: `/api/cases/${c.id}/persons/${p.id}`,
          body: { fullName: p.fullName, disciplineForm: 'warning', version: p.version },
        };
      },
    },
    {
      name: 'refer to investigators',
      ...manage,
      request: async (s) => ({
        method: 'POST',
        url: `/api/cases/${(await aCase(s)).id}/referrals`,
        body: {
          bodyKind: 'procuracy',
          bodyName: 'VKS',
          stage: 'during',
          sentOn: '2026-09-03',
          documentNo: '2/TTr',
        },
      }),
    },
    {
      name: "record the investigators' answer",
      ...manage,
      request: async (s) => {
        const r = (await aCase(s)).referrals[0]!;
        return {
          method: 'POST',
          url: `/api/referrals/${r.id}/events`,
          body: { event: 'received', on: '2026-09-04', version: r.version },
        };
      },
    },
    {
      name: 'add a recovery item',
      ...manage,
      request: async (s) => ({
        method: 'POST',
        url: `/api/cases/${(await aCase(s)).id}/recovery`,
        body: { kind: 'asset', description: 'Xe', measure: 'judicial', recommendedVnd: 5 },
      }),
    },
    {
      name: 'decide a recovery',
      ...manage,
      request: async (s) => {
        const i = (await aCase(s)).recovery[0]!;
        return {
          method: 'POST',
          url: `/api/recovery-items/${i.id}/decide`,
          body: { decidedVnd: 12, decidedOn: '2026-09-11', decisionNo: '2/QĐ', version: i.version },
        };
      },
    },
    {
      name: 'record a payment',
      ...manage,
      request: async (s) => {
        const i = (await aCase(s)).recovery[0]!;
        return {
          method: 'POST',
          url: `/api/recovery-items/${i.id}/payments`,
          body: { paidOn: '2026-09-12', amountVnd: 3, version: i.version },
        };
      },
    },
  ],
);

describe('lists and figures are filtered by scope, not refused', () => {
  it.each(roles)('as %s: cases and the dashboard of its side only, or not found', async (role) => {
    const decided = async () => {
      const res = await call(w.app, 'GET', '/api/cases/recovery-totals?year=2026', { who: w.users[role] });
      if (res.status !== 200) return res.status;
      return res.json.measures.find((m: { measure: string }) => m.measure === 'administrative').decidedVnd;
    };
    const before = await decided();
    const mine = (await aCase('A')).id;
    const between = await decided();
    const theirs = (await aCase('B')).id;
    const after = await decided();
    const list = await call(w.app, 'GET', '/api/cases?pageSize=200', { who: w.users[role] });
    const dash = await call(w.app, 'GET', '/api/cases/dashboard?year=2026', { who: w.users[role] });
    if (!roleAllows(role, 'inspections.manage')) {
      expect([list.status, dash.status, before, after]).toEqual([404, 404, 404, 404]);
      return;
    }
    const ids = list.json.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(theirs);
    // Each case made here has one decided item of 10: A's counts, B's does not.
    expect([between - before, after - between]).toEqual([10, 0]);
    expect(
      dash.json.recovery.find((m: { measure: string }) => m.measure === 'administrative').decidedVnd,
    ).toBe(after);
  });
});
