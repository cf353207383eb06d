import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '#server/modules/index.ts';
import { auditEvents } from '#server/modules/audit/tables.ts';
import { units } from '#server/modules/org/tables.ts';
import { metric } from '#server/platform/metrics.ts';
import { describeMatrix } from '#test/matrix.ts';
import { addUser, call, createWorld, sessionFor, upload, type Who, type World } from '#test/world.ts';
import { createEvent } from './service.ts';
import { outreachEvents } from './tables.ts';

let w: World;
let outsider: Who;
beforeAll(async () => {
  // The world's clock: 25/11/2026. R > A > A1; B beside A; every role's user works at A (16 staff).
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
const event = {
  title: 'Tập huấn Luật PCTN sửa đổi',
  kind: 'training',
  startedOn: '2026-09-10',
  audiences: ['officials', 'officials'],
  participants: 30,
  staffTrained: 8,
};

describe('outreach and education (issue 20)', () => {
  it('records events field by field, counts each unit’s staff trained, and feeds A.2.3', async () => {
    const bad = async (over: Record<string, unknown>, field: string) => {
      const res = await api(w.users.focal_officer, 'POST', '/api/outreach', {
        unitId: w.units.A,
        ...event,
        ...over,
      });
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(Object.keys(res.json.fields)).toContain(field);
    };
    await bad({ staffTrained: 31 }, 'staffTrained');
    await bad({ audiences: [] }, 'audiences');
    await bad({ startedOn: '2026-12-01' }, 'startedOn');
    await bad({ endedOn: '2026-09-01' }, 'endedOn');
    await bad({ unitId: w.units.B }, 'unitId');
    await bad({ costVnd: 1.5 }, 'costVnd');
    const ok = await api(w.users.focal_officer, 'POST', '/api/outreach', { unitId: w.units.A1, ...event });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    const got = await api(w.users.inspector, 'GET', `/api/outreach/${ok.json.id}`);
    // Audiences kept once each.
    expect(got.json).toMatchObject({ audiences: ['officials'], staffTrained: 8, unitId: w.units.A1 });
    expect((await api(outsider, 'GET', `/api/outreach/${ok.json.id}`)).status).toBe(404);
    expect(
      (
        await api(w.users.inspector, 'PUT', `/api/outreach/${ok.json.id}`, {
          unitId: w.units.A1,
          ...event,
          version: 1,
        })
      ).status,
    ).toBe(403);
    const edited = await api(w.users.focal_officer, 'PUT', `/api/outreach/${ok.json.id}`, {
      unitId: w.units.A1,
      ...event,
      staffTrained: 10,
      version: 1,
    });
    expect(edited.json.staffTrained).toBe(10);
    const stale = await api(w.users.focal_officer, 'PUT', `/api/outreach/${ok.json.id}`, {
      unitId: w.units.A1,
      ...event,
      version: 1,
    });
    expect(stale.status).toBe(409);
    // Coverage under A: its one child A1, with the staff whose home is below it (none: all work at A).
    const cov = await api(
      w.users.focal_officer,
      'GET',
      `/api/outreach/coverage?year=2026&unitId=${w.units.R}`,
    );
    expect(cov.status).toBe(404);
    const mine = await api(
      w.users.focal_officer,
      'GET',
      `/api/outreach/coverage?year=2026&unitId=${w.units.A}`,
    );
    // Nothing stated yet: no share, only the attendances the events counted (rev20 P1: Liêm accounts and
    // summed attendances made a share of 100 % out of nothing).
    expect(mine.json.units).toEqual([
      expect.objectContaining({
        unitId: w.units.A1,
        staff: null,
        trained: null,
        share: null,
        attendances: 10,
      }),
    ]);
    expect(mine.json.kinds).toEqual([
      expect.objectContaining({ kind: 'training', events: 1, participants: 30 }),
    ]);
    const [a] = await w.database.db.select({ path: units.path }).from(units).where(eq(units.id, w.units.A));
    const share = () =>
      metric('staff_trained_share')!.compute(w.database.db, {
        unitId: w.units.A,
        unitPath: a!.path,
        year: 2026,
      });
    expect(await share()).toMatchObject({ value: null, detail: 'no_staff' });
    // A1 states its staff and the different people trained, field by field; a reader may not.
    const state = (who: Who, body: Record<string, unknown>) =>
      api(who, 'PUT', '/api/outreach/staff', {
        unitId: w.units.A1,
        year: 2026,
        staff: 40,
        staffTrained: 12,
        ...body,
      });
    const trainedAbove = await state(w.users.focal_officer, { staffTrained: 41 });
    expect(Object.keys(trainedAbove.json.fields ?? {})).toEqual(['staffTrained']);
    expect(Object.keys((await state(w.users.focal_officer, { year: 2027 })).json.fields ?? {})).toEqual([
      'year',
    ]);
    expect(
      Object.keys((await state(w.users.focal_officer, { unitId: w.units.B })).json.fields ?? {}),
    ).toEqual(['unitId']);
    expect((await state(w.users.inspector, {})).status).toBe(404);
    expect((await state(w.users.focal_officer, {})).status).toBe(200);
    // A's own figures cover its whole subtree and take the place of A1's; until then A1's are A's.
    expect((await share()).detail).toBe('12/40');
    const stated = await api(
      w.users.focal_officer,
      'GET',
      `/api/outreach/coverage?year=2026&unitId=${w.units.A}`,
    );
    expect(stated.json.units).toEqual([
      expect.objectContaining({ unitId: w.units.A1, staff: 40, trained: 12, share: 0.3, canState: true }),
    ]);
    await api(w.users.focal_officer, 'PUT', '/api/outreach/staff', {
      unitId: w.units.A,
      year: 2026,
      staff: 100,
      staffTrained: 55,
    });
    expect((await share()).detail).toBe('55/100');
    const m = await share();
    expect(m.value).toBe(0.55);
    const audited = await w.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'outreach.staff_stated'));
    expect(audited).toHaveLength(2);
    expect(m.records).toEqual([ok.json.id]);
  });
});

