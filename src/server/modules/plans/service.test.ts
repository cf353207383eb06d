import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '#server/modules/audit/service.ts';
import { notifications } from '#server/modules/notifications/tables.ts';
import { archiveUnit, createUnit } from '#server/modules/org/service.ts';
import { grants, users } from '#server/modules/users/tables.ts';
import type { Role } from '#shared/permissions.ts';
import { call, createWorld, sessionFor, upload, type Who, type World } from '#test/world.ts';
import { planItems, planVersions } from './tables.ts';

let w: World;
let coordinator: Who;
let officerB: Who;
beforeAll(async () => {
  w = await createWorld();
  // A provincial coordinator (on R) and a focal officer of unit B.
  const mk = async (username: string, role: Role, unitId: string) => {
    const [u] = await w.database.db
      .insert(users)
      .values({ username, fullName: username, unitId, passwordHash: 'x' })
      .returning();
    await w.database.db.insert(grants).values({ userId: u!.id, role, unitId });
    return sessionFor(w.database, u!.id, w.clock.now());
  };
  coordinator = await mk('dieu.phoi.tinh', 'coordinator', w.units.R);
  officerB = await mk('dau.moi.b', 'focal_officer', w.units.B);
});
afterAll(() => w.close());

const post = (url: string, who: Who, body?: unknown) => call(w.app, 'POST', url, { who, body });
const patch = (url: string, who: Who, body?: unknown) => call(w.app, 'PATCH', url, { who, body });
const get = (url: string, who: Who) => call(w.app, 'GET', url, { who });

