import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '#server/modules/audit/tables.ts';
import { notifications } from '#server/modules/notifications/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import { declareAs, paperWorkbook, personIn } from '#test/declarations.ts';
import { call, createWorld, upload, type Who, type World } from '#test/world.ts';
import { declarations } from './tables.ts';

/** Paper declarations entered from the workbook (issue 18, "Bad input"). */
let w: World;
let officer: Who;
beforeAll(async () => {
  w = await createWorld();
  officer = w.users.declaration_officer;
});
afterAll(() => w.close());

const usernameOf = async (userId: string) =>
  (await w.database.db.select({ u: users.username }).from(users).where(eq(users.id, userId)))[0]!.u;
const send = (file: Buffer, dryRun: boolean, who = officer) =>
  upload(w.app, `/api/declarations/paper?dryRun=${dryRun}`, who, {}, { name: 'giay.xlsx', content: file });
const declarationsOf = (userIds: string[]) =>
  w.database.db.select().from(declarations).where(inArray(declarations.userId, userIds));

const declarant = (over: Record<string, string | number> = {}) => ({
  'Họ và tên': 'Trần Thị Giấy',
  'Ngày sinh': '02/03/1979',
  'Chức vụ, chức danh': 'Phó Chánh Thanh tra',
  'Cơ quan, đơn vị công tác': 'Thanh tra tỉnh',
  'Nơi thường trú': 'Số 5 đường Trần Phú',
  'Số căn cước công dân': '001179012345',
  'Ngày cấp, nơi cấp': '01/01/2021, Cục Cảnh sát QLHC về TTXH',
  ...over,
});

/** The declarations sheet's row of a complete first-time declaration of 2026, numbered 1. */
const firstTime = async (userId: string) => ({
  'Số thứ tự bản kê khai': 1,
  'Tài khoản người kê khai': await usernameOf(userId),
  'Loại kê khai': 'Lần đầu',
  Năm: 2026,
  'Ngày hoàn thành bản kê khai': '01/11/2026',
  ...declarant(),
});

