import { inArray } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declareAs, filled, personIn } from '#test/declarations.ts';
import { pdfText } from '#test/pdf-text.ts';
import { call, createWorld, type Who, type World } from '#test/world.ts';
import { openRound, refreshRoster } from './roster.ts';
import { declarations } from './tables.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
  const round = await openRound(w.ctx, {
    unitId: w.units.A,
    year: 2026,
    rosterDueOn: '2026-11-01',
    declareDueOn: '2026-12-31',
    handoverDueOn: '2027-01-16',
  });
  roundId = round.id;
});
afterAll(() => w.close());
let roundId: string;

const api = (who: Who, method: string, url: string, body?: unknown) =>
  call(w.app, method, url, { who, body });
const officer = () => w.users.declaration_officer;

async function accepted(handOver = false) {
  const p = await personIn(w, w.units.A1, { declarationDuty: true });
  await refreshRoster(w.ctx, roundId, w.units.A);
  const { id, sub } = await declareAs(w, p.who, 'annual', 2026, filled());
  expect(sub.status).toBe(200);
  expect((await api(officer(), 'POST', `/api/declarations/${id}/accept`)).status).toBe(200);
  if (handOver)
    expect((await api(officer(), 'POST', '/api/declarations/hand-over', { ids: [id] })).status).toBe(200);
  return { id, who: p.who };
}

