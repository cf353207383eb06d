import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '#server/modules/index.ts';
import { auditEvents } from '#server/modules/audit/tables.ts';
import { units } from '#server/modules/org/tables.ts';
import { metric } from '#server/platform/metrics.ts';
import { describeMatrix } from '#test/matrix.ts';
import { addUser, call, createWorld, sessionFor, upload, type Who, type World } from '#test/world.ts';
import { rotationAssignments } from './tables.ts';

let w: World;
let outsider: Who;
beforeAll(async () => {
  // The world's clock: 25/11/2026. Units: R > A > A1; B beside A. Every role's user works at A.
  w = await createWorld();
  outsider = await sessionFor(
    w.database,
    await addUser(w, 'focal.b', 'focal_officer', w.units.B),
    w.clock.now(),
  );
});
afterAll(() => w.close());

const api = (who: Who, method: string, url: string, body?: unknown) =>
  call(w.app, method, url, { who, body });
const fieldsOf = (res: { json: { fields?: Record<string, unknown> } }) => Object.keys(res.json.fields ?? {});
async function assign(over: Record<string, unknown>) {
  const res = await api(w.users.focal_officer, 'POST', '/api/rotation/assignments', {
    unitId: w.units.A1,
    positionCode: 'procurement',
    assignedOn: '2023-06-01',
    ...over,
  });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return (await api(w.users.focal_officer, 'GET', `/api/rotation/assignments/${res.json.id}`)).json;
}

