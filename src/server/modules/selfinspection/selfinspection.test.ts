import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '#server/modules/index.ts';
import { units } from '#server/modules/org/tables.ts';
import { metric } from '#server/platform/metrics.ts';
import { describeMatrix } from '#test/matrix.ts';
import { addUser, call, createWorld, sessionFor, upload, type Who, type World } from '#test/world.ts';
import { createSelfInspection } from './service.ts';
import { selfInspections } from './tables.ts';

let w: World;
let outsider: Who;
beforeAll(async () => {
  // The world's clock: 25/11/2026. R > A > A1; B beside A.
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
const plan = (over: Record<string, unknown> = {}) => ({
  unitId: w.units.A1,
  year: 2026,
  area: 'Bộ phận một cửa',
  staffCount: 6,
  plannedFrom: '2026-03-01',
  plannedTo: '2026-03-31',
  ...over,
});

describe('self-inspection of staff who deal with citizens (issue 20, Law Art. 56)', () => {
  it('plans by area, records what was found, says what is late, and feeds the index', async () => {
    const [a] = await w.database.db.select().from(units).where(eq(units.id, w.units.A));
    const m = metric('self_inspections_done')!;
    const scope = { unitId: w.units.A, unitPath: a!.path, year: 2026 };
    expect(await m.compute(w.database.db, scope)).toMatchObject({ value: 0, detail: 'none_planned' });

    for (const [over, field] of [
      [{ plannedFrom: '2025-12-01' }, 'plannedFrom'],
      [{ plannedTo: '2026-02-01' }, 'plannedTo'],
      [{ plannedTo: '2027-01-31' }, 'plannedTo'],
      [{ area: '' }, 'area'],
      [{ unitId: w.units.B }, 'unitId'],
      [{ staffCount: -1 }, 'staffCount'],
    ] as const) {
      const res = await api(w.users.focal_officer, 'POST', '/api/self-inspections', plan(over));
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(fieldsOf(res)).toEqual([field]);
    }
    const desk = await api(w.users.focal_officer, 'POST', '/api/self-inspections', plan());
    expect(desk.status).toBe(200);
    // The period ended without a result: late, on Home for the unit's handlers, not for the outsider.
    const late = await api(w.users.focal_officer, 'GET', '/api/self-inspections?late=true');
    expect(late.json.items.map((x: { id: string }) => x.id)).toEqual([desk.json.id]);
    expect(late.json.summary).toMatchObject({ planned: 1, done: 0, late: 1 });
    const home = await api(w.users.unit_head, 'GET', '/api/me/deadlines?limit=50');
    expect(home.json.items.filter((d: { kind: string }) => d.kind === 'self_inspection')).toEqual([
      expect.objectContaining({ id: desk.json.id, dueOn: '2026-03-31', state: 'overdue' }),
    ]);
    const away = await api(outsider, 'GET', '/api/me/deadlines?limit=50');
    expect(away.json.items.some((d: { kind: string }) => d.kind === 'self_inspection')).toBe(false);

    const result = (over: Record<string, unknown>) =>
      api(w.users.unit_head, 'POST', `/api/self-inspections/${desk.json.id}/result`, {
        doneOn: '2026-03-28',
        checkedCount: 6,
        violationsFound: 1,
        staffHandled: 1,
        referred: 0,
        findings: 'Hẹn trả kết quả chậm không lý do.',
        version: 1,
        ...over,
      });
    expect(fieldsOf(await result({ checkedCount: 7 }))).toEqual(['checkedCount']);
    expect(fieldsOf(await result({ staffHandled: 2 }))).toEqual(['staffHandled']);
    expect(fieldsOf(await result({ findings: null }))).toEqual(['findings']);
    expect(fieldsOf(await result({ doneOn: '2026-12-01' }))).toEqual(['doneOn']);
    expect(fieldsOf(await result({ doneOn: '2026-02-01' }))).toEqual(['doneOn']);
    const done = await result({});
    expect(done.status, JSON.stringify(done.json)).toBe(200);
    expect(done.json).toMatchObject({ status: 'done', late: false, violationsFound: 1 });
    // A result is history: no second result, no edit of the plan.
    expect((await result({ version: 2 })).status).toBe(400);
    expect(
      (
        await api(w.users.unit_head, 'PUT', `/api/self-inspections/${desk.json.id}`, {
          ...plan(),
          version: 2,
        })
      ).status,
    ).toBe(400);

    const licensing = await api(
      w.users.focal_officer,
      'POST',
      '/api/self-inspections',
      plan({ area: 'Cấp phép', plannedFrom: '2026-12-01', plannedTo: '2026-12-20' }),
    );
    const cancelled = await api(
      w.users.focal_officer,
      'POST',
      '/api/self-inspections',
      plan({ area: 'Thẩm định', plannedFrom: '2026-12-01', plannedTo: '2026-12-15' }),
    );
    expect(
      (
        await api(w.users.focal_officer, 'POST', `/api/self-inspections/${cancelled.json.id}/cancel`, {
          reason: 'Sáp nhập bộ phận',
          version: 1,
        })
      ).json.status,
    ).toBe('cancelled');
    // One of the two that count is done (the cancelled one does not count).
    expect(await m.compute(w.database.db, scope)).toMatchObject({ value: 0.5, detail: '1/2' });
    const list = await api(w.users.inspector, 'GET', '/api/self-inspections?year=2026&q=cap phep');
    expect(list.json.items.map((x: { id: string }) => x.id)).toEqual([licensing.json.id]);
    expect((await api(outsider, 'GET', '/api/self-inspections')).json.total).toBe(0);
    expect((await api(outsider, 'GET', `/api/self-inspections/${desk.json.id}`)).status).toBe(404);
  });
});

describe("a year's self-inspection plan as a spreadsheet", () => {
  const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  const mapping = {
    unitCode: 'Mã đơn vị',
    area: 'Lĩnh vực',
    plannedFrom: 'Từ ngày',
    plannedTo: 'Đến ngày',
    staffCount: 'Số cán bộ',
  };
  const header = 'Mã đơn vị;Lĩnh vực;Từ ngày;Đến ngày;Số cán bộ';
  const send = (s: 'dry-run' | 'commit', lines: string[]) =>
    upload(
      w.app,
      `/api/imports/self_inspections/${s}`,
      w.users.focal_officer,
      { mapping: JSON.stringify(mapping) },
      {
        name: 'ke-hoach-tu-kiem-tra.csv',
        content: csv([header, ...lines]),
      },
    );
  const count = async () => (await w.database.db.select().from(selfInspections)).length;

  it('names every bad row and column and changes nothing, then plans every row once', async () => {
    const before = await count();
    const bad = await send('commit', [
      'A1;Một cửa 2027;01/03/2027;31/03/2027;5',
      'KHONGCO;Cấp phép;01/03/2027;31/03/2027;',
      'B;Ngoài phạm vi;01/03/2027;31/03/2027;',
      'A1;Thẩm định;01/05/2027;01/04/2027;',
      'A1;Một cửa 2027;01/03/2027;31/03/2027;5',
      'A1;Kế toán;31/02/2027;31/03/2027;',
      'A1;Thu chi;01/06/2027;30/06/2027;-2',
      'A1;Cuối năm;01/12/2027;15/01/2028;',
    ]);
    expect(bad.statusCode).toBe(400);
    expect((bad.json().rows as Array<{ row: number; column: string }>).map((e) => [e.row, e.column])).toEqual(
      [
        [3, 'Mã đơn vị'],
        [4, 'Mã đơn vị'],
        [5, 'Đến ngày'],
        [6, 'Lĩnh vực'],
        [7, 'Từ ngày'],
        [8, 'Số cán bộ'],
        [9, 'Đến ngày'],
      ],
    );
    // A unit out of the importer's scope reads as one that does not exist (re-test sec22 F7).
    const [unknown, outside] = (bad.json().rows as Array<{ message: string }>).map((e) => e.message);
    expect(outside).toBe(unknown!.replace('KHONGCO', 'B'));
    expect(await count()).toBe(before);
    const good = ['A1;Một cửa 2027;01/03/2027;31/03/2027;5', 'A1;Cấp phép 2027;01/09/2027;30/09/2027;'];
    const done = await send('commit', good);
    expect(done.statusCode, done.body).toBe(200);
    expect(await count()).toBe(before + 2);
    const again = await send('dry-run', good);
    expect(again.json().counts).toMatchObject({ create: 0, unchanged: 2 });
    const listed = await api(w.users.focal_officer, 'GET', '/api/self-inspections?year=2027');
    expect(
      listed.json.items.map((x: { area: string; staffCount: number | null }) => [x.area, x.staffCount]),
    ).toEqual([
      ['Một cửa 2027', 5],
      ['Cấp phép 2027', null],
    ]);
  });
});

const aPlan = (side: 'A' | 'B') =>
  createSelfInspection(w.ctx, {
    unitId: side === 'A' ? w.units.A1 : w.units.B,
    year: 2026,
    area: 'Một cửa',
    plannedFrom: '2026-10-01',
    plannedTo: '2026-12-31',
  });
describeMatrix(
  () => w,
  [
    {
      name: 'read a self-inspection',
      action: 'integrity.handle',
      orActions: ['integrity.oversee'],
      rootAdmin: false,
      request: async (s) => ({ method: 'GET', url: `/api/self-inspections/${(await aPlan(s)).id}` }),
    },
    {
      name: 'record a self-inspection result',
      action: 'integrity.handle',
      reader: 'integrity.oversee',
      visibleDenied: 403,
      rootAdmin: false,
      request: async (s) => ({
        method: 'POST',
        url: `/api/self-inspections/${(await aPlan(s)).id}/result`,
        body: {
          doneOn: '2026-11-20',
          checkedCount: 0,
          violationsFound: 0,
          staffHandled: 0,
          referred: 0,
          version: 1,
        },
      }),
    },
  ],
);
