import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '#server/modules/audit/tables.ts';
import { declarations, verificationCases } from '#server/modules/declarations/tables.ts';
import { inspectionPlans, inspections } from './tables.ts';
import '#server/modules/index.ts';
import { createUnit } from '#server/modules/org/service.ts';
import { personIn } from '#test/declarations.ts';
import { call, createWorld, inspectedUnit, upload, type Who, type World } from '#test/world.ts';

/**
 * Recommendations from every source (issue 19): a state audit, a citizen's report's conclusion and a
 * verification of declarations, followed to closure like an inspection's; and a follow-up inspection that
 * re-checks the recommendations of the one it follows up.
 */
let w: World;
beforeAll(async () => {
  // The world's clock: 25/11/2026. Units: R > A (the inspectorate, also the control agency) > A1 (its team), A2; B.
  w = await createWorld();
  inspected = await inspectedUnit(w);
});
let inspected: string;
afterAll(() => w.close());

const api = (who: Who, method: string, url: string, body?: unknown) =>
  call(w.app, method, url, { who, body });
const inspector = () => w.users.inspector;
const rec = (over: Record<string, unknown> = {}) => ({
  kind: 'institutional',
  content: 'Sửa quy chế chi tiêu nội bộ.',
  ownerUnitId: inspected,
  dueOn: '2026-12-31',
  ...over,
});
const ids = (res: { json: Record<string, unknown> }) =>
  (res.json.items as Array<{ id: string }>).map((r) => r.id);

describe('recommendations from a state audit and a citizen’s report', () => {
  it('are recorded by the inspectorate naming the document (never the report itself) and refused field by field', async () => {
    const body = {
      issuerUnitId: w.units.A,
      sourceKind: 'audit',
      sourceRef: 'Báo cáo kiểm toán số 45/BC-KTNN ngày 10/06/2026',
      issuedOn: '2026-10-01',
      recommendations: [
        rec(),
        rec({ kind: 'recovery', content: 'Nộp lại 12 triệu đồng.', amountVnd: 12_000_000 }),
      ],
    };
    const bad = async (over: Record<string, unknown>, field: string) => {
      const res = await api(inspector(), 'POST', '/api/recommendations', { ...body, ...over });
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(Object.keys(res.json.fields)).toEqual([field]);
    };
    await bad({ sourceRef: undefined }, 'sourceRef');
    await bad({ sourceId: w.units.A }, 'sourceId');
    await bad({ issuedOn: '2026-12-01' }, 'issuedOn');
    await bad({ recommendations: [rec({ ownerUnitId: w.units.B })] }, 'recommendations.0.ownerUnitId');
    await bad({ recommendations: [rec({ dueOn: '2026-09-30' })] }, 'recommendations.0.dueOn');
    await bad({ recommendations: [rec({ ownerUnitId: null })] }, 'recommendations.0.ownerUnitId');
    await bad({ issuerUnitId: w.units.B }, 'issuerUnitId');
    // Nothing was written by the refused ones.
    expect(ids(await api(w.users.unit_head, 'GET', '/api/recommendations?view=owed&pageSize=100'))).toEqual(
      [],
    );

    const made = await api(inspector(), 'POST', '/api/recommendations', body);
    expect(made.status, JSON.stringify(made.json)).toBe(200);
    expect(made.json.ids).toHaveLength(2);
    const report = await api(inspector(), 'POST', '/api/recommendations', {
      ...body,
      sourceKind: 'report',
      sourceRef: 'Kết luận nội dung tố cáo số 12/KL-TTr',
      recommendations: [rec({ kind: 'discipline', content: 'Kiểm điểm người đứng đầu phòng.' })],
    });
    expect(report.status, JSON.stringify(report.json)).toBe(200);

    // The unit that owes them sees them with their source; the inspectorate among what it issued.
    const owed = await api(w.users.unit_head, 'GET', '/api/recommendations?view=owed&pageSize=100');
    expect(owed.json.items).toHaveLength(3);
    const fromReport = owed.json.items.find((r: { id: string }) => r.id === report.json.ids[0]);
    expect(fromReport).toMatchObject({
      sourceKind: 'report',
      sourceId: null,
      sourceTitle: null,
      sourceRef: 'Kết luận nội dung tố cáo số 12/KL-TTr',
      issuerUnitName: 'Thanh tra tỉnh',
      status: 'open',
    });
    expect(ids(await api(inspector(), 'GET', '/api/recommendations?view=issued&pageSize=100'))).toEqual(
      expect.arrayContaining([...made.json.ids, ...report.json.ids]),
    );
    // Followed like an inspection's: the unit reports, the inspectorate closes.
    const first = made.json.ids[0] as string;
    const done = await api(w.users.unit_head, 'POST', `/api/recommendations/${first}/updates`, {
      status: 'reported_done',
      note: 'Đã ban hành quy chế mới.',
      version: 1,
    });
    expect(done.status, JSON.stringify(done.json)).toBe(200);
    const closed = await api(inspector(), 'POST', `/api/recommendations/${first}/updates`, {
      status: 'closed',
      note: 'Đã kiểm tra.',
      version: done.json.version,
    });
    expect(closed.json).toMatchObject({ status: 'closed', sourceKind: 'audit' });
    // Each is in the audit log with its source, in the same transaction as the write.
    const events = await w.database.db
      .select({ changes: auditEvents.changes })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'recommendation.issued'), eq(auditEvents.entityId, first)));
    expect(events).toEqual([
      { changes: expect.objectContaining({ source: 'audit', sourceRef: body.sourceRef }) },
    ]);
    // Neither another unit's head nor a role that does not inspect records or reads them.
    const otherHead = await personIn(w, w.units.B, null, 'unit_head');
    expect((await api(otherHead.who, 'GET', `/api/recommendations/${first}`)).status).toBe(404);
    expect((await api(w.users.asset_controller, 'POST', '/api/recommendations', body)).status).toBe(404);
  });
});