describe('job rotation (issue 20)', () => {
  it('lists who is due for a year, who is deferred and why, who is exempt, and runs the plan', async () => {
    const bad = async (over: Record<string, unknown>, field: string) => {
      const res = await api(w.users.focal_officer, 'POST', '/api/rotation/assignments', {
        unitId: w.units.A1,
        personName: 'X',
        positionCode: 'procurement',
        assignedOn: '2023-06-01',
        ...over,
      });
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(fieldsOf(res)).toContain(field);
    };
    await bad({ assignedOn: '2026-12-01' }, 'assignedOn');
    await bad({ positionCode: 'nothing' }, 'positionCode');
    await bad({ unitId: w.units.B }, 'unitId');
    await bad({ retiresOn: '2020-01-01' }, 'retiresOn');
    await bad({ personName: '' }, 'personName');
    await bad({ probationMonths: 30 }, 'probationMonths');

    // Three years from the decision: due on 01/06/2026, still holding the post.
    const p1 = await assign({ personName: 'Nguyễn Văn Một' });
    expect(p1).toMatchObject({ dueOn: '2026-06-01', periodYears: 3, monthsInPosition: 41 });
    // Probation does not count: 12 months then three years → 2028.
    await assign({ personName: 'Trần Thị Hai', assignedOn: '2024-03-01', probationMonths: 12 });
    const p3 = await assign({ personName: 'Lê Thị Ba', assignedOn: '2024-01-10' });
    const deferred = await api(
      w.users.focal_officer,
      'POST',
      `/api/rotation/assignments/${p3.id}/deferrals`,
      {
        reason: 'pregnancy_or_young_child',
        from: '2026-10-01',
        until: '2028-06-30',
        version: p3.version,
      },
    );
    expect(deferred.json.deferrals).toHaveLength(1);
    // Under 18 months from the year's start to retirement: not rotated at all.
    await assign({ personName: 'Phạm Văn Bốn', assignedOn: '2023-05-01', retiresOn: '2027-09-01' });
    await assign({ personName: 'Hoàng Văn Năm', positionCode: 'justice_local', assignedOn: '2022-01-01' });

    // The head is asked for this year's plan (due 31/03) while someone is due and none is issued.
    const home = await api(w.users.focal_officer, 'GET', '/api/me/deadlines?limit=50');
    expect(home.json.items).toContainEqual(
      expect.objectContaining({ kind: 'rotation_plan', dueOn: '2026-03-31', state: 'overdue' }),
    );

    const due = await api(w.users.focal_officer, 'GET', '/api/rotation/due?year=2027&pageSize=50');
    expect(due.json.counts).toEqual({ due: 2, deferred: 1, exempt: 1, planned: 0, onDraft: 0 });
    const byName = Object.fromEntries(
      due.json.items.map((r: { personName: string; status: string; reason: string | null }) => [
        r.personName,
        [r.status, r.reason],
      ]),
    );
    expect(byName).toEqual({
      'Nguyễn Văn Một': ['due', null],
      'Hoàng Văn Năm': ['due', null],
      'Lê Thị Ba': ['deferred', 'pregnancy_or_young_child'],
      'Phạm Văn Bốn': ['exempt', null],
    });
    // Due first, then deferred, then exempt; filters and search without accents.
    expect(due.json.items.map((r: { status: string }) => r.status)).toEqual([
      'due',
      'due',
      'deferred',
      'exempt',
    ]);
    // Positions are named in the reader's language.
    const inEnglish = await call(w.app, 'GET', '/api/rotation/due?year=2027&q=nam', {
      who: w.users.focal_officer,
      lang: 'en',
    });
    expect(inEnglish.json.items[0].positionName).toMatch(/^Civil status/);
    const found = await api(w.users.focal_officer, 'GET', '/api/rotation/due?year=2027&q=nam&status=due');
    expect(found.json.items.map((r: { personName: string }) => r.personName)).toEqual(['Hoàng Văn Năm']);
    expect(found.json.total).toBe(1);
    // Another department sees none of it.
    const far = await api(outsider, 'GET', '/api/rotation/due?year=2027');
    expect(far.json.items).toEqual([]);
    expect((await api(outsider, 'GET', `/api/rotation/assignments/${p1.id}`)).status).toBe(404);

    // Nobody records, defers or ends their own post (review: a head deferred himself without end).
    const own = await api(w.users.focal_officer, 'POST', '/api/rotation/assignments', {
      unitId: w.units.A,
      userId: w.users.focal_officer.userId,
      positionCode: 'personnel',
      assignedOn: '2022-01-01',
    });
    expect(own.status).toBe(403);
    const headPost = await api(w.users.focal_officer, 'POST', '/api/rotation/assignments', {
      unitId: w.units.A,
      userId: w.users.unit_head.userId,
      positionCode: 'personnel',
      assignedOn: '2026-01-05',
    });
    expect(headPost.status, JSON.stringify(headPost.json)).toBe(200);
    // The head's own post is not offered to them for change; the keeper who recorded it may (rev29).
    expect(
      (await api(w.users.unit_head, 'GET', `/api/rotation/assignments/${headPost.json.id}`)).json.canChange,
    ).toBe(false);
    expect(
      (await api(w.users.focal_officer, 'GET', `/api/rotation/assignments/${headPost.json.id}`)).json
        .canChange,
    ).toBe(true);
    const selfDefer = await api(
      w.users.unit_head,
      'POST',
      `/api/rotation/assignments/${headPost.json.id}/deferrals`,
      {
        reason: 'leading_inspection_team',
        from: '2026-06-01',
        version: 1,
      },
    );
    expect(selfDefer.status).toBe(403);
    const selfEnd = await api(
      w.users.unit_head,
      'POST',
      `/api/rotation/assignments/${headPost.json.id}/end`,
      {
        endedOn: '2026-11-01',
        rotated: true,
        version: 1,
      },
    );
    expect(selfEnd.status).toBe(403);

    // A post given by name only (as a paper list or an import gives it) is the same person's (re-test M1):
    // recorded by its holder it is refused; recorded by a colleague it is linked to the holder's account.
    const namedPost = {
      unitId: w.units.A,
      personName: 'Người dùng focal_officer',
      positionCode: 'personnel',
      assignedOn: '2022-01-01',
    };
    const ownByName = { ...namedPost, personName: 'NGUOI DUNG Focal_Officer' };
    expect((await api(w.users.focal_officer, 'POST', '/api/rotation/assignments', ownByName)).status).toBe(
      403,
    );
    const named = await api(w.users.unit_head, 'POST', '/api/rotation/assignments', namedPost);
    expect(named.status, JSON.stringify(named.json)).toBe(200);
    const [linked] = await w.database.db
      .select()
      .from(rotationAssignments)
      .where(eq(rotationAssignments.id, named.json.id));
    expect(linked!.userId).toBe(w.users.focal_officer.userId);
    // A post kept by name before links existed is still its holder's: no self-deferral, no self-ending.
    await w.database.db
      .update(rotationAssignments)
      .set({ userId: null })
      .where(eq(rotationAssignments.id, named.json.id));
    const unlinkedDefer = await api(
      w.users.focal_officer,
      'POST',
      `/api/rotation/assignments/${named.json.id}/deferrals`,
      {
        reason: 'full_time_study',
        from: '2026-06-01',
        version: 1,
      },
    );
    expect(unlinkedDefer.status).toBe(403);
    // Nor with invisible characters, doubled or no-break spaces, nor in a team of the unit (re-test M1).
    // Nor with a trailing dot, a hyphen for a space or a note in brackets (sec31 F4).
    for (const personName of [
      'Người  dùng\u00a0focal_officer',
      ' người\tdùng focal_officer ',
      'Người dùng focal_officer.',
      'NGUOI-DUNG FOCAL_OFFICER',
      'Người dùng focal_officer (TP)',
    ]) {
      const variant = await api(w.users.focal_officer, 'POST', '/api/rotation/assignments', {
        ...ownByName,
        personName,
      });
      expect(variant.status, personName).toBe(403);
    }
    // A look-alike letter of another script (Cyrillic о) or an invisible character makes no name (sec31 F4).
    for (const personName of ['Người dùng f\u043ecal_officer', 'Người dùng foc\u200bal_officer']) {
      const variant = await api(w.users.focal_officer, 'POST', '/api/rotation/assignments', {
        ...ownByName,
        personName,
      });
      expect(variant.json.fields, personName).toEqual({ personName: expect.stringContaining('chữ cái') });
    }
    const inTeam = await api(w.users.focal_officer, 'POST', '/api/rotation/assignments', {
      ...ownByName,
      unitId: w.units.A1,
    });
    expect(inTeam.status).toBe(403);
    const unlinkedEnd = await api(
      w.users.focal_officer,
      'POST',
      `/api/rotation/assignments/${named.json.id}/end`,
      {
        endedOn: '2026-11-01',
        rotated: true,
        version: 1,
      },
    );
    expect(unlinkedEnd.status).toBe(403);
    await w.database.db
      .update(rotationAssignments)
      .set({ endedOn: '2026-11-01' })
      .where(eq(rotationAssignments.id, named.json.id));

    // The 2027 plan takes everyone due; issued with its decision, then carried out or not, with reasons.
    const created = await api(w.users.unit_head, 'POST', '/api/rotation/plans', {
      unitId: w.units.A,
      year: 2027,
      content: 'Kế hoạch chuyển đổi vị trí công tác năm 2027',
    });
    expect(created.status, JSON.stringify(created.json)).toBe(200);
    const again = await api(w.users.unit_head, 'POST', '/api/rotation/plans', {
      unitId: w.units.A,
      year: 2027,
      content: 'x',
    });
    expect(fieldsOf(again)).toEqual(['year']);
    let plan = (await api(w.users.unit_head, 'GET', `/api/rotation/plans/${created.json.id}`)).json;
    expect(plan).toMatchObject({ stage: 'draft', items: 2, issueBy: '2027-03-31' });
    // A draft is not yet a plan: those on it are still due (review rev20 P8).
    const after = await api(w.users.focal_officer, 'GET', '/api/rotation/due?year=2027');
    // The counts say so too: the summary said "0 on the plan" above rows saying "on the draft plan".
    expect(after.json.counts).toEqual({ due: 2, deferred: 1, exempt: 1, planned: 0, onDraft: 2 });
    // … and the due list says they are on the draft (rev28), and only of those it holds.
    expect(
      after.json.items.map((r: { status: string; onDraftPlan: boolean }) => [r.status, r.onDraftPlan]),
    ).toEqual([
      ['due', true],
      ['due', true],
      ['deferred', false],
      ['exempt', false],
    ]);
    // The plan states who is due but deferred or exempt, and why (rev20 P9).
    expect(
      plan.exceptions.map((r: { personName: string; status: string; reason: string | null }) => [
        r.personName,
        r.status,
        r.reason,
      ]),
    ).toEqual([
      ['Lê Thị Ba', 'deferred', 'pregnancy_or_young_child'],
      ['Phạm Văn Bốn', 'exempt', null],
    ]);
    const item = (name: string) => plan.itemList.find((i: { personName: string }) => i.personName === name);
    expect(
      fieldsOf(
        await api(w.users.unit_head, 'POST', `/api/rotation/plan-items/${item('Nguyễn Văn Một').id}`, {
          status: 'done',
          on: '2026-11-25',
          decisionNo: '1/QĐ',
          version: 1,
        }),
      ),
    ).toEqual(['status']);
    expect(
      fieldsOf(
        await api(w.users.unit_head, 'POST', `/api/rotation/plans/${plan.id}/steps`, {
          step: 'issue',
          on: '2026-11-25',
          version: plan.version,
        }),
      ),
    ).toEqual(['decisionNo']);
    plan = (
      await api(w.users.unit_head, 'POST', `/api/rotation/plans/${plan.id}/steps`, {
        step: 'issue',
        on: '2026-11-25',
        decisionNo: '120/QĐ-TTr',
        version: plan.version,
      })
    ).json;
    expect(plan.stage).toBe('issued');
    const issuedDue = await api(w.users.focal_officer, 'GET', '/api/rotation/due?year=2027');
    expect(issuedDue.json.counts).toEqual({ due: 0, deferred: 1, exempt: 1, planned: 2, onDraft: 0 });
    const noReason = await api(
      w.users.unit_head,
      'POST',
      `/api/rotation/plan-items/${item('Hoàng Văn Năm').id}`,
      {
        status: 'not_done',
        on: '2026-11-25',
        version: 1,
      },
    );
    expect(fieldsOf(noReason)).toEqual(['reason']);
    // Not carried out before the plan was issued (review: a line dated 2001 ended a post before it began).
    const early = await api(
      w.users.unit_head,
      'POST',
      `/api/rotation/plan-items/${item('Nguyễn Văn Một').id}`,
      {
        status: 'done',
        on: '2026-11-24',
        decisionNo: '121/QĐ-TTr',
        version: 1,
      },
    );
    expect(fieldsOf(early)).toEqual(['on']);
    plan = (
      await api(w.users.unit_head, 'POST', `/api/rotation/plan-items/${item('Nguyễn Văn Một').id}`, {
        status: 'done',
        on: '2026-11-25',
        decisionNo: '121/QĐ-TTr',
        version: 1,
      })
    ).json;
    plan = (
      await api(w.users.unit_head, 'POST', `/api/rotation/plan-items/${item('Hoàng Văn Năm').id}`, {
        status: 'not_done',
        on: '2026-11-25',
        reason: 'Đơn vị chỉ có một vị trí; chờ phương án chuyển đổi liên ngành',
        version: 1,
      })
    ).json;
    expect(plan).toMatchObject({ done: 1, notDone: 1 });
    // Not carried out: still due, with the plan's reason (rev20 P8: it read "planned").
    const stillDue = await api(w.users.focal_officer, 'GET', '/api/rotation/due?year=2027&q=nam');
    expect(stillDue.json.items).toEqual([
      expect.objectContaining({
        personName: 'Hoàng Văn Năm',
        status: 'due',
        notDoneReason: 'Đơn vị chỉ có một vị trí; chờ phương án chuyển đổi liên ngành',
      }),
    ]);
    // The same post of the same person is not recorded twice (rev20 P2: a dialog saved twice).
    const twice = await api(w.users.focal_officer, 'POST', '/api/rotation/assignments', {
      unitId: w.units.A1,
      personName: 'hoàng  văn NĂM',
      positionCode: 'justice_local',
      assignedOn: '2022-01-01',
    });
    expect(fieldsOf(twice)).toEqual(['personName']);
    // Deferred until within the year: due after it, and the plan would place the person then.
    const six = await assign({ personName: 'Đặng Văn Sáu', assignedOn: '2022-01-01' });
    await api(w.users.focal_officer, 'POST', `/api/rotation/assignments/${six.id}/deferrals`, {
      reason: 'full_time_study',
      from: '2026-09-01',
      until: '2027-06-30',
      version: six.version,
    });
    const sixDue = await api(w.users.focal_officer, 'GET', '/api/rotation/due?year=2027&q=sau');
    expect(sixDue.json.items).toEqual([
      expect.objectContaining({
        status: 'due',
        reason: 'full_time_study',
        deferredUntil: '2027-06-30',
      }),
    ]);
    // Carried out: the assignment ends as rotated (and leaves the due list).
    const [ended] = await w.database.db
      .select()
      .from(rotationAssignments)
      .where(eq(rotationAssignments.id, p1.id));
    expect(ended).toMatchObject({ endedOn: '2026-11-25', rotated: true });
    const [a] = await w.database.db.select({ path: units.path }).from(units).where(eq(units.id, w.units.A));
    const m = await metric('rotation_plan_executed')!.compute(w.database.db, {
      unitId: w.units.A,
      unitPath: a!.path,
      year: 2027,
    });
    expect(m.detail).toBe('1/2');
    const audited = await w.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, plan.id));
    expect(audited.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'rotation.plan_created',
        'rotation.plan_issued',
        'rotation.plan_item_recorded',
      ]),
    );
  });
});