describe('yearly plan', () => {
  let planId: string;
  let itemIds: string[] = [];

  it('is created by the coordinator and refuses bad items with clear field errors', async () => {
    const created = await post('/api/plans', coordinator, {
      unitId: w.units.R,
      year: 2026,
      title: 'Kế hoạch PCTNTC năm 2026',
      docNumber: '418/KH-UBND',
      docDate: '2026-01-15',
      signer: 'Chủ tịch UBND tỉnh',
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    planId = created.json.id;
    expect(
      (await post('/api/plans', coordinator, { unitId: w.units.R, year: 2026, title: 'Trùng' })).json.fields
        .year,
    ).toBeTruthy();

    const early = await post(`/api/plans/${planId}/items`, coordinator, {
      groupCode: 'leadership',
      content: 'Ban hành kế hoạch',
      deadline: '2025-12-31',
    });
    expect(early.status).toBe(400);
    expect(early.json.fields.deadline).toBe('Thời hạn không được trước năm của kế hoạch.');
    expect(
      (await post(`/api/plans/${planId}/items`, coordinator, { groupCode: 'galaxy', content: 'x' })).json
        .fields.groupCode,
    ).toBeTruthy();

    const gone = await createUnit(w.ctx, {
      code: 'GONE',
      name: 'Đơn vị đã lưu trữ',
      type: 'sub_unit',
      parentId: w.units.B,
    });
    await archiveUnit(w.ctx, gone.id, { version: gone.version });
    expect(
      (
        await post(`/api/plans/${planId}/items`, coordinator, {
          groupCode: 'leadership',
          content: 'x',
          leadUnitId: gone.id,
        })
      ).json.fields.leadUnitId,
    ).toBe('Đơn vị đã giải thể hoặc lưu trữ.');

    const section = await post(`/api/plans/${planId}/items`, coordinator, {
      groupCode: 'prevention',
      content: 'Phòng ngừa',
      ordinal: 1,
    });
    const taskA = await post(`/api/plans/${planId}/items`, coordinator, {
      groupCode: 'prevention',
      content: 'Kiểm soát nội bộ',
      parentId: section.json.id,
      leadUnitId: w.units.A,
      deadline: '2026-06-30',
      ordinal: 2,
    });
    const taskB = await post(`/api/plans/${planId}/items`, coordinator, {
      groupCode: 'propaganda',
      content: 'Tuyên truyền',
      parentId: section.json.id,
      leadUnitId: w.units.B,
      coUnitIds: [w.units.A1],
      recurrence: 'quarterly',
      ordinal: 3,
    });
    expect([section.status, taskA.status, taskB.status]).toEqual([201, 201, 201]);
    itemIds = [section.json.id, taskA.json.id, taskB.json.id];

    const cycle = await patch(`/api/plan-items/${section.json.id}`, coordinator, { parentId: taskA.json.id });
    expect(cycle.json.fields.parentId).toBe(
      'Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.',
    );
  });

  it('a unit cannot assign its items outside its own subtree', async () => {
    const unitPlan = await post('/api/plans', w.users.focal_officer, {
      unitId: w.units.A,
      year: 2027,
      title: 'Kế hoạch của Thanh tra',
    });
    expect(unitPlan.status).toBe(201);
    // A focal officer edits the unit's plan but does not review its reports.
    expect((await get(`/api/plans/${unitPlan.json.id}`, w.users.focal_officer)).json.abilities).toEqual({
      write: true,
      review: false,
    });
    const outside = await post(`/api/plans/${unitPlan.json.id}/items`, w.users.focal_officer, {
      groupCode: 'leadership',
      content: 'x',
      leadUnitId: w.units.B,
    });
    expect(outside.json.fields.leadUnitId).toBe('Đơn vị không thuộc phạm vi của kế hoạch.');
  });

  it('issuing cascades a draft plan to every assigned unit, due by the rule, and tells who answers for it', async () => {
    const issued = await post(`/api/plans/${planId}/issue`, coordinator);
    expect(issued.json).toMatchObject({ status: 'issued', issuedVersion: 1 });
    const cascade = await get(`/api/plans/${planId}/cascade`, coordinator);
    const byUnit = Object.fromEntries(
      (cascade.json as unknown as Array<{ unitId: string; status: string; dueDate: string; id: string }>).map(
        (p) => [p.unitId, p],
      ),
    );
    expect(Object.keys(byUnit).sort()).toEqual([w.units.A, w.units.A1, w.units.B].sort());
    // Issued Wednesday 25/11/2026 + 30 days = Friday 25/12/2026.
    expect(byUnit[w.units.B]!.dueDate).toBe('2026-12-25');
    const itemsB = await get(`/api/plans/${byUnit[w.units.B]!.id}/items`, officerB);
    expect(itemsB.json).toEqual([
      expect.objectContaining({ content: 'Tuyên truyền', sourceItemId: itemIds[2], leadUnitId: w.units.B }),
    ]);
    const notes = await w.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, officerB.userId));
    expect(notes.map((n) => n.messageKey)).toContain('notification.plan_cascaded');
  });

  it('an issued plan is not edited in place: it is re-opened and re-issued as a new version, cascading only new items', async () => {
    expect(
      (await patch(`/api/plan-items/${itemIds[1]}`, coordinator, { content: 'Sửa thẳng' })).json.code,
    ).toBe('plan_not_draft');
    expect((await post(`/api/plans/${planId}/reopen`, coordinator)).json.status).toBe('draft');
    await post(`/api/plans/${planId}/items`, coordinator, {
      groupCode: 'detection',
      content: 'Thanh tra chuyên đề',
      leadUnitId: w.units.B,
    });
    expect((await post(`/api/plans/${planId}/issue`, coordinator)).json.issuedVersion).toBe(2);
    const versions = await w.database.db.select().from(planVersions).where(eq(planVersions.planId, planId));
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
    const cascade = (await get(`/api/plans/${planId}/cascade`, coordinator)).json as unknown as Array<{
      unitId: string;
      id: string;
    }>;
    const planB = cascade.find((p) => p.unitId === w.units.B)!;
    const itemsB = await w.database.db.select().from(planItems).where(eq(planItems.planId, planB.id));
    expect(itemsB.map((i) => i.content).sort()).toEqual(['Thanh tra chuyên đề', 'Tuyên truyền']);
  });

  it('units issue their plans, report progress per period; the coordinator returns and accepts; late units show as late', async () => {
    const cascade = (await get(`/api/plans/${planId}/cascade`, coordinator)).json as unknown as Array<{
      unitId: string;
      id: string;
      late: boolean;
    }>;
    const planB = cascade.find((p) => p.unitId === w.units.B)!;
    const [item] = (await get(`/api/plans/${planB.id}/items`, officerB)).json as unknown as Array<{
      id: string;
    }>;
    expect(
      (
        await post(`/api/plan-items/${item!.id}/progress`, officerB, {
          period: '2026-Q4',
          status: 'in_progress',
          progress: 40,
          result: 'Đã tổ chức 2 hội nghị',
        })
      ).json.code,
    ).toBe('plan_not_issued');
    expect((await post(`/api/plans/${planB.id}/issue`, officerB)).json.status).toBe('issued');
    // The unit plan's issue clock, started by the province's issue, is done (ADR 0026).
    expect(
      await w.database.query(
        `select code, due_on::text, done_on is not null as done from started_clocks where subject_id = $1`,
        [planB.id],
      ),
    ).toEqual([{ code: 'plan.unit_plan', due_on: '2026-12-25', done: true }]);

    const over = await post(`/api/plan-items/${item!.id}/progress`, officerB, {
      period: '2026-Q4',
      status: 'in_progress',
      progress: 140,
      result: 'x',
    });
    expect(over.status).toBe(400);
    expect(over.json.fields.progress).toBe('Giá trị phải nhỏ hơn hoặc bằng 100.');
    expect(
      (
        await post(`/api/plan-items/${item!.id}/progress`, officerB, {
          period: '2025-Q4',
          status: 'in_progress',
          progress: 40,
          result: 'x',
        })
      ).json.fields.period,
    ).toBeTruthy();

    const report = await post(`/api/plan-items/${item!.id}/progress`, officerB, {
      period: '2026-Q4',
      status: 'in_progress',
      progress: 40,
      result: 'Đã tổ chức 2 hội nghị',
    });
    expect(report.json.review).toBe('submitted');
    expect(
      (
        await post(`/api/progress/${report.json.id}/review`, officerB, {
          decision: 'accept',
          version: report.json.version,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await post(`/api/progress/${report.json.id}/review`, coordinator, {
          decision: 'return',
          version: report.json.version,
        })
      ).json.fields.comment,
    ).toBeTruthy();
    const returned = await post(`/api/progress/${report.json.id}/review`, coordinator, {
      decision: 'return',
      comment: 'Thiếu biên bản hội nghị',
      version: report.json.version,
    });
    expect(returned.json.review).toBe('returned');
    const notes = await w.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, officerB.userId));
    expect(notes.map((n) => n.messageKey)).toContain('notification.progress_returned');
    const again = await post(`/api/plan-items/${item!.id}/progress`, officerB, {
      period: '2026-Q4',
      status: 'done',
      progress: 100,
      result: 'Bổ sung biên bản',
    });
    const accepted = await post(`/api/progress/${again.json.id}/review`, coordinator, {
      decision: 'accept',
      version: again.json.version,
    });
    expect(accepted.json.review).toBe('accepted');
    expect(
      (
        await post(`/api/plan-items/${item!.id}/progress`, officerB, {
          period: '2026-Q4',
          status: 'done',
          progress: 100,
          result: 'x',
        })
      ).status,
    ).toBe(409);

    // Unit A never issued its plan: past the due date it is late, B is not.
    w.clock.set('2026-12-28T03:00:00Z');
    const fresh = { ...coordinator, ...(await sessionFor(w.database, coordinator.userId, w.clock.now())) };
    const later = (await get(`/api/plans/${planId}/cascade`, fresh)).json as unknown as Array<{
      id: string;
      unitId: string;
      late: boolean;
      progress: number;
    }>;
    expect(later.find((p) => p.unitId === w.units.A)!.late).toBe(true);
    expect(later.find((p) => p.unitId === w.units.B)!).toMatchObject({ late: false });
    // The cascade's progress (read lean, for 1,000 units at once) is each plan's own, as its page shows it.
    expect(later.some((p) => p.progress > 0)).toBe(true);
    for (const p of later)
      expect((await get(`/api/plans/${p.id}`, fresh)).json.progress, p.id).toBe(p.progress);
    w.clock.set('2026-11-25T02:00:00.000Z');
  });

  it('progress rolls up from sub-items to their parent and to the plan', async () => {
    const p = await post('/api/plans', coordinator, { unitId: w.units.B, year: 2028, title: 'Thử cộng dồn' });
    const parent = await post(`/api/plans/${p.json.id}/items`, coordinator, {
      groupCode: 'leadership',
      content: 'Cha',
    });
    const c1 = await post(`/api/plans/${p.json.id}/items`, coordinator, {
      groupCode: 'leadership',
      content: 'Con 1',
      parentId: parent.json.id,
    });
    const c2 = await post(`/api/plans/${p.json.id}/items`, coordinator, {
      groupCode: 'leadership',
      content: 'Con 2',
      parentId: parent.json.id,
    });
    await post(`/api/plans/${p.json.id}/issue`, coordinator);
    await post(`/api/plan-items/${c1.json.id}/progress`, coordinator, {
      period: '2028-Q1',
      status: 'done',
      progress: 100,
      result: 'Xong',
    });
    await post(`/api/plan-items/${c2.json.id}/progress`, coordinator, {
      period: '2028-Q1',
      status: 'in_progress',
      progress: 50,
      result: 'Một nửa',
    });
    const items = (await get(`/api/plans/${p.json.id}/items`, coordinator)).json as unknown as Array<{
      id: string;
      progress: number;
    }>;
    expect(items.find((i) => i.id === parent.json.id)!.progress).toBe(75);
    expect((await get(`/api/plans/${p.json.id}`, coordinator)).json.progress).toBe(75);
    const copy = await post(`/api/plans/${p.json.id}/copy`, coordinator, { year: 2029 });
    expect(copy.status).toBe(201);
    const copied = (await get(`/api/plans/${copy.json.id}/items`, coordinator)).json as unknown as Array<{
      content: string;
      progress: number;
      parentId: string | null;
    }>;
    expect(copied.map((i) => i.content).sort()).toEqual(['Cha', 'Con 1', 'Con 2']);
    expect(copied.every((i) => i.progress === 0)).toBe(true);
    expect(copied.filter((i) => i.parentId).length).toBe(2);
  });

  it('a unit reads, in the province plan its own plan implements, the tasks assigned to it and nothing else', async () => {
    const plan = await get(`/api/plans/${planId}`, officerB);
    expect(plan.status).toBe(200);
    expect(plan.json.assignedOnly).toBe(true);
    const contents = async (who: Who) =>
      ((await get(`/api/plans/${planId}/items`, who)).json as unknown as Array<{ content: string }>)
        .map((i) => i.content)
        .sort();
    // B's tasks, with the section above them for context; not A's task or the province's own.
    expect(await contents(officerB)).toEqual(['Phòng ngừa', 'Thanh tra chuyên đề', 'Tuyên truyền']);
    // A leads one task, and A1 (below A) helps on one of B's.
    expect(await contents(w.users.reviewer)).toEqual(['Kiểm soát nội bộ', 'Phòng ngừa', 'Tuyên truyền']);
    // Reading is all: writing, versions and exports of the province plan stay out of reach.
    expect((await patch(`/api/plans/${planId}`, officerB, { title: 'x', version: 1 })).status).toBe(404);
    expect((await get(`/api/plans/${planId}/versions`, officerB)).status).toBe(404);
    expect((await get(`/api/plans/${planId}`, w.users.declarant)).status).toBe(404);
    expect((await get(`/api/plans/${planId}`, coordinator)).json.assignedOnly).toBeUndefined();
    // The rights come with the plan, decided on its unit: the app never recomputes them.
    expect(plan.json.abilities).toEqual({ write: false, review: false });
    expect((await get(`/api/plans/${planId}`, coordinator)).json.abilities).toEqual({
      write: true,
      review: true,
    });
  });

  it('lists plans by unit, title, status or due date, either way, unknown sorts refused', async () => {
    const names = async (sort: string) =>
      (
        (await get(`/api/plans?sort=${sort}&pageSize=100`, coordinator)).json.items as Array<{
          unitName: string;
        }>
      ).map((p) => p.unitName);
    const fold = (n: string) => n.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();
    const asc = await names('unitName');
    expect(asc.length).toBeGreaterThan(2);
    expect(asc.map(fold)).toEqual([...asc.map(fold)].sort());
    expect((await names('-unitName')).map(fold)).toEqual([...asc.map(fold)].reverse());
    const dues = (
      (await get('/api/plans?sort=dueDate&pageSize=100', coordinator)).json.items as Array<{
        dueDate: string | null;
      }>
    ).map((p) => p.dueDate);
    const dated = dues.filter((d): d is string => d !== null);
    expect(dues.slice(0, dated.length)).toEqual([...dated].sort()); // dated first, in order; undated last
    expect((await get('/api/plans?sort=secret', coordinator)).status).toBe(400);
  });

  it('readers read but do not write; others and outsiders get 404', async () => {
    const cascade = (await get(`/api/plans/${planId}/cascade`, coordinator)).json as unknown as Array<{
      unitId: string;
      id: string;
    }>;
    const planA = cascade.find((p) => p.unitId === w.units.A)!;
    expect((await get(`/api/plans/${planA.id}`, w.users.reviewer)).status).toBe(200);
    expect((await patch(`/api/plans/${planA.id}`, w.users.reviewer, { title: 'x', version: 1 })).status).toBe(
      403,
    );
    expect((await get(`/api/plans/${planA.id}`, w.users.declarant)).status).toBe(404);
    expect((await get(`/api/plans/${planA.id}`, officerB)).status).toBe(404);
  });
});

