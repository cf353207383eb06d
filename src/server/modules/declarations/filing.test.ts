import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '#server/modules/audit/tables.ts';
import { createUnit } from '#server/modules/org/service.ts';
import { turn } from '#server/platform/threads.ts';
import type { Role } from '#shared/permissions.ts';
import { declareAs, filled, type Position, personIn } from '#test/declarations.ts';
import { pdfText } from '#test/pdf-text.ts';
import { call, createWorld, NOW, sessionFor, upload, type Who, type World } from '#test/world.ts';
import { declarations } from './tables.ts';

let w: World;
let round: { id: string };
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

const person = (unitId: string, position: Position | null, role?: Role) =>
  personIn(w, unitId, position, role);
const api = (who: Who, method: string, url: string, body?: unknown) =>
  call(w.app, method, url, { who, body });
const declare = (who: Who, kind: string, year: number, content = filled()) =>
  declareAs(w, who, kind, year, content);

describe('the yearly round and its roster (issue 18 §1)', () => {
  it('derives who declares from positions and the leadership parameter, with the reason; the officer adjusts and sends it', async () => {
    const deputy = await person(w.units.A1, { leadershipLevel: 'deputy_head_of_division' });
    const inspector = await person(w.units.A, { declarationDuty: true });
    const clerk = await person(w.units.A, { isLeadership: false });
    const outside = await person(w.units.B, { leadershipLevel: 'head_of_agency' });
    const controller = w.users.asset_controller;
    const body = {
      unitId: w.units.A,
      year: 2026,
      rosterDueOn: '2026-12-09',
      declareDueOn: '2026-12-31',
      handoverDueOn: '2027-01-16',
    };
    // Only the control agency opens a round, inside its scope.
    expect((await api(w.users.declaration_officer, 'POST', '/api/declaration-rounds', body)).status).toBe(
      400,
    );
    expect(
      (await api(controller, 'POST', '/api/declaration-rounds', { ...body, unitId: w.units.B })).json.fields,
    ).toHaveProperty('unitId');
    const opened = await api(controller, 'POST', '/api/declaration-rounds', body);
    expect(opened.status).toBe(201);
    round = opened.json as { id: string };
    expect((await api(controller, 'POST', '/api/declaration-rounds', body)).json.fields).toHaveProperty(
      'year',
    );

    const officer = w.users.declaration_officer;
    const list = await api(officer, 'GET', `/api/declaration-rounds/${round.id}/roster?unitId=${w.units.A}`);
    expect(list.status).toBe(200);
    const reasons = Object.fromEntries(
      list.json.entries.map((e: { userId: string; reason: string }) => [e.userId, e.reason]),
    );
    expect(reasons[deputy.userId]).toBe('leadership_level');
    expect(reasons[inspector.userId]).toBe('position_duty');
    expect(reasons[clerk.userId]).toBeUndefined();
    expect(reasons[outside.userId]).toBeUndefined();

    // Added by hand with a reason; taken off with one (too short a reason is refused); both audited.
    const added = await api(officer, 'POST', `/api/declaration-rounds/${round.id}/roster`, {
      userId: clerk.userId,
      note: 'Trực tiếp quản lý tài sản công',
    });
    expect(added.status).toBe(201);
    expect(
      (
        await api(officer, 'POST', `/api/declaration-rounds/${round.id}/roster`, {
          userId: outside.userId,
          note: 'x',
        })
      ).json.fields,
    ).toHaveProperty('userId');
    expect(
      (await api(officer, 'PATCH', `/api/declaration-roster/${added.json.id}`, { removedReason: 'ngắn' }))
        .status,
    ).toBe(400);
    const off = await api(officer, 'PATCH', `/api/declaration-roster/${added.json.id}`, {
      removedReason: 'Nghỉ hưu từ ngày 01/10/2026',
    });
    expect(off.status).toBe(200);
    const sent = await api(officer, 'POST', `/api/declaration-rounds/${round.id}/roster/send`, {
      unitId: w.units.A,
    });
    expect(sent.status).toBe(200);
    expect(sent.json.declarants).toBe(list.json.entries.length);
    const rounds = await api(controller, 'GET', '/api/declaration-rounds');
    expect(rounds.json[0]).toMatchObject({ year: 2026, declarants: list.json.entries.length, submitted: 0 });
    // Who may not see rounds at all: 404 (not a hint that they exist).
    expect((await api(w.users.admin, 'GET', '/api/declaration-rounds')).status).toBe(404);
    expect(
      (
        await api(
          w.users.coordinator,
          'GET',
          `/api/declaration-rounds/${round.id}/roster?unitId=${w.units.A}`,
        )
      ).status,
    ).toBe(404);
  });

  it('two written reminders, in order, for someone who has not declared; a third is refused', async () => {
    const late = await person(w.units.A, { declarationDuty: true });
    await api(w.users.declaration_officer, 'POST', `/api/declaration-rounds/${round.id}/roster/refresh`, {
      unitId: w.units.A,
    });
    const list = await api(
      w.users.declaration_officer,
      'GET',
      `/api/declaration-rounds/${round.id}/roster?unitId=${w.units.A}`,
    );
    const entry = list.json.entries.find((e: { userId: string }) => e.userId === late.userId);
    expect(entry).toMatchObject({ reason: 'position_duty', late: false });
    const remind = (on: string, ref: string) =>
      api(w.users.declaration_officer, 'PATCH', `/api/declaration-roster/${entry.id}`, {
        reminder: { on, ref },
      });
    expect((await remind('2026-12-20', '12/TB-TTr')).status).toBe(200);
    expect((await remind('2026-12-19', '13/TB-TTr')).json.fields).toHaveProperty(['reminder.on']);
    expect((await remind('2026-12-27', '15/TB-TTr')).status).toBe(200);
    expect((await remind('2026-12-30', '16/TB-TTr')).json.fields).toHaveProperty('reminder');
    // After the round's date the roster shows who is late.
    w.clock.set('2027-01-05T02:00:00Z');
    const after = await api(
      await sessionFor(w.database, w.users.declaration_officer.userId, w.clock.now()),
      'GET',
      `/api/declaration-rounds/${round.id}/roster?unitId=${w.units.A}`,
    );
    w.clock.set(NOW);
    expect(after.json.entries.find((e: { userId: string }) => e.userId === late.userId)).toMatchObject({
      late: true,
      firstReminderRef: '12/TB-TTr',
      secondReminderRef: '15/TB-TTr',
    });
  });
});

