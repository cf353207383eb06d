import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '#server/modules/audit/tables.ts';
import { addItem, createPlan, issuePlan } from '#server/modules/plans/service.ts';
import { call, createWorld, type World } from '#test/world.ts';
import { ensureClockReferenceData } from './service.ts';

let w: World;
beforeAll(async () => {
  // The world's clock: 25/11/2026. The seeded calendar has the holidays of 2025 to 2027, not 2028's.
  w = await createWorld();
});
afterAll(() => w.close());

type Period = {
  code: string;
  unitDueOn: string | null;
  provinceDueOn: string | null;
  calendarKnown: boolean;
};

describe('the reporting regime as data', () => {
  it('gives each period its due dates under the circular in force, and says when the year has no calendar', async () => {
    const y2026 = await call(w.app, 'GET', '/api/clocks/periods?year=2026', { who: w.users.focal_officer });
    expect(y2026.status).toBe(200);
    const q2 = (y2026.json as unknown as Period[]).find((p) => p.code === '2026-Q2');
    expect(q2).toMatchObject({ unitDueOn: '2026-06-17', provinceDueOn: '2026-06-20', calendarKnown: true });
    const y2028 = (await call(w.app, 'GET', '/api/clocks/periods?year=2028', { who: w.users.focal_officer }))
      .json as unknown as Period[];
    // 2028's Q1 is due in March 2028, a year whose holidays are not entered.
    expect(y2028.find((p) => p.code === '2028-Q1')).toMatchObject({
      provinceDueOn: '2028-03-20',
      calendarKnown: false,
    });
    const regimes = await call(w.app, 'GET', '/api/clocks/regimes', { who: w.users.focal_officer });
    expect(regimes.json.map((r: { code: string }) => r.code)).toEqual(['TT01-2024', 'TT06-2025']);
    const bad = await call(w.app, 'GET', '/api/clocks/periods?year=1999', {
      who: w.users.focal_officer,
      lang: 'en',
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.fields)).toEqual(['year']);
  });

  it("an administrator changes a regime's deadlines when a new circular does; the periods follow", async () => {
    const regimes = (await call(w.app, 'GET', '/api/clocks/regimes', { who: w.users.root_admin }))
      .json as Array<{
      id: string;
      code: string;
      version: number;
    }>;
    const [old, current] = regimes as [(typeof regimes)[0], (typeof regimes)[0]];
    const patch = (id: string, body: object, who = w.users.root_admin) =>
      call(w.app, 'PATCH', `/api/clocks/regimes/${id}`, { who, body });
    expect(
      (await patch(current.id, { version: current.version, provinceDueDay: 22 }, w.users.admin)).status,
    ).toBe(403); // a unit's administrator: only the top administrator edits national reference data
    expect(
      (await patch(current.id, { version: current.version, provinceDueDay: 29 })).json.fields.provinceDueDay,
    ).toBeTruthy();
    // The old circular cannot be stretched over the new one.
    const stretched = await patch(old.id, { version: old.version, effectiveTo: null });
    expect(stretched.status, JSON.stringify(stretched.json)).toBe(400);
    expect(stretched.json.fields.effectiveTo).toBeTruthy();
    const ok = await patch(current.id, {
      version: current.version,
      provinceDueDay: 22,
      legalSource: 'Thông tư 06/2025/TT-TTCP (sửa đổi)',
    });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ provinceDueDay: 22, version: current.version + 1 });
    expect((await patch(current.id, { version: current.version, provinceDueDay: 21 })).status).toBe(409);
    const q2 = (
      (await call(w.app, 'GET', '/api/clocks/periods?year=2026', { who: w.users.focal_officer }))
        .json as unknown as Period[]
    ).find((p) => p.code === '2026-Q2');
    expect(q2).toMatchObject({ unitDueOn: '2026-06-17', provinceDueOn: '2026-06-22' });
    const [event] = await w.database.query<{ changes: Record<string, unknown> }>(
      `select changes from audit_events where action = 'regime.updated' order by seq desc limit 1`,
    );
    expect(event!.changes).toMatchObject({ provinceDueDay: [20, 22] });
    // Back as it was, for the tests that follow.
    await patch(current.id, { version: current.version + 1, provinceDueDay: 20 });
  });

  it('a progress report names a period of the stored regime', async () => {
    const plan = await createPlan(w.ctx, { unitId: w.units.A, year: 2026, title: 'Kế hoạch báo cáo kỳ' });
    const item = await addItem(w.ctx, plan.id, {
      groupCode: 'leadership',
      content: 'Báo cáo quý',
      deadline: '2026-12-10',
      coUnitIds: [],
    });
    await issuePlan(w.ctx, plan.id);
    const body = { status: 'in_progress', progress: 50, result: 'Đang làm', evidenceFileIds: [] };
    const ok = await call(w.app, 'POST', `/api/plan-items/${item.id}/progress`, {
      who: w.users.focal_officer,
      body: { ...body, period: '2026-Q4' },
    });
    expect(ok.status).toBe(200);
    // A regime with no fourth-quarter period any more: the same report is refused on the field.
    await w.database.query(
      `update reporting_regimes set periods = (select jsonb_agg(p) from jsonb_array_elements(periods) p where p->>'suffix' <> 'Q4')`,
    );
    const gone = await call(w.app, 'POST', `/api/plan-items/${item.id}/progress`, {
      who: w.users.focal_officer,
      body: { ...body, period: '2026-Q4' },
    });
    expect(gone.status).toBe(400);
    expect(Object.keys(gone.json.fields)).toEqual(['period']);
    // No regime at all for the year: said so, not "wrong period".
    await w.database.query(`delete from reporting_regimes`);
    const none = await call(w.app, 'POST', `/api/plan-items/${item.id}/progress`, {
      who: w.users.focal_officer,
      body: { ...body, period: '2026-Q4' },
      lang: 'en',
    });
    expect(none.json.fields).toEqual({ period: 'No reporting regime for 2026 is recorded in Liêm.' });
    await ensureClockReferenceData(w.database.db);
  });
});

