import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '#server/modules/index.ts';
import { units } from '#server/modules/org/tables.ts';
import { metric } from '#server/platform/metrics.ts';
import { describeMatrix } from '#test/matrix.ts';
import { addUser, call, createWorld, sessionFor, type Who, type World } from '#test/world.ts';
import { createSelfInspection } from './service.ts';

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
