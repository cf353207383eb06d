import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '#server/modules/audit/tables.ts';
import { units } from '#server/modules/org/tables.ts';
import { grants } from '#server/modules/users/tables.ts';
import { metric } from '#server/platform/metrics.ts';
import '#server/modules/index.ts';
import { addUser, call, createWorld, sessionFor, upload, type Who, type World } from '#test/world.ts';

let w: World;
let outsider: Who;
let outsiderId: string;
const pathOf = async (id: string) =>
  (await w.database.db.select({ path: units.path }).from(units).where(eq(units.id, id)))[0]!.path;
beforeAll(async () => {
  // The world's clock: Wednesday 25/11/2026. Units: R > A > A1; B beside A. Every role's user works at A.
  w = await createWorld();
  outsiderId = await addUser(w, 'focal.b', 'focal_officer', w.units.B);
  outsider = await sessionFor(w.database, outsiderId, w.clock.now());
});
afterAll(() => w.close());

const api = (who: Who | undefined, method: string, url: string, body?: unknown) =>
  call(w.app, method, url, { who, body });
const gift = {
  receivedOn: '2026-11-20',
  place: 'Trụ sở cơ quan',
  circumstances: 'Gửi kèm hồ sơ đề nghị cấp phép',
  giverName: 'Nguyễn Văn Tặng',
  giverPosition: 'Giám đốc',
  giverAgency: 'Công ty TNHH Xây dựng Thử',
  giverAddress: '1 Đường Thử',
  relationship: 'Doanh nghiệp đang đề nghị cấp phép',
  kind: 'goods',
  description: 'Một bộ ấm chén sứ',
};
const fieldsOf = (res: { json: { fields?: Record<string, unknown> } }) => Object.keys(res.json.fields ?? {});

async function report(who: Who, over: Record<string, unknown> = {}) {
  const res = await api(who, 'POST', '/api/gifts', { ...gift, ...over });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return (await api(who, 'GET', `/api/gifts/${res.json.id}`)).json;
}
async function step(who: Who, g: Record<string, unknown>, body: Record<string, unknown>) {
  return api(who, 'POST', `/api/gifts/${g.id as string}/steps`, { version: g.version, ...body });
}

/**
 * An account an administrator made with a password of their choosing, given a head's grant as a second
 * administrator would approve it: until its owner sets their own password, the administrator (sec31 F2).
 */
async function adminsPuppet(username: string): Promise<Who> {
  const made = await api(w.users.admin, 'POST', '/api/users', {
    username,
    fullName: `Người Thử ${username}`,
    unitId: w.units.A,
    password: 'Puppet-Pass-2026!x',
  });
  expect(made.status, JSON.stringify(made.json)).toBe(201);
  await w.database.db.insert(grants).values({ userId: made.json.id, role: 'unit_head', unitId: w.units.A });
  return sessionFor(w.database, made.json.id, w.clock.now());
}