describe('roll-up into the province plan', () => {
  it('a province item takes the mean progress of the unit items cascaded from it', async () => {
    const p = await post('/api/plans', coordinator, {
      unitId: w.units.R,
      year: 2030,
      title: 'Kế hoạch tỉnh 2030',
    });
    const item = await post(`/api/plans/${p.json.id}/items`, coordinator, {
      groupCode: 'detection',
      content: 'Thanh tra',
      leadUnitId: w.units.A,
      coUnitIds: [w.units.B],
    });
    await post(`/api/plans/${p.json.id}/issue`, coordinator);
    const cascade = (await get(`/api/plans/${p.json.id}/cascade`, coordinator)).json as unknown as Array<{
      id: string;
      unitId: string;
    }>;
    const progressOf = { [w.units.A]: 100, [w.units.B]: 50 };
    for (const up of cascade) {
      await post(`/api/plans/${up.id}/issue`, coordinator);
      const [copy] = (await get(`/api/plans/${up.id}/items`, coordinator)).json as unknown as Array<{
        id: string;
      }>;
      await post(`/api/plan-items/${copy!.id}/progress`, coordinator, {
        period: '2030-Q1',
        status: 'in_progress',
        progress: progressOf[up.unitId],
        result: 'x',
      });
    }
    const [rolled] = (await get(`/api/plans/${p.json.id}/items`, coordinator)).json as unknown as Array<{
      id: string;
      progress: number;
    }>;
    expect(rolled).toMatchObject({ id: item.json.id, progress: 75 });
    expect((await get(`/api/plans/${p.json.id}`, coordinator)).json.progress).toBe(75);
    const heatRes = await get(`/api/plans/${p.json.id}/heatmap`, coordinator);
    expect(heatRes.status, JSON.stringify(heatRes.json)).toBe(200);
    const heat = heatRes.json;
    expect(heat.groups).toHaveLength(8);
    // One row per unit with tasks, its progress in the groups' order; null where it has none.
    const detection = heat.groups.findIndex((g: { code: string }) => g.code === 'detection');
    const row = (progress: number) =>
      heat.groups.map((_: unknown, i: number) => (i === detection ? progress : null));
    expect(
      [...heat.units].sort(
        (a: { progress: number[] }, b: { progress: number[] }) =>
          a.progress[detection]! - b.progress[detection]!,
      ),
    ).toEqual([
      { id: w.units.B, name: expect.any(String), progress: row(50) },
      { id: w.units.A, name: expect.any(String), progress: row(100) },
    ]);
  });
});

