import { eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '#server/modules/org/tables.ts';
import { grants, users } from '#server/modules/users/tables.ts';
import {
  addUser,
  call,
  cookieFrom,
  createWorld,
  sessionFor,
  upload,
  type Who,
  type World,
} from '#test/world.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
const unitCount = async () =>
  (await w.database.query<{ n: number }>('select count(*)::int as n from units'))[0]!.n;

function step(
  entity: string,
  s: 'preview' | 'dry-run' | 'commit',
  content: Buffer,
  mapping?: object,
  who: Who = w.users.root_admin,
  name = 'data.csv',
) {
  return upload(
    w.app,
    `/api/imports/${entity}/${s}`,
    who,
    mapping ? { mapping: JSON.stringify(mapping) } : {},
    { name, content },
  );
}

const ownLayout = ['Mã ĐV;Tên gọi;Loại hình;Đơn vị cấp trên;Ngày hiệu lực'];
const unitMapping = {
  code: 'Mã ĐV',
  name: 'Tên gọi',
  type: 'Loại hình',
  parentCode: 'Đơn vị cấp trên',
  validFrom: 'Ngày hiệu lực',
};

describe('unit import', () => {
  it('offers a template whose headers map themselves', async () => {
    const res = await w.app.inject({
      method: 'GET',
      url: '/api/imports/units/template',
      headers: { cookie: w.users.root_admin.cookie },
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const headers = (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1).map(String);
    expect(headers[0]).toBe('Mã đơn vị *');
    const pre = await step(
      'units',
      'preview',
      Buffer.from(res.rawPayload),
      undefined,
      w.users.root_admin,
      't.xlsx',
    );
    expect(pre.statusCode).toBe(200);
    expect(pre.json().mapping).toMatchObject({
      code: 'Mã đơn vị *',
      name: 'Tên đơn vị *',
      type: 'Loại đơn vị *',
      parentCode: 'Mã đơn vị cấp trên',
    });
  });

  it('previews a sheet of the user’s own, dry-runs, commits all rows, then remembers the mapping', async () => {
    // The child comes before its parent in the file; codes like "001" stay text.
    const file = csv([
      ...ownLayout,
      'N.001;Tổ Một;Đơn vị trực thuộc;N;01/07/2025',
      'N;Phòng Nhập;sub_unit;A;2025-07-01',
      'A1;Phòng Nghiệp vụ (đổi tên);sub_unit;;',
    ]);
    const pre = await step('units', 'preview', file);
    expect(pre.json()).toMatchObject({
      headers: ['Mã ĐV', 'Tên gọi', 'Loại hình', 'Đơn vị cấp trên', 'Ngày hiệu lực'],
      remembered: false,
      rowCount: 3,
    });

    const before = await unitCount();
    const dry = await step('units', 'dry-run', file, unitMapping);
    expect(dry.statusCode).toBe(200);
    expect(dry.json().counts).toEqual({ create: 2, update: 1, unchanged: 0, errors: 0, move: 0, retype: 0 });
    expect(await unitCount()).toBe(before);

    const done = await step('units', 'commit', file, unitMapping);
    expect(done.statusCode, done.body).toBe(200);
    expect(await unitCount()).toBe(before + 2);
    const [child] = await w.database.db.select().from(units).where(eq(units.code, 'N.001'));
    const [parent] = await w.database.db.select().from(units).where(eq(units.code, 'N'));
    expect(child!.path).toBe(`${parent!.path}${child!.id}/`);
    expect(child!.validFrom).toBe('2025-07-01');
    const [renamed] = await w.database.db.select().from(units).where(eq(units.code, 'A1'));
    expect(renamed!.name).toBe('Phòng Nghiệp vụ (đổi tên)');

    const again = await step('units', 'preview', file);
    expect(again.json()).toMatchObject({ remembered: true, mapping: unitMapping });
    const second = await step('units', 'dry-run', file, unitMapping);
    expect(second.json().counts).toMatchObject({ create: 0, update: 0, unchanged: 3 });
  });

  it('names every bad row and column, and a failed commit changes nothing', async () => {
    const file = csv([
      ...ownLayout,
      'G1;Đơn vị tốt;sub_unit;A;',
      'G2;Không cấp trên;sub_unit;KHONGCO;',
      'G3;Ngày sai;sub_unit;A;31/02/2025',
      'G4;;hành tinh;A;',
      'G1;Trùng mã;sub_unit;A;',
      'G5;Ngoài phạm vi;sub_unit;B;',
    ]);
    const before = await unitCount();
    const dry = await step('units', 'dry-run', file, unitMapping, w.users.admin);
    const errors = dry.json().errors as Array<{ row: number; column: string; message: string }>;
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'Đơn vị cấp trên'],
      [4, 'Ngày hiệu lực'],
      [5, 'Tên gọi'],
      [5, 'Loại hình'],
      [6, 'Mã ĐV'],
      [7, 'Đơn vị cấp trên'],
    ]);
    expect(errors[0]!.message).toContain('KHONGCO');
    const commit = await step('units', 'commit', file, unitMapping, w.users.admin);
    expect(commit.statusCode).toBe(400);
    expect(commit.json().code).toBe('import_invalid');
    expect(commit.json().rows).toHaveLength(6);
    expect(await unitCount()).toBe(before);
  });

  it('reports its progress line by line when asked, then the outcome or the row errors', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `P${i};Tổ số ${i};sub_unit;A;`);
    const streamed = (file: Buffer, s: 'dry-run' | 'commit') =>
      upload(
        w.app,
        `/api/imports/units/${s}`,
        w.users.root_admin,
        { mapping: JSON.stringify(unitMapping) },
        { name: 'data.csv', content: file },
        { accept: 'application/x-ndjson' },
      );
    const before = await unitCount();
    const res = await streamed(csv([...ownLayout, ...rows]), 'commit');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const lines = res.body
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as { progress?: { phase: string; done?: number; total?: number } } & Record<
            string,
            unknown
          >,
      );
    const phases = lines.flatMap((l) => (l.progress ? [l.progress.phase] : []));
    expect([...new Set(phases)]).toEqual(['read', 'check', 'plan', 'write']);
    const checks = lines.flatMap((l) => (l.progress?.phase === 'check' ? [l.progress] : []));
    expect(checks[0]).toEqual({ phase: 'check', done: 0, total: 30 });
    const outcome = lines.at(-1)!;
    expect(outcome.status).toBe(200);
    expect((outcome.body as { counts: unknown }).counts).toEqual({
      create: 30,
      update: 0,
      unchanged: 0,
      errors: 0,
      move: 0,
      retype: 0,
    });
    expect(await unitCount()).toBe(before + 30);

    const bad = await streamed(
      csv([...ownLayout, 'Q1;Tốt;sub_unit;A;', 'Q2;Không cấp trên;sub_unit;KHONGCO;']),
      'commit',
    );
    const last = JSON.parse(bad.body.trim().split('\n').at(-1)!) as {
      status: number;
      body: { code: string; rows: unknown[] };
    };
    expect(last.status).toBe(400);
    expect(last.body.code).toBe('import_invalid');
    expect(last.body.rows).toHaveLength(1);
    expect(await unitCount()).toBe(before + 30);
  });

  it('refuses a missing required column, an unreadable file and a cycle inside the file', async () => {
    const missing = await step('units', 'dry-run', csv([...ownLayout, 'X;Y;sub_unit;A;']), {
      code: 'Mã ĐV',
      type: 'Loại hình',
    });
    expect(missing.json().errors[0]).toMatchObject({ row: 1, field: 'name' });
    const junk = await step(
      'units',
      'preview',
      Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02]),
      undefined,
      w.users.root_admin,
      'x.csv',
    );
    expect(junk.statusCode).toBe(400);
    expect(junk.json().fields.file).toBeTruthy();
    const cycle = await step(
      'units',
      'dry-run',
      csv([...ownLayout, 'C1;Một;sub_unit;C2;', 'C2;Hai;sub_unit;C1;']),
      unitMapping,
    );
    expect(cycle.json().errors.length).toBeGreaterThan(0);
    expect(cycle.json().errors[0].message).toContain('chính nó');
  });

  it('reads .xlsx sheets the user made, with dates as dates', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Đơn vị');
    ws.addRow(['Mã ĐV', 'Tên gọi', 'Loại hình', 'Đơn vị cấp trên', 'Ngày hiệu lực']);
    ws.addRow(['X.01', 'Tổ Excel', 'Đơn vị trực thuộc', 'A', new Date(Date.UTC(2025, 6, 1))]);
    const content = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await step('units', 'commit', content, unitMapping, w.users.root_admin, 'don-vi.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    const [u] = await w.database.db.select().from(units).where(eq(units.code, 'X.01'));
    expect(u!.validFrom).toBe('2025-07-01');
  });

  it('is not offered to roles that cannot manage units', async () => {
    for (const who of [w.users.focal_officer, w.users.coordinator]) {
      const res = await w.app.inject({
        method: 'GET',
        url: '/api/imports/units/template',
        headers: { cookie: who.cookie },
      });
      expect(res.statusCode).toBe(404);
      expect(
        (await step('units', 'dry-run', csv([...ownLayout, 'Z;Z;sub_unit;A;']), unitMapping, who)).statusCode,
      ).toBe(404);
    }
    expect(
      (await call(w.app, 'GET', '/api/imports/planets/template', { who: w.users.root_admin })).status,
    ).toBe(400);
  });
});