describe('gifts that could not be refused (issue 20)', () => {
  it('refuses bad input field by field, with money messages of its own', async () => {
    const bad = async (over: Record<string, unknown>, field: string, key?: string) => {
      const res = await api(w.users.declarant, 'POST', '/api/gifts', { ...gift, ...over });
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(fieldsOf(res)).toContain(field);
      if (key) expect(JSON.stringify(res.json.fields[field])).toContain(key);
    };
    await bad({ receivedOn: '2026-11-26' }, 'receivedOn');
    await bad({ receivedOn: '2019-01-01' }, 'receivedOn');
    await bad({ kind: 'cash' }, 'valueVnd');
    await bad({ kind: 'bribe' }, 'kind');
    await bad({ giverAgency: '  ' }, 'giverAgency');
    // 1.5 dong and 10^16 dong: said as money, not as "required" or 2^53−1.
    await bad({ valueVnd: 1.5 }, 'valueVnd', 'số nguyên');
    await bad({ valueVnd: 1e16 }, 'valueVnd', '10^15');
    // Someone else's gift is registered only by a handler over their unit.
    const other = await api(w.users.focal_officer, 'POST', '/api/gifts', {
      ...gift,
      recipientId: outsiderId,
    });
    expect(fieldsOf(other)).toEqual(['recipientId']);
    // One's own report is dated today; a past date is only for a colleague's paper report, after receipt.
    await bad({ reportedOn: '2026-11-21' }, 'reportedOn');
    const paper = {
      ...gift,
      recipientId: w.users.declarant.userId,
      kind: 'service',
      description: 'Vé tham quan',
    };
    const early = await api(w.users.focal_officer, 'POST', '/api/gifts', {
      ...paper,
      reportedOn: '2026-11-19',
    });
    expect(fieldsOf(early)).toEqual(['reportedOn']);
    const ok = await api(w.users.focal_officer, 'POST', '/api/gifts', { ...paper, reportedOn: '2026-11-21' });
    const got = await api(w.users.declarant, 'GET', `/api/gifts/${ok.json.id}`);
    expect(got.json).toMatchObject({
      reportedOn: '2026-11-21',
      recipientName: 'Người dùng declarant',
      mine: true,
    });
  });

  it('runs a gift of goods through hand-over, sale, payment and notice, on the law’s clocks', async () => {
    const g = await report(w.users.declarant, { valueVnd: 2_000_000 });
    expect(g.number).toMatch(/^QT-2026-\d{5}$/);
    // Received Friday 20/11: five working days → Friday 27/11.
    expect(g).toMatchObject({ stage: 'reported', handOverBy: '2026-11-27', mine: true, can: [] });
    // The official's unit sees it; another department's handler does not learn it exists.
    expect((await api(w.users.focal_officer, 'GET', `/api/gifts/${g.id}`)).status).toBe(200);
    expect((await api(w.users.inspector, 'GET', `/api/gifts/${g.id}`)).status).toBe(200);
    expect((await api(outsider, 'GET', `/api/gifts/${g.id}`)).status).toBe(404);
    expect((await api(w.users.admin, 'GET', `/api/gifts/${g.id}`)).status).toBe(404);
    const listed = await api(outsider, 'GET', '/api/gifts');
    expect(listed.json.items.map((x: { id: string }) => x.id)).not.toContain(g.id);
    // Home: the official is asked to hand it over; the unit's handler to handle it.
    const home = await api(w.users.declarant, 'GET', '/api/me/deadlines?limit=50');
    expect(home.json.items).toContainEqual(expect.objectContaining({ kind: 'gift_hand_over', id: g.id }));
    const fh = await api(w.users.focal_officer, 'GET', '/api/me/deadlines?limit=50');
    expect(fh.json.items).toContainEqual(
      expect.objectContaining({ kind: 'gift_step', id: g.id, dueOn: '2026-11-27' }),
    );

    // The official hands it over; the unit records the receipt — never the official (review: a recipient
    // confirmed their own hand-over and closed its clock).
    for (const s of ['handle', 'hand_over'])
      expect(
        (await step(w.users.declarant, g, { step: s, on: '2026-11-25', receivedBy: 'Tôi' })).status,
      ).toBe(403);
    expect(fieldsOf(await step(w.users.focal_officer, g, { step: 'hand_over', on: '2026-11-25' }))).toEqual([
      'receivedBy',
    ]);
    expect(
      fieldsOf(
        await step(w.users.focal_officer, g, {
          step: 'hand_over',
          on: '2026-11-19',
          receivedBy: 'Văn phòng',
        }),
      ),
    ).toEqual(['on']);
    let r = await step(w.users.focal_officer, g, {
      step: 'hand_over',
      on: '2026-11-24',
      receivedBy: 'Văn phòng sở',
    });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json).toMatchObject({
      stage: 'handed_over',
      handedOverOn: '2026-11-24',
      can: ['handle', 'publish'],
    });
    // A stale version is a conflict, never a silent overwrite.
    expect((await step(w.users.focal_officer, g, { step: 'handle', on: '2026-11-25' })).status).toBe(409);
    let cur = r.json;

    // Goods: valued, sold publicly; the costs never above the proceeds.
    expect(
      fieldsOf(
        await step(w.users.focal_officer, cur, {
          step: 'handle',
          on: '2026-11-25',
          valueVnd: 1_800_000,
          proceedsVnd: 1_900_000,
        }),
      ),
    ).toEqual(['valuationMethod']);
    expect(
      fieldsOf(
        await step(w.users.focal_officer, cur, {
          step: 'handle',
          on: '2026-11-25',
          valueVnd: 1_800_000,
          valuationMethod: 'market_price',
          proceedsVnd: 100,
          costsVnd: 200,
        }),
      ),
    ).toEqual(['costsVnd']);
    r = await step(w.users.focal_officer, cur, {
      step: 'handle',
      on: '2026-11-25',
      valueVnd: 1_800_000,
      valuationMethod: 'market_price',
      proceedsVnd: 1_900_000,
      costsVnd: 150_000,
      documentNo: '12/BB-STC',
    });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    // The proceeds within 30 days of the sale; the giver's body within 5 working days of handling.
    expect(r.json).toMatchObject({
      stage: 'handled',
      remitBy: '2026-12-25',
      notifyBy: '2026-12-02',
      nextDueOn: '2026-12-02',
    });
    expect(r.json.can).toEqual(['remit', 'notify', 'publish']);
    cur = r.json;
    // What the budget receives is the proceeds less the costs, said with the figure.
    const wrong = await step(w.users.focal_officer, cur, {
      step: 'remit',
      on: '2026-11-25',
      amountVnd: 1_900_000,
    });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.json.fields.amountVnd)).toContain('1.750.000');
    r = await step(w.users.focal_officer, cur, { step: 'remit', on: '2026-11-25', amountVnd: 1_750_000 });
    expect(r.json).toMatchObject({ stage: 'handled', remittedVnd: 1_750_000, nextDueOn: '2026-12-02' });
    r = await step(w.users.focal_officer, r.json, {
      step: 'notify',
      on: '2026-11-25',
      body: 'Sở Kế hoạch tỉnh Thử',
      documentNo: '15/STC',
    });
    expect(r.json).toMatchObject({ stage: 'closed', notifiedOn: '2026-11-25', nextDueOn: null, late: false });
    expect(r.json.events.map((e: { kind: string }) => e.kind)).toEqual([
      'reported',
      'hand_over',
      'handle',
      'remit',
      'notify',
    ]);
    // Every step in the audit chain, with the record.
    const audited = await w.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, g.id), eq(auditEvents.entityType, 'gift')));
    expect(audited.map((a) => a.action).sort()).toEqual([
      'gift.hand_over',
      'gift.handle',
      'gift.notify',
      'gift.remit',
      'gift.reported',
    ]);

    // Published: open data without the people's names, addresses or circumstances.
    r = await step(w.users.focal_officer, r.json, { step: 'publish', on: '2026-11-25', published: true });
    expect(r.json.published).toBe(true);
    const open = await api(undefined, 'GET', '/api/open-data/gifts?year=2026');
    expect(open.status).toBe(200);
    const row = open.json.find((x: { number: string }) => x.number === g.number);
    expect(row).toMatchObject({ giverAgency: gift.giverAgency, handling: 'sold', valueVnd: 1_800_000 });
    const text = JSON.stringify(open.json);
    for (const secret of [gift.giverName, gift.giverAddress, gift.circumstances, 'Người dùng declarant'])
      expect(text).not.toContain(secret);
    // On the portal as a page and a file, in words, without JavaScript (rev20 P7), and nothing more.
    const portal = await w.app.inject({ url: '/gifts?year=2026' });
    expect(portal.statusCode).toBe(200);
    expect(portal.body).toContain(g.number);
    expect(portal.body).toContain('Bán công khai, nộp tiền vào ngân sách');
    expect(portal.body).toContain('1.800.000');
    const file = await w.app.inject({ url: '/gifts.csv?year=2026&lang=en' });
    expect(file.headers['content-type']).toContain('text/csv');
    expect(file.body).toContain('Sold publicly, proceeds paid to the budget');
    for (const secret of [gift.giverName, gift.giverAddress, gift.circumstances, 'Người dùng declarant'])
      expect(portal.body + file.body).not.toContain(secret);
    // Limited per address: 120 a minute, then 429.
    const statuses = new Set<number>();
    for (let n = 0; n < 121; n++)
      statuses.add((await api(undefined, 'GET', '/api/open-data/gifts?year=2025')).status);
    expect([...statuses].sort()).toEqual([200, 429]);
  });

  it('never lets an official handle their own gift, and sends a head’s gift to the unit above', async () => {
    const own = await report(w.users.focal_officer, { kind: 'cash', valueVnd: 5_000_000 });
    expect(own.can).toEqual([]);
    expect(
      (await step(w.users.focal_officer, own, { step: 'hand_over', on: '2026-11-25', receivedBy: 'Kế toán' }))
        .status,
    ).toBe(403);
    const h = await step(w.users.unit_head, own, {
      step: 'hand_over',
      on: '2026-11-25',
      receivedBy: 'Kế toán',
    });
    expect(h.json.can).toEqual(['handle', 'publish']);
    expect(
      (await step(w.users.focal_officer, h.json, { step: 'handle', on: '2026-11-25', amountVnd: 5_000_000 }))
        .status,
    ).toBe(403);
    // Money is paid in at its face value, not any figure (review).
    const wrongSum = await step(w.users.unit_head, h.json, {
      step: 'handle',
      on: '2026-11-25',
      amountVnd: 1,
    });
    expect(JSON.stringify(wrongSum.json.fields.amountVnd)).toContain('5.000.000');
    const byHead = await step(w.users.unit_head, h.json, {
      step: 'handle',
      on: '2026-11-25',
      amountVnd: 5_000_000,
    });
    expect(byHead.json).toMatchObject({ stage: 'handled', remittedVnd: 5_000_000 });
    // The head of A reports to the head of the unit above (R), not to A where they decide.
    const head = await report(w.users.unit_head, { kind: 'service', description: 'Chuyến du lịch' });
    expect(head.unitId).toBe(w.units.R);
    expect((await api(w.users.focal_officer, 'GET', `/api/gifts/${head.id}`)).status).toBe(404);
  });

  it('counts gifts handed over on time for the PCTN index and sums the year by kind', async () => {
    const m = metric('gifts_handed_over_on_time')!;
    const v = await m.compute(w.database.db, {
      unitId: w.units.A,
      unitPath: await pathOf(w.units.A),
      year: 2026,
    });
    // Three gifts at A: two handed over on time, one (a paper report) not yet — read at the year's end it
    // counts against.
    expect(v.detail).toBe('2/3');
    // Read while that one is still within its 5 working days, it is neither on time nor late (rev28): left
    // out of the ratio and said apart; the day after its date, it counts against.
    const open = [];
    for (const id of v.records) {
      const g = (await api(w.users.focal_officer, 'GET', `/api/gifts/${id}`)).json;
      if (!g.handedOverOn) open.push(g);
    }
    expect(open).toHaveLength(1);
    const due: string = open[0]!.handOverBy;
    const scope = { unitId: w.units.A, unitPath: await pathOf(w.units.A), year: 2026 };
    expect(await m.compute(w.database.db, { ...scope, today: due })).toMatchObject({
      value: 1,
      detail: '2/2',
      pending: 1,
      // The drill-down marks which one (rev28's last LOW).
      pendingRecords: [open[0]!.id],
    });
    const after = new Date(`${due}T00:00:00Z`);
    after.setUTCDate(after.getUTCDate() + 1);
    expect(
      await m.compute(w.database.db, { ...scope, today: after.toISOString().slice(0, 10) }),
    ).toMatchObject({ detail: '2/3', pending: 0, pendingRecords: [] });
    // Each record by the number people quote, as its page shows it (rev20 P5c).
    for (const [k, id] of v.records.entries())
      expect(v.labels?.[k]).toBe((await api(w.users.focal_officer, 'GET', `/api/gifts/${id}`)).json.number);
    const s = await api(w.users.focal_officer, 'GET', `/api/gifts/summary?year=2026&unitId=${w.units.A}`);
    expect(s.json.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'goods',
          count: 1,
          valueVnd: 1_800_000,
          remittedVnd: 1_750_000,
          open: 0,
        }),
        expect.objectContaining({ kind: 'cash', count: 1, remittedVnd: 5_000_000 }),
      ]),
    );
    expect((await api(outsider, 'GET', `/api/gifts/summary?year=2026&unitId=${w.units.A}`)).status).toBe(404);
  });

  it('an administrator does not handle their own gift through an account whose password they set (sec31 F2)', async () => {
    const puppet = await adminsPuppet('gift.puppet');
    const g = await report(w.users.admin);
    const seen = await api(puppet, 'GET', `/api/gifts/${g.id}`);
    expect(seen.status, JSON.stringify(seen.json)).toBe(200);
    expect(seen.json.can).toEqual([]);
    const res = await step(puppet, g, { step: 'hand_over', on: '2026-11-25', receivedBy: 'Văn thư' });
    expect(res.status, JSON.stringify(res.json)).toBe(403);
    expect(res.json.code).toBe('separation_of_duties');
    // Another head of the unit records it.
    expect(
      (await step(w.users.unit_head, g, { step: 'hand_over', on: '2026-11-25', receivedBy: 'Văn thư' }))
        .status,
    ).toBe(200);
    // Two accounts the same administrator made are not the same person: where one administrator made
    // every account, colleagues still handle each other's gifts (sec27 L1).
    const colleague = await api(w.users.admin, 'POST', '/api/users', {
      username: 'gift.colleague',
      fullName: 'Người Thử Đồng Nghiệp',
      unitId: w.units.A,
      password: 'Colleague-Pass-2026!x',
    });
    await w.database.db
      .insert(grants)
      .values({ userId: colleague.json.id, role: 'declarant', unitId: w.units.A });
    const theirs = await report(await sessionFor(w.database, colleague.json.id, w.clock.now()));
    expect(
      (await step(puppet, theirs, { step: 'hand_over', on: '2026-11-25', receivedBy: 'Văn thư' })).status,
    ).toBe(200);
    // The audit log names the gift by its number, not its id (sec31 UX 10).
    const log = await api(w.users.auditor, 'GET', `/api/audit/events?entityType=gift&entityId=${g.id}`);
    expect(log.status, JSON.stringify(log.json)).toBe(200);
    expect(log.json.items.length).toBeGreaterThan(0);
    for (const e of log.json.items) expect(e.entityName).toBe(g.number);
  });
});