/** Every rotation route × every role, in scope (A1) and out of it (B). */
let tried = 0;
const anAssignment = async (side: 'A' | 'B') => {
  const { createAssignment } = await import('./service.ts');
  return createAssignment(w.ctx, {
    unitId: side === 'A' ? w.units.A1 : w.units.B,
    personName: `Người thử ${++tried}`,
    positionCode: 'personnel',
    assignedOn: '2022-01-01',
    probationMonths: 0,
  });
};
const read = {
  action: 'integrity.handle' as const,
  orActions: ['integrity.oversee' as const],
  rootAdmin: false,
};
describeMatrix(
  () => w,
  [
    {
      name: 'read an assignment',
      ...read,
      request: async (s) => ({
        method: 'GET',
        url: `/api/rotation/assignments/${(await anAssignment(s)).id}`,
      }),
    },
    {
      name: 'record a deferral',
      action: 'integrity.handle',
      reader: 'integrity.oversee',
      visibleDenied: 403,
      rootAdmin: false,
      request: async (s) => ({
        method: 'POST',
        url: `/api/rotation/assignments/${(await anAssignment(s)).id}/deferrals`,
        body: { reason: 'full_time_study', from: '2026-09-01', version: 1 },
      }),
    },
    {
      name: 'correct a position held',
      action: 'integrity.handle',
      reader: 'integrity.oversee',
      visibleDenied: 403,
      rootAdmin: false,
      request: async (s) => {
        const a = await anAssignment(s);
        return {
          method: 'PUT',
          url: `/api/rotation/assignments/${a.id}`,
          body: { positionCode: 'personnel', assignedOn: '2022-02-01', probationMonths: 0, version: 1 },
        };
      },
    },
    {
      name: 'end a position held',
      action: 'integrity.handle',
      reader: 'integrity.oversee',
      visibleDenied: 403,
      rootAdmin: false,
      request: async (s) => ({
        method: 'POST',
        url: `/api/rotation/assignments/${(await anAssignment(s)).id}/end`,
        body: { endedOn: '2026-11-01', rotated: true, decisionNo: '5/QĐ', version: 1 },
      }),
    },
    {
      name: 'edit a draft rotation plan',
      action: 'integrity.handle',
      reader: 'integrity.oversee',
      visibleDenied: 403,
      rootAdmin: false,
      request: async (s) => {
        const { createPlan } = await import('./service.ts');
        const unitId = s === 'A' ? w.units.A1 : w.units.B;
        const p = await createPlan(w.ctx, {
          unitId,
          year: 2030 + ++tried,
          content: 'Dự thảo',
          includeDue: false,
        });
        return {
          method: 'PUT',
          url: `/api/rotation/plans/${p.id}`,
          body: { content: 'Dự thảo đã sửa', version: 1 },
        };
      },
    },
    {
      name: 'record a position',
      action: 'integrity.handle',
      rootAdmin: false,
      outOfScopeStatus: 400,
      deniedStatus: 404,
      request: (s) => ({
        method: 'POST',
        url: '/api/rotation/assignments',
        body: {
          unitId: s === 'A' ? w.units.A1 : w.units.B,
          personName: `Người thử ${++tried}`,
          positionCode: 'personnel',
          assignedOn: '2022-01-01',
        },
      }),
    },
  ],
);