describe('the working-day calendar on Home', () => {
  it('asks whoever keeps the calendar for next year’s holidays from October, and marks dates that depend on them', async () => {
    // Without 2027's days (seeded as a projection here): as a deployment that has not entered them.
    await w.database.query(`delete from calendar_days where date >= '2027-01-01'`);
    const plan = await createPlan(w.ctx, { unitId: w.units.A, year: 2027, title: 'Kế hoạch năm sau' });
    await addItem(w.ctx, plan.id, {
      groupCode: 'leadership',
      content: 'Việc đầu năm sau',
      deadline: '2027-01-20',
      coUnitIds: [],
    });
    await issuePlan(w.ctx, plan.id);
    const root = await call(w.app, 'GET', '/api/me/deadlines', { who: w.users.root_admin });
    const ask = root.json.items.find((d: { kind: string }) => d.kind === 'calendar_year');
    expect(ask).toMatchObject({
      title: '2027',
      dueOn: '2026-12-15',
      link: '/clocks?tab=holidays',
      calendarKnown: true,
    });
    // An administrator of one unit does not keep the province's calendar.
    const unitAdmin = await call(w.app, 'GET', '/api/me/deadlines', { who: w.users.admin });
    expect(unitAdmin.json.items.some((d: { kind: string }) => d.kind === 'calendar_year')).toBe(false);
    // A task due in 2027 is counted without that year's holidays: Home says so.
    const head = await call(w.app, 'GET', '/api/me/deadlines?limit=100', { who: w.users.unit_head });
    const next = head.json.items.find((d: { title: string }) => d.title === 'Việc đầu năm sau');
    expect(next).toMatchObject({ dueOn: '2027-01-20', calendarKnown: false });
    expect(
      head.json.items
        .filter((d: { dueOn: string | null }) => d.dueOn?.startsWith('2026'))
        .every((d: { calendarKnown: boolean }) => d.calendarKnown),
    ).toBe(true);
  });
});

describe('the calendar names its notices', () => {
  it('a day records the official notice that set it (number and date); a notice after the day, or a date without a number, is refused; the change is audited', async () => {
    const [cal] = (await call(w.app, 'GET', '/api/clocks/calendars', { who: w.users.declarant }))
      .json as unknown as Array<{ id: string }>;
    const put = (body: Record<string, unknown>) =>
      call(w.app, 'PUT', `/api/clocks/calendars/${cal!.id}/days`, { who: w.users.root_admin, body });
    const day = {
      date: '2026-01-02',
      kind: 'day_off',
      name: 'Nghỉ hoán đổi',
      source: 'Bộ luật Lao động 2019',
    };
    const late = await put({ ...day, noticeNo: '6150/TB-BLĐTBXH', noticeDate: '2026-01-05' });
    expect(late.status).toBe(400);
    expect(late.json.fields.noticeDate).toBeTruthy();
    const bare = await put({ ...day, noticeDate: '2025-11-12' });
    expect(bare.status).toBe(400);
    expect(bare.json.fields.noticeNo).toBeTruthy();
    expect((await put({ ...day, noticeNo: 'x'.repeat(61) })).json.fields.noticeNo).toBeTruthy();
    expect((await put({ ...day, noticeNo: '6150/TB-BLĐTBXH', noticeDate: '2025-11-12' })).status).toBe(200);
    const days = (
      await call(w.app, 'GET', `/api/clocks/calendars/${cal!.id}/days?year=2026`, { who: w.users.declarant })
    ).json as unknown as Array<{ date: string; noticeNo: string | null; noticeDate: string | null }>;
    expect(days.find((d) => d.date === '2026-01-02')).toMatchObject({
      noticeNo: '6150/TB-BLĐTBXH',
      noticeDate: '2025-11-12',
    });
    // Days whose notice is not known say so (null), they are not made up.
    expect(days.find((d) => d.date === '2026-01-01')).toMatchObject({ noticeNo: null, noticeDate: null });
    const logged = await w.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'calendar_day.updated'));
    expect(logged.at(-1)!.changes).toMatchObject({ noticeNo: [null, '6150/TB-BLĐTBXH'] });
  });
});