async function reportConflict(who: Who, over: Record<string, unknown> = {}) {
  const res = await api(who, 'POST', '/api/conflicts', {
    situation: 'contracts_with_relatives_firms',
    task: 'Tổ chuyên gia chấm thầu gói XL-01',
    description: 'Công ty của em trai tham dự thầu gói XL-01',
    arisenOn: '2026-11-23',
    impact: 'Có thể ảnh hưởng tính khách quan khi chấm thầu',
    proposedMeasure: 'temporary_transfer',
    ...over,
  });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return (await api(who, 'GET', `/api/conflicts/${res.json.id}`)).json;
}
async function cstep(who: Who, c: Record<string, unknown>, body: Record<string, unknown>) {
  return api(who, 'POST', `/api/conflicts/${c.id as string}/steps`, { version: c.version, ...body });
}

describe('conflicts of interest (issue 20)', () => {
  it('takes a self-report, flags it late, and lets only someone else decide', async () => {
    // Arose Tuesday 10/11: five working days end Tuesday 17/11; reported on the 25th is late.
    const c = await reportConflict(w.users.declarant, { arisenOn: '2026-11-10' });
    expect(c).toMatchObject({
      number: expect.stringMatching(/^XDLI-2026-\d{5}$/),
      reportedLate: true,
      stage: 'reported',
      decideBy: '2026-12-02',
      mine: true,
      can: [],
    });
    expect(
      (await cstep(w.users.declarant, c, { step: 'decide', on: '2026-11-25', measure: 'none', note: 'x' }))
        .status,
    ).toBe(403);
    expect((await api(outsider, 'GET', `/api/conflicts/${c.id}`)).status).toBe(404);
    const fh = await api(w.users.unit_head, 'GET', '/api/me/deadlines?limit=50');
    expect(fh.json.items).toContainEqual(
      expect.objectContaining({ kind: 'conflict_step', id: c.id, dueOn: '2026-12-02' }),
    );
    const none = await cstep(w.users.unit_head, c, {
      step: 'decide',
      on: '2026-11-25',
      measure: 'none',
      note: 'Không tham gia tổ chấm thầu',
    });
    expect(none.json).toMatchObject({ stage: 'decided', notifyBy: '2026-12-02' });
    const n = await cstep(w.users.unit_head, none.json, { step: 'notify', on: '2026-11-25' });
    expect(n.json).toMatchObject({ stage: 'closed', nextDueOn: null });
  });

  it('runs a colleague’s report to a temporary transfer, its end and the published cancellation', async () => {
    const declarantId = w.users.declarant.userId;
    // Someone from another department cannot report on an official of A.
    const far = await api(outsider, 'POST', '/api/conflicts', {
      reporter: 'colleague',
      personId: declarantId,
      situation: 'relatives_interest_in_task',
      task: 'x',
      description: 'x',
      arisenOn: '2026-11-24',
      impact: 'x',
    });
    expect(fieldsOf(far)).toEqual(['personId']);
    const mine = await api(w.users.declarant, 'POST', '/api/conflicts', {
      reporter: 'colleague',
      personId: declarantId,
      situation: 'relatives_interest_in_task',
      task: 'x',
      description: 'x',
      arisenOn: '2026-11-24',
      impact: 'x',
    });
    expect(fieldsOf(mine)).toEqual(['reporter']);
    // Only the head reports as "the head" (a focal officer calling themselves head would then decide it).
    const notHead = await api(w.users.focal_officer, 'POST', '/api/conflicts', {
      reporter: 'head',
      personId: declarantId,
      situation: 'relatives_interest_in_task',
      task: 'x',
      description: 'x',
      arisenOn: '2026-11-24',
      impact: 'x',
    });
    expect(fieldsOf(notHead)).toEqual(['reporter']);

    const c = await reportConflict(w.users.focal_officer, { reporter: 'colleague', personId: declarantId });
    expect(c).toMatchObject({
      reporter: 'colleague',
      reportedLate: false,
      personName: 'Người dùng declarant',
    });
    // The official concerned reads it, but not who reported them.
    const seen = await api(w.users.declarant, 'GET', `/api/conflicts/${c.id}`);
    expect(seen.json.reportedByName).toBeNull();
    // Not by the history either (review: the 'reported' event named them), nor the list.
    expect(seen.json.events).toEqual([expect.objectContaining({ kind: 'reported', byName: null })]);
    expect(JSON.stringify(seen.json)).not.toContain('Người dùng focal_officer');
    const listed = await api(w.users.declarant, 'GET', '/api/conflicts?mine=1');
    expect(JSON.stringify(listed.json)).not.toContain('Người dùng focal_officer');
    // The handlers see who reported.
    const byHead = await api(w.users.unit_head, 'GET', `/api/conflicts/${c.id}`);
    expect(byHead.json.events[0].byName).toBe('Người dùng focal_officer');
    // The colleague who reported does not decide.
    expect(
      (
        await cstep(w.users.focal_officer, c, {
          step: 'decide',
          on: '2026-11-25',
          measure: 'temporary_transfer',
          documentNo: '1/QĐ',
        })
      ).status,
    ).toBe(403);
    expect(
      fieldsOf(
        await cstep(w.users.unit_head, c, {
          step: 'decide',
          on: '2026-11-25',
          measure: 'temporary_transfer',
        }),
      ),
    ).toEqual(['documentNo']);
    expect(
      fieldsOf(
        await cstep(w.users.unit_head, c, {
          step: 'decide',
          on: '2026-11-25',
          measure: 'supervision',
          documentNo: '1/QĐ',
        }),
      ),
    ).toEqual(['supervisor']);
    expect(
      fieldsOf(await cstep(w.users.unit_head, c, { step: 'end', on: '2026-11-25', reason: 'expired' })),
    ).toEqual(['step']);
    let r = await cstep(w.users.unit_head, c, {
      step: 'decide',
      on: '2026-11-25',
      measure: 'temporary_transfer',
      documentNo: '45/QĐ-STC',
    });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    // 90 days from 25/11/2026 → 23/02/2027; notice within 5 working days → 02/12.
    expect(r.json).toMatchObject({
      stage: 'decided',
      measureUntil: '2027-02-23',
      notifyBy: '2026-12-02',
      nextDueOn: '2026-12-02',
    });
    r = await cstep(w.users.unit_head, r.json, { step: 'notify', on: '2026-11-25' });
    // In force: the next date is the cancellation's, 5 working days after the 90 days.
    expect(r.json).toMatchObject({ stage: 'in_force', nextDueOn: '2027-03-02' });
    r = await cstep(w.users.unit_head, r.json, {
      step: 'end',
      on: '2026-11-25',
      reason: 'no_corruption',
      documentNo: '50/QĐ-STC',
    });
    expect(r.json).toMatchObject({
      stage: 'ended',
      endReason: 'no_corruption',
      publishBy: '2026-12-02',
      nextDueOn: '2026-12-02',
    });
    expect(fieldsOf(await cstep(w.users.unit_head, r.json, { step: 'publish', on: '2026-11-25' }))).toEqual([
      'how',
    ]);
    r = await cstep(w.users.unit_head, r.json, { step: 'publish', on: '2026-11-25', how: 'posting' });
    expect(r.json).toMatchObject({ stage: 'closed', publishedHow: 'posting', nextDueOn: null });
    expect(r.json.events.map((e: { kind: string }) => e.kind)).toEqual([
      'reported',
      'decide',
      'notify',
      'end',
      'publish',
    ]);
    const m = metric('conflicts_decided_on_time')!;
    expect(
      (await m.compute(w.database.db, { unitId: w.units.A, unitPath: await pathOf(w.units.A), year: 2026 }))
        .detail,
    ).toBe('2/2');
    // A unit with no conflict reported is not marked down for it: no score is suggested (rev20 P5).
    expect(
      await m.compute(w.database.db, { unitId: w.units.B, unitPath: await pathOf(w.units.B), year: 2026 }),
    ).toMatchObject({ value: null, detail: 'none_due' });
  });
});