describe('a position held is corrected, and ended with its decision (rev20 P4)', () => {
  it('recomputes the due date, refuses what cannot be, and keeps the ending decision and note', async () => {
    const a = await assign({ personName: 'Lê Thị Sửa', assignedOn: '2023-06-01', decisionNo: '1/QĐ' });
    expect(a).toMatchObject({ dueOn: '2026-06-01', canChange: true });
    const body = (over: Record<string, unknown>) => ({
      personName: a.personName,
      positionCode: a.positionCode,
      assignedOn: a.assignedOn,
      decisionNo: a.decisionNo,
      probationMonths: a.probationMonths,
      version: a.version,
      ...over,
    });
    const put = (who: Who, over: Record<string, unknown>) =>
      api(who, 'PUT', `/api/rotation/assignments/${a.id}`, body(over));
    expect(fieldsOf(await put(w.users.focal_officer, { assignedOn: '2026-12-01' }))).toEqual(['assignedOn']);
    expect(fieldsOf(await put(w.users.focal_officer, { positionCode: 'nowhere' }))).toEqual(['positionCode']);
    const early = await put(w.users.focal_officer, { retiresOn: '2020-01-01' });
    expect(fieldsOf(early)).toEqual(['retiresOn']);
    // Said against the date it is compared with, not a "previous step" (review rev28).
    expect(early.json.fields.retiresOn).toBe('Ngày này không được trước ngày quyết định phân công.');
    expect((await put(w.users.focal_officer, { unitId: w.units.B })).status).toBe(400);
    // Read by the inspectorate, kept by the unit; unseen elsewhere.
    expect((await put(w.users.inspector, {})).status).toBe(403);
    expect((await put(outsider, {})).status).toBe(404);
    // Assigned on 1/3/2023 with 6 months' probation: the 3 years end on 1/9/2026.
    const fixed = await put(w.users.focal_officer, { assignedOn: '2023-03-01', probationMonths: 6 });
    expect(fixed.status, JSON.stringify(fixed.json)).toBe(200);
    expect(fixed.json).toMatchObject({
      assignedOn: '2023-03-01',
      dueOn: '2026-09-01',
      version: a.version + 1,
    });
    const corrected = await w.database.query<{ changes: Record<string, unknown> }>(
      `select changes from audit_events where action = 'rotation.corrected' and entity_id = $1`,
      [a.id],
    );
    expect(corrected[0]!.changes).toMatchObject({ dueOn: ['2026-06-01', '2026-09-01'] });
    expect((await put(w.users.focal_officer, {})).status).toBe(409);

    const ended = await api(w.users.focal_officer, 'POST', `/api/rotation/assignments/${a.id}/end`, {
      endedOn: '2026-11-20',
      rotated: true,
      decisionNo: '45/QĐ-STC',
      note: 'Chuyển sang Phòng Tổng hợp',
      version: fixed.json.version,
    });
    expect(ended.json).toMatchObject({
      endedOn: '2026-11-20',
      rotated: true,
      endDecisionNo: '45/QĐ-STC',
      endNote: 'Chuyển sang Phòng Tổng hợp',
    });
    const again = await api(w.users.focal_officer, 'PUT', `/api/rotation/assignments/${a.id}`, {
      ...body({}),
      version: ended.json.version,
    });
    expect(again.json.code).toBe('record_final');
  });
});