describe('publication at the workplace (issue 18 §4)', () => {
  it('posts declarations for 15 days, once each, and writes the list and minutes as Word without their content', async () => {
    const a = await accepted(true);
    const b = await accepted();
    // Given on 19/11; a posting dated before they were given is refused, naming the date.
    await w.database.db
      .update(declarations)
      .set({ submittedAt: new Date('2026-11-19T03:00:00Z'), declaredOn: '2026-11-19' })
      .where(inArray(declarations.id, [a.id, b.id]));
    const early = await api(officer(), 'POST', '/api/declaration-publications', {
      ids: [a.id, b.id],
      method: 'posting',
      startedOn: '2026-11-18',
      place: 'Bảng tin',
    });
    expect(early.json.fields.startedOn).toContain('19/11/2026');
    const body = {
      ids: [a.id, b.id],
      method: 'posting',
      startedOn: '2026-11-20',
      place: 'Bảng tin tầng 1, trụ sở',
    };
    expect((await api(a.who, 'POST', '/api/declaration-publications', body)).status).toBe(400);
    expect(
      (await api(officer(), 'POST', '/api/declaration-publications', { ...body, startedOn: '2026-12-20' }))
        .json.fields,
    ).toHaveProperty('startedOn');
    const made = await api(officer(), 'POST', '/api/declaration-publications', body);
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    expect(made.json.endsOn).toBe('2026-12-07'); // 15 days → Sat 5 Dec, rolled to Monday
    expect(made.json.declarations).toHaveLength(2);
    // A declaration is published once.
    expect(
      (await api(officer(), 'POST', '/api/declaration-publications', { ...body, ids: [a.id] })).json.fields,
    ).toHaveProperty('ids');
    // The control agency reads it; a declarant or an administrator does not.
    expect(
      (await api(w.users.asset_controller, 'GET', `/api/declaration-publications/${made.json.id}`)).status,
    ).toBe(200);
    for (const who of [a.who, w.users.admin])
      expect((await api(who, 'GET', `/api/declaration-publications/${made.json.id}`)).status).toBe(404);
    const listed = await api(officer(), 'GET', '/api/declaration-publications');
    expect(listed.json.map((p: { id: string }) => p.id)).toContain(made.json.id);

    const res = await w.app.inject({
      method: 'GET',
      url: `/api/declaration-publications/${made.json.id}/docx`,
      headers: { cookie: officer().cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('BIÊN BẢN');
    expect(xml).toContain('Bảng tin tầng 1, trụ sở');
    expect(xml).toContain('07/12/2026');
    // The last day rolled from a Saturday is said so; the head and the trade union sign (Decree 130 Art. 11(4)).
    expect(xml).toContain('từ ngày 20/11/2026 đến hết ngày 07/12/2026 (15 ngày; ngày cuối trùng ngày nghỉ');
    expect(xml).toContain('THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ');
    expect(xml).toContain('ĐẠI DIỆN BAN CHẤP HÀNH CÔNG ĐOÀN');
    for (const name of made.json.declarations.map((d: { fullName: string }) => d.fullName))
      expect(xml).toContain(name);
    // Only what the list shows: no ID number, no address from the declarations.
    expect(xml).not.toContain(filled().declarant.idNumber);
    expect(xml).not.toContain(filled().declarant.residence);
  });

  it('a meeting needs two thirds of those called; its questions go in the minutes', async () => {
    const c = await accepted();
    const meeting = {
      ids: [c.id],
      method: 'meeting',
      startedOn: '2026-11-25',
      place: 'Hội trường',
      attendeesCalled: 10,
      attendeesPresent: 6,
      questions: 'Hỏi về nguồn gốc ô tô; đã giải trình.',
    };
    expect(
      (await api(officer(), 'POST', '/api/declaration-publications', meeting)).json.fields,
    ).toHaveProperty('attendeesPresent');
    expect(
      (await api(officer(), 'POST', '/api/declaration-publications', { ...meeting, attendeesCalled: null }))
        .json.fields,
    ).toHaveProperty('attendeesCalled');
    // More present than called is a typing slip, said as such (not as a missed two thirds).
    const over = await api(officer(), 'POST', '/api/declaration-publications', {
      ...meeting,
      attendeesPresent: 12,
    });
    expect(over.json.fields.attendeesPresent).toMatch(/nhiều hơn số người được triệu tập/);
    const made = await api(officer(), 'POST', '/api/declaration-publications', {
      ...meeting,
      attendeesPresent: 7,
    });
    expect(made.status).toBe(201);
    expect(made.json.endsOn).toBe('2026-11-25');
    expect(made.json.questions).toContain('nguồn gốc ô tô');
  });

  it('prints the copies posted: every published declaration as its form, one after another, without ID numbers', async () => {
    const a = await accepted(true);
    const b = await accepted();
    const made = await api(officer(), 'POST', '/api/declaration-publications', {
      ids: [a.id, b.id],
      method: 'posting',
      startedOn: '2026-11-25',
      place: 'Bảng tin',
    });
    const copies = (format: string, who = officer()) =>
      w.app.inject({
        method: 'GET',
        url: `/api/declaration-publications/${made.json.id}/copies?format=${format}`,
        headers: { cookie: who.cookie },
      });
    const pdf = await copies('pdf');
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, ' ');
    // Both declarations, each with its assets; the ID number is left out of the copy.
    expect(text.match(/BẢN CÔNG KHAI TẠI NƠI CÔNG TÁC/g)).toHaveLength(2);
    expect(text).toContain(filled().assets.house[0]!.details.address);
    expect(text).toContain('(không công khai)');
    expect(text).not.toContain(filled().declarant.idNumber);
    const docx = await copies('docx');
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('w:br w:type="page"');
    expect(xml).not.toContain(filled().declarant.idNumber);
    // Nor the home address (the house's own address stays in Part II).
    expect(xml).toContain('Nơi thường trú: (không công khai)');
    // Each declaration read for the copies is in the audit log as read, once per print (PDF, then Word).
    const viewed = await w.database.query<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'declaration.viewed' and changes->>'part' = 'publication' and entity_id = any($1)`,
      [[a.id, b.id]],
    );
    expect(viewed[0]!.n).toBe(4);
    // The control agency reads the publication record but does not make the workplace's copies.
    expect((await copies('pdf', w.users.asset_controller)).statusCode).toBe(404);
    expect((await copies('pdf', w.users.admin)).statusCode).toBe(404);
  });
});