describe('exports', () => {
  it('give the plan as a workbook and as a Word document in the administrative layout', async () => {
    const p = await post('/api/plans', coordinator, {
      unitId: w.units.R,
      year: 2031,
      title: 'Kế hoạch công tác PCTNTC năm 2031',
      docNumber: '12/KH-UBND',
      docDate: '2031-01-10',
      signer: 'Nguyễn Văn Ký',
    });
    const section = await post(`/api/plans/${p.json.id}/items`, coordinator, {
      groupCode: 'leadership',
      content: 'Lãnh đạo, chỉ đạo',
    });
    await post(`/api/plans/${p.json.id}/items`, coordinator, {
      groupCode: 'leadership',
      content: 'Ban hành quy chế',
      parentId: section.json.id,
      leadUnitId: w.units.A,
      deadline: '2031-03-31',
    });
    const xlsx = await w.app.inject({
      method: 'GET',
      url: `/api/plans/${p.json.id}/export?format=xlsx`,
      headers: { cookie: coordinator.cookie },
    });
    expect(xlsx.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Kế hoạch')!;
    const values = sheet.getSheetValues().flat().map(String);
    expect(values).toContain('Ban hành quy chế');
    expect(values).toContain('1');
    expect(values).toContain('31/03/2031');
    // The workbook speaks the reader's language: sheet, columns and statuses.
    const english = await w.app.inject({
      method: 'GET',
      url: `/api/plans/${p.json.id}/export?format=xlsx`,
      headers: { cookie: coordinator.cookie, 'accept-language': 'en' },
    });
    const en = new ExcelJS.Workbook();
    await en.xlsx.load(english.rawPayload as unknown as ArrayBuffer);
    const enValues = en.getWorksheet('Plan')!.getSheetValues().flat().map(String);
    expect(enValues).toContain('Expected output');
    expect(enValues).toContain('Not started');
    expect(enValues).not.toContain('Chưa thực hiện');

    const docx = await w.app.inject({
      method: 'GET',
      url: `/api/plans/${p.json.id}/export?format=docx`,
      headers: { cookie: coordinator.cookie },
    });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const { default: JSZip } = await import('jszip');
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    for (const text of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 12/KH-UBND',
      // The place is the province's, whatever it is called (it was always "Sơn Hà").
      'Thử Nghiệm, ngày 10 tháng 01 năm 2031',
      'Nơi nhận:',
      'KẾ HOẠCH',
      'Ban hành quy chế',
      'Times New Roman',
      'Nguyễn Văn Ký',
    ]) {
      expect(xml).toContain(text);
    }
    expect(
      (
        await w.app.inject({
          method: 'GET',
          url: `/api/plans/${p.json.id}/export?format=pdf`,
          headers: { cookie: coordinator.cookie },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await w.app.inject({
          method: 'GET',
          url: `/api/plans/${p.json.id}/export?format=docx`,
          headers: { cookie: officerB.cookie },
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('import of tasks from a sheet', () => {
  const header = 'STT;Nhóm nhiệm vụ;Nội dung nhiệm vụ;Mã đơn vị chủ trì;Mã đơn vị phối hợp;Thời hạn';
  const mapping = {
    no: 'STT',
    group: 'Nhóm nhiệm vụ',
    content: 'Nội dung nhiệm vụ',
    leadUnitCode: 'Mã đơn vị chủ trì',
    coUnitCodes: 'Mã đơn vị phối hợp',
    deadline: 'Thời hạn',
  };
  const csv = (lines: string[]) => Buffer.from(`${[header, ...lines].join('\n')}\n`);
  const send = (planId: string, step: string, content: Buffer) =>
    upload(
      w.app,
      `/api/imports/plan_items/${step}?planId=${planId}`,
      coordinator,
      { mapping: JSON.stringify(mapping) },
      { name: 'ke-hoach.csv', content },
    );

  it('builds the tree from the numbering, names bad rows, and writes all or nothing', async () => {
    const p = await post('/api/plans', coordinator, {
      unitId: w.units.R,
      year: 2032,
      title: 'Kế hoạch nhập từ Excel',
    });
    const bad = csv([
      'I;Tuyên truyền, phổ biến, giáo dục;Tuyên truyền;;;',
      '1;Tuyên truyền, phổ biến, giáo dục;Hội nghị;A;B;30/06/2032',
      '1.1;Tuyên truyền, phổ biến, giáo dục;Hội nghị cấp xã;A1;;15/05/2031',
      '2.1;Nhóm lạ;Không có cha;KHONGCO;;',
    ]);
    const dry = (await send(p.json.id, 'dry-run', bad)).json();
    expect(dry.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [4, 'Thời hạn'],
      [5, 'Nhóm nhiệm vụ'],
      [5, 'Mã đơn vị chủ trì'],
      [5, 'STT'],
    ]);
    const refused = await send(p.json.id, 'commit', bad);
    expect(refused.statusCode).toBe(400);
    expect((await get(`/api/plans/${p.json.id}/items`, coordinator)).json).toEqual([]);

    const good = csv([
      'I;Tuyên truyền, phổ biến, giáo dục;Tuyên truyền;;;',
      '1;Tuyên truyền, phổ biến, giáo dục;Hội nghị;A;B;30/06/2032',
      '1.1;Tuyên truyền, phổ biến, giáo dục;Hội nghị cấp xã;A1;;15/05/2032',
      '2;propaganda;Đăng tin;B;;',
    ]);
    const done = await send(p.json.id, 'commit', good);
    expect(done.statusCode, done.body).toBe(200);
    const items = (await get(`/api/plans/${p.json.id}/items`, coordinator)).json as unknown as Array<{
      id: string;
      content: string;
      parentId: string | null;
      coUnitIds: string[];
    }>;
    const byContent = Object.fromEntries(items.map((i) => [i.content, i]));
    expect(byContent['Tuyên truyền']!.parentId).toBeNull();
    expect(byContent['Hội nghị']!.parentId).toBe(byContent['Tuyên truyền']!.id);
    expect(byContent['Hội nghị cấp xã']!.parentId).toBe(byContent['Hội nghị']!.id);
    expect(byContent['Đăng tin']!.parentId).toBe(byContent['Tuyên truyền']!.id);
    expect(byContent['Hội nghị']!.coUnitIds).toEqual([w.units.B]);
    // Every imported task is audited, in sheet order, and the chain still verifies.
    const events = await w.database.query<{ entity_id: string }>(
      `select entity_id from audit_events where action = 'plan_item.created' and entity_id = any($1) order by seq`,
      [items.map((i) => i.id)],
    );
    expect(events.map((e) => e.entity_id)).toEqual(
      ['Tuyên truyền', 'Hội nghị', 'Hội nghị cấp xã', 'Đăng tin'].map((c) => byContent[c]!.id),
    );
    expect((await verifyChain(w.database.db)).ok).toBe(true);

    await post(`/api/plans/${p.json.id}/issue`, coordinator);
    expect((await send(p.json.id, 'dry-run', good)).json().errors[0].message).toContain(
      'Kế hoạch đã ban hành',
    );
    expect(
      (
        await upload(
          w.app,
          '/api/imports/plan_items/dry-run',
          coordinator,
          { mapping: '{}' },
          { name: 'x.csv', content: good },
        )
      ).statusCode,
    ).toBe(400);
  });
});

describe('evidence and messages on tasks', () => {
  it('reports carry evidence uploaded to the unit; tasks carry a message thread', async () => {
    const p = await post('/api/plans', coordinator, {
      unitId: w.units.B,
      year: 2033,
      title: 'Kế hoạch có chứng cứ',
    });
    const item = await post(`/api/plans/${p.json.id}/items`, coordinator, {
      groupCode: 'prevention',
      content: 'Kê khai tài sản',
    });
    await post(`/api/plans/${p.json.id}/issue`, coordinator);
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const mine = await upload(
      w.app,
      '/api/files',
      officerB,
      { unitId: w.units.B },
      { name: 'bien-ban.pdf', content: pdf },
    );
    const theirs = await upload(
      w.app,
      '/api/files',
      w.users.focal_officer,
      { unitId: w.units.A },
      { name: 'khac.pdf', content: pdf },
    );
    expect([mine.statusCode, theirs.statusCode]).toEqual([201, 201]);
    const wrong = await post(`/api/plan-items/${item.json.id}/progress`, officerB, {
      period: '2033-Q1',
      status: 'in_progress',
      progress: 30,
      result: 'x',
      evidenceFileIds: [theirs.json().id],
    });
    expect(wrong.json.fields.evidenceFileIds).toBeTruthy();
    const plan = (await get(`/api/plans/${p.json.id}`, coordinator)).json;
    const signedElsewhere = await patch(`/api/plans/${p.json.id}`, coordinator, {
      signedFileId: theirs.json().id,
      version: plan.version,
    });
    expect(signedElsewhere.json.fields.signedFileId).toBeTruthy();
    // A colleague's upload that no record holds yet is theirs alone: attaching it is refused, so that no
    // one opens a file to the plan's readers that they could not read themselves.
    const notYours = await patch(`/api/plans/${p.json.id}`, coordinator, {
      signedFileId: mine.json().id,
      version: plan.version,
    });
    expect(notYours.json.fields.signedFileId).toBeTruthy();
    const scan = await upload(
      w.app,
      '/api/files',
      coordinator,
      { unitId: w.units.B },
      { name: 'ke-hoach-ky.pdf', content: pdf },
    );
    const signed = await patch(`/api/plans/${p.json.id}`, coordinator, {
      signedFileId: scan.json().id,
      docNumber: '7/KH-SXD',
      version: plan.version,
    });
    expect(signed.json).toMatchObject({ signedFileId: scan.json().id, docNumber: '7/KH-SXD' });
    // Before it is attached, only its uploader reads a file; a plan's readers read it once the plan holds it.
    const fileStatus = async (id: string, who: typeof coordinator) =>
      (await call(w.app, 'GET', `/api/files/${id}`, { who })).status;
    expect(await fileStatus(mine.json().id, coordinator)).toBe(404);
    expect(await fileStatus(mine.json().id, officerB)).toBe(200);
    expect(await fileStatus(scan.json().id, officerB)).toBe(200);
    expect(await fileStatus(scan.json().id, w.users.declarant)).toBe(404);
    const ok = await post(`/api/plan-items/${item.json.id}/progress`, officerB, {
      period: '2033-Q1',
      status: 'in_progress',
      progress: 30,
      result: 'Có biên bản',
      evidenceFileIds: [mine.json().id],
    });
    expect(ok.json.evidenceFileIds).toEqual([mine.json().id]);
    // Held by the progress report: whoever reads the plan reads it; a unit-wide right does not.
    expect(await fileStatus(mine.json().id, coordinator)).toBe(200);
    expect(await fileStatus(mine.json().id, w.users.focal_officer)).toBe(404);
    expect(await fileStatus(theirs.json().id, officerB)).toBe(404);

    expect((await post(`/api/plan-items/${item.json.id}/comments`, officerB, { body: '' })).status).toBe(400);
    expect(
      (
        await post(`/api/plan-items/${item.json.id}/comments`, coordinator, {
          body: 'Đề nghị bổ sung danh sách người kê khai',
        })
      ).status,
    ).toBe(201);
    expect(
      (await post(`/api/plan-items/${item.json.id}/comments`, officerB, { body: 'Đã bổ sung' })).status,
    ).toBe(201);
    const thread = await get(`/api/plan-items/${item.json.id}/comments`, officerB);
    expect(
      (thread.json as unknown as Array<{ body: string; author: string }>).map((c) => [c.author, c.body]),
    ).toEqual([
      ['dieu.phoi.tinh', 'Đề nghị bổ sung danh sách người kê khai'],
      ['dau.moi.b', 'Đã bổ sung'],
    ]);
    expect((await get(`/api/plan-items/${item.json.id}/comments`, w.users.reviewer)).status).toBe(404);
    const notes = await w.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, officerB.userId));
    expect(notes.map((n) => n.messageKey)).toContain('notification.item_comment');
  });
});