describe('the gift book from a sheet (issue 20)', () => {
  const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  const mapping = {
    recipient: 'Người nhận',
    receivedOn: 'Ngày nhận',
    reportedOn: 'Ngày báo cáo',
    place: 'Địa điểm',
    circumstances: 'Hoàn cảnh',
    giverName: 'Người tặng',
    giverAgency: 'Cơ quan người tặng',
    relationship: 'Quan hệ',
    kind: 'Loại',
    description: 'Quà',
    valueVnd: 'Giá trị',
  };
  const header =
    'Người nhận;Ngày nhận;Ngày báo cáo;Địa điểm;Hoàn cảnh;Người tặng;Cơ quan người tặng;Quan hệ;Loại;Quà;Giá trị';
  const send = (step: 'dry-run' | 'commit', lines: string[], who: Who = w.users.focal_officer) =>
    upload(
      w.app,
      `/api/imports/gifts/${step}`,
      who,
      { mapping: JSON.stringify(mapping) },
      {
        name: 'so-qua-tang.csv',
        content: csv([header, ...lines]),
      },
    );
  const count = async () =>
    (await w.database.query<{ n: number }>('select count(*)::int as n from gifts'))[0]!.n;

  it('names every bad row and column and changes nothing, then registers each paper report once on its clock', async () => {
    const before = await count();
    const row = (recipient: string, kind: string, value: string, extra = '') =>
      `${recipient};10/11/2026;11/11/2026;Trụ sở;Gửi qua bưu điện${extra};Nguyễn Văn Tặng;Công ty Hòa Bình;Nhà thầu;${kind};Bộ ấm chén${extra};${value}`;
    const good = [
      row('declarant', 'Hiện vật', '2.500.000'),
      row('DECLARANT@test.invalid', 'tiền mặt', '5.000.000', ' 2'),
    ];
    const bad = await send('commit', [
      ...good,
      row('focal.b', 'goods', ''),
      row('khong.co.ai', 'goods', ''),
      row('declarant', 'tiền mặt', '', ' 3'),
      row('declarant', 'vàng bạc', '', ' 4'),
      `declarant;10/11/2026;01/11/2026;Trụ sở;X;Y;Z;Q;goods;Bộ 5;`,
      row('declarant', 'Hiện vật', '1'),
    ]);
    expect(bad.statusCode, bad.body).toBe(400);
    expect((bad.json().rows as Array<{ row: number; column: string }>).map((e) => [e.row, e.column])).toEqual(
      [
        [4, 'Người nhận'],
        [5, 'Người nhận'],
        [6, 'Giá trị'],
        [7, 'Loại'],
        [8, 'Ngày báo cáo'],
        [9, 'Quà'],
      ],
    );
    // An official outside the handler's scope is answered as one who does not exist.
    const [outside, nobody, , unknownKind] = bad.json().rows as Array<{ message: string }>;
    expect(outside!.message).toBe(nobody!.message.replace('khong.co.ai', 'focal.b'));
    // An unknown kind is told the names the column takes, as people write them (rev20 P13).
    expect(unknownKind!.message).toContain('Tiền; Giấy tờ có giá');
    expect(unknownKind!.message).not.toMatch(/cash|API/);
    expect(await count()).toBe(before);
    const done = await send('commit', good);
    expect(done.statusCode, done.body).toBe(200);
    expect(await count()).toBe(before + 2);
    const [g] = await w.database.query<{ reported_on: string; hand_over_by: string; recipient_id: string }>(
      `select reported_on::text, hand_over_by::text, recipient_id from gifts where description = 'Bộ ấm chén' order by created_at desc limit 1`,
    );
    // 10/11/2026 was a Tuesday: five working days later is the 17th.
    expect(g).toMatchObject({
      reported_on: '2026-11-11',
      hand_over_by: '2026-11-17',
      recipient_id: w.users.declarant.userId,
    });
    expect((await send('dry-run', good)).json().counts).toMatchObject({ create: 0, unchanged: 2 });
    // An official (no handler) has no such import.
    expect((await send('dry-run', good, w.users.declarant)).statusCode).toBe(404);
  });

  it('registers last year’s gifts already handed over with their hand-over, not as overdue (rev20 P14)', async () => {
    const handMap = { ...mapping, handedOverOn: 'Ngày nộp lại', receivedBy: 'Người tiếp nhận' };
    const sendHanded = (lines: string[]) =>
      upload(
        w.app,
        '/api/imports/gifts/commit',
        w.users.focal_officer,
        { mapping: JSON.stringify(handMap) },
        { name: 'so-qua-2025.csv', content: csv([`${header};Ngày nộp lại;Người tiếp nhận`, ...lines]) },
      );
    const row = (recipient: string, what: string, handed: string, by: string) =>
      `${recipient};03/03/2025;04/03/2025;Trụ sở;Gửi tận nơi;Trần Tặng;Công ty An;Đối tác;Hiện vật;${what};900.000;${handed};${by}`;
    const before = await count();
    const bad = await sendHanded([
      row('declarant', 'Giỏ quà 0', '26/11/2026', 'Văn phòng'),
      row('declarant', 'Giỏ quà 1', '01/03/2025', 'Văn phòng'),
      row('declarant', 'Giỏ quà 2', '05/03/2025', ''),
      row('declarant', 'Giỏ quà 3', '', 'Văn phòng'),
      row('focal.officer', 'Giỏ quà 4', '05/03/2025', 'Văn phòng'),
    ]);
    expect(bad.statusCode, bad.body).toBe(400);
    expect((bad.json().rows as Array<{ row: number; column: string }>).map((e) => [e.row, e.column])).toEqual(
      [
        [2, 'Ngày nộp lại'],
        [3, 'Ngày nộp lại'],
        [4, 'Người tiếp nhận'],
        [5, 'Ngày nộp lại'],
        [6, 'Ngày nộp lại'],
      ],
    );
    expect(await count()).toBe(before);
    const ok = await sendHanded([row('declarant', 'Giỏ quà Tết 2025', '06/03/2025', 'Văn phòng Sở')]);
    expect(ok.statusCode, ok.body).toBe(200);
    const [g] = await w.database.query<{ id: string }>(
      `select id from gifts where description = 'Giỏ quà Tết 2025'`,
    );
    const got = await api(w.users.focal_officer, 'GET', `/api/gifts/${g!.id}`);
    // Received Monday 3/3/2025: due Monday 10/3; handed over on the 6th, on time; nothing is late.
    expect(got.json).toMatchObject({
      stage: 'handed_over',
      handOverBy: '2025-03-10',
      handedOverOn: '2025-03-06',
      receivedBy: 'Văn phòng Sở',
      late: false,
    });
  });

  it('refuses a hand-over of the importer’s own gift through an account whose password they set (sec31 F2)', async () => {
    const puppet = await adminsPuppet('import.puppet');
    const handMap = { ...mapping, handedOverOn: 'Ngày nộp lại', receivedBy: 'Người tiếp nhận' };
    const sendAs = (who: Who, lines: string[]) =>
      upload(
        w.app,
        '/api/imports/gifts/dry-run',
        who,
        { mapping: JSON.stringify(handMap) },
        { name: 'so-qua.csv', content: csv([`${header};Ngày nộp lại;Người tiếp nhận`, ...lines]) },
      );
    const row = (recipient: string) =>
      `${recipient};03/03/2025;04/03/2025;Trụ sở;Gửi tận nơi;Trần Tặng;Công ty An;Đối tác;Hiện vật;Giỏ quà nhập hộ;900.000;05/03/2025;Văn phòng`;
    // The administrator's gift, handed over by the account the administrator made: refused on its column.
    const mine = await sendAs(puppet, [row('declarant'), row('admin')]);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(
      (mine.json().errors as Array<{ row: number; column: string }>).map((e) => [e.row, e.column]),
    ).toEqual([[3, 'Ngày nộp lại']]);
    // Anyone else may record it.
    const theirs = await sendAs(w.users.unit_head, [row('admin')]);
    expect(theirs.json().errors, theirs.body).toEqual([]);
  });
});