describe('a name corrected on a post kept by name (sec31 F4)', () => {
  it('is checked as a new post’s: not the keeper’s own, and linked to its holder’s account', async () => {
    const a = await assign({ unitId: w.units.A, personName: 'Tạm Thời Tên', assignedOn: '2023-06-01' });
    expect(a.userId).toBeNull();
    const rename = (who: Who, personName: string, version = a.version) =>
      api(who, 'PUT', `/api/rotation/assignments/${a.id}`, {
        personName,
        positionCode: a.positionCode,
        assignedOn: a.assignedOn,
        probationMonths: a.probationMonths,
        version,
      });
    // To the keeper's own name: refused, as recording it under that name would be.
    expect((await rename(w.users.focal_officer, 'Người dùng focal_officer.')).json.code).toBe(
      'separation_of_duties',
    );
    // To an account holder's name in the unit: the post is theirs, and the one-post rule sees it.
    const linked = await rename(w.users.focal_officer, 'Người dùng reviewer');
    expect(linked.status, JSON.stringify(linked.json)).toBe(200);
    expect(linked.json.userId).toBe(w.users.reviewer.userId);
    const second = await api(w.users.focal_officer, 'POST', '/api/rotation/assignments', {
      unitId: w.units.A,
      userId: w.users.reviewer.userId,
      positionCode: 'procurement',
      assignedOn: '2024-01-01',
    });
    expect(fieldsOf(second)).toEqual(['userId']);
  });
});