describe('recommendations from a verification of declarations', () => {
  it('are issued by the control agency that concluded it, and only after its conclusion', async () => {
    const person = await personIn(w, w.units.A1, null);
    const [d] = await w.database.db
      .insert(declarations)
      .values({
        userId: person.userId,
        unitId: w.units.A1,
        year: 2025,
        kind: 'annual',
        formCode: 'test',
        declaredOn: '2025-12-20',
        content: 'sealed',
        summary: {} as never,
      })
      .returning();
    const [v] = await w.database.db
      .insert(verificationCases)
      .values({
        controlUnitId: w.units.A,
        userId: person.userId,
        declarationId: d!.id,
        ground: 'lottery',
        groundKnownOn: '2026-03-01',
        decisionDueOn: '2026-03-06',
      })
      .returning();
    const body = {
      issuerUnitId: w.units.A,
      sourceKind: 'verification',
      sourceId: v!.id,
      issuedOn: '2026-10-25',
      recommendations: [rec({ kind: 'discipline', content: 'Xem xét kỷ luật vì kê khai không trung thực.' })],
    };
    const controller = w.users.asset_controller;
    const notYet = await api(controller, 'POST', '/api/recommendations', body);
    expect(notYet.json.fields).toEqual({ sourceId: expect.any(String) });
    await w.database.db
      .update(verificationCases)
      .set({ concludedOn: '2026-10-20', status: 'concluded' })
      .where(eq(verificationCases.id, v!.id));
    const early = await api(controller, 'POST', '/api/recommendations', { ...body, issuedOn: '2026-10-19' });
    expect(Object.keys(early.json.fields)).toEqual(['issuedOn']);
    const unknown = await api(controller, 'POST', '/api/recommendations', {
      ...body,
      sourceId: person.userId,
    });
    expect(Object.keys(unknown.json.fields)).toEqual(['sourceId']);
    // An inspector who is not the control agency does not issue a verification's recommendations.
    expect((await api(inspector(), 'POST', '/api/recommendations', body)).status).toBe(404);
    const made = await api(controller, 'POST', '/api/recommendations', body);
    expect(made.status, JSON.stringify(made.json)).toBe(200);
    const id = made.json.ids[0] as string;
    // The control agency lists and decides it; the inspectorate's list does not hold it.
    expect(ids(await api(controller, 'GET', '/api/recommendations?view=issued&pageSize=100'))).toEqual([id]);
    expect(ids(await api(inspector(), 'GET', '/api/recommendations?view=issued&pageSize=100'))).not.toContain(
      id,
    );
    expect((await api(inspector(), 'GET', `/api/recommendations/${id}`)).status).toBe(404);
    const seen = await api(controller, 'GET', `/api/recommendations/${id}`);
    expect(seen.json).toMatchObject({ sourceKind: 'verification', sourceId: v!.id, canDecide: true });
    const owed = await api(w.users.unit_head, 'GET', `/api/recommendations/${id}`);
    expect(owed.json).toMatchObject({ canRespond: true, canDecide: false });
  });
});