describe('the conflict register from a sheet (issue 20)', () => {
  const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  const mapping = {
    person: 'Cán bộ',
    reporter: 'Người báo cáo',
    situation: 'Trường hợp',
    task: 'Nhiệm vụ',
    description: 'Nội dung',
    arisenOn: 'Ngày phát sinh',
    reportedOn: 'Ngày báo cáo',
    impact: 'Ảnh hưởng',
    proposedMeasure: 'Biện pháp',
  };
  const header =
    'Cán bộ;Người báo cáo;Trường hợp;Nhiệm vụ;Nội dung;Ngày phát sinh;Ngày báo cáo;Ảnh hưởng;Biện pháp';
  const send = (step: 'dry-run' | 'commit', lines: string[], who: Who = w.users.focal_officer) =>
    upload(
      w.app,
      `/api/imports/conflicts/${step}`,
      who,
      { mapping: JSON.stringify(mapping) },
      {
        name: 'so-xung-dot.csv',
        content: csv([header, ...lines]),
      },
    );
  const count = async () =>
    (await w.database.query<{ n: number }>('select count(*)::int as n from conflicts'))[0]!.n;

  it('refuses a report about the importer through an account whose password they set (sec31 F2)', async () => {
    const puppet = await adminsPuppet('conflict.puppet');
    const row = (person: string) =>
      `${person};Tự báo cáo;đấu thầu;Thẩm định gói nhập hộ;Y;02/11/2026;04/11/2026;Z;`;
    const res = await send('dry-run', [row('declarant'), row('admin')], puppet);
    expect(res.statusCode, res.body).toBe(200);
    expect(
      (res.json().errors as Array<{ row: number; column: string }>).map((e) => [e.row, e.column]),
    ).toEqual([[3, 'Cán bộ']]);
    expect((await send('dry-run', [row('admin')])).json().errors).toEqual([]);
  });

  it('names every bad row and column and changes nothing, then registers paper reports, self-reports included, on the decision clock', async () => {
    const before = await count();
    const good = [
      'declarant;Tự báo cáo;đấu thầu;Thẩm định gói thầu số 3;Công ty của em trai dự thầu;02/11/2026;04/11/2026;Mất khách quan;Tạm thời chuyển vị trí công tác',
      'declarant;đồng nghiệp;góp vốn;Cấp phép kinh doanh;Vợ góp vốn vào công ty xin phép;05/11/2026;10/11/2026;Có thể thiên vị;giám sát',
    ];
    const bad = await send('commit', [
      ...good,
      'focal.b;Tự báo cáo;đấu thầu;X;Y;02/11/2026;04/11/2026;Z;',
      'declarant;ai đó;đấu thầu;X2;Y;02/11/2026;04/11/2026;Z;',
      'declarant;Tự báo cáo;chuyện lạ;X3;Y;02/11/2026;04/11/2026;Z;',
      'declarant;Tự báo cáo;đấu thầu;X4;Y;05/11/2026;04/11/2026;Z;',
      'focal.officer;Tự báo cáo;đấu thầu;Về mình;Y;02/11/2026;04/11/2026;Z;',
      'declarant;Thủ trưởng;đấu thầu;X5;Y;02/11/2026;04/11/2026;Z;',
    ]);
    expect(bad.statusCode, bad.body).toBe(400);
    expect((bad.json().rows as Array<{ row: number; column: string }>).map((e) => [e.row, e.column])).toEqual(
      [
        [4, 'Cán bộ'],
        [5, 'Người báo cáo'],
        [6, 'Trường hợp'],
        [7, 'Ngày báo cáo'],
        [8, 'Cán bộ'],
      ],
    );
    expect(await count()).toBe(before);
    // A head's report is the head's own to make: the service's rule is named on its column too.
    const notHead = await send('commit', [
      ...good,
      'declarant;Thủ trưởng;đấu thầu;X5;Y;02/11/2026;04/11/2026;Z;',
    ]);
    expect(
      (notHead.json().rows as Array<{ row: number; column: string }>).map((e) => [e.row, e.column]),
    ).toEqual([[4, 'Người báo cáo']]);
    expect(await count()).toBe(before);
    const done = await send('commit', good);
    expect(done.statusCode, done.body).toBe(200);
    expect(await count()).toBe(before + 2);
    const [c] = await w.database.query<{
      reporter: string;
      reported_on: string;
      decide_by: string;
      reported_by: string;
    }>(
      `select reporter, reported_on::text, decide_by::text, reported_by from conflicts where task = 'Thẩm định gói thầu số 3'`,
    );
    // Reported on Wednesday 4 November: the head decides within 5 working days, by the 11th.
    expect(c).toMatchObject({
      reporter: 'self',
      reported_on: '2026-11-04',
      decide_by: '2026-11-11',
      reported_by: w.users.focal_officer.userId,
    });
    expect((await send('dry-run', good)).json().counts).toMatchObject({ create: 0, unchanged: 2 });
    expect((await send('dry-run', good, w.users.declarant)).statusCode).toBe(404);
  });
});

