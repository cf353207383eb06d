import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendDeferred } from '#server/modules/audit/service.ts';
import { auditEvents, deferredAuditEvents } from '#server/modules/audit/tables.ts';
import { startedClocks } from '#server/modules/clocks/tables.ts';
import { storeFile } from '#server/modules/files/service.ts';
import { fileLinks } from '#server/modules/files/tables.ts';
import { notifications } from '#server/modules/notifications/tables.ts';
import { units } from '#server/modules/org/tables.ts';
import { grants, users } from '#server/modules/users/tables.ts';
import '#server/modules/index.ts';
import { metric } from '#server/platform/metrics.ts';
import {
  addUser,
  call,
  createWorld,
  keyedSessionFor,
  sessionFor,
  upload,
  type Who,
  type World,
} from '#test/world.ts';
import { loadReporterSession, openWithReceipt, reporterView } from './reporter.ts';
import { reportFiles, reportKeys, reports } from './tables.ts';

/** Law 36/2018 Art. 66: an official reports corruption in their own unit, sealed as a citizen's report. */
let w: World;
const SECRET = 'Trưởng phòng nhận phong bì của nhà thầu';

const body = (extra: Record<string, unknown> = {}) => ({
  categoryCode: 'bribery',
  content: { title: SECRET, description: 'Ngày 20/11 tại phòng làm việc, 30 triệu đồng.' },
  consent: true,
  ...extra,
});

async function reportByNumber(number: string) {
  const seq = Number(number.split('-')[1]);
  const [r] = await w.database.db.select().from(reports).where(eq(reports.seq, seq));
  return r!;
}

beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