describe('declaring: pre-filled, Part III, explanations, and bad input named by section and item (issue 18 §2)', () => {
  it('a declarant on the roster declares; the next year is pre-filled, the increase must be explained', async () => {
    const me = await person(w.units.A1, { leadershipLevel: 'deputy_head_of_division' });
    // Not on a roster for 2026 yet (the round was opened before this person came): refused on the year.
    expect(
      (await api(me.who, 'POST', '/api/declarations', { kind: 'annual', year: 2026 })).json.fields,
    ).toHaveProperty('year');
    await api(w.users.declaration_officer, 'POST', `/api/declaration-rounds/${round.id}/roster/refresh`, {
      unitId: w.units.A,
    });
    // A first-time declaration earlier (2025), then the 2026 annual one built on it.
    const first = await declare(me.who, 'first_time', 2025);
    expect(first.sub.status, JSON.stringify(first.sub.json)).toBe(200);
    const started = await api(me.who, 'POST', '/api/declarations', { kind: 'annual', year: 2026 });
    const id = started.json.id;
    const draft = await api(me.who, 'GET', `/api/declarations/${id}`);
    expect(draft.json.content.declarant.idNumber).toBe('001080012345');
    expect(draft.json.content.assets.house[0].valueVnd).toBe(1_500_000_000);
    expect(draft.json.content.income).toEqual([]);
    // A second annual declaration for 2026 is refused with the first one's id.
    const again = await api(me.who, 'POST', '/api/declarations', { kind: 'annual', year: 2026 });
    expect(again.status).toBe(409);
    expect(again.json.link).toBe(`/app/declarations/${id}`);

    // A new car of 1.2 billion: the increase reaches 1 billion (the threshold since 01/07/2026).
    const content = filled();
    (content.assets as Record<string, unknown[]>).registered_assets = [
      { id: randomUUID(), owner: 'declarant', details: { name: 'Ô tô con' }, valueVnd: 1_200_000_000 },
    ];
    const saved = await api(me.who, 'PUT', `/api/declarations/${id}`, {
      content,
      version: draft.json.version,
    });
    expect(saved.json.partIII).toMatchObject({ increaseVnd: 1_200_000_000, explanationRequired: true });
    expect(saved.json.problems).toHaveProperty(['explanations.registered_assets']);
    const refused = await api(me.who, 'POST', `/api/declarations/${id}/submit`, {
      version: saved.json.version,
    });
    expect(refused.status).toBe(400);
    expect(refused.json.fields['explanations.registered_assets']).toContain('III (II.7.1)');
    content.explanations = { registered_assets: 'Vay ngân hàng 800 triệu và tiền tiết kiệm' };
    const fixed = await api(me.who, 'PUT', `/api/declarations/${id}`, {
      content,
      version: saved.json.version,
    });
    const ok = await api(me.who, 'POST', `/api/declarations/${id}/submit`, { version: fixed.json.version });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(ok.json).toMatchObject({
      status: 'submitted',
      increaseVnd: 1_200_000_000,
      declaredOn: '2026-11-25',
    });
    // Once submitted the declarant cannot change it.
    expect(
      (await api(me.who, 'PUT', `/api/declarations/${id}`, { content, version: ok.json.version })).status,
    ).toBe(409);
    // The official form in Word, for signature on every page: the declarant's own, not an outsider's.
    const docx = (who: Who) =>
      w.app.inject({ method: 'GET', url: `/api/declarations/${id}/docx`, headers: { cookie: who.cookie } });
    const res = await docx(me.who);
    expect(res.statusCode).toBe(200);
    // A declaration is never kept by a browser or a proxy (issue-15 re-test: no Cache-Control on Word).
    expect(res.headers['cache-control']).toBe('private, no-store');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    for (const text of [
      'BẢN KÊ KHAI TÀI SẢN, THU NHẬP',
      'KÊ KHAI HẰNG NĂM 2026',
      '001080012345',
      'II.7.1. Tài sản phải đăng ký',
      'Ô tô con',
      '1.200.000.000',
      'Vay ngân hàng 800 triệu và tiền tiết kiệm',
      'NGƯỜI KÊ KHAI TÀI SẢN',
    ])
      expect(xml).toContain(text);
    const footer = Object.keys(zip.files).find((f) => /^word\/footer\d*\.xml$/.test(f))!;
    expect(await zip.file(footer)!.async('string')).toContain('Người kê khai ký');
    expect((await docx(w.users.admin)).statusCode).toBe(404);
    // The same layout as a PDF (A4), titled with the declarant's name.
    const pdfRes = await w.app.inject({
      method: 'GET',
      url: `/api/declarations/${id}/pdf`,
      headers: { cookie: me.who.cookie },
    });
    expect(pdfRes.statusCode).toBe(200);
    const printed = await PDFDocument.load(pdfRes.rawPayload);
    expect(printed.getTitle()).toContain('Bản kê khai tài sản, thu nhập năm 2026');
    expect(printed.getPageCount()).toBeGreaterThanOrEqual(2);
    const [width, height] = [printed.getPage(0).getWidth(), printed.getPage(0).getHeight()];
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);

    // The signed copy: the declarant uploads a scan (PDF or picture), sealed at rest; readers download it.
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
    const sign = (who: Who, file: { name: string; content: Buffer }) =>
      upload(w.app, `/api/declarations/${id}/signed`, who, {}, file);
    expect(
      (await sign(me.who, { name: 'ghi-chu.txt', content: Buffer.from('chữ ký') })).json().fields,
    ).toHaveProperty('file');
    const signed = await sign(me.who, { name: 'ban-ke-khai-da-ky.pdf', content: pdf });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().signedScan).toMatchObject({ name: 'ban-ke-khai-da-ky.pdf', size: pdf.length });
    expect((await sign(w.users.declaration_officer, { name: 'x.pdf', content: pdf })).statusCode).toBe(403);
    const [stored] = await w.database.query<{ content: Buffer }>(
      'select content from declaration_scans where declaration_id = $1',
      [id],
    );
    expect(Buffer.from(stored!.content).includes(Buffer.from('%PDF'))).toBe(false);
    const read = (who: Who) =>
      w.app.inject({ method: 'GET', url: `/api/declarations/${id}/signed`, headers: { cookie: who.cookie } });
    const got = await read(w.users.declaration_officer);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(pdf)).toBe(true);
    expect((await read(w.users.admin)).statusCode).toBe(404);
  });

  it('the printed form carries every item, in Word and in PDF, however long the descriptions', async () => {
    const me = await person(w.units.A1, { declarationDuty: true });
    const long = (n: number) => 'chi tiết dài '.repeat(n);
    const plots = Array.from({ length: 6 }, (_, i) => ({
      id: randomUUID(),
      owner: 'declarant',
      details: {
        address: `THUA0${i + 1} ${long(12)}`,
        areaM2: 120 + i,
        certificate: `GCN0${i + 1} ${long(8)}`,
        otherInfo: long(20),
      },
      valueVnd: 500_000_000 + i,
    }));
    const income = Array.from({ length: 7 }, (_, i) => ({
      recipient: 'declarant',
      source: 'other',
      amountVnd: 10_000_000 + i,
      note: `THUNHAP0${i + 1} ${long(35)}`,
    }));
    const { id, sub } = await declare(
      me.who,
      'first_time',
      2026,
      filled({ assets: { land_residential: plots }, income }),
    );
    expect(sub.status, JSON.stringify(sub.json)).toBe(200);
    const get = (format: string) =>
      w.app.inject({
        method: 'GET',
        url: `/api/declarations/${id}/${format}`,
        headers: { cookie: me.who.cookie },
      });
    const words = pdfText((await get('pdf')).rawPayload);
    const xml = await (await JSZip.loadAsync((await get('docx')).rawPayload))
      .file('word/document.xml')!
      .async('string');
    for (const marker of [
      ...plots.map((_, i) => `THUA0${i + 1}`),
      ...plots.map((_, i) => `GCN0${i + 1}`),
      ...income.map((_, i) => `THUNHAP0${i + 1}`),
    ]) {
      expect(xml, marker).toContain(marker);
      expect(words, marker).toContain(marker);
    }
    expect(words).toContain('II.1.1.');
  });

  it('before 01/07/2026 an increase of 500 million must be explained (300 million then); after, it need not', async () => {
    const me = await person(w.units.A, null);
    await declare(me.who, 'first_time', 2024);
    const grown = filled();
    (grown.assets as Record<string, unknown[]>).money = [
      { id: randomUUID(), owner: 'declarant', details: { kind: 'deposit' }, valueVnd: 500_000_000 },
    ];
    w.clock.set('2026-06-20T02:00:00Z');
    const june = await sessionFor(w.database, me.userId, w.clock.now());
    const started = await api(june, 'POST', '/api/declarations', { kind: 'supplementary', year: 2026 });
    const got = await api(june, 'GET', `/api/declarations/${started.json.id}`);
    const saved = await api(june, 'PUT', `/api/declarations/${started.json.id}`, {
      content: grown,
      version: got.json.version,
    });
    expect(saved.json.problems).toHaveProperty(['explanations.money']);
    // The same change judged on a date after the law changed is below the threshold.
    w.clock.set('2026-07-01T02:00:00Z');
    const july = await sessionFor(w.database, me.userId, w.clock.now());
    const sub = await api(july, 'POST', `/api/declarations/${started.json.id}/submit`, {
      version: saved.json.version,
    });
    w.clock.set(NOW);
    expect(sub.status, JSON.stringify(sub.json)).toBe(200);
    expect(sub.json).toMatchObject({ declaredOn: '2026-07-01', increaseVnd: 500_000_000 });
    expect(sub.json.parameters.find((p: { code: string }) => p.code === 'change_threshold').amountVnd).toBe(
      1_000_000_000,
    );
    // Printed on Annex II: the changes first, then only the assets added since (the deposit, not the house).
    const money = (grown.assets as Record<string, Array<{ id: string }>>).money![0]!.id;
    expect(sub.json.newItems).toEqual([money]);
    const res = await w.app.inject({
      method: 'GET',
      url: `/api/declarations/${started.json.id}/docx`,
      headers: { cookie: me.who.cookie },
    });
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    const words = xml.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(words).toContain('BẢN KÊ KHAI TÀI SẢN, THU NHẬP BỔ SUNG');
    expect(words).toContain('Phụ lục II');
    const described = words.slice(words.indexOf('III. THÔNG TIN MÔ TẢ VỀ TÀI SẢN TĂNG THÊM'));
    expect(words.indexOf('II. BIẾN ĐỘNG TÀI SẢN')).toBeLessThan(words.indexOf('III. THÔNG TIN MÔ TẢ'));
    expect(described).toContain('500.000.000');
    expect(described).toContain('Tiền gửi');
    expect(described).not.toContain('Nhà ở riêng lẻ');
  });

  it('refuses a foreign amount whose value in đồng is past what an item may be worth (totals would overflow)', async () => {
    const me = await person(w.units.A, null);
    const started = await api(me.who, 'POST', '/api/declarations', { kind: 'first_time', year: 2026 });
    const got = await api(me.who, 'GET', `/api/declarations/${started.json.id}`);
    const rich = filled();
    (rich.assets as Record<string, unknown[]>).money = Array.from({ length: 20 }, () => ({
      id: randomUUID(),
      owner: 'declarant',
      details: { kind: 'deposit' },
      currency: 'USD',
      foreignAmount: 1e15,
      rate: 1000,
    }));
    const res = await api(me.who, 'PUT', `/api/declarations/${started.json.id}`, {
      content: rich,
      version: got.json.version,
    });
    expect(res.status, JSON.stringify(res.json)).toBe(400);
    expect(res.json.fields).toHaveProperty(['content.assets.money.0.foreignAmount']);
  });

  it('refuses inconsistent numbers field by field, naming the section and line', async () => {
    const me = await person(w.units.A, null);
    const started = await api(me.who, 'POST', '/api/declarations', { kind: 'first_time', year: 2026 });
    const id = started.json.id;
    const got = await api(me.who, 'GET', `/api/declarations/${id}`);
    // A prefilled blank: the declarant's name and unit from their account.
    expect(got.json.content.declarant).toMatchObject({ fullName: expect.stringContaining('Người kê khai') });
    const negative = filled();
    (negative.assets as Record<string, Array<Record<string, unknown>>>).house![0]!.valueVnd = -5;
    const bad = await call(w.app, 'PUT', `/api/declarations/${id}`, {
      who: me.who,
      body: { content: negative, version: got.json.version },
      lang: 'en',
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.fields)).toEqual(['content.assets.house.0.valueVnd']);
    const foreign = filled();
    (foreign.assets as Record<string, unknown[]>).money = [
      {
        id: randomUUID(),
        owner: 'spouse',
        details: { kind: 'cash' },
        currency: 'USD',
        foreignAmount: 10_000,
      },
    ];
    const saved = await api(me.who, 'PUT', `/api/declarations/${id}`, {
      content: foreign,
      version: got.json.version,
    });
    expect(saved.status).toBe(200);
    const sub = await call(w.app, 'POST', `/api/declarations/${id}/submit`, {
      who: me.who,
      body: { version: saved.json.version },
      lang: 'en',
    });
    expect(sub.status).toBe(400);
    expect(sub.json.fields['assets.money.0.rate']).toBe(
      'Section II.5, line 1: a foreign amount needs its exchange rate to VND.',
    );
    expect(sub.json.fields).toHaveProperty(['assets.money.0.owner']);
    // First-time declarations ask no Part III: nothing about explanations.
    expect(Object.keys(sub.json.fields).some((f) => f.startsWith('explanations'))).toBe(false);
    // A listed asset worth 0, or an income line of 0, is a slip the list of what is missing names.
    const zero = filled({ income: [{ recipient: 'declarant', source: 'salary', amountVnd: 0 }] });
    (zero.assets as Record<string, Array<Record<string, unknown>>>).house![0]!.valueVnd = 0;
    const zeroSaved = await api(me.who, 'PUT', `/api/declarations/${id}`, {
      content: zero,
      version: saved.json.version,
    });
    expect(zeroSaved.status).toBe(200);
    const zeroSub = await call(w.app, 'POST', `/api/declarations/${id}/submit`, {
      who: me.who,
      body: { version: zeroSaved.json.version },
    });
    expect(zeroSub.json.fields['assets.house.0.valueVnd']).toMatch(/^Mục II\.2\.1, dòng 1: giá trị bằng 0/);
    expect(zeroSub.json.fields['income.0.amountVnd']).toMatch(/phải lớn hơn 0/);
  });
});