describe('a follow-up inspection re-checks what the earlier one recommended', () => {
  /** A concluded inspection of A1 with two recommendations, made through the API. */
  async function concluded(year: number) {
    const plan = await api(inspector(), 'POST', '/api/inspection-plans', { unitId: w.units.A, year });
    const item = await api(inspector(), 'POST', '/api/inspections', {
      planId: plan.json.id,
      unitId: w.units.A,
      subjectUnitId: inspected,
      title: `Thanh tra tài chính ${year}`,
    });
    const id = item.json.id as string;
    const lead = await personIn(w, w.units.A, null, 'inspector');
    const chief = await personIn(w, w.units.A, null, 'inspector');
    const approved = await api(chief.who, 'POST', `/api/inspection-plans/${plan.json.id}/approve`, {
      decisionNo: `${year}/QĐ-KH`,
      decisionDate: `${year - 1}-12-15`,
      version: 1,
    });
    expect(approved.status, JSON.stringify(approved.json)).toBe(200);
    let i = (
      await api(inspector(), 'POST', `/api/inspections/${id}/decide`, {
        decisionNo: `${year}/QĐ-TTr`,
        decisionDate: `${year}-08-04`,
        onSiteFrom: `${year}-08-11`,
        members: [{ userId: lead.userId, role: 'lead' }],
        version: 1,
      })
    ).json;
    expect(i.status, JSON.stringify(i)).toBe('decided');
    for (const [step, on] of [
      ['results', `${year}-09-15`],
      ['draft_assigned', `${year}-09-18`],
      ['draft_received', `${year}-10-01`],
    ])
      i = (
        await api(
          step === 'draft_received' ? lead.who : inspector(),
          'POST',
          `/api/inspections/${id}/steps`,
          {
            step,
            on,
            version: i.version,
          },
        )
      ).json;
    i = (
      await api(chief.who, 'POST', `/api/inspections/${id}/conclude`, {
        conclusionNo: `${year}/KL-TTr`,
        concludedOn: `${year}-10-10`,
        summary: 'Chi sai định mức.',
        wrongdoingVnd: 0,
        toRecoverVnd: 0,
        recommendations: [
          rec({ dueOn: `${year}-12-31` }),
          rec({ content: 'Công khai quy chế.', dueOn: `${year}-12-31` }),
        ],
        version: i.version,
      })
    ).json;
    expect(i.status, JSON.stringify(i)).toBe('concluded');
    return { id, recs: i.recommendations as Array<{ id: string; version: number }> };
  }

  it('lists them on the follow-up, records each finding as an update naming it, under the issuer’s rules', async () => {
    const earlier = await concluded(2025);
    const ground = { unitId: w.units.A, subjectUnitId: inspected, legalGround: 'Luật Thanh tra 2025' };
    // Only a concluded inspection is followed up.
    const open = await api(inspector(), 'POST', '/api/inspections', {
      ...ground,
      title: 'Mới',
      followUpOf: null,
    });
    const refused = await api(inspector(), 'POST', '/api/inspections', {
      ...ground,
      title: 'Kiểm tra lại',
      followUpOf: open.json.id,
    });
    expect(Object.keys(refused.json.fields)).toEqual(['followUpOf']);
    const made = await api(inspector(), 'POST', '/api/inspections', {
      ...ground,
      title: 'Kiểm tra việc thực hiện kết luận 2025/KL-TTr',
      followUpOf: earlier.id,
    });
    expect(made.status, JSON.stringify(made.json)).toBe(200);
    const fid = made.json.id as string;
    let f = (await api(inspector(), 'GET', `/api/inspections/${fid}`)).json;
    expect(f.followUp).toEqual({
      id: earlier.id,
      title: 'Thanh tra tài chính 2025',
      conclusionNo: '2025/KL-TTr',
    });
    expect(f.toRecheck.map((r: { id: string; recheckedHere: boolean }) => [r.id, r.recheckedHere])).toEqual(
      earlier.recs.map((r) => [r.id, false]),
    );
    const [one, two] = earlier.recs as [{ id: string; version: number }, { id: string; version: number }];
    const check = (recommendationId: string, result: string, version: number) =>
      api(inspector(), 'POST', `/api/inspections/${fid}/rechecks`, {
        recommendationId,
        result,
        note: 'Đoàn kiểm tra hồ sơ tại đơn vị.',
        version,
      });
    // Not before the team is at work.
    expect((await check(one.id, 'done', one.version)).status).toBe(409);
    const lead = await personIn(w, w.units.A, null, 'inspector');
    f = (
      await api(inspector(), 'POST', `/api/inspections/${fid}/decide`, {
        decisionNo: '5/QĐ-TTr',
        decisionDate: '2026-11-02',
        onSiteFrom: '2026-11-09',
        members: [{ userId: lead.userId, role: 'lead' }],
        version: f.version,
      })
    ).json;
    expect(f.status, JSON.stringify(f)).toBe('decided');
    // A recommendation of another inspection is not this follow-up's to re-check.
    const other = await concluded(2026);
    expect(Object.keys((await check(other.recs[0]!.id, 'done', 1)).json.fields)).toEqual([
      'recommendationId',
    ]);
    expect((await check(one.id, 'done', one.version + 5)).status).toBe(409);
    f = (await check(one.id, 'done', one.version)).json;
    f = (await check(two.id, 'not_done', two.version)).json;
    expect(
      f.toRecheck.map((r: { status: string; recheckedHere: boolean }) => [r.status, r.recheckedHere]),
    ).toEqual([
      ['closed', true],
      ['not_done', true],
    ]);
    // A re-check may find that one closed was not carried out after all: it is open again.
    f = (await check(one.id, 'partly', f.toRecheck[0].version)).json;
    expect(f.toRecheck[0].status).toBe('in_progress');
    const history = (await api(inspector(), 'GET', `/api/recommendations/${one.id}`)).json.updates;
    expect(
      history.map((u: { status: string; recheckedBy: string; recheckedByTitle: string }) => [
        u.status,
        u.recheckedBy,
        u.recheckedByTitle,
      ]),
    ).toEqual([
      ['closed', fid, 'Kiểm tra việc thực hiện kết luận 2025/KL-TTr'],
      ['in_progress', fid, 'Kiểm tra việc thực hiện kết luận 2025/KL-TTr'],
    ]);
    const events = await w.database.db
      .select({ changes: auditEvents.changes })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'recommendation.rechecked'), eq(auditEvents.entityId, one.id)));
    expect(events).toHaveLength(2);
    expect(events[0]!.changes).toMatchObject({ inspection: fid, status: ['open', 'closed'] });
    // The unit that owes them cannot re-check (it is not the inspectorate): not found.
    expect(
      (
        await api(w.users.unit_head, 'POST', `/api/inspections/${fid}/rechecks`, {
          recommendationId: two.id,
          result: 'done',
          note: 'Xong',
          version: 1,
        })
      ).status,
    ).toBe(404);
  });
});