const anEvent = (side: 'A' | 'B') =>
  createEvent(w.ctx, {
    unitId: side === 'A' ? w.units.A1 : w.units.B,
    title: 'Hội nghị',
    kind: 'conference',
    startedOn: '2026-10-01',
    audiences: ['officials'],
    participants: 10,
    staffTrained: 0,
    costVnd: 0,
  });
describe("an event's material files", () => {
  it('are kept with the event in its unit and open only to whoever reads the event', async () => {
    const up = (who: Who, name: string) =>
      upload(
        w.app,
        '/api/files',
        who,
        { unitId: w.units.A },
        { name, content: Buffer.from('%PDF-1.4\n%%EOF\n') },
      );
    const slides = JSON.parse((await up(w.users.focal_officer, 'slides.pdf')).body).id as string;
    const made = await api(w.users.focal_officer, 'POST', '/api/outreach', {
      unitId: w.units.A,
      ...event,
      materialFileIds: [slides, slides],
    });
    expect(made.status, JSON.stringify(made.json)).toBe(200);
    const got = await api(w.users.focal_officer, 'GET', `/api/outreach/${made.json.id}`);
    expect(got.json.materialFileIds).toEqual([slides]);
    expect((await api(w.users.focal_officer, 'GET', `/api/files/${slides}`)).status).toBe(200);
    expect((await api(outsider, 'GET', `/api/files/${slides}`)).status).toBe(404);
    // Another person's upload not yet kept anywhere is not the official's to attach: refused by field,
    // and nothing changes; an event of another unit is not found.
    const foreign = JSON.parse((await up(w.users.admin, 'ds.pdf')).body).id as string;
    const refused = await api(w.users.focal_officer, 'PUT', `/api/outreach/${made.json.id}`, {
      unitId: w.units.A,
      ...event,
      materialFileIds: [slides, foreign],
      version: got.json.version,
    });
    expect(refused.status, JSON.stringify(refused.json)).toBe(400);
    expect(Object.keys(refused.json.fields)).toEqual(['materialFileIds']);
    expect(
      (await api(w.users.focal_officer, 'GET', `/api/outreach/${made.json.id}`)).json.materialFileIds,
    ).toEqual([slides]);
    // A file taken off the event is no longer read through it (sec22c C9).
    expect((await api(w.users.inspector, 'GET', `/api/files/${slides}`)).status).toBe(200);
    const off = await api(w.users.focal_officer, 'PUT', `/api/outreach/${made.json.id}`, {
      unitId: w.units.A,
      ...event,
      materialFileIds: [],
      version: got.json.version,
    });
    expect(off.status, JSON.stringify(off.json)).toBe(200);
    expect(off.json.materialFileIds).toEqual([]);
    expect((await api(w.users.inspector, 'GET', `/api/files/${slides}`)).status).toBe(404);
    expect(
      (
        await api(outsider, 'PUT', `/api/outreach/${made.json.id}`, {
          unitId: w.units.A,
          ...event,
          version: got.json.version,
        })
      ).status,
    ).toBe(404);
    const stranger = await api(w.users.focal_officer, 'POST', '/api/outreach', {
      unitId: w.units.A,
      ...event,
      materialFileIds: [w.units.A],
    });
    expect(stranger.status).toBe(400);
    expect(Object.keys(stranger.json.fields)).toEqual(['materialFileIds']);
  });
});