describe('receipt, review and hand-over (issue 18 §3), and who reads a declaration', () => {
  it('the officer returns one for correction (7 days), accepts, hands over (publication in 5 days); the control agency acknowledges', async () => {
    const me = await person(w.units.A1, { declarationDuty: true });
    const { id } = await declare(me.who, 'first_time', 2026);
    const officer = w.users.declaration_officer;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
    const sign = () =>
      upload(w.app, `/api/declarations/${id}/signed`, me.who, {}, { name: 'ky.pdf', content: pdf });
    expect((await sign()).statusCode).toBe(200);
    const ret = await api(officer, 'POST', `/api/declarations/${id}/return`, {
      reason: 'Thiếu số CCCD của vợ',
    });
    expect(ret.status).toBe(200);
    expect(ret.json).toMatchObject({ status: 'returned', correctionDueOn: '2026-12-02' });
    const mine = await api(me.who, 'GET', `/api/declarations/${id}`);
    // A copy signed before it was returned went with that version.
    expect(mine.json.signedScan).toBeNull();
    const resub = await api(me.who, 'POST', `/api/declarations/${id}/submit`, { version: mine.json.version });
    expect(resub.json.status).toBe('submitted');
    // The control agency does not see it before the hand-over.
    expect((await api(w.users.asset_controller, 'GET', `/api/declarations/${id}`)).status).toBe(404);
    const acc = await api(officer, 'POST', `/api/declarations/${id}/accept`);
    expect(acc.json).toMatchObject({ status: 'accepted', handoverDueOn: '2026-12-15' });
    const ho = await api(officer, 'POST', '/api/declarations/hand-over', { ids: [id] });
    expect(ho.json).toMatchObject({ handedOver: 1, publicationDueOn: '2026-11-30' });
    expect(
      (await api(officer, 'POST', '/api/declarations/hand-over', { ids: [id] })).json.fields,
    ).toHaveProperty('ids');
    const seen = await api(w.users.asset_controller, 'GET', `/api/declarations/${id}`);
    expect(seen.json).toMatchObject({ reader: 'controller', status: 'handed_over' });
    // Handed over, the declaration (and its signed copy) is the record: no new copy replaces it.
    expect((await sign()).statusCode).toBe(409);
    const ack = await api(w.users.asset_controller, 'POST', '/api/declarations/acknowledge', { ids: [id] });
    expect(ack.json.acknowledged).toBe(1);
    // The correction and hand-over clocks are done; the publication's runs (ADR 0026).
    const clocks = await w.database.query<{ code: string; due_on: string; done_on: string | null }>(
      `select code, due_on::text, done_on::text from started_clocks where subject_id = $1 order by created_at, code`,
      [id],
    );
    expect(clocks).toEqual([
      { code: 'declaration.correction', due_on: '2026-12-02', done_on: expect.any(String) },
      { code: 'declaration.handover', due_on: '2026-12-15', done_on: expect.any(String) },
      { code: 'declaration.publication', due_on: '2026-11-30', done_on: null },
    ]);
    // Reads by others than the declarant are audited, and the audit entry holds no content.
    const views = await w.database.query<{ actor_id: string; changes: Record<string, unknown> }>(
      `select actor_id, changes from audit_events where action = 'declaration.viewed' and entity_id = $1`,
      [id],
    );
    expect(new Set(views.map((v) => v.changes.as))).toEqual(new Set(['officer', 'controller']));
    expect(JSON.stringify(views)).not.toContain('001080012345');
  });

  it('nobody handles their own declaration; admins and coordinators never read one; content is sealed at rest', async () => {
    const officerSelf = await person(w.units.A, { declarationDuty: true }, 'declaration_officer');
    const { id } = await declare(officerSelf.who, 'first_time', 2026);
    expect((await api(officerSelf.who, 'POST', `/api/declarations/${id}/accept`)).status).toBe(403);
    expect(
      (await api(officerSelf.who, 'POST', `/api/declarations/${id}/return`, { reason: 'Tự trả lại' })).status,
    ).toBe(403);
    for (const role of ['admin', 'coordinator', 'unit_head', 'auditor', 'reviewer'] as const)
      expect((await api(w.users[role], 'GET', `/api/declarations/${id}`)).status).toBe(404);
    expect((await api(w.users.root_admin, 'GET', '/api/declarations')).status).toBe(404);
    const [row] = await w.database.db.select().from(declarations).where(eq(declarations.id, id));
    expect(row!.content).not.toContain('001080012345');
    expect(row!.content).not.toContain('Lý Thường Kiệt');
    expect(row!.content.startsWith('v1:')).toBe(true);
    // The register lists it for the other officer of the unit; a draft is never listed.
    const reg = await api(w.users.declaration_officer, 'GET', '/api/declarations?status=submitted');
    expect(reg.json.map((d: { id: string }) => d.id)).toContain(id);
    const drafter = await person(w.units.A, null);
    const draft = await api(drafter.who, 'POST', '/api/declarations', { kind: 'first_time', year: 2026 });
    expect((await api(w.users.declaration_officer, 'GET', `/api/declarations/${draft.json.id}`)).status).toBe(
      404,
    );
    expect(
      (await api(w.users.declaration_officer, 'GET', '/api/declarations')).json.map(
        (d: { id: string }) => d.id,
      ),
    ).not.toContain(draft.json.id);
  });

  it("printing takes turns between people: one person's burst of PDFs is refused past four waiting, another's still queues; a refused print is not a reading", async () => {
    const me = await person(w.units.A, { declarationDuty: true });
    const { id } = await declare(me.who, 'first_time', 2026);
    const pdf = (who: Who) =>
      w.app.inject({ method: 'GET', url: `/api/declarations/${id}/pdf`, headers: { cookie: who.cookie } });
    // Every document slot busy (as if others were printing).
    const held: Array<() => void> = [];
    let queued: Promise<() => void> | undefined;
    while (!queued) {
      let granted = false;
      const p = turn('documents', 'others').then((done) => {
        granted = true;
        return done;
      });
      await new Promise((r) => setImmediate(r));
      if (granted) held.push(await p);
      else queued = p;
    }
    const settle = () => new Promise((r) => setTimeout(r, 300));
    // The unit's officer asks for five copies at once: four wait, the fifth is answered busy.
    const officer = w.users.declaration_officer;
    const burst = Array.from({ length: 4 }, () => pdf(officer));
    await settle();
    const fifth = await pdf(officer);
    expect(fifth.statusCode).toBe(503);
    expect(fifth.headers['retry-after']).toBe('30');
    // The declarant is someone else: their print waits its turn instead of being refused.
    const theirs = pdf(me.who);
    await settle();
    for (const done of held) done();
    (await queued)();
    expect((await Promise.all(burst)).map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    expect((await theirs).statusCode).toBe(200);
    // Only what was delivered is recorded as read: four readings by the officer, not five.
    const readings = await w.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'declaration.viewed'), eq(auditEvents.entityId, id)));
    expect(readings.length).toBe(4);
  });

  it('an officer outside the unit sees nothing of it', async () => {
    const unitC = await createUnit(w.ctx, {
      code: 'C9',
      name: 'Sở Tài chính',
      type: 'department',
      parentId: w.units.R,
    });
    const there = await person(unitC.id, { declarationDuty: true });
    const { id } = await declare(there.who, 'first_time', 2026);
    expect((await api(w.users.declaration_officer, 'GET', `/api/declarations/${id}`)).status).toBe(404);
    expect((await api(w.users.declaration_officer, 'POST', `/api/declarations/${id}/accept`)).status).toBe(
      404,
    );
  });
});