describe("an inspectorate's yearly plan as a spreadsheet", () => {
  const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  const mapping = {
    inspectorateCode: 'Cơ quan',
    year: 'Năm',
    subjectCode: 'Mã đơn vị',
    subjectName: 'Đối tượng',
    title: 'Nội dung',
    quarter: 'Quý',
    reason: 'Lý do',
  };
  const header = 'Cơ quan;Năm;Mã đơn vị;Đối tượng;Nội dung;Quý;Lý do';
  const send = (step: 'dry-run' | 'commit', lines: string[], who: Who = inspector()) =>
    upload(
      w.app,
      `/api/imports/inspections/${step}`,
      who,
      { mapping: JSON.stringify(mapping) },
      {
        name: 'ke-hoach-thanh-tra.csv',
        content: csv([header, ...lines]),
      },
    );
  const count = async () => (await w.database.db.select().from(inspections)).length;

  it('takes an inspectorate’s plan only, never one inspecting itself (re-test sec22c C10)', async () => {
    await createUnit(w.ctx, { code: 'A5', name: 'Văn phòng', type: 'sub_unit', parentId: w.units.A });
    const dry = await send('dry-run', [
      'A5;2031;A2;;Thanh tra ngân sách;1;',
      'A;2031;A;;Thanh tra chính mình;1;',
      'A;2031;;Văn phòng;Thanh tra văn phòng;1;',
      'A;2031;A1;;Thanh tra phòng của mình;1;',
    ]);
    // Each refusal in words on its row and column (the messages are the dictionary's).
    expect(
      (dry.json().errors as Array<{ row: number; column: string; message: string }>).map((e) => [
        e.row,
        e.column,
        e.message.slice(0, 22),
      ]),
    ).toEqual([
      [2, 'Cơ quan', 'Chọn một cơ quan thanh'],
      [3, 'Mã đơn vị', 'Cơ quan thanh tra khôn'],
      [4, 'Đối tượng', 'Đây là một đơn vị tron'],
      [5, 'Mã đơn vị', 'Cơ quan thanh tra khôn'],
    ]);
  });

  it('names every bad row and column and changes nothing, then drafts the plan with every inspection once', async () => {
    const before = await count();
    const bad = await send('commit', [
      'A;2030;A2;;Thanh tra tài chính 2029;2;',
      'B;2030;A1;;Ngoài phạm vi;1;',
      'A;2030;;;Không có đối tượng;1;',
      'A;2030;A2;;Quý sai;7;',
      'A;2030;A2;;Thanh tra tài chính 2029;3;',
    ]);
    expect(bad.statusCode).toBe(400);
    expect((bad.json().rows as Array<{ row: number; column: string }>).map((e) => [e.row, e.column])).toEqual(
      [
        [3, 'Cơ quan'],
        [4, 'Mã đơn vị'],
        [5, 'Quý'],
        [6, 'Nội dung'],
      ],
    );
    expect(await count()).toBe(before);
    const good = [
      'A;2030;A2;;Thanh tra tài chính 2029;2;',
      'A;2030;;Công ty TNHH Xây dựng Sơn Hà;Thanh tra hợp đồng xây dựng;3;',
    ];
    const done = await send('commit', good);
    expect(done.statusCode, done.body).toBe(200);
    expect(await count()).toBe(before + 2);
    const [plan] = await w.database.db
      .select()
      .from(inspectionPlans)
      .where(and(eq(inspectionPlans.unitId, w.units.A), eq(inspectionPlans.year, 2030)));
    expect(plan).toMatchObject({ status: 'draft' });
    const again = await send('dry-run', good);
    expect(again.json().counts).toMatchObject({ create: 0, unchanged: 2 });
    // Once approved, an added inspection needs its reason, named by its column.
    const chief = await personIn(w, w.units.A, null, 'inspector');
    const approved = await api(chief.who, 'POST', `/api/inspection-plans/${plan!.id}/approve`, {
      decisionNo: '9/QĐ-KH',
      decisionDate: '2026-11-20',
      version: plan!.version,
    });
    expect(approved.status, JSON.stringify(approved.json)).toBe(200);
    const late = await send('dry-run', ['A;2030;A2;;Thanh tra đột xuất bổ sung;4;']);
    expect((late.json().errors as Array<{ column: string }>).map((e) => e.column)).toEqual(['Lý do']);
    const withReason = await send('commit', [
      'A;2030;A2;;Thanh tra đột xuất bổ sung;4;Chỉ đạo của UBND tỉnh',
    ]);
    expect(withReason.statusCode, withReason.body).toBe(200);
    const detail = await api(inspector(), 'GET', `/api/inspection-plans/${plan!.id}`);
    expect(detail.json.changes.map((c: { reason: string }) => c.reason)).toEqual(['Chỉ đạo của UBND tỉnh']);
    // Someone who does not inspect cannot import a plan.
    expect((await send('dry-run', good, w.users.unit_head)).statusCode).toBe(404);
  });
});