describe('positions and their periods are reference data the province sets (rev20 P14)', () => {
  it('lets the province set a period within the sector’s range, and re-dates the posts held', async () => {
    const positions = (await api(w.users.inspector, 'GET', '/api/rotation/positions')).json as Array<{
      code: string;
      periodYears: number;
      minYears: number;
      maxYears: number;
    }>;
    const p = positions.find((x) => x.minYears < x.maxYears)!;
    const province = await sessionFor(
      w.database,
      await addUser(w, 'coord.province', 'coordinator', w.units.R),
      w.clock.now(),
    );
    const a = await assign({ personName: 'Đinh Thị Hạn', positionCode: p.code, assignedOn: '2022-04-01' });
    const other = p.periodYears === p.maxYears ? p.minYears : p.maxYears;
    const put = (who: Who | undefined, periodYears: number) =>
      call(w.app, 'PUT', `/api/rotation/positions/${p.code}`, { who, body: { periodYears } });
    expect(Object.keys((await put(province, p.maxYears + 1)).json.fields)).toEqual(['periodYears']);
    // Below the province (a department's keeper, the inspectorate) it is read, not set; the administrator
    // keeps no register and does not learn of it.
    for (const who of [w.users.focal_officer, w.users.coordinator, w.users.inspector, outsider])
      expect((await put(who, other)).status).toBe(403);
    expect((await put(w.users.root_admin, other)).status).toBe(404);
    expect((await put(undefined, other)).status).toBe(401);
    expect(
      (
        await call(w.app, 'PUT', '/api/rotation/positions/khong-co', {
          who: province,
          body: { periodYears: 3 },
        })
      ).status,
    ).toBe(404);
    const set = await put(province, other);
    expect(set.status, JSON.stringify(set.json)).toBe(200);
    expect(set.json.periodYears).toBe(other);
    const after = (await api(w.users.focal_officer, 'GET', `/api/rotation/assignments/${a.id}`)).json;
    expect(after.dueOn).toBe(`${2022 + other}-04-01`);
    // The log names the posts it re-dated, not only how many (sec31 F3).
    const logged = await w.database.query<{ changes: { postsRedated: string[] } }>(
      `select changes from audit_events where action = 'rotation.period_set'`,
    );
    expect(logged.some((l) => l.changes.postsRedated.includes(a.id))).toBe(true);
    expect((await put(province, p.periodYears)).status).toBe(200);
    // Nobody sets the period of a position they hold: their own post's due date would move (sec31 F3).
    const own = await assign({
      personName: 'Người dùng coord.province',
      positionCode: p.code,
      assignedOn: '2021-01-01',
    });
    expect((await put(province, other)).json.code).toBe('separation_of_duties');
    const kept = (await api(w.users.focal_officer, 'GET', `/api/rotation/assignments/${own.id}`)).json;
    expect(kept.dueOn).toBe(own.dueOn);
  });
});