describe("Home's deadlines (issue 18 with issue 16's one deadline list)", () => {
  it('the declarant sees the yearly declaration owed and a returned one; the officer what waits for receipt, hand-over and publication', async () => {
    const me = await person(w.units.A1, { declarationDuty: true });
    await api(w.users.declaration_officer, 'POST', `/api/declaration-rounds/${round.id}/roster/refresh`, {
      unitId: w.units.A,
    });
    const kinds = async (who: Who) =>
      (await api(who, 'GET', '/api/me/deadlines?limit=50')).json.items as Array<{
        kind: string;
        id: string;
        dueOn: string;
      }>;
    expect((await kinds(me.who)).find((d) => d.kind === 'declaration_due')).toMatchObject({
      dueOn: '2026-12-31',
    });
    const { id } = await declare(me.who, 'annual', 2026);
    expect((await kinds(me.who)).some((d) => d.kind === 'declaration_due')).toBe(false);
    expect((await kinds(w.users.declaration_officer)).find((d) => d.id === id)).toMatchObject({
      kind: 'declaration_receipt',
    });
    await api(w.users.declaration_officer, 'POST', `/api/declarations/${id}/return`, {
      reason: 'Thiếu mục II.5',
    });
    expect((await kinds(me.who)).find((d) => d.id === id)).toMatchObject({
      kind: 'declaration_correction',
      dueOn: '2026-12-02',
    });
    const mine = await api(me.who, 'GET', `/api/declarations/${id}`);
    await api(me.who, 'POST', `/api/declarations/${id}/submit`, { version: mine.json.version });
    await api(w.users.declaration_officer, 'POST', `/api/declarations/${id}/accept`);
    expect((await kinds(w.users.declaration_officer)).find((d) => d.id === id)).toMatchObject({
      kind: 'declaration_handover',
      dueOn: '2026-12-15',
    });
    // Handed over, it is still the officer's until made public, by its own date.
    const ho = await api(w.users.declaration_officer, 'POST', '/api/declarations/hand-over', { ids: [id] });
    expect((await kinds(w.users.declaration_officer)).find((d) => d.id === id)).toMatchObject({
      kind: 'declaration_publication',
      dueOn: ho.json.publicationDueOn,
    });
    // The unit's roster was sent in the first test: no roster item for unit A's officer; a new round
    // for 2027 asks for it by its date.
    expect((await kinds(w.users.declaration_officer)).some((d) => d.kind === 'declaration_roster')).toBe(
      false,
    );
    await api(w.users.asset_controller, 'POST', '/api/declaration-rounds', {
      unitId: w.units.A,
      year: 2027,
      rosterDueOn: '2027-12-09',
      declareDueOn: '2027-12-31',
      handoverDueOn: '2028-01-16',
    });
    expect(
      (await kinds(w.users.declaration_officer)).find((d) => d.kind === 'declaration_roster'),
    ).toMatchObject({
      dueOn: '2027-12-09',
    });
    // The control agency and an administrator are not asked to do any of it.
    expect((await kinds(w.users.admin)).some((d) => d.id === id)).toBe(false);
  });
});