describe('real lists of the 2025 administrative units', () => {
  const send = (
    s: 'dry-run' | 'commit',
    content: Buffer,
    query: string,
    fields: Record<string, string> = {},
    name = 'dvhc.csv',
  ) =>
    upload(
      w.app,
      `/api/imports/units/${s}${query}`,
      w.users.root_admin,
      { mapping: JSON.stringify(mapping), ...fields },
      {
        name,
        content,
      },
    );
  // The columns a public dataset of provinces and communes has: English types, the province as parent.
  const mapping = { code: 'code', name: 'name', type: 'type', parentCode: 'province_code' };
  const list = csv([
    'code,name,type,province_code',
    '01,Thành phố Hà Nội,city,',
    '08,Tỉnh Tuyên Quang,province,',
    '00004,Phường Ba Đình,ward,01',
    '00008,Phường Ngọc Hà,phường,01',
    '02269,Xã Minh Thanh,commune,08',
    '26737,Đặc khu Côn Đảo,special zone,08',
    '22736,Đặc khu Phú Quốc,Đặc khu,08',
  ]);

  it('imports as it is under a chosen unit: types by their usual spellings, parents from the province column, zeros kept', async () => {
    const mapped = await upload(
      w.app,
      '/api/imports/units/preview',
      w.users.root_admin,
      {},
      { name: 'dvhc.csv', content: list },
    );
    expect(mapped.json().mapping).toEqual(mapping);
    // Without a place for the provinces, each is named with the column it lacks.
    const homeless = await send('dry-run', list, '');
    expect(homeless.json().errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [2, 'province_code'],
      [3, 'province_code'],
    ]);
    const under = `?underUnitId=${w.units.R}`;
    const dry = await send('dry-run', list, under);
    expect(dry.json().errors).toEqual([]);
    expect(dry.json().counts).toMatchObject({ create: 7, errors: 0 });
    expect((await send('commit', list, under)).statusCode).toBe(200);
    const got = await w.database.db.select().from(units);
    const byCode = new Map(got.map((u) => [u.code, u]));
    expect(['01', '08', '00004', '00008', '02269', '26737', '22736'].map((c) => byCode.get(c)?.type)).toEqual(
      ['city', 'province', 'ward', 'ward', 'commune', 'special_zone', 'special_zone'],
    );
    expect(byCode.get('01')!.parentId).toBe(w.units.R);
    expect(byCode.get('00004')!.parentId).toBe(byCode.get('01')!.id);
    expect(byCode.get('26737')!.path.startsWith(byCode.get('08')!.path)).toBe(true);
  });

  it('refuses codes a spreadsheet stored as numbers (zeros lost), naming the column and an example', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DVHC');
    ws.addRow(['code', 'name', 'type', 'province_code']);
    ws.addRow([1, 'Thành phố Hà Nội', 'city', null]);
    ws.addRow([4, 'Phường Ba Đình', 'ward', 1]);
    ws.addRow([26737, 'Đặc khu Côn Đảo', 'special zone', 1]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const dry = await send('dry-run', file, `?underUnitId=${w.units.R}`, {}, 'dvhc.xlsx');
    const errors = dry.json().errors as Array<{ row: number; column: string; message: string }>;
    expect(errors[0]).toMatchObject({ row: 2, column: 'code' });
    expect(errors[0]!.message).toContain('"1"');
    expect(errors[0]!.message).toContain('5');
  });

  it('never moves or re-types an existing unit silently: the dry run marks it, the commit waits for confirmation', async () => {
    const change = csv(['code,name,type,province_code', '00008,Phường Ngọc Hà,commune,08']);
    const dry = await send('dry-run', change, '');
    expect(dry.json().counts).toMatchObject({ update: 1, move: 1, retype: 1 });
    expect(dry.json().rows[0].attention).toEqual(['move', 'retype']);
    // Where it moves from, though the file does not name its present parent (re-test sec22 F8).
    const [unit] = await w.database.db.select().from(units).where(eq(units.code, '00008'));
    const [from] = await w.database.db.select().from(units).where(eq(units.id, unit!.parentId!));
    expect(dry.json().rows[0].changes.parentCode).toEqual([from!.code, '08']);
    const refused = await send('commit', change, '');
    expect(refused.statusCode).toBe(400);
    expect(
      refused
        .json()
        .rows.map((r: { column: string }) => r.column)
        .sort(),
    ).toEqual(['province_code', 'type']);
    const half = await send('commit', change, '', { confirm: 'move' });
    expect(half.json().rows.map((r: { column: string }) => r.column)).toEqual(['type']);
    const [still] = await w.database.db.select().from(units).where(eq(units.code, '00008'));
    expect(still!.type).toBe('ward');
    // The file has no "valid from" column: the unit keeps its date (re-test L3: it was blanked).
    await w.database.db.update(units).set({ validFrom: '2025-07-01' }).where(eq(units.code, '00008'));
    const committed = await send('commit', change, '', { confirm: 'move,retype' });
    expect(committed.statusCode).toBe(200);
    // The type changes now; the move waits for a second administrator (ADR 0031).
    expect(committed.json().movesAwaitingApproval).toBe(1);
    const [province] = await w.database.db.select().from(units).where(eq(units.code, '08'));
    const [retyped] = await w.database.db.select().from(units).where(eq(units.code, '00008'));
    expect(retyped).toMatchObject({ type: 'commune', validFrom: '2025-07-01' });
    expect(retyped!.parentId).not.toBe(province!.id);
    const second = await sessionFor(
      w.database,
      await addUser(w, 'quantri.hai', 'admin', w.units.R),
      w.clock.now(),
    );
    const waiting = await call(w.app, 'GET', '/api/unit-moves', { who: second });
    const move = waiting.json.items.find((m: { unitId: string }) => m.unitId === retyped!.id);
    expect(move).toMatchObject({ canDecide: true, toName: province!.name });
    const ok = await call(w.app, 'POST', `/api/unit-moves/${move.id}/decision`, {
      who: second,
      body: { decision: 'approve' },
    });
    expect(ok.status).toBe(200);
    const [moved] = await w.database.db.select().from(units).where(eq(units.code, '00008'));
    expect(moved).toMatchObject({ type: 'commune', parentId: province!.id });
    expect((await send('commit', change, '', { confirm: 'teleport' })).statusCode).toBe(400);
  });
});

