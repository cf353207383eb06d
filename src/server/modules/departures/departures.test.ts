import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '#server/modules/index.ts';
import { auditEvents } from '#server/modules/audit/tables.ts';
import { enterprises } from '#server/modules/enterprises/tables.ts';
import { createUnit } from '#server/modules/org/service.ts';
import { describeMatrix } from '#test/matrix.ts';
import { addUser, call, createWorld, sessionFor, sheetImport, type Who, type World } from '#test/world.ts';
import { createDeparture } from './service.ts';
import { departures } from './tables.ts';

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
  const firm = await createUnit(w.ctx, {
    code: 'DN.01',
    name: 'Công ty TNHH Thẩm định Giá Sơn Hà',
    type: 'enterprise',
    parentId: w.units.R,
  });
  await w.database.db
    .insert(enterprises)
    .values({ unitId: firm.id, taxCode: '3100000099', sector: 'Thẩm định giá', size: 'small', address: 'X' });
});
afterAll(() => w.close());

const api = (who: Who, method: string, url: string, body?: unknown) =>
  call(w.app, method, url, { who, body });
const departure = {
  personName: 'Trịnh Văn Khoản',
  position: 'Chuyên viên quản lý giá',
  leftOn: '2026-03-31',
  rule: 'finance_budget_assets',
  field: 'Quản lý giá, thẩm định giá',
};

describe('officials who left office and their cooling-off periods (issue 20)', () => {
  it('counts the period by its rule, refuses what the rule does not allow field by field, and flags a known employer', async () => {
    const bad = async (over: Record<string, unknown>, field: string) => {
      const res = await api(w.users.focal_officer, 'POST', '/api/departures', {
        unitId: w.units.A,
        ...departure,
        ...over,
      });
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(Object.keys(res.json.fields)).toEqual([field]);
    };
    await bad({ leftOn: '2026-12-01' }, 'leftOn');
    await bad({ rule: 'group1', months: 30 }, 'months');
    await bad({ rule: 'group2', months: 3 }, 'months');
    await bad({ rule: 'project' }, 'projectEndsOn');
    await bad({ rule: 'project', projectEndsOn: '2025-01-01' }, 'projectEndsOn');
    await bad({ projectEndsOn: '2027-01-01' }, 'projectEndsOn');
    await bad({ newEmployerTaxCode: '12345' }, 'newEmployerTaxCode');
    await bad({ newEmployerTaxCode: '3100000099' }, 'newEmployerName');
    await bad({ unitId: w.units.B }, 'unitId');
    expect(await w.database.db.select().from(departures)).toHaveLength(0);

    // Twelve months from 31/03/2026, and the new employer is an enterprise the province knows.
    const made = await api(w.users.focal_officer, 'POST', '/api/departures', {
      unitId: w.units.A1,
      ...departure,
      newEmployerName: 'Thẩm định giá Sơn Hà',
      newEmployerTaxCode: '3100000099',
    });
    expect(made.status, JSON.stringify(made.json)).toBe(200);
    const got = await api(w.users.focal_officer, 'GET', `/api/departures/${made.json.id}`);
    expect(got.json).toMatchObject({
      coolingOffUntil: '2027-03-31',
      months: 12,
      coolingOff: true,
      employer: { name: 'Công ty TNHH Thẩm định Giá Sơn Hà', sector: 'Thẩm định giá' },
    });
    const [event] = await w.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, made.json.id));
    expect(event?.action).toBe('departure.recorded');
    // Month ends clamp (31/08 + 6 months is 28/02), a project's end is the period's, an ended one is apart.
    await createDeparture(w.ctx, {
      unitId: w.units.A,
      ...departure,
      personName: 'Ngô Thị Hết',
      rule: 'group2',
      months: 6,
      leftOn: '2025-08-31',
    });
    await createDeparture(w.ctx, {
      unitId: w.units.A,
      ...departure,
      personName: 'Lưu Văn Dự',
      rule: 'project',
      projectEndsOn: '2027-12-31',
    });
    const list = async (query: string, who = w.users.focal_officer) =>
      (await api(who, 'GET', `/api/departures${query}`)).json;
    const all = await list('');
    expect(all.summary).toEqual({ total: 3, cooling: 2, flagged: 1 });
    expect(all.items.find((x: { personName: string }) => x.personName === 'Ngô Thị Hết')).toMatchObject({
      coolingOffUntil: '2026-02-28',
      coolingOff: false,
    });
    expect((await list('?state=flagged')).items.map((x: { personName: string }) => x.personName)).toEqual([
      'Trịnh Văn Khoản',
    ]);
    expect((await list('?state=ended')).total).toBe(1);
    expect((await list('?q=luu van')).total).toBe(1);
    expect((await list('?year=2025')).total).toBe(1);
    // The inspectorate reads; another unit's officer sees none of them and cannot open one.
    expect((await list('', w.users.inspector)).total).toBe(3);
    expect((await list('', outsider)).total).toBe(0);
    expect((await api(outsider, 'GET', `/api/departures/${made.json.id}`)).status).toBe(404);

    // Edited: the employer changes to one nobody knows; the flag goes, stale versions are refused.
    const edit = (version: number) =>
      api(w.users.focal_officer, 'PUT', `/api/departures/${made.json.id}`, {
        unitId: w.units.A1,
        ...departure,
        newEmployerName: 'Hộ kinh doanh',
        newEmployerTaxCode: null,
        version,
      });
    expect((await edit(1)).json).toMatchObject({ employer: null, version: 2 });
    expect((await edit(1)).status).toBe(409);
    expect((await list('?state=flagged')).total).toBe(0);
  });
});