describe('a draft rotation plan is edited before it is issued (rev20 P4)', () => {
  it('takes people on and off, moves their dates, corrects its text, then holds still once issued', async () => {
    const a = await assign({ unitId: w.units.A1, personName: 'Trịnh Văn Kế', assignedOn: '2023-05-01' });
    const created = await api(w.users.focal_officer, 'POST', '/api/rotation/plans', {
      unitId: w.units.A1,
      year: 2027,
      content: 'Dự thảo kế hoạch 2027',
      includeDue: false,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(200);
    const id = created.json.id as string;
    let plan = (await api(w.users.focal_officer, 'GET', `/api/rotation/plans/${id}`)).json;
    expect(plan.items).toBe(0);
    plan = (
      await api(w.users.focal_officer, 'POST', `/api/rotation/plans/${id}/items`, {
        assignmentId: a.id,
        plannedOn: '2027-01-15',
        version: plan.version,
      })
    ).json;
    const item = plan.itemList.find((i: { assignmentId: string }) => i.assignmentId === a.id);
    expect(item).toMatchObject({ plannedOn: '2027-01-15', toPosition: null });
    // Added twice: said on the field; the plan and its log do not move (sec31 F6).
    const twice = await api(w.users.focal_officer, 'POST', `/api/rotation/plans/${id}/items`, {
      assignmentId: a.id,
      plannedOn: '2027-03-01',
      version: plan.version,
    });
    expect(twice.json.fields).toEqual({ assignmentId: expect.any(String) });
    expect((await api(w.users.focal_officer, 'GET', `/api/rotation/plans/${id}`)).json.version).toBe(
      plan.version,
    );
    // Another year's date, a stale version, a reader, an outsider: refused, nothing changed.
    const change = (who: Who, body: Record<string, unknown>) =>
      api(who, 'PUT', `/api/rotation/plan-items/${item.id}`, {
        plannedOn: '2027-06-01',
        version: plan.version,
        ...body,
      });
    expect(fieldsOf(await change(w.users.focal_officer, { plannedOn: '2028-01-01' }))).toEqual(['plannedOn']);
    expect((await change(w.users.focal_officer, { version: plan.version - 1 })).status).toBe(409);
    expect((await change(w.users.inspector, {})).status).toBe(403);
    expect((await change(outsider, {})).status).toBe(404);
    const moved = await change(w.users.focal_officer, { toPosition: 'Phòng Tổng hợp' });
    expect(moved.status, JSON.stringify(moved.json)).toBe(200);
    plan = moved.json;
    expect(plan.itemList[0]).toMatchObject({ plannedOn: '2027-06-01', toPosition: 'Phòng Tổng hợp' });
    const text = await api(w.users.focal_officer, 'PUT', `/api/rotation/plans/${id}`, {
      content: 'Kế hoạch 2027: mục đích, yêu cầu, thời gian',
      version: plan.version,
    });
    expect(text.json.content).toBe('Kế hoạch 2027: mục đích, yêu cầu, thời gian');
    expect(
      fieldsOf(
        await api(w.users.focal_officer, 'PUT', `/api/rotation/plans/${id}`, {
          content: ' ',
          version: text.json.version,
        }),
      ),
    ).toEqual(['content']);
    // Taken off: on the due list again, without the plan.
    const removed = await api(
      w.users.focal_officer,
      'DELETE',
      `/api/rotation/plan-items/${item.id}?version=${text.json.version}`,
    );
    expect(removed.status, JSON.stringify(removed.json)).toBe(200);
    expect(removed.json.items).toBe(0);
    // Left off the plan, they are still stated on it as due (rev28: they vanished from the plan page).
    expect(
      removed.json.exceptions
        .filter((r: { personName: string }) => r.personName === 'Trịnh Văn Kế')
        .map((r: { status: string }) => r.status),
    ).toEqual(['due']);
    // Someone the law does not rotate is not put on the plan (rev28: listed as planned and as exempt).
    const retiring = await assign({
      unitId: w.units.A1,
      personName: 'Hồ Sắp Hưu',
      assignedOn: '2022-01-01',
      retiresOn: '2027-06-30',
    });
    const refused = await api(w.users.focal_officer, 'POST', `/api/rotation/plans/${id}/items`, {
      assignmentId: retiring.id,
      plannedOn: '2027-03-01',
      version: removed.json.version,
    });
    expect(fieldsOf(refused)).toEqual(['assignmentId']);
    expect(JSON.stringify(refused.json.fields)).toContain('18 tháng');
    const logged = await w.database.query<{ action: string }>(
      `select action from audit_events where entity_id = $1 order by seq`,
      [id],
    );
    expect(logged.map((l) => l.action)).toEqual([
      'rotation.plan_created',
      'rotation.plan_item_added',
      'rotation.plan_item_changed',
      'rotation.plan_updated',
      'rotation.plan_item_removed',
    ]);
    // Issued: what the head signed is not edited any more.
    plan = (
      await api(w.users.focal_officer, 'POST', `/api/rotation/plans/${id}/items`, {
        assignmentId: a.id,
        plannedOn: '2027-02-01',
        version: removed.json.version,
      })
    ).json;
    const issued = await api(w.users.focal_officer, 'POST', `/api/rotation/plans/${id}/steps`, {
      step: 'issue',
      on: '2026-11-25',
      decisionNo: '9/KH',
      version: plan.version,
    });
    expect(issued.json.stage).toBe('issued');
    const v = issued.json.version;
    expect(
      (await api(w.users.focal_officer, 'PUT', `/api/rotation/plans/${id}`, { content: 'x', version: v }))
        .json.code,
    ).toBe('plan_not_draft');
    const last = issued.json.itemList[0].id;
    expect(
      (await api(w.users.focal_officer, 'DELETE', `/api/rotation/plan-items/${last}?version=${v}`)).json.code,
    ).toBe('plan_not_draft');
  });

  it('lets nobody put on, move or take off their own line of a draft (rev28)', async () => {
    // The focal officer's own post, kept by name (recorded by the head: nobody records their own).
    const own = await api(w.users.unit_head, 'POST', '/api/rotation/assignments', {
      unitId: w.units.A1,
      positionCode: 'procurement',
      personName: 'Người dùng focal_officer',
      assignedOn: '2022-02-01',
    });
    expect(own.status, JSON.stringify(own.json)).toBe(200);
    const created = await api(w.users.unit_head, 'POST', '/api/rotation/plans', {
      unitId: w.units.A1,
      year: 2028,
      content: 'Dự thảo kế hoạch 2028',
      includeDue: false,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(200);
    const id = created.json.id as string;
    const add = (who: Who, version: number) =>
      api(who, 'POST', `/api/rotation/plans/${id}/items`, {
        assignmentId: own.json.id,
        plannedOn: '2028-02-01',
        version,
      });
    const draft = (await api(w.users.unit_head, 'GET', `/api/rotation/plans/${id}`)).json;
    const self = await add(w.users.focal_officer, draft.version);
    expect(self.json.code, JSON.stringify(self.json)).toBe('separation_of_duties');
    const plan = (await add(w.users.unit_head, draft.version)).json;
    const line = plan.itemList.find((i: { assignmentId: string }) => i.assignmentId === own.json.id);
    expect(line).toBeTruthy();
    const moved = await api(w.users.focal_officer, 'PUT', `/api/rotation/plan-items/${line.id}`, {
      plannedOn: '2028-12-01',
      version: plan.version,
    });
    expect(moved.json.code).toBe('separation_of_duties');
    const off = await api(
      w.users.focal_officer,
      'DELETE',
      `/api/rotation/plan-items/${line.id}?version=${plan.version}`,
    );
    expect(off.json.code).toBe('separation_of_duties');
    // Nothing changed: the line is where the head put it, and the plan's version has not moved.
    const after = (await api(w.users.unit_head, 'GET', `/api/rotation/plans/${id}`)).json;
    expect(after.version).toBe(plan.version);
    expect(after.itemList.map((i: { plannedOn: string }) => i.plannedOn)).toEqual(['2028-02-01']);
  });
});

describe("the personnel office's rotation list as a spreadsheet (issue 20)", () => {
  const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  const mapping = {
    unitCode: 'Mã đơn vị',
    personName: 'Họ tên',
    position: 'Vị trí',
    assignedOn: 'Ngày phân công',
    retiresOn: 'Nghỉ hưu',
  };
  const header = 'Mã đơn vị;Họ tên;Vị trí;Ngày phân công;Nghỉ hưu';
  const send = (s: 'dry-run' | 'commit', lines: string[]) =>
    upload(
      w.app,
      `/api/imports/rotation_assignments/${s}`,
      w.users.focal_officer,
      { mapping: JSON.stringify(mapping) },
      {
        name: 'luan-chuyen.csv',
        content: csv([header, ...lines]),
      },
    );
  const count = async () => (await w.database.db.select().from(rotationAssignments)).length;

  it('names every bad row and column and changes nothing, then imports all rows and leaves known ones as they are', async () => {
    const before = await count();
    const bad = await send('commit', [
      'A1;Đinh Văn Sáu;procurement;01/03/2023;',
      'KHONGCO;Ai đó;procurement;01/03/2023;',
      'A1;Mai Thị Bảy;vị trí lạ;01/03/2023;',
      'B;Ngoài phạm vi;personnel;01/03/2023;',
      'A1;Lý Văn Tám;personnel;31/02/2023;',
      'A1;Đinh Văn Sáu;procurement;01/03/2023;',
      'A1;Hà Văn Chín;personnel;01/03/2023;01/01/2020',
    ]);
    expect(bad.statusCode).toBe(400);
    const rowsWithErrors = (bad.json().rows as Array<{ row: number; column: string }>).map((e) => [
      e.row,
      e.column,
    ]);
    expect(rowsWithErrors).toEqual([
      [3, 'Mã đơn vị'],
      [4, 'Vị trí'],
      [5, 'Mã đơn vị'],
      [6, 'Ngày phân công'],
      [7, 'Họ tên'],
      [8, 'Nghỉ hưu'],
    ]);
    // An impossible date is said as sheets write dates (review: it quoted the API's yyyy-MM-dd).
    const dateError = (bad.json().rows as Array<{ row: number; message: string }>).find((e) => e.row === 6);
    expect(dateError!.message).toContain('dd/mm/yyyy');
    expect(await count()).toBe(before);
    // By code or by the position's Vietnamese name; dates as people write them.
    const good = [
      'A1;Đinh Văn Sáu;procurement;01/03/2023;',
      'A1;Mai Thị Bảy;Mua sắm công, đấu thầu, thẩm định giá, đấu giá tài sản;15/06/2021;30/06/2027',
    ];
    const dry = await send('dry-run', good);
    expect(dry.json().counts).toMatchObject({ create: 2, errors: 0 });
    const done = await send('commit', good);
    expect(done.statusCode, done.body).toBe(200);
    expect(await count()).toBe(before + 2);
    const due = await api(w.users.focal_officer, 'GET', '/api/rotation/due?year=2027&q=bay');
    expect(due.json.items).toEqual([
      expect.objectContaining({ personName: 'Mai Thị Bảy', status: 'exempt', dueOn: '2024-06-15' }),
    ]);
    expect((await send('dry-run', good)).json().counts).toMatchObject({ create: 0, unchanged: 2 });
  });
});