describe('an official reports a colleague’s conflict of interest (rev20 P3)', () => {
  it('picks them among the people of their own unit, without reading the users list', async () => {
    const { roleAllows, roles } = await import('#shared/permissions.ts');
    const found = await api(w.users.declarant, 'GET', '/api/conflicts/colleagues?q=nguoi dung focal');
    expect(found.status).toBe(200);
    expect(found.json.items).toEqual([
      { id: w.users.focal_officer.userId, fullName: 'Người dùng focal_officer' },
    ]);
    // Words in any order, without accents; every word must be there (rev20 P16: only the phrase matched).
    const reordered = await api(w.users.declarant, 'GET', '/api/conflicts/colleagues?q=FOCAL  người');
    expect(reordered.json.items).toEqual(found.json.items);
    const extra = await api(w.users.declarant, 'GET', '/api/conflicts/colleagues?q=focal khong-co');
    expect(extra.json.items).toEqual([]);
    // Never themselves, never someone of another unit.
    const all = await api(w.users.declarant, 'GET', '/api/conflicts/colleagues');
    const ids = all.json.items.map((u: { id: string }) => u.id);
    expect(ids).not.toContain(w.users.declarant.userId);
    expect(ids).not.toContain(outsiderId);
    // A role that neither declares nor keeps the register has no such list.
    for (const role of roles) {
      const res = await api(w.users[role], 'GET', '/api/conflicts/colleagues');
      const may = roleAllows(role, 'integrity.declare') || roleAllows(role, 'integrity.handle');
      expect(res.status, role).toBe(may ? 200 : 404);
    }
    expect((await api(undefined, 'GET', '/api/conflicts/colleagues')).status).toBe(401);
    // The report names the colleague picked; the declarant could not have named them otherwise.
    const made = await api(w.users.declarant, 'POST', '/api/conflicts', {
      reporter: 'colleague',
      personId: w.users.focal_officer.userId,
      situation: 'contracts_with_relatives_firms',
      task: 'Tổ chấm thầu gói thiết bị',
      description: 'Anh trai của đồng nghiệp là giám đốc một nhà thầu dự thầu.',
      arisenOn: '2026-11-24',
      impact: 'Có thể ảnh hưởng tính khách quan',
    });
    expect(made.status, JSON.stringify(made.json)).toBe(200);
  });
});