describe('departures, as a personnel office lists them in a sheet', () => {
  const columns = [
    'unitCode',
    'personName',
    'position',
    'leftOn',
    'rule',
    'months',
    'projectEndsOn',
    'field',
    'newEmployerName',
    'newEmployerTaxCode',
  ];
  const send = sheetImport(
    () => w,
    'departures',
    columns,
    (x) => x.users.focal_officer,
  );
  const count = async () => (await w.database.db.select().from(departures)).length;

  it('takes groups by name, names each bad row and column, changes nothing on error, and matches known employers', async () => {
    const before = await count();
    const bad = await send('commit', [
      'A1;Phan Văn Một;Chuyên viên;15/01/2026;Nhóm 1;18;;Cấp phép;;',
      'A1;Phan Văn Hai;Chuyên viên;15/01/2026;Nhóm 2;13;;Y tế;;',
      'B;Ngoài Phạm Vi;Chuyên viên;15/01/2026;Nhóm 1;;;Cấp phép;;',
      'A1;Nhóm Lạ;Chuyên viên;15/01/2026;Nhóm 9;;;Cấp phép;;',
      'A1;Phan Văn Ba;Chuyên viên;15/01/2026;Nhóm 4;;;Dự án;;',
      'A1;Phan Văn Bốn;Chuyên viên;15/01/2026;Nhóm 1;;;Cấp phép;Công ty X;123',
    ]);
    expect(bad.statusCode).toBe(400);
    expect((bad.json().rows as Array<{ row: number; column: string }>).map((e) => [e.row, e.column])).toEqual(
      [
        [3, 'months'],
        [4, 'unitCode'],
        [5, 'rule'],
        [6, 'projectEndsOn'],
        [7, 'newEmployerTaxCode'],
      ],
    );
    expect(await count()).toBe(before);
    // The service's own rules name their columns: the group's range, a project's end, a tax code's form.
    // Already at the dry run, all at once (re-test sec29 T2).
    const ruled = await send('dry-run', [
      'A1;Phan Văn Hai;Chuyên viên;15/01/2026;Nhóm 2;13;;Y tế;;',
      'A1;Phan Văn Ba;Chuyên viên;15/01/2026;Nhóm 4;;;Dự án;;',
      'A1;Phan Văn Bốn;Chuyên viên;15/01/2026;Nhóm 1;;;Cấp phép;Công ty X;123',
      'A1;Phan Văn Năm;Chuyên viên;15/01/2026;Nhóm 4;;31/12/9999;Dự án;;',
      'A1;Phan Văn Sáu;Chuyên viên;15/01/2027;Nhóm 1;;;Cấp phép;;',
    ]);
    expect(
      (ruled.json().errors as Array<{ row: number; column: string }>).map((e) => [e.row, e.column]),
    ).toEqual([
      [2, 'months'],
      [3, 'projectEndsOn'],
      [4, 'newEmployerTaxCode'],
      [5, 'projectEndsOn'],
      [6, 'leftOn'],
    ]);
    expect(await count()).toBe(before);
    const good = [
      'A1;Phan Văn Một;Chuyên viên;15/01/2026;Nhóm 1;18;;Cấp phép;;',
      'A1;Phan Văn Ba;Chuyên viên;15/01/2026;Nhóm 4;;31/12/2027;Dự án;;',
      'A1;Phan Văn Bốn;Chuyên viên;15/01/2026;Nhóm 1;;;Thẩm định giá;Thẩm định giá Sơn Hà;3100000099',
    ];
    expect((await send('commit', good)).statusCode).toBe(200);
    expect(await count()).toBe(before + 3);
    expect((await send('dry-run', good)).json().counts).toMatchObject({ create: 0, unchanged: 3 });
    const listed = (await call(w.app, 'GET', '/api/departures?q=phan van', { who: w.users.focal_officer }))
      .json;
    expect(
      listed.items
        .map((x: { personName: string; coolingOffUntil: string; employer: unknown }) => [
          x.personName,
          x.coolingOffUntil,
          !!x.employer,
        ])
        .sort(),
    ).toEqual([
      ['Phan Văn Ba', '2027-12-31', false],
      ['Phan Văn Bốn', '2027-01-15', true],
      ['Phan Văn Một', '2027-07-15', false],
    ]);
  });
});

const aDeparture = (side: 'A' | 'B') =>
  createDeparture(w.ctx, { unitId: side === 'A' ? w.units.A1 : w.units.B, ...departure } as never);
describeMatrix(
  () => w,
  [
    {
      name: 'read a departure',
      action: 'integrity.handle',
      orActions: ['integrity.oversee'],
      rootAdmin: false,
      request: async (s) => ({ method: 'GET', url: `/api/departures/${(await aDeparture(s)).id}` }),
    },
    {
      name: 'edit a departure',
      action: 'integrity.handle',
      reader: 'integrity.oversee',
      visibleDenied: 403,
      rootAdmin: false,
      request: async (s) => ({
        method: 'PUT',
        url: `/api/departures/${(await aDeparture(s)).id}`,
        body: { unitId: s === 'A' ? w.units.A1 : w.units.B, ...departure, version: 1 },
      }),
    },
  ],
);