describe('paper declarations entered from the workbook', () => {
  it('hands out a workbook with a sheet per part of the form, in the reader’s language; only to officers', async () => {
    const vi = await w.app.inject({
      method: 'GET',
      url: '/api/declarations/paper-template',
      headers: { cookie: officer.cookie, 'accept-language': 'vi' },
    });
    expect(vi.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(vi.rawPayload as never);
    const tabs = book.worksheets.map((s) => s.name);
    expect(tabs.slice(0, 3)).toEqual(['Bản kê khai', 'Con chưa thành niên', 'II.1.1 Đất ở']);
    expect(tabs).toContain('II.5 Tiền');
    expect(tabs.slice(-3)).toEqual(['Thu nhập', 'Giải trình phần III', 'Hướng dẫn']);
    const money = (book.getWorksheet('II.5 Tiền')!.getRow(1).values as string[]).slice(1);
    expect(money).toEqual(
      expect.arrayContaining(['Của ai *', 'Hình thức', 'Loại ngoại tệ', 'Tỷ giá (đồng)']),
    );
    const en = await w.app.inject({
      method: 'GET',
      url: '/api/declarations/paper-template',
      headers: { cookie: officer.cookie, 'accept-language': 'en' },
    });
    const enBook = new ExcelJS.Workbook();
    await enBook.xlsx.load(en.rawPayload as never);
    expect(enBook.worksheets.map((s) => s.name)).toContain('Declarations');
    // Someone who receives no declarations is not told the route exists.
    for (const who of [w.users.declarant, w.users.coordinator, w.users.admin])
      expect((await call(w.app, 'GET', '/api/declarations/paper-template', { who })).status).toBe(404);
  });

  it('checks a whole file first (nothing written), then enters it as submitted paper declarations', async () => {
    const first = await personIn(w, w.units.A1, { declarationDuty: true });
    const second = await personIn(w, w.units.A, { declarationDuty: true });
    const file = await paperWorkbook(w, officer, {
      'Bản kê khai': [
        {
          'Số thứ tự bản kê khai': 1,
          'Tài khoản người kê khai': (await usernameOf(first.userId)).toUpperCase(),
          'Loại kê khai': 'Lần đầu',
          Năm: 2026,
          'Ngày hoàn thành bản kê khai': '10/11/2026',
          'Ngày đơn vị nhận': '12/11/2026',
          ...declarant(),
          'Vợ hoặc chồng: Họ và tên': 'Lê Văn Chồng',
          'Vợ hoặc chồng: Ngày sinh': '1977-08-09',
          'Vợ hoặc chồng: Nơi thường trú': 'Số 5 đường Trần Phú',
        },
        {
          'Số thứ tự bản kê khai': 2,
          'Tài khoản người kê khai': await usernameOf(second.userId),
          'Loại kê khai': 'personnel',
          Năm: 2026,
          'Ngày hoàn thành bản kê khai': '20/11/2026',
          ...declarant({ 'Họ và tên': 'Phạm Văn Hai' }),
        },
      ],
      'Con chưa thành niên': [
        {
          'Số thứ tự bản kê khai': 1,
          'Họ và tên': 'Lê Bé',
          'Ngày sinh': '01/06/2015',
          'Nơi thường trú': 'Như trên',
        },
      ],
      'II.2.1 Nhà ở': [
        {
          'Số thứ tự bản kê khai': 1,
          'Của ai': 'Vợ hoặc chồng',
          'Địa chỉ': 'Số 5 đường Trần Phú',
          'Loại nhà': 'Nhà ở riêng lẻ',
          'Diện tích sử dụng (m²)': '95,5',
          'Giá trị (đồng)': '2.100.000.000',
        },
        {
          'Số thứ tự bản kê khai': 2,
          'Của ai': 'declarant',
          'Địa chỉ': 'Chung cư A, phòng 1203',
          'Loại nhà': 'apartment',
          'Diện tích sử dụng (m²)': 70,
          'Không xác định được giá trị vì': 'Được thừa kế, chưa định giá',
        },
      ],
      'II.5 Tiền': [
        {
          'Số thứ tự bản kê khai': 1,
          'Của ai': 'Người kê khai',
          'Hình thức': 'Tiền gửi',
          'Loại ngoại tệ': 'USD',
          'Số tiền ngoại tệ': 10000,
          'Tỷ giá (đồng)': 25400,
        },
      ],
      'Thu nhập': [
        {
          'Số thứ tự bản kê khai': 1,
          'Người có thu nhập': 'Người kê khai',
          'Nguồn thu nhập': 'Lương, phụ cấp, trợ cấp, thưởng',
          'Số tiền (đồng)': '180000000',
        },
      ],
    });
    const dry = await send(file, true);
    expect(dry.statusCode, dry.body).toBe(200);
    const checked = dry.json();
    expect(checked.errors).toEqual([]);
    expect(checked.declarations).toHaveLength(2);
    expect(checked.declarations[0]).toMatchObject({
      ref: '1',
      row: 2,
      kind: 'first_time',
      items: 2,
      assetsVnd: 2_100_000_000 + 254_000_000,
      incomeVnd: 180_000_000,
    });
    expect(await declarationsOf([first.userId, second.userId])).toHaveLength(0);

    const done = await send(file, false);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().created).toBe(2);
    const rows = await declarationsOf([first.userId, second.userId]);
    expect(rows.map((r) => [r.status, r.channel, r.enteredBy])).toEqual([
      ['submitted', 'paper', officer.userId],
      ['submitted', 'paper', officer.userId],
    ]);
    const one = rows.find((r) => r.userId === first.userId)!;
    // Received on the day on the paper, midnight in Vietnam: the hand-over clock counts from it.
    expect(one.submittedAt!.toISOString()).toBe('2026-11-11T17:00:00.000Z');
    expect(one.declaredOn).toBe('2026-11-10');
    const read = await call(w.app, 'GET', `/api/declarations/${one.id}`, { who: officer });
    expect(read.status).toBe(200);
    expect(read.json.channel).toBe('paper');
    expect(read.json.content.spouse.fullName).toBe('Lê Văn Chồng');
    expect(read.json.content.children[0].birthDate).toBe('2015-06-01');
    expect(read.json.content.assets.house[0]).toMatchObject({
      owner: 'spouse',
      details: { houseType: 'detached', areaM2: 95.5 },
      valueVnd: 2_100_000_000,
    });
    // The declarant reads it in their list and is told it was entered in their name.
    const mine = await call(w.app, 'GET', '/api/declarations/mine', { who: first.who });
    expect(mine.json.declarations.map((d: { id: string }) => d.id)).toEqual([one.id]);
    const told = await w.database.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, first.userId),
          eq(notifications.messageKey, 'notification.declaration_entered'),
        ),
      );
    expect(told).toHaveLength(1);
    // Audited without the content.
    const [event] = await w.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, one.id), eq(auditEvents.action, 'declaration.entered_from_paper')));
    expect(event!.actorId).toBe(officer.userId);
    expect(JSON.stringify(event!.changes)).not.toContain('Trần Phú');
    // The same file again: each person now has that declaration.
    const again = await send(file, true);
    expect(again.json().errors.map((e: { column: string }) => e.column)).toEqual([
      'Tài khoản người kê khai *',
      'Tài khoản người kê khai *',
    ]);
    // And the officer accepts it as any other.
    expect((await call(w.app, 'POST', `/api/declarations/${one.id}/accept`, { who: officer })).status).toBe(
      200,
    );
  });

  it('names every problem by sheet, row and column, and writes nothing', async () => {
    const p = await personIn(w, w.units.A, { declarationDuty: true });
    const outsider = await personIn(w, w.units.B, { declarationDuty: true });
    const annual = await personIn(w, w.units.A, { declarationDuty: true });
    const file = await paperWorkbook(w, officer, {
      'Bản kê khai': [
        {
          'Số thứ tự bản kê khai': 'A',
          'Tài khoản người kê khai': await usernameOf(p.userId),
          'Loại kê khai': 'Lần đầu',
          Năm: 2026,
          'Ngày hoàn thành bản kê khai': '31/02/2026',
          ...declarant(),
        },
        {
          'Số thứ tự bản kê khai': 'B',
          'Tài khoản người kê khai': await usernameOf(p.userId),
          'Loại kê khai': 'Phục vụ công tác cán bộ',
          Năm: 2026,
          'Ngày hoàn thành bản kê khai': '01/11/2026',
          ...declarant({ 'Họ và tên': '' }),
        },
        {
          'Số thứ tự bản kê khai': 'C',
          'Tài khoản người kê khai': await usernameOf(outsider.userId),
          'Loại kê khai': 'Lần đầu',
          Năm: 2026,
          'Ngày hoàn thành bản kê khai': '01/11/2026',
          ...declarant(),
        },
        {
          'Số thứ tự bản kê khai': 'D',
          'Tài khoản người kê khai': await usernameOf(officer.userId),
          'Loại kê khai': 'Lần đầu',
          Năm: 2026,
          'Ngày hoàn thành bản kê khai': '01/11/2026',
          ...declarant(),
        },
        {
          'Số thứ tự bản kê khai': 'E',
          'Tài khoản người kê khai': await usernameOf(annual.userId),
          'Loại kê khai': 'Hằng năm',
          Năm: 2026,
          'Ngày hoàn thành bản kê khai': '01/11/2026',
          ...declarant(),
        },
        {
          'Số thứ tự bản kê khai': 'F',
          'Tài khoản người kê khai': await usernameOf(annual.userId),
          'Loại kê khai': 'Lần đầu',
          Năm: 2026,
          'Ngày hoàn thành bản kê khai': '01/11/2026',
          ...declarant({ 'Số căn cước công dân': '12345' }),
        },
      ],
      'II.2.1 Nhà ở': [
        {
          'Số thứ tự bản kê khai': 'F',
          'Của ai': 'Vợ hoặc chồng',
          'Địa chỉ': 'X',
          'Loại nhà': 'Biệt thự',
          'Giá trị (đồng)': 'một tỷ',
        },
        {
          'Số thứ tự bản kê khai': 'F',
          'Của ai': 'Vợ hoặc chồng',
          'Địa chỉ': 'X',
          'Loại nhà': 'Căn hộ',
          'Diện tích sử dụng (m²)': 50,
          'Giá trị (đồng)': 1e9,
        },
        { 'Số thứ tự bản kê khai': 'Z', 'Của ai': 'Người kê khai', 'Địa chỉ': 'Y', 'Loại nhà': 'Căn hộ' },
      ],
    });
    const res = await send(file, false);
    expect(res.statusCode).toBe(400);
    const errors = res.json().rows as Array<{ sheet: string; row: number; column: string; message: string }>;
    const at = (sheet: string, row: number) =>
      errors.filter((e) => e.sheet === sheet && e.row === row).map((e) => [e.column, e.message]);
    expect(at('Bản kê khai', 2)).toEqual([
      ['Ngày hoàn thành bản kê khai *', 'Ngày không hợp lệ; ghi theo dạng dd/mm/yyyy (ví dụ 31/12/2026).'],
    ]);
    expect(at('II.2.1 Nhà ở', 2)).toEqual([
      ['Loại nhà', 'Không thuộc các lựa chọn: Căn hộ; Nhà ở riêng lẻ.'],
      ['Giá trị (đồng)', 'Cần một số.'],
    ]);
    expect(at('II.2.1 Nhà ở', 4)).toEqual([
      ['Số thứ tự bản kê khai *', 'Trang "Bản kê khai" không có bản kê khai số "Z".'],
    ]);
    expect(at('Bản kê khai', 4)[0]![1]).toContain('Không có người kê khai');
    expect(at('Bản kê khai', 5)[0]![1]).toBe('Không ai tự xử lý bản kê khai của chính mình.');
    expect(at('Bản kê khai', 6)[0]![1]).toBe(
      'Người này không có trong danh sách kê khai hằng năm đang mở của năm này.',
    );
    // What the form's own rules find is placed where it was written: the declarant's missing name on
    // its row and column, a spouse's house in a declaration without a spouse on the house's row.
    expect(at('Bản kê khai', 3)).toEqual([['Họ và tên', 'Mục I.1: trường này là bắt buộc.']]);
    expect(at('Bản kê khai', 7)).toEqual([['Số căn cước công dân', expect.stringContaining('12 chữ số')]]);
    expect(await declarationsOf([p.userId, annual.userId])).toHaveLength(0);
    // The dry run answers the same problems with 200 (nothing to confirm yet).
    const dry = await send(file, true);
    expect(dry.statusCode).toBe(200);
    expect(dry.json().errors).toHaveLength(errors.length);
  });

  it('places the form’s rules on the row they concern', async () => {
    const p = await personIn(w, w.units.A, { declarationDuty: true });
    const file = await paperWorkbook(w, officer, {
      'Bản kê khai': [await firstTime(p.userId)],
      'II.2.1 Nhà ở': [
        {
          'Số thứ tự bản kê khai': 1,
          'Của ai': 'Vợ hoặc chồng',
          'Địa chỉ': 'X',
          'Loại nhà': 'Căn hộ',
          'Diện tích sử dụng (m²)': 50,
          'Giá trị (đồng)': 1e9,
        },
        {
          'Số thứ tự bản kê khai': 1,
          'Của ai': 'Người kê khai',
          'Loại nhà': 'Căn hộ',
          'Diện tích sử dụng (m²)': 50,
        },
      ],
    });
    const res = await send(file, true);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().errors).toEqual([
      {
        sheet: 'II.2.1 Nhà ở',
        row: 2,
        column: 'Của ai *',
        message: expect.stringContaining('chưa có thông tin vợ hoặc chồng'),
      },
      {
        sheet: 'II.2.1 Nhà ở',
        row: 3,
        column: 'Địa chỉ',
        message: 'Mục II.2.1, dòng 2: trường này là bắt buộc.',
      },
      {
        sheet: 'II.2.1 Nhà ở',
        row: 3,
        column: 'Giá trị (đồng)',
        message: expect.stringContaining('giá trị'),
      },
    ]);
  });

  it('refuses what is not the workbook, and a declaration the person already made', async () => {
    const csv = await send(Buffer.from('a,b\n1,2\n'), true);
    expect(csv.statusCode, csv.body).toBe(400);
    expect(csv.json().fields.file).toBe(
      'Hãy dùng tệp .xlsx tải từ Liêm (mỗi phần của mẫu kê khai là một trang).',
    );
    const p = await personIn(w, w.units.A, { declarationDuty: true });
    await declareAs(w, p.who, 'first_time', 2026);
    const file = await paperWorkbook(w, officer, {
      'Bản kê khai': [await firstTime(p.userId)],
    });
    const res = await send(file, true);
    expect(res.json().errors[0].message).toBe('Người này đã có bản kê khai loại này cho năm này.');
    // A declarant may not enter anyone's paper declaration.
    expect((await send(file, true, w.users.declarant)).statusCode).toBe(404);
  });

  it('enters a file sent twice at once only once, answering the second as a refusal, never a server error', async () => {
    const p = await personIn(w, w.units.A, { declarationDuty: true });
    const file = await paperWorkbook(w, officer, {
      'Bản kê khai': [await firstTime(p.userId)],
    });
    const statuses = (await Promise.all([send(file, false), send(file, false)])).map((r) => r.statusCode);
    // PGlite runs them one after the other (the second is refused by the check); on PostgreSQL they may
    // race to the unique index (the second is a conflict).
    expect(statuses.sort()).toEqual([200, expect.toSatisfy((s: number) => s === 400 || s === 409)]);
    expect(await declarationsOf([p.userId])).toHaveLength(1);
  });

  it('never answers a server error, whatever the cells say', async () => {
    // A real declarant's account among the values, so that rows reach the form's own checks.
    const someone = await usernameOf(w.users.declarant.userId);
    const cell = fc.oneof(
      fc.constant(someone),
      fc.string({ maxLength: 10 }),
      fc.constantFrom(
        '1',
        'Lần đầu',
        'Hằng năm',
        '31/02/2026',
        '2026',
        '1.000.000',
        '-5',
        '1e400',
        'Căn hộ',
        '',
      ),
      fc.integer(),
      fc.double(),
    );
    const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 22 }), { maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(rows, rows, fc.boolean(), async (declared, houses, dryRun) => {
        const wb = new ExcelJS.Workbook();
        const a = wb.addWorksheet('Bản kê khai');
        a.addRow([
          'Số thứ tự bản kê khai',
          'Tài khoản người kê khai',
          'Loại kê khai',
          'Năm',
          'Ngày hoàn thành bản kê khai',
          'Họ và tên',
          'Số căn cước công dân',
        ]);
        for (const r of declared) a.addRow(r);
        const b = wb.addWorksheet('II.2.1 Nhà');
        b.addRow([
          'Số thứ tự bản kê khai',
          'Của ai',
          'Địa chỉ',
          'Loại nhà',
          'Diện tích sử dụng (m²)',
          'Giá trị (đồng)',
          'Tỷ giá (đồng)',
        ]);
        for (const r of houses) b.addRow(r);
        const res = await send(Buffer.from(await wb.xlsx.writeBuffer()), dryRun);
        expect(res.statusCode, res.body).toBeLessThan(500);
      }),
      // Each workbook is read in its own worker thread (~0.3–1 s to start): fewer runs, a longer limit.
      { numRuns: 30 },
    );
  }, 180_000);
});