describe('outreach events from a sheet', () => {
  const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  const mapping = {
    unitCode: 'Đơn vị',
    title: 'Hoạt động',
    kind: 'Hình thức',
    startedOn: 'Ngày',
    audiences: 'Đối tượng',
    participants: 'Số người',
    staffTrained: 'Cán bộ',
    costVnd: 'Kinh phí',
  };
  const header = 'Đơn vị;Hoạt động;Hình thức;Ngày;Đối tượng;Số người;Cán bộ;Kinh phí';
  const send = (step: 'dry-run' | 'commit', lines: string[]) =>
    upload(
      w.app,
      `/api/imports/outreach_events/${step}`,
      w.users.focal_officer,
      { mapping: JSON.stringify(mapping) },
      {
        name: 'tuyen-truyen.csv',
        content: csv([header, ...lines]),
      },
    );
  const count = async () => (await w.database.db.select().from(outreachEvents)).length;

  it('names every bad row and column and changes nothing, then records every event once', async () => {
    const before = await count();
    const good = [
      'A1;Hội nghị quán triệt Luật PCTN 2025;Hội nghị, quán triệt;15/03/2026;Cán bộ, công chức, viên chức, Đảng viên;1.250;40;15.000.000',
      'A1;Cuộc thi tìm hiểu pháp luật;contest;20/05/2026;students;300;;',
    ];
    const bad = await send('commit', [
      ...good,
      'B;Ngoài phạm vi;training;01/06/2026;officials;10;;',
      'A1;Hình thức lạ;hội thảo quốc tế;01/06/2026;officials;10;;',
      'A1;Đối tượng lạ;training;01/06/2026;officials, người nước ngoài;10;;',
      'A1;Số âm;training;01/06/2026;officials;-5;;',
      'A1;Cán bộ nhiều hơn người dự;training;01/06/2026;officials;10;20;',
    ]);
    expect(bad.statusCode).toBe(400);
    expect((bad.json().rows as Array<{ row: number; column: string }>).map((e) => [e.row, e.column])).toEqual(
      [
        [4, 'Đơn vị'],
        [5, 'Hình thức'],
        [6, 'Đối tượng'],
        [7, 'Số người'],
      ],
    );
    expect(await count()).toBe(before);
    // A rule of the service is named by its column too, and undoes the whole file.
    const rule = await send('commit', [
      ...good,
      'A1;Cán bộ nhiều hơn người dự;training;01/06/2026;officials;10;20;',
    ]);
    expect(rule.statusCode).toBe(400);
    expect(
      (rule.json().rows as Array<{ row: number; column: string }>).map((e) => [e.row, e.column]),
    ).toEqual([[4, 'Cán bộ']]);
    expect(await count()).toBe(before);
    const done = await send('commit', good);
    expect(done.statusCode, done.body).toBe(200);
    expect(await count()).toBe(before + 2);
    const listed = await api(w.users.focal_officer, 'GET', '/api/outreach?year=2026&pageSize=100');
    expect(
      listed.json.items.find((e: { title: string }) => e.title === 'Hội nghị quán triệt Luật PCTN 2025'),
    ).toMatchObject({
      kind: 'conference',
      audiences: ['officials', 'party_members'],
      participants: 1250,
      staffTrained: 40,
      costVnd: 15_000_000,
    });
    expect((await send('dry-run', good)).json().counts).toMatchObject({ create: 0, unchanged: 2 });
  });
});

describeMatrix(
  () => w,
  [
    {
      name: 'read an outreach event',
      action: 'integrity.handle',
      orActions: ['integrity.oversee'],
      rootAdmin: false,
      request: async (s) => ({ method: 'GET', url: `/api/outreach/${(await anEvent(s)).id}` }),
    },
    {
      name: 'edit an outreach event',
      action: 'integrity.handle',
      reader: 'integrity.oversee',
      visibleDenied: 403,
      rootAdmin: false,
      request: async (s) => ({
        method: 'PUT',
        url: `/api/outreach/${(await anEvent(s)).id}`,
        body: {
          unitId: s === 'A' ? w.units.A1 : w.units.B,
          title: 'Hội nghị',
          kind: 'conference',
          startedOn: '2026-10-01',
          audiences: ['officials'],
          participants: 12,
          version: 1,
        },
      }),
    },
    {
      name: 'state a unit’s staff and staff trained for the year',
      action: 'integrity.handle',
      outOfScopeStatus: 400,
      deniedStatus: 404,
      rootAdmin: false,
      request: (s) => ({
        method: 'PUT',
        url: '/api/outreach/staff',
        body: { unitId: s === 'A' ? w.units.A1 : w.units.B, year: 2026, staff: 20, staffTrained: 5 },
      }),
    },
  ],
);