describe('user import', () => {
  const header = 'Tài khoản,Họ tên,Email,Mã đơn vị,Vai trò';
  const mapping = {
    username: 'Tài khoản',
    fullName: 'Họ tên',
    email: 'Email',
    unitCode: 'Mã đơn vị',
    role: 'Vai trò',
  };

  it('creates accounts with roles and one-time passwords shown once', async () => {
    const file = csv([
      header,
      'tran.b,Trần Thị B,tranb@test.invalid,A1,Cán bộ đầu mối',
      'le.c,Lê Văn C,,A,reviewer',
    ]);
    const res = await step('users', 'commit', file, mapping);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.counts.create).toBe(2);
    expect(body.credentials.map((c: { username: string }) => c.username)).toEqual(['tran.b', 'le.c']);
    const login = await call(w.app, 'POST', '/api/auth/login', {
      body: { username: 'tran.b', password: body.credentials[0].oneTimePassword },
    });
    expect(login.json.stage).toBe('change_password');
    const who = { userId: '', cookie: cookieFrom(login), csrf: login.json.csrfToken };
    const changed = await call(w.app, 'POST', '/api/auth/password', {
      who,
      body: { currentPassword: body.credentials[0].oneTimePassword, newPassword: 'a much longer passphrase' },
    });
    expect(changed.json.stage).toBe('active');
    // A focal officer keeps the unit's gift and conflict registers: made by one administrator's file, the
    // grant waits for a second (sec31 F1); the reviewer's is in force at once.
    const session = await call(w.app, 'GET', '/api/auth/session', { who });
    expect(session.json.grants).toEqual([]);
    const held = await w.database.db
      .select({ role: grants.role, status: grants.status, username: users.username })
      .from(grants)
      .innerJoin(users, eq(users.id, grants.userId))
      .where(inArray(users.username, ['tran.b', 'le.c']));
    expect(held).toEqual(
      expect.arrayContaining([
        { role: 'focal_officer', status: 'awaiting_approval', username: 'tran.b' },
        { role: 'reviewer', status: 'active', username: 'le.c' },
      ]),
    );
  });

  it('updates existing accounts and refuses taken e-mails, unknown units and unknown roles', async () => {
    const file = csv([
      header,
      'tran.b,Trần Thị Bích,tranb@test.invalid,A1,',
      'moi.d,Người Mới,root_admin@test.invalid,A,',
      'moi.e,Người Mới E,,KHONGCO,',
      'moi.f,Người Mới F,,A,Thủ kho',
    ]);
    const dry = await step('users', 'dry-run', file, mapping, w.users.admin);
    expect(dry.json().rows[0]).toMatchObject({
      key: 'tran.b',
      action: 'update',
      changes: { fullName: ['Trần Thị B', 'Trần Thị Bích'] },
    });
    expect(dry.json().errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, 'Email'],
      [4, 'Mã đơn vị'],
      [5, 'Vai trò'],
    ]);
    const ok = await step(
      'users',
      'commit',
      csv([header, 'tran.b,Trần Thị Bích,tranb@test.invalid,A1,']),
      mapping,
      w.users.admin,
    );
    expect(ok.statusCode, ok.body).toBe(200);
    const [u] = await w.database.db.select().from(users).where(eq(users.username, 'tran.b'));
    expect(u!.fullName).toBe('Trần Thị Bích');
  });
});