describe('a mistyped report is corrected, within its steps (rev20 P4)', () => {
  const edit = (g: Record<string, unknown>, over: Record<string, unknown> = {}) => ({
    receivedOn: g.receivedOn,
    place: g.place,
    circumstances: g.circumstances,
    giverName: g.giverName,
    giverPosition: g.giverPosition,
    giverAgency: g.giverAgency,
    giverAddress: g.giverAddress,
    relationship: g.relationship,
    kind: g.kind,
    description: g.description,
    valueVnd: g.valueVnd,
    version: g.version,
    ...over,
  });

  it('lets the official correct a gift until hand-over and the unit until handling, its clock following the date', async () => {
    const g = await report(w.users.declarant, { receivedOn: '2026-11-24', valueVnd: 1_800_000 });
    expect(g).toMatchObject({ handOverBy: '2026-12-01', canCorrect: true, canRedate: false });
    // Bad input is said on its field and changes nothing.
    const after = await api(
      w.users.declarant,
      'PUT',
      `/api/gifts/${g.id}`,
      edit(g, { receivedOn: '2026-11-26' }),
    );
    expect(after.status).toBe(400);
    expect(fieldsOf(after)).toEqual(['receivedOn']);
    expect(
      fieldsOf(
        await api(w.users.declarant, 'PUT', `/api/gifts/${g.id}`, edit(g, { kind: 'cash', valueVnd: null })),
      ),
    ).toEqual(['valueVnd']);
    expect(
      (await api(w.users.declarant, 'PUT', `/api/gifts/${g.id}`, { ...edit(g), recipientId: outsiderId }))
        .status,
    ).toBe(400);
    // The receipt date starts the official's own five working days: they do not move it alone (sec31 F2),
    // the rest of their report they correct.
    const alone = await api(
      w.users.declarant,
      'PUT',
      `/api/gifts/${g.id}`,
      edit(g, { receivedOn: '2026-11-20', giverName: 'Nguyễn Văn Tặng Quà' }),
    );
    expect(alone.json.fields).toEqual({ receivedOn: expect.stringContaining('đơn vị') });
    const named = await api(
      w.users.declarant,
      'PUT',
      `/api/gifts/${g.id}`,
      edit(g, { giverName: 'Nguyễn Văn Tặng Quà' }),
    );
    expect(named.status, JSON.stringify(named.json)).toBe(200);
    // Received Friday 20/11, not Tuesday 24/11: the unit corrects it, and the five working days run from
    // the 20th.
    const fixed = await api(
      w.users.focal_officer,
      'PUT',
      `/api/gifts/${g.id}`,
      edit(named.json, { receivedOn: '2026-11-20' }),
    );
    expect(fixed.status, JSON.stringify(fixed.json)).toBe(200);
    expect(fixed.json).toMatchObject({
      receivedOn: '2026-11-20',
      giverName: 'Nguyễn Văn Tặng Quà',
      handOverBy: '2026-11-27',
      nextDueOn: '2026-11-27',
      version: g.version + 2,
      canRedate: true,
    });
    expect(fixed.json.events.slice(-2)).toMatchObject([
      { kind: 'corrected', note: 'giverName' },
      { kind: 'corrected', note: 'receivedOn' },
    ]);
    // Its number is the one it was reported under, and finds it (rev28).
    expect(fixed.json.number).toBe(g.number);
    const byNumber = await api(w.users.focal_officer, 'GET', `/api/gifts?q=${g.number.toLowerCase()}`);
    expect(byNumber.json.items.map((x: { id: string }) => x.id)).toEqual([g.id]);
    const [clock] = await w.database.query<{ start_on: string; due_on: string }>(
      `select start_on::text, due_on::text from started_clocks where subject_id = $1 and code = 'gift.hand_over'`,
      [g.id],
    );
    expect(clock).toEqual({ start_on: '2026-11-20', due_on: '2026-11-27' });
    const logged = await w.database.db
      .select({ changes: auditEvents.changes })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'gift.corrected'), eq(auditEvents.entityId, g.id)));
    expect(logged.map((x) => x.changes)).toContainEqual({ receivedOn: ['2026-11-24', '2026-11-20'] });
    // A stale version is a conflict; another department's handler does not learn it exists.
    expect((await api(w.users.declarant, 'PUT', `/api/gifts/${g.id}`, edit(g))).status).toBe(409);
    expect((await api(outsider, 'PUT', `/api/gifts/${g.id}`, edit(fixed.json))).status).toBe(404);

    // Handed over: the official may no longer correct it, the unit may.
    const handed = await step(w.users.focal_officer, fixed.json, {
      step: 'hand_over',
      on: '2026-11-25',
      receivedBy: 'Văn phòng',
    });
    expect(handed.json.canCorrect).toBe(true);
    const own = await api(w.users.declarant, 'GET', `/api/gifts/${g.id}`);
    expect(own.json.canCorrect).toBe(false);
    expect((await api(w.users.declarant, 'PUT', `/api/gifts/${g.id}`, edit(own.json))).json.code).toBe(
      'record_final',
    );
    const late = await api(
      w.users.focal_officer,
      'PUT',
      `/api/gifts/${g.id}`,
      edit(handed.json, { receivedOn: '2026-11-23', description: 'Bộ ấm chén' }),
    );
    expect(late.status, JSON.stringify(late.json)).toBe(200);
    expect(late.json).toMatchObject({ description: 'Bộ ấm chén', handOverBy: '2026-11-30' });

    // Handled: the record is what the handling was based on.
    const handled = await step(w.users.focal_officer, late.json, {
      step: 'handle',
      on: '2026-11-25',
      valueVnd: 1_700_000,
      valuationMethod: 'market_price',
      proceedsVnd: 1_700_000,
      documentNo: '88/BB-STC',
    });
    // The reported value stays beside the valuation (rev20 P16: it was overwritten).
    expect(handled.json).toMatchObject({
      canCorrect: false,
      handlingNo: '88/BB-STC',
      valueVnd: 1_800_000,
      valuedVnd: 1_700_000,
    });
    const final = await api(w.users.focal_officer, 'PUT', `/api/gifts/${g.id}`, edit(handled.json));
    expect(final.status).toBe(409);
    expect(final.json.code).toBe('record_final');
  });

  it('lets the reporter or the unit correct a conflict until the head decides, never the official reported', async () => {
    const colleague = await api(w.users.declarant, 'POST', '/api/conflicts', {
      reporter: 'colleague',
      personId: w.users.focal_officer.userId,
      situation: 'contracts_with_relatives_firms',
      task: 'Tổ chấm thầu gói XL-09',
      description: 'Em rể của đồng nghiệp là giám đốc nhà thầu',
      arisenOn: '2026-11-24',
      impact: 'Có thể thiên vị',
    });
    const c = (await api(w.users.declarant, 'GET', `/api/conflicts/${colleague.json.id}`)).json;
    expect(c.canCorrect).toBe(true);
    const body = (x: Record<string, unknown>, over: Record<string, unknown> = {}) => ({
      situation: x.situation,
      task: x.task,
      description: x.description,
      arisenOn: x.arisenOn,
      impact: x.impact,
      proposedMeasure: x.proposedMeasure,
      version: x.version,
      ...over,
    });
    // The official reported neither corrects nor may learn more than the report says.
    const concerned = await api(w.users.focal_officer, 'GET', `/api/conflicts/${c.id}`);
    expect(concerned.json.canCorrect).toBe(false);
    expect((await api(w.users.focal_officer, 'PUT', `/api/conflicts/${c.id}`, body(c))).status).toBe(403);
    expect(
      fieldsOf(
        await api(w.users.declarant, 'PUT', `/api/conflicts/${c.id}`, body(c, { arisenOn: '2026-11-26' })),
      ),
    ).toEqual(['arisenOn']);
    expect(
      fieldsOf(await api(w.users.declarant, 'PUT', `/api/conflicts/${c.id}`, body(c, { situation: 'x' }))),
    ).toEqual(['situation']);
    // When it arose decides whether the report was late: the reporter does not move it alone (sec31 F2).
    expect(
      (await api(w.users.declarant, 'PUT', `/api/conflicts/${c.id}`, body(c, { arisenOn: '2026-11-23' })))
        .json.fields,
    ).toEqual({ arisenOn: expect.stringContaining('đơn vị') });
    // The rest of the report the colleague who made it corrects.
    const worded = await api(
      w.users.declarant,
      'PUT',
      `/api/conflicts/${c.id}`,
      body(c, { impact: 'Có thể thiên vị khi chấm thầu' }),
    );
    expect(worded.status, JSON.stringify(worded.json)).toBe(200);
    // Arose on Monday 9/11, not the 24th: five working days end Monday 16/11, so it was reported late. The
    // unit's handler corrects it.
    const fixed = await api(
      w.users.unit_head,
      'PUT',
      `/api/conflicts/${c.id}`,
      body(worded.json, { arisenOn: '2026-11-09', proposedMeasure: 'supervision' }),
    );
    expect(fixed.status, JSON.stringify(fixed.json)).toBe(200);
    expect(fixed.json).toMatchObject({
      arisenOn: '2026-11-09',
      reportedLate: true,
      proposedMeasure: 'supervision',
    });
    expect(fixed.json.events.at(-1)).toMatchObject({ kind: 'corrected', note: 'arisenOn, proposedMeasure' });
    // The official concerned reads the correction, not who made it: the colleague who reported them is
    // named by none of their steps (sec31 F1: the correction named them).
    const reread = await api(w.users.focal_officer, 'GET', `/api/conflicts/${c.id}`);
    expect(
      reread.json.events.map((e: { kind: string; byName: string | null }) => [e.kind, e.byName]),
    ).toEqual([
      ['reported', null],
      ['corrected', null],
      ['corrected', 'Người dùng unit_head'],
    ]);
    expect(JSON.stringify(reread.json)).not.toContain('Người dùng declarant');
    expect((await api(outsider, 'PUT', `/api/conflicts/${c.id}`, body(fixed.json))).status).toBe(404);
    // Decided: no longer corrected.
    const decided = await cstep(w.users.unit_head, fixed.json, {
      step: 'decide',
      on: '2026-11-25',
      measure: 'supervision',
      documentNo: '12/QĐ',
      supervisor: 'Phó trưởng phòng',
    });
    expect(decided.json).toMatchObject({ stage: 'decided', canCorrect: false });
    const after = await api(w.users.declarant, 'PUT', `/api/conflicts/${c.id}`, body(decided.json));
    expect(after.json.code).toBe('record_final');
  });
});