describe("an event's attendance list from its sheet (rev20 P14)", () => {
  const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  const mapping = { fullName: 'Họ và tên', agency: 'Đơn vị', position: 'Chức vụ', kind: 'Cán bộ của đơn vị' };
  const send = (who: Who, eventId: string, lines: string[], step: 'dry-run' | 'commit' = 'commit') =>
    upload(
      w.app,
      `/api/imports/outreach_attendees/${step}?eventId=${eventId}`,
      who,
      { mapping: JSON.stringify(mapping) },
      { name: 'diem-danh.csv', content: csv(['Họ và tên;Đơn vị;Chức vụ;Cán bộ của đơn vị', ...lines]) },
    );

  it('lists who attended, sets the event’s counts from it, names bad rows, and keeps out whoever may not', async () => {
    const e = await anEvent('A');
    const bad = await send(w.users.focal_officer, e.id, [
      'Nguyễn Thị Lan;Phòng Ngân sách;Chuyên viên;x',
      'Nguyen Thi LAN;phong ngan sach;;',
      ';Phòng Ngân sách;;',
      'Trần Văn Khách;Công ty An;Giám đốc;có lẽ',
    ]);
    expect(bad.statusCode, bad.body).toBe(400);
    expect((bad.json().rows as Array<{ row: number; column: string }>).map((r) => [r.row, r.column])).toEqual(
      [
        [3, 'Họ và tên'],
        [4, 'Họ và tên'],
        [5, 'Cán bộ của đơn vị'],
      ],
    );
    const sheet = [
      'Nguyễn Thị Lan;Phòng Ngân sách;Chuyên viên;x',
      'Lê Văn Hùng;Phòng Ngân sách;Phó trưởng phòng;x',
      'Trần Văn Khách;Công ty An;Giám đốc;',
    ];
    // The dry run says the event's typed figures will become the list's (rev29).
    const preview = (await send(w.users.focal_officer, e.id, sheet, 'dry-run')).json();
    expect(preview.effects).toEqual([
      'Số người dự của hoạt động sẽ là 3 (hiện 10), số cán bộ được tập huấn 2 (hiện 0), đếm theo danh sách.',
    ]);
    const ok = await send(w.users.focal_officer, e.id, sheet);
    expect(ok.statusCode, ok.body).toBe(200);
    const got = await api(w.users.inspector, 'GET', `/api/outreach/${e.id}`);
    expect(got.json).toMatchObject({ participants: 3, staffTrained: 2, attendees: 3 });
    // From then on the counts are the list's: the event's form cannot type others over it (rev28), and
    // the rest of the event is still edited.
    const { id: _id, unitName: _u, version, attendees: _a, ...fields } = got.json;
    const edit = (over: Record<string, unknown>) =>
      api(w.users.focal_officer, 'PUT', `/api/outreach/${e.id}`, { ...fields, ...over, version });
    const typed = await edit({ participants: 40 });
    expect(typed.status).toBe(400);
    expect(typed.json.fields).toEqual({ participants: expect.stringContaining('danh sách') });
    expect((await edit({ staffTrained: 1 })).json.fields).toHaveProperty('staffTrained');
    const kept = await edit({ note: 'Có điểm danh' });
    expect(kept.status, JSON.stringify(kept.json)).toBe(200);
    expect(kept.json).toMatchObject({ participants: 3, staffTrained: 2, note: 'Có điểm danh' });
    const list = await api(w.users.inspector, 'GET', `/api/outreach/${e.id}/attendees`);
    expect(list.json.total).toBe(3);
    expect(list.json.items.map((a: { fullName: string; staff: boolean }) => [a.fullName, a.staff])).toEqual([
      ['Lê Văn Hùng', true],
      ['Nguyễn Thị Lan', true],
      ['Trần Văn Khách', false],
    ]);
    // The same sheet again changes nothing; one more person is added to the list.
    expect(
      (await send(w.users.focal_officer, e.id, ['Nguyễn Thị Lan;Phòng Ngân sách;;x'], 'dry-run')).json()
        .counts,
    ).toMatchObject({ create: 0, unchanged: 1 });
    // The inspectorate reads the list and is refused replacing it (403: it sees the event, sec31 I3);
    // another department does not see the event (404).
    expect((await send(w.users.inspector, e.id, ['Ai Đó;X;;'])).statusCode).toBe(403);
    expect((await send(outsider, e.id, ['Ai Đó;X;;'])).statusCode).toBe(404);
    expect((await api(outsider, 'GET', `/api/outreach/${e.id}/attendees`)).status).toBe(404);
    // An attendance list needs its event.
    const none = await upload(
      w.app,
      '/api/imports/outreach_attendees/dry-run',
      w.users.focal_officer,
      { mapping: JSON.stringify(mapping) },
      { name: 'diem-danh.csv', content: csv(['Họ và tên', 'A']) },
    );
    expect(none.statusCode).toBe(400);
    expect(none.json().fields).toHaveProperty('eventId');
  });
});