describe("an official's report of corruption in their own unit", () => {
  it('says before sending which desk would receive it, both ways', async () => {
    const res = await call(w.app, 'GET', '/api/internal-reports/route', { who: w.users.declarant });
    expect(res.status).toBe(200);
    // A's desk receives for A; nobody yet receives at R, the superior.
    expect(res.json).toEqual({
      homeUnitName: 'Thanh tra tỉnh',
      own: { unitName: 'Thanh tra tỉnh' },
      superior: null,
      heads: false,
    });
  });

  it('refuses, naming the field, when no desk is above the unit or the head is involved and there is no superior', async () => {
    const bId = await addUser(w, 'canbo.b', 'declarant', w.units.B);
    const b = await sessionFor(w.database, bId, w.clock.now());
    const none = await call(w.app, 'POST', '/api/internal-reports', { who: b, body: body() });
    expect(none.status).toBe(400);
    expect(Object.keys(none.json.fields)).toEqual(['headInvolved']);
    const top = await sessionFor(
      w.database,
      await addUser(w, 'canbo.r', 'declarant', w.units.R),
      w.clock.now(),
    );
    const noSuperior = await call(w.app, 'POST', '/api/internal-reports', {
      who: top,
      body: body({ headInvolved: true }),
    });
    expect(noSuperior.status).toBe(400);
    expect(noSuperior.json.fields.headInvolved).toMatch(/cấp trên/);
    expect(await w.database.db.select().from(reports)).toHaveLength(0);
  });

  it('is received by the own desk, names no official anywhere but in the sealed identity, and runs the 15-day clock', async () => {
    const res = await call(w.app, 'POST', '/api/internal-reports', { who: w.users.declarant, body: body() });
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json.receivedBy).toBe('Thanh tra tỉnh');
    const r = await reportByNumber(res.json.number);
    expect(r).toMatchObject({
      channel: 'internal',
      receivedUnitId: w.units.A,
      concernedUnitId: w.units.A,
      named: true,
    });
    // Nothing in the report's row, its keys or its audit event is the official's id or name in clear.
    const me = w.users.declarant.userId;
    const rowText = JSON.stringify(r, (_k, v) => (v instanceof Uint8Array ? '' : v));
    expect(rowText).not.toContain(me);
    expect(rowText).not.toContain('declarant');
    const keyHolders = await w.database.db
      .select({ userId: reportKeys.userId })
      .from(reportKeys)
      .where(eq(reportKeys.reportId, r.id));
    expect(keyHolders.map((k) => k.userId)).not.toContain(me);
    // Nothing of its moment finer than the day (re-test sec22 F5): the receipt time is the day's start, the
    // id random, and its audit event is kept aside and appended to the chain 1–6 hours later.
    expect(r.receivedAt.toISOString()).toBe('2026-11-24T17:00:00.000Z');
    expect(r.id[14]).toBe('4');
    // Nor does the server's log keep the request (its time beside the audited sign-in; sec23 F2), while
    // other routes' requests are logged as ever.
    await call(w.app, 'GET', '/api/report-categories', { who: w.users.declarant });
    await call(w.app, 'GET', '/api/me/deadlines', { who: w.users.declarant });
    const logged = w.logs.join('\n');
    expect(logged).toContain('/api/me/deadlines');
    expect(logged).not.toContain('/api/internal-reports');
    // Nor the categories the form loads (sec23b N2).
    expect(logged).not.toContain('/api/report-categories');
    const eventsOf = async () =>
      (await w.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, r.id))).map((e) => ({
        actorId: e.actorId,
        requestId: e.requestId,
        at: e.at,
        changes: e.changes,
      }));
    expect(await eventsOf()).toEqual([]);
    const [kept] = await w.database.db
      .select()
      .from(deferredAuditEvents)
      .where(eq(deferredAuditEvents.entityId, r.id));
    const wait = kept!.dueAt.getTime() - w.clock.now().getTime();
    expect(wait).toBeGreaterThanOrEqual(3_600_000);
    expect(wait).toBeLessThanOrEqual(6 * 3_600_000);
    const submitted = w.clock.now();
    expect(await appendDeferred({ db: w.database.db, clock: w.clock })).toBe(0);
    w.clock.set(kept!.dueAt);
    expect(await appendDeferred({ db: w.database.db, clock: w.clock })).toBeGreaterThanOrEqual(1);
    w.clock.set(submitted);
    const ev = await eventsOf();
    expect(ev).toEqual([
      {
        actorId: null,
        requestId: null,
        at: kept!.dueAt,
        changes: expect.objectContaining({ receivedOn: '2026-11-25' }),
      },
    ]);
    // Neither its channel nor its number (numbers are in order of arrival) is in the chain; its number
    // is of a series apart, and the desk is told of it with its day only (sec22b N4).
    expect(ev[0]!.changes).not.toHaveProperty('channel');
    expect(ev[0]!.changes).not.toHaveProperty('number');
    expect(res.json.number).toMatch(/^2026-9\d{6}$/);
    const [told] = await w.database.db
      .execute(sql`select created_at from notifications where link = ${`/app/reports/${r.id}`}`)
      .then((x) => (x as unknown as { rows: Array<{ created_at: Date | string }> }).rows ?? (x as never));
    expect(new Date(told!.created_at).toISOString()).toBe('2026-11-24T17:00:00.000Z');
    expect(JSON.stringify(ev)).not.toContain(SECRET);
    expect(
      await w.database.db.select().from(deferredAuditEvents).where(eq(deferredAuditEvents.entityId, r.id)),
    ).toEqual([]);
    const [clock] = await w.database.db.select().from(startedClocks).where(eq(startedClocks.subjectId, r.id));
    expect(clock).toMatchObject({
      code: 'internal_report.handling',
      startOn: '2026-11-25',
      dueOn: '2026-12-10',
    });

    // The desk reads it; the name is sealed to the custodians, who see position and unit too.
    const read = await call(w.app, 'GET', `/api/reports/${r.id}`, { who: w.users.intake_officer });
    expect(read.status).toBe(200);
    expect(read.json.content.title).toBe(SECRET);
    expect(JSON.stringify(read.json)).not.toContain('Người dùng declarant');

    // A complex report may take 30 days from receipt, never more.
    const detail = read.json as { clocks: Array<{ id: string; code: string }> };
    const c = detail.clocks.find((x) => x.code === 'internal_report.handling')!;
    const ext = await call(w.app, 'POST', `/api/reports/${r.id}/clocks/${c.id}/extend`, {
      who: w.users.intake_officer,
      body: { code: 'complex' },
    });
    expect(ext.status).toBe(200);
    const [after] = await w.database.db.select().from(startedClocks).where(eq(startedClocks.id, c.id));
    expect(after!.dueOn).toBe('2026-12-25');

    // The official follows it with the receipt, as a citizen does, and sees the date it is due by.
    const s = await openWithReceipt(w.ctx, res.json.receipt);
    const view = await reporterView(
      w.ctx,
      (await loadReporterSession(w.database.db, s.token, w.clock.now()))!,
    );
    expect(view.progress.next).toEqual({ step: 'resolution', dueOn: '2026-12-25' });
  });

  it("goes to the superior's desk when the head is involved, or when the official heads the unit — out of the own desk's sight", async () => {
    const rOfficer = await addUser(w, 'tiepnhan.r', 'intake_officer', w.units.R);
    await w.database.db.execute(sql`update grants set keys_activated_at = now() where user_id = ${rOfficer}`);
    const superiorDesk = await keyedSessionFor(w.database, rOfficer, w.clock.now());
    const route = await call(w.app, 'GET', '/api/internal-reports/route', { who: w.users.unit_head });
    expect(route.json).toMatchObject({ heads: true, own: null, superior: { unitName: 'Tỉnh Thử Nghiệm' } });

    const involved = await call(w.app, 'POST', '/api/internal-reports', {
      who: w.users.declarant,
      body: body({ headInvolved: true, named: false, consent: false }),
    });
    const byHead = await call(w.app, 'POST', '/api/internal-reports', {
      who: w.users.unit_head,
      body: body(),
    });
    for (const res of [involved, byHead]) {
      expect(res.status).toBe(201);
      expect(res.json.receivedBy).toBe('Tỉnh Thử Nghiệm');
      const r = await reportByNumber(res.json.number);
      expect(r).toMatchObject({ receivedUnitId: w.units.R, concernedUnitId: w.units.A });
      expect((await call(w.app, 'GET', `/api/reports/${r.id}`, { who: superiorDesk })).status).toBe(200);
      expect((await call(w.app, 'GET', `/api/reports/${r.id}`, { who: w.users.intake_officer })).status).toBe(
        404,
      );
    }
    expect((await reportByNumber(involved.json.number)).named).toBe(false);
  });

  it('takes the staff form with files, cleaned as the portal cleans them', async () => {
    const res = await upload(
      w.app,
      '/api/internal-reports',
      w.users.focal_officer,
      { title: SECRET, description: 'Kèm ảnh chụp.', categoryCode: 'bribery', named: 'false' },
      { name: 'ghi-chu.txt', content: Buffer.from('Biên nhận viết tay'), type: 'text/plain' },
    );
    expect(res.statusCode).toBe(201);
    const r = await reportByNumber(res.json().number);
    expect(await w.database.db.select().from(reportFiles).where(eq(reportFiles.reportId, r.id))).toHaveLength(
      1,
    );
    // Under a plain name, as the portal keeps files: a file's own name can name its sender (re-test N2).
    const read = JSON.stringify(
      (await call(w.app, 'GET', `/api/reports/${r.id}`, { who: w.users.intake_officer })).json,
    );
    expect(read).toContain('tep-1.txt');
    expect(read).not.toContain('ghi-chu');
    // Its time is the day's, as the report's (sec22c C7).
    const [file] = await w.database.db.select().from(reportFiles).where(eq(reportFiles.reportId, r.id));
    expect(file!.createdAt.toISOString()).toBe('2026-11-24T17:00:00.000Z');
  });

  it("leaves out of a superior's desk those who also receive the head's own unit (re-test N1, sec22c C6)", async () => {
    // A's own intake officer also receives for the province (a grant on R alone), beside the province's.
    await w.database.db.execute(
      sql`insert into grants (user_id, role, unit_id, subtree, keys_activated_at)
        values (${w.users.intake_officer.userId}, 'intake_officer', ${w.units.R}, false, now())`,
    );
    const route = await call(w.app, 'GET', '/api/internal-reports/route', { who: w.users.declarant });
    expect(route.json).toMatchObject({
      own: { unitName: 'Thanh tra tỉnh' },
      superior: { unitName: 'Tỉnh Thử Nghiệm' },
    });
    const sent = await call(w.app, 'POST', '/api/internal-reports', {
      who: w.users.declarant,
      body: body({ headInvolved: true }),
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(201);
    const r = await reportByNumber(sent.json.number);
    expect((await call(w.app, 'GET', `/api/reports/${r.id}`, { who: w.users.intake_officer })).status).toBe(
      404,
    );
    // A report about the unit with its head not involved still reaches the unit's desk.
    const own = await call(w.app, 'POST', '/api/internal-reports', { who: w.users.declarant, body: body() });
    expect(own.status).toBe(201);
    await w.database.db.execute(
      sql`delete from grants where user_id = ${w.users.intake_officer.userId} and unit_id = ${w.units.R}`,
    );
  });

  it("passes over a superior's desk where the head sits, or anyone granted in the head's unit whatever the role, unless none other is left (sec22 F2/F3, sec22c C6)", async () => {
    const rOfficer = await addUser(w, 'tiepnhan.r2', 'intake_officer', w.units.R);
    await w.database.db.execute(sql`update grants set keys_activated_at = now() where user_id = ${rOfficer}`);
    await keyedSessionFor(w.database, rOfficer, w.clock.now());
    const route = () => call(w.app, 'GET', '/api/internal-reports/route', { who: w.users.declarant });
    expect((await route()).json.superior).toMatchObject({ unitName: 'Tỉnh Thử Nghiệm' });
    // The province's desk for this test alone: the earlier officer's seat is set aside until the end.
    const [earlier] = await w.database.db
      .select()
      .from(grants)
      .where(
        and(eq(grants.unitId, w.units.R), eq(grants.role, 'intake_officer'), ne(grants.userId, rOfficer)),
      );
    await w.database.db.delete(grants).where(eq(grants.id, earlier!.id));
    // F3: the province's only desk officer also holds a reviewer's grant in A (not an intake grant).
    await w.database.db.execute(
      sql`insert into grants (user_id, role, unit_id, subtree) values (${rOfficer}, 'reviewer', ${w.units.A1}, true)`,
    );
    expect((await route()).json.superior).toBeNull();
    await w.database.db.execute(sql`delete from grants where user_id = ${rOfficer} and role = 'reviewer'`);
    expect((await route()).json.superior).toMatchObject({ unitName: 'Tỉnh Thử Nghiệm' });
    // F2: A's head is given a seat on the province's desk (with keys): a report about the head is sealed
    // to the desk's others only, and the head finds it nowhere (C6: the seat does not close the channel).
    await w.database.db.execute(
      sql`insert into grants (user_id, role, unit_id, subtree, keys_activated_at)
        values (${w.users.unit_head.userId}, 'intake_officer', ${w.units.R}, false, now())`,
    );
    const head = await keyedSessionFor(w.database, w.users.unit_head.userId, w.clock.now());
    const rDesk = await keyedSessionFor(w.database, rOfficer, w.clock.now());
    expect((await route()).json.superior).toMatchObject({ unitName: 'Tỉnh Thử Nghiệm' });
    const sent = await call(w.app, 'POST', '/api/internal-reports', {
      who: w.users.declarant,
      body: body({ headInvolved: true }),
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(201);
    const r = await reportByNumber(sent.json.number);
    const sealed = await w.database.db
      .select({ userId: reportKeys.userId })
      .from(reportKeys)
      .where(eq(reportKeys.reportId, r.id));
    expect(sealed.map((k) => k.userId)).toContain(rOfficer);
    expect(sealed.map((k) => k.userId)).not.toContain(w.users.unit_head.userId);
    expect((await call(w.app, 'GET', `/api/reports/${r.id}`, { who: head })).status).toBe(404);
    const headInbox = await call(w.app, 'GET', '/api/reports?pageSize=100', { who: head });
    expect(headInbox.json.items.map((x: { id: string }) => x.id)).not.toContain(r.id);
    expect((await call(w.app, 'GET', `/api/reports/${r.id}`, { who: rDesk })).status).toBe(200);
    // With the head alone on that desk, there is no one apart to receive it: refused, on its field.
    await w.database.db.execute(
      sql`delete from grants where user_id = ${rOfficer} and unit_id = ${w.units.R}`,
    );
    expect((await route()).json.superior).toBeNull();
    const refused = await call(w.app, 'POST', '/api/internal-reports', {
      who: w.users.declarant,
      body: body({ headInvolved: true }),
    });
    expect(Object.keys(refused.json.fields)).toEqual(['headInvolved']);
    await w.database.db.execute(
      sql`delete from grants where user_id in (${w.users.unit_head.userId}, ${rOfficer}) and unit_id = ${w.units.R}`,
    );
    await w.database.db.insert(grants).values(earlier!);
  });

  it("is not closed by one administrator giving the desk's officers a seat in the head's unit, nor moving them there (sec23b N5)", async () => {
    const rOfficer = await addUser(w, 'tiepnhan.r5', 'intake_officer', w.units.R);
    await w.database.db.execute(sql`update grants set keys_activated_at = now() where user_id = ${rOfficer}`);
    await keyedSessionFor(w.database, rOfficer, w.clock.now());
    const route = () => call(w.app, 'GET', '/api/internal-reports/route', { who: w.users.declarant });
    const others = await w.database.db
      .select()
      .from(grants)
      .where(
        and(eq(grants.unitId, w.units.R), eq(grants.role, 'intake_officer'), ne(grants.userId, rOfficer)),
      );
    await w.database.db.delete(grants).where(
      inArray(
        grants.id,
        others.map((g) => g.id),
      ),
    );
    expect((await route()).json.superior).toMatchObject({ unitName: 'Tỉnh Thử Nghiệm' });
    const seat = await call(w.app, 'POST', `/api/users/${rOfficer}/grants`, {
      who: w.users.root_admin,
      body: { role: 'declarant', unitId: w.units.A, subtree: false },
    });
    expect(seat.status, JSON.stringify(seat.json)).toBe(200);
    expect(seat.json.grants.find((g: { role: string }) => g.role === 'declarant').status).toBe(
      'awaiting_approval',
    );
    // Waiting, the seat makes no one a member of A: the desk is still apart, the report reaches it.
    expect((await route()).json.superior).toMatchObject({ unitName: 'Tỉnh Thử Nghiệm' });
    const sent = await call(w.app, 'POST', '/api/internal-reports', {
      who: w.users.declarant,
      body: body({ headInvolved: true }),
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(201);
    // Nor does one administrator move the desk officer into the head's unit.
    const [officer] = await w.database.db.select().from(users).where(eq(users.id, rOfficer));
    const moved = await call(w.app, 'PATCH', `/api/users/${rOfficer}`, {
      who: w.users.root_admin,
      body: { unitId: w.units.A, version: officer!.version },
    });
    expect(moved.status).toBe(400);
    expect(Object.keys(moved.json.fields)).toEqual(['unitId']);
    await w.database.db.delete(grants).where(eq(grants.userId, rOfficer));
    await w.database.db.insert(grants).values(others);
  });

  it("keeps a report about the head from the head's whole unit for good: keys shared later, custodians, inboxes, teams below (sec22b N1-N3)", async () => {
    const keyed = async (name: string, role: 'intake_officer' | 'custodian', unit: string) => {
      const id = await addUser(w, name, role, unit);
      await w.database.db.execute(sql`update grants set keys_activated_at = now() where user_id = ${id}`);
      return keyedSessionFor(w.database, id, w.clock.now());
    };
    const desk = await keyed('tiepnhan.r3', 'intake_officer', w.units.R);
    const keeper = await keyed('giukhoa.r3', 'custodian', w.units.R);
    // N3: a custodian of A also keeps the province's identities.
    await w.database.db.execute(
      sql`insert into grants (user_id, role, unit_id, subtree, keys_activated_at)
        values (${w.users.custodian.userId}, 'custodian', ${w.units.R}, false, now())`,
    );
    await keyedSessionFor(w.database, w.users.custodian.userId, w.clock.now());
    // N2: an official of a team below A, whose head is A's head (a subtree grant).
    const teamMember = await sessionFor(
      w.database,
      await addUser(w, 'nhanvien.a1', 'declarant', w.units.A1),
      w.clock.now(),
    );
    const sent = await call(w.app, 'POST', '/api/internal-reports', {
      who: teamMember,
      body: body({ headInvolved: true, named: true, consent: true }),
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(201);
    expect(sent.json.receivedBy).toBe('Tỉnh Thử Nghiệm');
    const r = await reportByNumber(sent.json.number);
    expect(r.independentOfUnitId).toBe(w.units.A);
    const holders = async (purpose: 'content' | 'identity') =>
      (
        await w.database.db
          .select({ userId: reportKeys.userId, purpose: reportKeys.purpose })
          .from(reportKeys)
          .where(eq(reportKeys.reportId, r.id))
      )
        .filter((k) => k.purpose === purpose)
        .map((k) => k.userId);
    expect(await holders('identity')).toContain(keeper.userId);
    expect(await holders('identity')).not.toContain(w.users.custodian.userId);
    // C3 (sec22c): the desk asks for the name; the excluded custodian neither sees nor decides it.
    const asked = await call(w.app, 'POST', `/api/reports/${r.id}/identity-requests`, {
      who: desk,
      body: { reason: 'Cần liên hệ người báo cáo để xác minh thêm chứng cứ.' },
    });
    expect(asked.status, JSON.stringify(asked.json)).toBe(200);
    const custodianWho = await keyedSessionFor(w.database, w.users.custodian.userId, w.clock.now());
    const seen = await call(w.app, 'GET', '/api/identity-requests?status=pending', { who: custodianWho });
    expect(seen.json.items.map((x: { reportId: string }) => x.reportId)).not.toContain(r.id);
    const byKeeper = await call(w.app, 'GET', '/api/identity-requests?status=pending', { who: keeper });
    const request = byKeeper.json.items.find((x: { reportId: string }) => x.reportId === r.id);
    expect(request).toBeTruthy();
    expect(
      (
        await call(w.app, 'POST', `/api/identity-requests/${request.id}/decide`, {
          who: custodianWho,
          body: { decision: 'refuse', note: 'Không' },
        })
      ).status,
    ).toBe(404);
    // N1: the head is seated on the province's desk afterwards; a colleague shares keys, the reporter
    // visits: the head still gets no key, and finds the report in no list and not by its id.
    await w.database.db.execute(
      sql`insert into grants (user_id, role, unit_id, subtree, keys_activated_at)
        values (${w.users.unit_head.userId}, 'intake_officer', ${w.units.R}, false, now())`,
    );
    const head = await keyedSessionFor(w.database, w.users.unit_head.userId, w.clock.now());
    expect((await call(w.app, 'POST', '/api/reports/share-keys', { who: desk })).status).toBe(200);
    await openWithReceipt(w.ctx, sent.json.receipt);
    expect(await holders('content')).toContain(desk.userId);
    expect(await holders('content')).not.toContain(w.users.unit_head.userId);
    // The audit log names only whom a key went to (sec22c C5).
    const shares = await w.database.db
      .select({ changes: auditEvents.changes })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'report.keys_shared'), eq(auditEvents.entityId, r.id)));
    expect(JSON.stringify(shares)).not.toContain(w.users.unit_head.userId);
    const inbox = await call(w.app, 'GET', '/api/reports?pageSize=100', { who: head });
    expect(inbox.json.items.map((x: { id: string }) => x.id)).not.toContain(r.id);
    expect((await call(w.app, 'GET', `/api/reports/${r.id}`, { who: head })).status).toBe(404);
    expect((await call(w.app, 'GET', `/api/reports/${r.id}`, { who: desk })).status).toBe(200);
    await w.database.db.execute(
      sql`delete from grants where unit_id = ${w.units.R} and user_id in (${w.users.unit_head.userId}, ${w.users.custodian.userId})`,
    );
  });

  it("stays kept from the head after the head leaves the unit, and from a department's head when a team has its own (sec22c C1, C2)", async () => {
    const desk = await keyedSessionFor(
      w.database,
      await (async () => {
        const id = await addUser(w, 'tiepnhan.r4', 'intake_officer', w.units.R);
        await w.database.db.execute(sql`update grants set keys_activated_at = now() where user_id = ${id}`);
        return id;
      })(),
      w.clock.now(),
    );
    // C2: the team A1 has its own head; its official's report about "the head" goes above the agency A.
    const teamHead = await addUser(w, 'truongto.a1', 'unit_head', w.units.A1);
    const member = await sessionFor(
      w.database,
      await addUser(w, 'nhanvien.a1b', 'declarant', w.units.A1),
      w.clock.now(),
    );
    const sent = await call(w.app, 'POST', '/api/internal-reports', {
      who: member,
      body: body({ headInvolved: true, named: false, consent: false }),
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(201);
    expect(sent.json.receivedBy).toBe('Tỉnh Thử Nghiệm');
    const r = await reportByNumber(sent.json.number);
    expect(r.independentOfUnitId).toBe(w.units.A);
    expect((await call(w.app, 'GET', `/api/reports/${r.id}`, { who: w.users.intake_officer })).status).toBe(
      404,
    );
    // C1: A's head leaves A (grant removed, moved to B) and takes a seat on the province's desk.
    await w.database.db.execute(sql`delete from grants where user_id = ${w.users.unit_head.userId}`);
    await w.database.db.execute(
      sql`update users set unit_id = ${w.units.B} where id = ${w.users.unit_head.userId}`,
    );
    await w.database.db.execute(
      sql`insert into grants (user_id, role, unit_id, subtree, keys_activated_at)
        values (${w.users.unit_head.userId}, 'intake_officer', ${w.units.R}, false, now())`,
    );
    const former = await keyedSessionFor(w.database, w.users.unit_head.userId, w.clock.now());
    expect((await call(w.app, 'POST', '/api/reports/share-keys', { who: desk })).status).toBe(200);
    const keyHolders = (
      await w.database.db
        .select({ userId: reportKeys.userId })
        .from(reportKeys)
        .where(eq(reportKeys.reportId, r.id))
    ).map((k) => k.userId);
    expect(keyHolders).toContain(desk.userId);
    expect(keyHolders).not.toContain(w.users.unit_head.userId);
    expect(keyHolders).not.toContain(teamHead);
    expect((await call(w.app, 'GET', `/api/reports/${r.id}`, { who: former })).status).toBe(404);
    const inbox = await call(w.app, 'GET', '/api/reports?pageSize=100', { who: former });
    expect(inbox.json.items.map((x: { id: string }) => x.id)).not.toContain(r.id);
    // C4: it is never forwarded into the head's own unit.
    const forward = await call(w.app, 'POST', `/api/reports/${r.id}/forward`, {
      who: desk,
      body: { unitId: w.units.A },
    });
    expect(forward.status, JSON.stringify(forward.json)).toBe(400);
    expect(Object.keys(forward.json.fields)).toEqual(['unitId']);
  });

  it("counts officials' reports handled or transferred within their date, for the statutory reports", async () => {
    const m = metric('internal_reports_on_time')!;
    const [r] = await w.database.db.select({ path: units.path }).from(units).where(eq(units.id, w.units.R));
    const scope = { unitId: w.units.R, unitPath: r!.path, year: 2026 };
    const before = await m.compute(w.database.db, scope);
    expect(before.records.length).toBeGreaterThan(1);
    expect(before.value).toBe(0);
    // Each report by its number, as its page shows it (review rev28: "tin báo 1, 2").
    const numbers = await w.database.query<{ id: string; seq: string; year: string }>(
      `select id, seq::text, extract(year from received_on)::text as year from reports where id = any($1)`,
      [before.records],
    );
    const numberOf = (id: string) => {
      const x = numbers.find((n) => n.id === id)!;
      return `${x.year}-${x.seq.padStart(6, '0')}`;
    };
    expect(before.labels).toEqual(before.records.map(numberOf));
    // One is transferred in time, one late: the rest still open count against.
    const [first, second] = before.records;
    await w.database.db.execute(
      sql`update started_clocks set done_on = due_on where subject_id = ${first} and code = 'internal_report.handling'`,
    );
    await w.database.db.execute(
      sql`update started_clocks set done_on = due_on + 1 where subject_id = ${second} and code = 'internal_report.handling'`,
    );
    const after = await m.compute(w.database.db, scope);
    expect(after.detail).toBe(`1/${before.records.length}`);
    // Nothing due: no score suggested rather than a zero (rev29).
    expect(await m.compute(w.database.db, { ...scope, year: 2025 })).toMatchObject({
      value: null,
      detail: 'none_due',
    });
  });

  it('answers bad input by field, and 404 to whoever reports no unit of their own', async () => {
    const bad = await call(w.app, 'POST', '/api/internal-reports', {
      who: w.users.declarant,
      body: { categoryCode: '', content: { title: '' }, named: true },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.fields)).toEqual(
      expect.arrayContaining(['categoryCode', 'content.title', 'content.description']),
    );
    const noConsent = await call(w.app, 'POST', '/api/internal-reports', {
      who: w.users.declarant,
      body: body({ consent: false }),
    });
    expect(noConsent.status).toBe(400);
    expect(Object.keys(noConsent.json.fields)).toEqual(['consent']);
    const unknown = await call(w.app, 'POST', '/api/internal-reports', {
      who: w.users.declarant,
      body: body({ receivedUnitId: w.units.B }),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.fields.receivedUnitId).toBeTruthy();
    expect(
      (await call(w.app, 'POST', '/api/internal-reports', { who: w.users.enterprise_rep, body: body() }))
        .status,
    ).toBe(404);
    expect(
      (await call(w.app, 'GET', '/api/internal-reports/route', { who: w.users.enterprise_rep })).status,
    ).toBe(404);
    expect((await call(w.app, 'POST', '/api/internal-reports', { body: body() })).status).toBe(401);
  });
  it('tells no one the report is kept from when it is closed elsewhere, nor shows them its trail in the audit log (sec23 F1, F6)', async () => {
    const keyed = async (name: string, role: 'intake_officer', unit: string) => {
      const id = await addUser(w, name, role, unit);
      await w.database.db.execute(sql`update grants set keys_activated_at = now() where user_id = ${id}`);
      return keyedSessionFor(w.database, id, w.clock.now());
    };
    const desk = await keyed('tiepnhan.r6', 'intake_officer', w.units.R);
    const bDesk = await keyed('tiepnhan.b', 'intake_officer', w.units.B);
    // Someone of A also sits on the province's desk: the report about A's head is kept from them.
    const insider = await keyed('tiepnhan.r6a', 'intake_officer', w.units.R);
    await w.database.db.execute(
      sql`insert into grants (user_id, role, unit_id, subtree) values (${insider.userId}, 'declarant', ${w.units.A}, false)`,
    );
    const sent = await call(w.app, 'POST', '/api/internal-reports', {
      who: w.users.declarant,
      body: body({ headInvolved: true, named: false, consent: false }),
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(201);
    const r = await reportByNumber(sent.json.number);
    const toB = await call(w.app, 'POST', `/api/reports/${r.id}/forward`, {
      who: desk,
      body: { unitId: w.units.B },
    });
    expect(toB.status, JSON.stringify(toB.json)).toBe(200);
    const triaged = await call(w.app, 'POST', `/api/reports/${r.id}/triage`, {
      who: bDesk,
      body: { kind: 'anonymous_information' },
    });
    expect(triaged.status, JSON.stringify(triaged.json)).toBe(200);
    // B's inspectorate turns it into a case (sec23b N1: the case's own trail is kept too).
    await addUser(w, 'thanhtra.b', 'inspector', w.units.B);
    const turned = await call(w.app, 'POST', `/api/reports/${r.id}/case`, {
      who: bDesk,
      body: { unitId: w.units.B, title: 'Thủ trưởng nhận tiền' },
    });
    expect(turned.status, JSON.stringify(turned.json)).toBe(200);
    const [{ case_id: caseId }] = (
      (await w.database.db.execute(
        sql`select case_id from case_reports where report_id = ${r.id}`,
      )) as unknown as {
        rows: Array<{ case_id: string }>;
      }
    ).rows as [{ case_id: string }];
    const closed = await call(w.app, 'POST', `/api/reports/${r.id}/close`, {
      who: bDesk,
      body: { outcome: 'not_substantiated', measures: 'Không có căn cứ', publicSummary: 'Không đúng' },
    });
    expect(closed.status, JSON.stringify(closed.json)).toBe(200);
    const told = (
      await w.database.db
        .select({ userId: notifications.userId })
        .from(notifications)
        .where(eq(notifications.link, `/app/reports/${r.id}`))
    ).map((n) => n.userId);
    expect(told).toContain(desk.userId);
    expect(told).not.toContain(insider.userId);
    // F1: made an auditor of the province by one administrator, the insider still reads nothing of its trail;
    // an auditor apart reads it whole.
    await w.database.db.execute(
      sql`insert into grants (user_id, role, unit_id, subtree) values (${insider.userId}, 'auditor', ${w.units.R}, true)`,
    );
    const insiderAuditor = await sessionFor(w.database, insider.userId, w.clock.now());
    const apartId = await addUser(w, 'giamsat.r', 'auditor', w.units.R);
    await w.database.db.execute(sql`update grants set subtree = true where user_id = ${apartId}`);
    const apart = await sessionFor(w.database, apartId, w.clock.now());
    const trail = async (who: Who, query: string) => {
      const res = await call(w.app, 'GET', `/api/audit/events?${query}&pageSize=100`, { who });
      expect(res.status).toBe(200);
      return res.json.items as Array<{ action: string; entityId: string }>;
    };
    expect((await trail(apart, `entityId=${r.id}`)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['report.forwarded', 'report.triaged', 'report.closed']),
    );
    expect(await trail(insiderAuditor, `entityId=${r.id}`)).toEqual([]);
    expect((await trail(insiderAuditor, 'entityType=report')).map((e) => e.entityId)).not.toContain(r.id);
    expect((await trail(apart, `entityId=${caseId}`)).map((e) => e.action)).toContain('case.opened');
    expect(await trail(insiderAuditor, `entityId=${caseId}`)).toEqual([]);
    expect((await trail(insiderAuditor, 'entityType=case')).map((e) => e.entityId)).not.toContain(caseId);
    // sec23c G3: the upload of a file the case holds (a payment's receipt) is kept with the case's trail.
    const stored = await storeFile(w.ctx, {
      unitId: w.units.B,
      name: 'Giay-nop-tien-VV.pdf',
      content: new TextEncoder().encode('%PDF-1.4\n%%EOF\n'),
    });
    await w.database.db.insert(fileLinks).values({ fileId: stored.id, ownerType: 'case', ownerId: caseId });
    const uploaded = await trail(apart, `entityId=${stored.id}`);
    expect(uploaded.map((e) => e.action)).toEqual(['file.uploaded']);
    // Nor does the upload name the file or its hash (sec24 H5: before it is attached, nothing hides it).
    expect(JSON.stringify(uploaded)).not.toContain('Giay-nop-tien');
    expect(JSON.stringify(uploaded)).not.toContain(stored.sha256);
    expect(await trail(insiderAuditor, `entityId=${stored.id}`)).toEqual([]);
    expect((await trail(insiderAuditor, 'action=file.uploaded')).map((e) => e.entityId)).not.toContain(
      stored.id,
    );
  });
  it("limits each official's accepted reports a day, and each account's attempts an hour: no one's refused requests close a colleague's channel (sec23 F5, sec23b N4)", async () => {
    const official = await sessionFor(
      w.database,
      await addUser(w, 'kk.gioihan', 'declarant', w.units.A),
      w.clock.now(),
    );
    // sec23b N4: 70 refused requests from one account stop that account only (60 an hour, any outcome).
    const codes = [];
    for (let i = 0; i < 70; i++)
      codes.push(
        (await call(w.app, 'POST', '/api/internal-reports', { who: w.users.coordinator, body: {} })).status,
      );
    expect(codes.slice(0, 60).every((c) => c === 400)).toBe(true);
    expect(codes.slice(60).every((c) => c === 429)).toBe(true);
    for (let i = 0; i < 10; i++)
      expect(
        (await call(w.app, 'POST', '/api/internal-reports', { who: official, body: body() })).status,
      ).toBe(201);
    const eleventh = await call(w.app, 'POST', '/api/internal-reports', { who: official, body: body() });
    expect(eleventh.status).toBe(429);
    // A colleague behind the same address still reports.
    expect(
      (await call(w.app, 'POST', '/api/internal-reports', { who: w.users.declarant, body: body() })).status,
    ).toBe(201);
  });
});
