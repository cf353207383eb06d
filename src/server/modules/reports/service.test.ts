import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '#server/context.ts';
import { auditEvents } from '#server/modules/audit/tables.ts';
import { notifications } from '#server/modules/notifications/tables.ts';
import { grants, users } from '#server/modules/users/tables.ts';
import {
  addUser,
  call,
  createWorld,
  keyedSessionFor,
  PASSWORD,
  upload,
  vouched,
  type World,
} from '#test/world.ts';
import { loadReporterSession, openWithReceipt, reporterReply, reporterView } from './reporter.ts';
import { submitReport } from './service.ts';
import { reportFiles, reportKeys, reports } from './tables.ts';

let w: World;
let officer: Awaited<ReturnType<typeof keyedSessionFor>>;
let custodian: Awaited<ReturnType<typeof keyedSessionFor>>;
let officerB: Awaited<ReturnType<typeof keyedSessionFor>>;
let publicCtx: Ctx;

const SECRET_TITLE = 'Cán bộ địa chính Trần Văn Bí nhận tiền';
const SECRET_TEXT = 'Ông Bí nhận 50 triệu đồng tại quán cà phê Hoa Sữa ngày 3/11';
const SECRET_NAME = 'Nguyễn Thị Tố Giác';
const SECRET_PHONE = '0912345678';

const jpegWithExif = () =>
  sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Pham Van Chup Anh', Make: 'SecretPhone' } })
    .toBuffer();

beforeAll(async () => {
  w = await createWorld();
  officer = await keyedSessionFor(w.database, w.users.intake_officer.userId, w.clock.now());
  custodian = await keyedSessionFor(w.database, w.users.custodian.userId, w.clock.now());
  const bId = await addUser(w, 'tiepnhan.b', 'intake_officer', w.units.B);
  officerB = await keyedSessionFor(w.database, bId, w.clock.now());
  publicCtx = { ...w.ctx, actor: { kind: 'user', userId: null, grants: [] } };
});
afterAll(() => w.close());

async function submit(extra: Partial<Parameters<typeof submitReport>[1]> = {}) {
  return submitReport(publicCtx, {
    receivedUnitId: w.units.A,
    concernedUnitId: w.units.B,
    categoryCode: 'bribery',
    channel: 'web',
    content: {
      title: SECRET_TITLE,
      description: SECRET_TEXT,
      officials: 'Trần Văn Bí',
      when: null,
      where: null,
      amountVnd: 50_000_000,
    },
    identity: { fullName: SECRET_NAME, phone: SECRET_PHONE, idNumber: null, email: null, address: null },
    consent: true,
    files: [{ name: 'anh.jpg', content: await jpegWithExif() }],
    ...extra,
  });
}

describe('confidential intake', () => {
  it('keeps no plaintext of the report, identity or files anywhere in the database', async () => {
    const out = await submit();
    expect(out.receipt).toMatch(/^\d{16}$/);
    // The deployment's receipt salt and form secret are sealed under the server key, not in clear.
    const [setting] = await w.database.query<{ value: Record<string, string> }>(
      `select value from settings where key = 'reports.secrets'`,
    );
    expect(Object.keys(setting!.value)).toEqual(['sealed']);
    expect(setting!.value.sealed).toMatch(/^v1:/);
    const tables = await w.database.query<{ tablename: string }>(
      `select tablename from pg_tables where schemaname = 'public'`,
    );
    let dump = '';
    for (const t of tables) {
      const rows = await w.database.query<{ j: string }>(
        `select row_to_json(t)::text as j from "${t.tablename}" t`,
      );
      dump += rows.map((r) => r.j).join('\n');
    }
    expect(dump.length).toBeGreaterThan(1000);
    const needles = [SECRET_TITLE, SECRET_TEXT, SECRET_NAME, SECRET_PHONE, 'Pham Van Chup Anh', out.receipt];
    for (const n of needles) {
      expect(dump).not.toContain(n);
      expect(dump).not.toContain(Buffer.from(n).toString('hex'));
    }
    if (w.database.pglite) {
      await w.database.query('checkpoint');
      const raw = Buffer.from(await (await w.database.pglite.dumpDataDir('none')).arrayBuffer());
      expect(raw.length).toBeGreaterThan(1_000_000);
      for (const n of needles) expect(raw.includes(Buffer.from(n))).toBe(false);
    }
  });

  it('the receipt opens the report; a wrong one does not', async () => {
    const out = await submit();
    const s = await openWithReceipt(w.ctx, out.receipt.replace(/(\d{4})/g, '$1 '));
    const session = await loadReporterSession(w.database.db, s.token, w.clock.now());
    const view = await reporterView(w.ctx, session!);
    expect(view.number).toBe(out.number);
    expect(view.title).toBe(SECRET_TITLE);
    const wrong = `${out.receipt.slice(0, 15)}${(Number(out.receipt[15]) + 1) % 10}`;
    await expect(openWithReceipt(w.ctx, wrong)).rejects.toMatchObject({ code: 'validation' });
    await expect(openWithReceipt(w.ctx, '123')).rejects.toMatchObject({ code: 'validation' });
  });

  it('the same form token twice is one report with the same receipt', async () => {
    const token = new Uint8Array(32).fill(7);
    const [a, b] = await Promise.all([submit({ token }), submit({ token })]);
    expect(a.id).toBe(b.id);
    expect(a.receipt).toBe(b.receipt);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    const n = await w.database.db.select().from(reports).where(eq(reports.id, a.id));
    expect(n).toHaveLength(1);
  });

  it('refuses a disguised executable and an oversized file, storing nothing', async () => {
    const before = (await w.database.db.select({ n: sql<number>`count(*)::int` }).from(reports))[0]!.n;
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    exe.write('PE\0\0', 128);
    exe.writeUInt32LE(128, 0x3c);
    await expect(submit({ files: [{ name: 'bang-chung.pdf', content: exe }] })).rejects.toMatchObject({
      code: 'validation',
      details: { fields: { files: { key: 'field.file_type', values: { name: 'bang-chung.pdf' } } } },
    });
    await expect(
      submit({ files: [{ name: 'big.pdf', content: Buffer.alloc(10), truncated: true }] }),
    ).rejects.toMatchObject({ details: { fields: { files: { key: 'field.file_too_large' } } } });
    const after = (await w.database.db.select({ n: sql<number>`count(*)::int` }).from(reports))[0]!.n;
    expect(after).toBe(before);
  });

  it('someone who may not add files to a report is refused before any file is examined', async () => {
    const { id } = await submit();
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    // Not found (as for any report out of reach), not "this file type is refused": nothing was cleaned.
    const res = await upload(
      w.app,
      `/api/reports/${id}/files`,
      w.users.declarant,
      {},
      {
        name: 'bang-chung.pdf',
        content: exe,
      },
    );
    expect(res.statusCode).toBe(404);
  });

  it('strips EXIF from images before encrypting them', async () => {
    const out = await submit();
    const [f] = await w.database.db.select().from(reportFiles).where(eq(reportFiles.reportId, out.id));
    const res = await call(w.app, 'GET', `/api/reports/${out.id}/files/${f!.id}`, { who: officer });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(res.raw.rawPayload).metadata();
    expect(meta.width).toBe(8);
    expect(meta.exif).toBeUndefined();
    expect(res.raw.rawPayload.includes(Buffer.from('Pham Van Chup Anh'))).toBe(false);
  });

  it('refuses units without an intake officer who has keys', async () => {
    await expect(submit({ receivedUnitId: w.units.A1 })).resolves.toBeTruthy(); // covered by A's subtree grant
    await expect(submit({ receivedUnitId: w.units.R })).rejects.toMatchObject({
      details: { fields: { receivedUnitId: { key: 'field.no_recipients' } } },
    });
  });
});

describe('intake desk', () => {
  it('the officer reads; the admin and an officer elsewhere get 404', async () => {
    const out = await submit();
    const mine = await call(w.app, 'GET', `/api/reports/${out.id}`, { who: officer });
    expect(mine.status).toBe(200);
    expect(mine.json.content.title).toBe(SECRET_TITLE);
    expect(mine.json.hasIdentity).toBe(true);
    expect(mine.json.canViewIdentity).toBe(false);
    expect(mine.json.clocks[0]).toMatchObject({
      code: 'denunciation.initial_processing',
      startOn: '2026-11-25',
    });
    for (const who of [w.users.root_admin, w.users.admin, officerB, w.users.coordinator]) {
      expect((await call(w.app, 'GET', `/api/reports/${out.id}`, { who })).status).toBe(404);
    }
    const list = await call(w.app, 'GET', '/api/reports?q=tran van bi', { who: officer });
    expect(list.status).toBe(200);
    expect(list.json.items.map((i: { id: string }) => i.id)).toContain(out.id);
    const none = await call(w.app, 'GET', '/api/reports?q=khong-co-chu-nay', { who: officer });
    expect(none.json.total).toBe(0);
  });

  it('the whole story: triage, question, answer, forward, identity by approval, close, outcome', async () => {
    const out = await submit();
    const id = out.id;
    const triage = await call(w.app, 'POST', `/api/reports/${id}/triage`, {
      who: officer,
      body: { kind: 'denunciation', handlerId: officer.userId },
    });
    expect(triage.status).toBe(200);
    const codes = triage.json.clocks.map((c: { code: string; doneOn: string | null }) => [c.code, c.doneOn]);
    expect(codes).toEqual([
      ['denunciation.initial_processing', '2026-11-25'],
      ['denunciation.notify_acceptance', null],
      ['denunciation.resolution', null],
    ]);
    expect(triage.json.clocks[2].dueOn).toBe('2026-12-25');
    expect(triage.json.awaitingReply).toBe(false); // the submission itself is not a reply
    const mine = await call(w.app, 'GET', '/api/reports?mine=true&sort=nextDueOn', { who: officer });
    expect(mine.json.items.map((r: { id: string }) => r.id)).toContain(id);
    const notMine = await call(w.app, 'GET', '/api/reports?mine=true', { who: officerB });
    expect(notMine.json.items.map((r: { id: string }) => r.id)).not.toContain(id);

    const q = await call(w.app, 'POST', `/api/reports/${id}/messages`, {
      who: officer,
      body: { kind: 'question', body: 'Ông/bà có biên lai chuyển tiền không?' },
    });
    expect(q.status).toBe(200);
    expect(q.json.clocks[1].doneOn).toBe('2026-11-25');

    const s = await openWithReceipt(w.ctx, out.receipt);
    const session = (await loadReporterSession(w.database.db, s.token, w.clock.now()))!;
    const view = await reporterView(w.ctx, session);
    expect(view.messages.map((m) => [m.kind, m.open])).toEqual([['question', true]]);
    await reporterReply(w.ctx, session, {
      body: 'Có, tôi gửi kèm ảnh.',
      files: [{ name: 'bien-lai.jpg', content: await jpegWithExif() }],
    });
    const after = await reporterView(w.ctx, session);
    expect(after.messages.map((m) => [m.author, m.open])).toEqual([
      ['staff', false],
      ['reporter', false],
    ]);
    expect(after.messages[1]!.files[0]!.name).toBe('tep-1.jpg');

    // Identity: hidden until a custodian approves a reasoned request.
    expect((await call(w.app, 'GET', `/api/reports/${id}/identity`, { who: officer })).status).toBe(404);
    const asked = await call(w.app, 'POST', `/api/reports/${id}/identity-requests`, {
      who: officer,
      body: { reason: 'Cần xác minh trực tiếp với người tố cáo về biên lai.' },
    });
    expect(asked.status).toBe(200);
    const pending = await call(w.app, 'GET', '/api/identity-requests?status=pending', { who: custodian });
    const reqId = pending.json.items.find((x: { reportId: string }) => x.reportId === id).id;
    expect((await call(w.app, 'GET', `/api/identity-requests`, { who: officer })).status).toBe(404);
    const approve = await call(w.app, 'POST', `/api/identity-requests/${reqId}/decide`, {
      who: custodian,
      body: { decision: 'approve', note: 'Đồng ý' },
    });
    expect(approve.status).toBe(200);
    const ident = await call(w.app, 'GET', `/api/reports/${id}/identity`, { who: officer });
    expect(ident.status).toBe(200);
    expect(ident.json).toMatchObject({ fullName: SECRET_NAME, phone: SECRET_PHONE });
    const trail = await w.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
    expect(trail.map((e) => e.action)).toEqual(
      expect.arrayContaining(['identity.requested', 'identity.approved', 'identity.viewed']),
    );
    const log = await call(w.app, 'GET', '/api/identity-access', { who: custodian });
    const mineLog = log.json.items.filter((x: { reportId: string }) => x.reportId === id);
    expect(mineLog.map((x: { action: string }) => x.action)).toEqual([
      'identity.viewed',
      'identity.approved',
      'identity.requested',
    ]);
    expect(mineLog[2].actorName).toBe('Người dùng intake_officer');
    // Nothing said by the reporter reached the audit log.
    expect(JSON.stringify(trail)).not.toContain(SECRET_NAME);

    // Forward to B: B's officer gets the key; A keeps a read-only follow-up.
    const fwd = await call(w.app, 'POST', `/api/reports/${id}/forward`, {
      who: officer,
      body: { unitId: w.units.B, note: 'Thuộc thẩm quyền Sở Xây dựng' },
    });
    expect(fwd.status).toBe(200);
    expect(fwd.json.followUp).toBe(true);
    expect(fwd.json.canHandle).toBe(false);
    const atB = await call(w.app, 'GET', `/api/reports/${id}`, { who: officerB });
    expect(atB.json.content.title).toBe(SECRET_TITLE);
    expect(
      (
        await call(w.app, 'POST', `/api/reports/${id}/messages`, {
          who: officer,
          body: { kind: 'note', body: 'x' },
        })
      ).status,
    ).toBe(404);
    await call(w.app, 'POST', `/api/reports/${id}/triage`, { who: officerB, body: { kind: 'denunciation' } });
    const closed = await call(w.app, 'POST', `/api/reports/${id}/close`, {
      who: officerB,
      body: {
        outcome: 'partly_substantiated',
        measures: 'Kiểm điểm, thu hồi 50 triệu đồng',
        publicSummary: 'Tố cáo đúng một phần; đã xử lý kỷ luật.',
      },
    });
    expect(closed.status).toBe(200);
    expect(closed.json.status).toBe('closed');
    const final = await reporterView(w.ctx, session);
    expect(final).toMatchObject({
      status: 'closed',
      outcome: 'partly_substantiated',
      publicSummary: 'Tố cáo đúng một phần; đã xử lý kỷ luật.',
    });
    expect(final.messages.some((m) => m.body.includes('Kiểm điểm'))).toBe(false); // measures are internal
    const told = await w.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, officer.userId));
    expect(told.map((n) => n.messageKey)).toContain('notification.report_outcome');
  });

  it("a denunciation's conclusion is then sent and published on clocks of their own; the reporter follows each step", async () => {
    const out = await submit();
    const id = out.id;
    const s = await openWithReceipt(w.ctx, out.receipt);
    const session = (await loadReporterSession(w.database.db, s.token, w.clock.now()))!;
    expect((await reporterView(w.ctx, session)).progress).toEqual({
      steps: [{ step: 'received', on: '2026-11-25' }],
      next: null,
    });
    await call(w.app, 'POST', `/api/reports/${id}/triage`, {
      who: officer,
      body: { kind: 'denunciation', handlerId: officer.userId },
    });
    expect((await reporterView(w.ctx, session)).progress).toEqual({
      steps: [
        { step: 'received', on: '2026-11-25' },
        { step: 'accepted', on: '2026-11-25' },
      ],
      next: { step: 'resolution', dueOn: '2026-12-25' },
    });
    const closed = await call(w.app, 'POST', `/api/reports/${id}/close`, {
      who: officer,
      body: { outcome: 'substantiated', measures: 'Kỷ luật', publicSummary: 'Tố cáo đúng.' },
    });
    const steps = closed.json.clocks.filter(
      (c: { step: boolean; doneOn: string | null }) => c.step && !c.doneOn,
    );
    // 25/11/2026 is a Wednesday: five working days end on 2/12, seven on 4/12.
    expect(steps.map((c: { code: string; dueOn: string }) => [c.code, c.dueOn])).toEqual([
      ['denunciation.send_conclusion', '2026-12-02'],
      ['denunciation.publish_conclusion', '2026-12-04'],
    ]);
    expect(closed.json).toMatchObject({ status: 'closed', nextDueOn: '2026-12-02', canMarkSteps: true });
    // Closed, yet its steps are still the handler's to do: on Home, and marked done only by them.
    const home = await call(w.app, 'GET', '/api/me/deadlines', { who: officer });
    expect(home.json.items.map((d: { id: string }) => d.id)).toContain(id);
    const [send, publish] = steps as Array<{ id: string }>;
    expect(
      (await call(w.app, 'POST', `/api/reports/${id}/clocks/${send!.id}/done`, { who: officerB })).status,
    ).toBe(404);
    const resolution = closed.json.clocks.find((c: { code: string }) => c.code === 'denunciation.resolution');
    expect(
      (await call(w.app, 'POST', `/api/reports/${id}/clocks/${resolution.id}/done`, { who: officer })).status,
    ).toBe(404);
    const sent = await call(w.app, 'POST', `/api/reports/${id}/clocks/${send!.id}/done`, { who: officer });
    expect(sent.status).toBe(200);
    expect(sent.json.nextDueOn).toBe('2026-12-04');
    expect(
      (await call(w.app, 'POST', `/api/reports/${id}/clocks/${send!.id}/done`, { who: officer })).status,
    ).toBe(409);
    expect((await reporterView(w.ctx, session)).progress).toEqual({
      steps: [
        { step: 'received', on: '2026-11-25' },
        { step: 'accepted', on: '2026-11-25' },
        { step: 'concluded', on: '2026-11-25' },
        { step: 'conclusionSent', on: '2026-11-25' },
      ],
      next: { step: 'publication', dueOn: '2026-12-04' },
    });
    const published = await call(w.app, 'POST', `/api/reports/${id}/clocks/${publish!.id}/done`, {
      who: officer,
    });
    expect(published.json.nextDueOn).toBeNull();
    expect((await reporterView(w.ctx, session)).progress.next).toBeNull();
    const [event] = await w.database.query<{ changes: Record<string, unknown> }>(
      `select changes from audit_events where action = 'report.step_done' and entity_id = $1 order by seq desc limit 1`,
      [id],
    );
    expect(event!.changes).toEqual({
      step: 'conclusion_published',
      clock: 'denunciation.publish_conclusion',
      doneOn: '2026-11-25',
      dueOn: '2026-12-04',
    });
  });

  it('the handling is a series of steps with their documents: acceptance, verification, conclusion, notices (issue 17 §7)', async () => {
    const out = await submit();
    const id = out.id;
    const s = await openWithReceipt(w.ctx, out.receipt);
    const session = (await loadReporterSession(w.database.db, s.token, w.clock.now()))!;
    const step = (code: string, body: object = {}, who = officer) =>
      call(w.app, 'PUT', `/api/reports/${id}/steps/${code}`, { who, body });
    // Nothing to record before the report is accepted; a complaint's track only for a complaint.
    expect((await step('verification')).status).toBe(409);
    const wrongTrack = await call(w.app, 'POST', `/api/reports/${id}/triage`, {
      who: officer,
      body: { kind: 'denunciation', complaintTrack: 'second' },
    });
    expect(wrongTrack.json.fields.complaintTrack).toBeTruthy();
    const accepted = await call(w.app, 'POST', `/api/reports/${id}/triage`, {
      who: officer,
      body: {
        kind: 'denunciation',
        handlerId: officer.userId,
        documentNo: '12/QĐ-TTr',
        documentDate: '2026-11-25',
      },
    });
    expect(accepted.json.steps).toEqual([
      {
        code: 'accepted',
        on: '2026-11-25',
        documentNo: '12/QĐ-TTr',
        documentDate: '2026-11-25',
        fileId: null,
      },
    ]);
    expect(accepted.json.stepsOpen).toEqual(['acceptance_notified', 'verification']);
    // Conclusion steps wait for the conclusion; another unit's officer learns nothing.
    expect((await step('conclusion_sent')).status).toBe(409);
    expect((await step('verification', {}, officerB)).status).toBe(404);
    expect(
      (await step('verification', { documentDate: '2027-01-01' })).json.fields.documentDate,
    ).toBeTruthy();
    const reporterFile = (await call(w.app, 'GET', `/api/reports/${id}`, { who: officer })).json.files[0].id;
    expect((await step('verification', { fileId: reporterFile })).json.fields.fileId).toBeTruthy();
    const verifying = await step('verification', { documentNo: '15/QĐ-TTr' });
    expect(verifying.status).toBe(200);
    expect(verifying.json.steps.map((x: { code: string }) => x.code)).toEqual(['accepted', 'verification']);
    // A step taken can get its document later; its date stays. A document cannot predate the report.
    expect(
      (await step('verification', { documentDate: '2026-11-24' })).json.fields.documentDate,
    ).toBeTruthy();
    const later = await step('verification', { documentNo: '15/QĐ-TTr', documentDate: '2026-11-25' });
    expect(later.json.steps[1]).toMatchObject({
      code: 'verification',
      on: '2026-11-25',
      documentDate: '2026-11-25',
    });
    // The notice of acceptance finishes its clock.
    const notified = await step('acceptance_notified', { documentNo: '16/TB-TTr' });
    const notice = notified.json.clocks.find(
      (c: { code: string }) => c.code === 'denunciation.notify_acceptance',
    );
    expect(notice.doneOn).toBe('2026-11-25');
    await call(w.app, 'POST', `/api/reports/${id}/close`, {
      who: officer,
      body: { outcome: 'substantiated', measures: 'Kỷ luật', publicSummary: 'Tố cáo đúng.' },
    });
    const sent = await step('conclusion_sent', { documentNo: '20/KL-TTr' });
    expect(
      sent.json.clocks.find((c: { code: string }) => c.code === 'denunciation.send_conclusion').doneOn,
    ).toBe('2026-11-25');
    expect(sent.json.stepsOpen).toEqual(['conclusion_published']);
    // The reporter follows each step, with the documents' numbers and never who took them.
    const progress = (await reporterView(w.ctx, session)).progress;
    expect(progress.steps).toEqual([
      { step: 'received', on: '2026-11-25' },
      { step: 'accepted', on: '2026-11-25', documentNo: '12/QĐ-TTr' },
      // Taken the same day: in the law's order.
      { step: 'acceptanceNotified', on: '2026-11-25', documentNo: '16/TB-TTr' },
      { step: 'verification', on: '2026-11-25', documentNo: '15/QĐ-TTr' },
      { step: 'concluded', on: '2026-11-25' },
      { step: 'conclusionSent', on: '2026-11-25', documentNo: '20/KL-TTr' },
    ]);
    expect(progress.next).toMatchObject({ step: 'publication' });
  });

  it('steps marked done before step records existed are carried over by migration 0026', async () => {
    const out = await submit();
    await call(w.app, 'POST', `/api/reports/${out.id}/triage`, {
      who: officer,
      body: { kind: 'denunciation', handlerId: officer.userId },
    });
    const closed = await call(w.app, 'POST', `/api/reports/${out.id}/close`, {
      who: officer,
      body: { outcome: 'substantiated', measures: 'Kỷ luật', publicSummary: 'Tố cáo đúng.' },
    });
    const send = closed.json.clocks.find((c: { code: string }) => c.code === 'denunciation.send_conclusion');
    await call(w.app, 'POST', `/api/reports/${out.id}/clocks/${send.id}/done`, { who: officer });
    // As a database from before the table would hold it: the audit trail, no record.
    await w.database.query('delete from report_step_records where report_id = $1', [out.id]);
    const { readFileSync } = await import('node:fs');
    const backfill = readFileSync('drizzle/0026_report_step_records.sql', 'utf8')
      .split('--> statement-breakpoint')
      .at(-1)!;
    await w.database.query(backfill);
    const after = await call(w.app, 'GET', `/api/reports/${out.id}`, { who: officer });
    // Sent is carried over; the notice of acceptance is not (its clock was only finished by closing).
    expect(after.json.steps.map((x: { code: string }) => x.code)).toEqual([
      'accepted',
      'concluded',
      'conclusion_sent',
    ]);
  });

  it('forwarding starts the steps afresh at the competent unit', async () => {
    const out = await submit();
    await call(w.app, 'POST', `/api/reports/${out.id}/triage`, {
      who: officer,
      body: { kind: 'denunciation', handlerId: officer.userId, documentNo: '30/QĐ-TTr' },
    });
    await call(w.app, 'PUT', `/api/reports/${out.id}/steps/verification`, { who: officer, body: {} });
    const fwd = await call(w.app, 'POST', `/api/reports/${out.id}/forward`, {
      who: officer,
      body: { unitId: w.units.B },
    });
    expect(fwd.status).toBe(200);
    const there = await call(w.app, 'GET', `/api/reports/${out.id}`, { who: officerB });
    expect(there.json.steps).toEqual([]);
    const accepted = await call(w.app, 'POST', `/api/reports/${out.id}/triage`, {
      who: officerB,
      body: { kind: 'denunciation', handlerId: officerB.userId, documentNo: '5/QĐ-SXD' },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.json.steps).toMatchObject([{ code: 'accepted', documentNo: '5/QĐ-SXD' }]);
    expect(accepted.json.stepsOpen).toEqual(['acceptance_notified', 'verification']);
  });

  it('a complaint at second instance in a remote area runs on its own clock (Law on Complaints Art. 37)', async () => {
    const out = await submit();
    const second = { kind: 'complaint', handlerId: officer.userId, complaintTrack: 'second_remote' };
    // Which first-instance decision it is about is part of accepting it.
    const bare = await call(w.app, 'POST', `/api/reports/${out.id}/triage`, { who: officer, body: second });
    expect(bare.status).toBe(400);
    expect(bare.json.fields.firstDecisionNo).toBe('Trường này là bắt buộc.');
    const triage = await call(w.app, 'POST', `/api/reports/${out.id}/triage`, {
      who: officer,
      body: {
        ...second,
        firstDecisionNo: '25/QĐ-UBND',
        firstDecisionDate: '2026-10-30',
        firstDecisionBy: 'Chủ tịch UBND xã Tân An',
      },
    });
    expect(triage.status).toBe(200);
    expect(triage.json.firstDecision).toEqual({
      documentNo: '25/QĐ-UBND',
      documentDate: '2026-10-30',
      issuedBy: 'Chủ tịch UBND xã Tân An',
    });
    // Sealed with the report's content key: the database (and the audit log) never holds it in clear.
    const [stored] = await w.database.query<{ first_decision: Buffer }>(
      'select first_decision from reports where id = $1',
      [out.id],
    );
    expect(Buffer.from(stored!.first_decision).includes(Buffer.from('25/QĐ-UBND'))).toBe(false);
    const logged = await w.database.query<{ changes: unknown }>(
      `select changes from audit_events where entity_id = $1 and action = 'report.triaged'`,
      [out.id],
    );
    expect(JSON.stringify(logged)).not.toContain('25/QĐ-UBND');
    // The complainant reads which decision their complaint is about.
    const s = await openWithReceipt(w.ctx, out.receipt);
    const session = (await loadReporterSession(w.database.db, s.token, w.clock.now()))!;
    expect((await reporterView(w.ctx, session)).firstDecision).toMatchObject({ documentNo: '25/QĐ-UBND' });
    const clock = triage.json.clocks.find((c: { code: string }) => c.code.startsWith('complaint.second'));
    expect(clock).toMatchObject({ code: 'complaint.second_instance_remote', startOn: '2026-11-25' });
    expect(clock.dueOn).toBe('2027-01-25'); // sixty days end on Sunday 24/01/2027: the next working day
    expect(triage.json.nextDueOn).toBe(clock.dueOn);
    await w.database.query(`update started_clocks set due_on = '2026-11-24' where id = $1`, [clock.id]);
    const closed = await call(w.app, 'POST', `/api/reports/${out.id}/close`, {
      who: officer,
      body: {
        outcome: 'not_substantiated',
        measures: 'Giữ nguyên quyết định',
        publicSummary: 'Khiếu nại sai.',
      },
    });
    expect(closed.json.status).toBe('closed');
    const [row] = await w.database.query<{ on_time: boolean | null }>(
      'select on_time from reports where id = $1',
      [out.id],
    );
    // Judged by the track's clock, made due yesterday above (by another clock it would be on time or unknown).
    expect(row!.on_time).toBe(false);
    // A petition has no such steps.
    const other = await submit();
    await call(w.app, 'POST', `/api/reports/${other.id}/triage`, {
      who: officer,
      body: { kind: 'petition' },
    });
    expect(
      (await call(w.app, 'PUT', `/api/reports/${other.id}/steps/verification`, { who: officer, body: {} }))
        .status,
    ).toBe(404);
  });

  it('a unit marked as serving a remote area resolves complaints on the remote-area clock unless told otherwise', async () => {
    // Its administrators mark it; its intake desk, whose deadlines it lengthens, may not.
    expect(
      (
        await call(w.app, 'PUT', `/api/units/${w.units.A}/contact`, {
          who: officer,
          body: { remoteArea: true, version: 0 },
        })
      ).status,
    ).toBe(403);
    const contact = await call(w.app, 'PUT', `/api/units/${w.units.A}/contact`, {
      who: w.users.admin,
      body: { remoteArea: true, version: 0 },
    });
    expect(contact.json.remoteArea).toBe(true);
    try {
      const out = await submit();
      expect((await call(w.app, 'GET', `/api/reports/${out.id}`, { who: officer })).json.remoteArea).toBe(
        true,
      );
      const triage = await call(w.app, 'POST', `/api/reports/${out.id}/triage`, {
        who: officer,
        body: { kind: 'complaint', handlerId: officer.userId },
      });
      const codes = triage.json.clocks.map((c: { code: string }) => c.code);
      expect(codes).toContain('complaint.resolution_remote');
      expect(codes).not.toContain('complaint.resolution');
      // First-instance details belong to a second-instance complaint only.
      const other = await submit();
      const wrong = await call(w.app, 'POST', `/api/reports/${other.id}/triage`, {
        who: officer,
        body: { kind: 'complaint', complaintTrack: 'first', firstDecisionNo: '1/QĐ' },
      });
      expect(wrong.json.fields.firstDecisionNo).toBeTruthy();
    } finally {
      await call(w.app, 'PUT', `/api/units/${w.units.A}/contact`, {
        who: w.users.admin,
        body: { remoteArea: false, version: contact.json.version },
      });
    }
  });

  it('accepting a complaint is measured from its receipt, ten days by law (Law on Complaints Art. 27)', async () => {
    const out = await submit();
    // Received twelve days before it is accepted: late, and the clocks say so.
    await w.database.query(`update reports set received_on = '2026-11-13' where id = $1`, [out.id]);
    const triage = await call(w.app, 'POST', `/api/reports/${out.id}/triage`, {
      who: officer,
      body: { kind: 'complaint', handlerId: officer.userId },
    });
    expect(triage.status).toBe(200);
    const acceptance = triage.json.clocks.find((c: { code: string }) => c.code === 'complaint.acceptance');
    expect(acceptance).toMatchObject({ startOn: '2026-11-13', dueOn: '2026-11-23', doneOn: '2026-11-25' });
    const resolution = triage.json.clocks.find((c: { code: string }) => c.code === 'complaint.resolution');
    expect(resolution).toMatchObject({ startOn: '2026-11-25', dueOn: '2026-12-25', doneOn: null });
    // The complainant reads the day it was accepted, not the day the acceptance clock started from.
    const s = await openWithReceipt(w.ctx, out.receipt);
    const session = (await loadReporterSession(w.database.db, s.token, w.clock.now()))!;
    expect((await reporterView(w.ctx, session)).progress).toEqual({
      steps: [
        { step: 'received', on: '2026-11-13' },
        { step: 'accepted', on: '2026-11-25' },
      ],
      next: { step: 'resolution', dueOn: '2026-12-25' },
    });
  });

  it('anonymous reports cannot become denunciations; out of scope needs a message and closes', async () => {
    const out = await submit({ identity: null, consent: false });
    const bad = await call(w.app, 'POST', `/api/reports/${out.id}/triage`, {
      who: officer,
      body: { kind: 'denunciation' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.fields.kind).toBeTruthy();
    const noMsg = await call(w.app, 'POST', `/api/reports/${out.id}/triage`, {
      who: officer,
      body: { kind: 'out_of_scope' },
    });
    expect(noMsg.json.fields.message).toBeTruthy();
    const ok = await call(w.app, 'POST', `/api/reports/${out.id}/triage`, {
      who: officer,
      body: {
        kind: 'out_of_scope',
        message: 'Nội dung thuộc thẩm quyền Tòa án; đề nghị gửi đơn đến Tòa án nhân dân.',
      },
    });
    expect(ok.json).toMatchObject({ status: 'closed', outcome: 'out_of_scope' });
    expect(
      (
        await call(w.app, 'POST', `/api/reports/${out.id}/messages`, {
          who: officer,
          body: { kind: 'note', body: 'x' },
        })
      ).status,
    ).toBe(409);
  });

  it('extends a resolution clock only as the rule allows', async () => {
    const out = await submit();
    const t = await call(w.app, 'POST', `/api/reports/${out.id}/triage`, {
      who: officer,
      body: { kind: 'denunciation' },
    });
    const res = t.json.clocks.find((c: { code: string }) => c.code === 'denunciation.resolution');
    const e1 = await call(w.app, 'POST', `/api/reports/${out.id}/clocks/${res.id}/extend`, {
      who: officer,
      body: { code: 'complex' },
    });
    // 25/12 + 30 days = Sunday 24/01/2027, which rolls forward to Monday.
    expect(e1.json.clocks.find((c: { id: string }) => c.id === res.id).dueOn).toBe('2027-01-25');
    const e2 = await call(w.app, 'POST', `/api/reports/${out.id}/clocks/${res.id}/extend`, {
      who: officer,
      body: { code: 'complex' },
    });
    expect(e2.status).toBe(400);
    expect(e2.json.fields.code).toBeTruthy();
  });

  it('merges a duplicate; both receipts keep working', async () => {
    const a = await submit();
    const b = await submit();
    const m = await call(w.app, 'POST', `/api/reports/${b.id}/merge`, {
      who: officer,
      body: { intoId: a.id },
    });
    expect(m.json).toMatchObject({ status: 'closed', outcome: 'merged', mergedIntoNumber: a.number });
    const s = await openWithReceipt(w.ctx, b.receipt);
    const v = await reporterView(w.ctx, (await loadReporterSession(w.database.db, s.token, w.clock.now()))!);
    expect(v.mergedInto).toBe(a.number);
    const self = await call(w.app, 'POST', `/api/reports/${a.id}/merge`, {
      who: officer,
      body: { intoId: a.id },
    });
    expect(self.status).toBe(400);
  });
});

describe('keys', () => {
  it('after an admin password reset keys are locked until the recovery key restores them', async () => {
    const id = await addUser(w, 'tiepnhan.reset', 'intake_officer', w.units.A);
    const first = await keyedSessionFor(w.database, id, w.clock.now());
    const rk = await call(w.app, 'POST', '/api/keys/me/recovery-key', { who: first });
    expect(rk.json.recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    expect((await call(w.app, 'POST', '/api/keys/me/recovery-key', { who: first })).status).toBe(404);
    const out = await submit();
    expect((await call(w.app, 'GET', `/api/reports/${out.id}`, { who: first })).json.content.title).toBe(
      SECRET_TITLE,
    );

    // An administrator sets a new password: the old wrap no longer opens.
    const { hashPassword } = await import('#server/modules/auth/passwords.ts');
    await w.database.db
      .update(users)
      .set({ passwordHash: await hashPassword('mat-khau-moi-2026!') })
      .where(eq(users.id, id));
    const after = await keyedSessionFor(w.database, id, w.clock.now(), 'mat-khau-moi-2026!');
    expect(after.keyring).toBe(false);
    // Locked, the account handles no report at all — not even assigning or merging one, which needs no
    // key (an administrator who reset the password could otherwise bury reports: issue 15 re-test, M2).
    expect((await call(w.app, 'GET', `/api/reports/${out.id}`, { who: after })).status).toBe(404);
    expect((await call(w.app, 'GET', '/api/reports', { who: after })).status).toBe(404);
    const other = await submit();
    const merge = await call(w.app, 'POST', `/api/reports/${out.id}/merge`, {
      who: after,
      body: { intoId: other.id },
    });
    expect(merge.status).toBe(404);
    expect((await call(w.app, 'GET', '/api/units', { who: after })).status).toBe(200);
    const wrongKey = await call(w.app, 'POST', '/api/keys/me/recover', {
      who: after,
      body: { recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH', password: 'mat-khau-moi-2026!' },
    });
    expect(wrongKey.status).toBe(400);
    const ok = await call(w.app, 'POST', '/api/keys/me/recover', {
      who: after,
      body: { recoveryKey: rk.json.recoveryKey.toLowerCase(), password: 'mat-khau-moi-2026!' },
    });
    expect(ok.json).toMatchObject({ hasKeys: true, unlocked: true });
    expect((await call(w.app, 'GET', `/api/reports/${out.id}`, { who: after })).json.content.title).toBe(
      SECRET_TITLE,
    );
    // The next sign-in with the new password opens the keys directly.
    expect((await keyedSessionFor(w.database, id, w.clock.now(), 'mat-khau-moi-2026!')).keyring).toBe(true);
  });

  it('new keys lose old reports until a colleague shares them', async () => {
    const id = await addUser(w, 'tiepnhan.new', 'intake_officer', w.units.A);
    const s = await keyedSessionFor(w.database, id, w.clock.now());
    const out = await submit();
    const replaced = await call(w.app, 'POST', '/api/keys/me/replace', {
      who: s,
      body: { password: PASSWORD },
    });
    expect(replaced.status).toBe(200);
    // New keys are a new recipient: until a colleague activates them again, the grant allows nothing,
    // and nothing is shared with them.
    expect((await call(w.app, 'GET', `/api/reports/${out.id}`, { who: s })).status).toBe(404);
    await call(w.app, 'POST', '/api/reports/share-keys', { who: officer });
    expect((await call(w.app, 'GET', `/api/reports/${out.id}`, { who: s })).status).toBe(404);
    const [g] = await w.database.db.select().from(grants).where(eq(grants.userId, id));
    expect(g!.keysActivatedAt).toBeNull();
    expect(
      (
        await call(w.app, 'POST', `/api/grants/${g!.id}/activate-keys`, {
          who: officer,
          body: await vouched(w, g!.id),
        })
      ).status,
    ).toBe(200);
    const shared = await call(w.app, 'POST', '/api/reports/share-keys', { who: officer });
    expect(shared.json.shared).toBeGreaterThan(0);
    expect((await call(w.app, 'GET', `/api/reports/${out.id}`, { who: s })).json.content.title).toBe(
      SECRET_TITLE,
    );
    const again = await call(w.app, 'POST', '/api/reports/share-keys', { who: officer });
    expect(again.json.shared).toBe(0);
    const sealed = await w.database.db.select().from(reportKeys).where(eq(reportKeys.userId, id));
    expect(sealed.length).toBeGreaterThan(0);
  });
});

describe('retention', () => {
  it('deletes content of long-closed reports and keeps the statistics', async () => {
    const { purgeClosedReports } = await import('./service.ts');
    const out = await submit({ identity: null, consent: false });
    await call(w.app, 'POST', `/api/reports/${out.id}/triage`, {
      who: officer,
      body: { kind: 'out_of_scope', message: 'Không thuộc thẩm quyền.' },
    });
    const later = {
      ...w.ctx,
      clock: { now: () => new Date(Date.parse('2026-11-25T02:00:00Z') + 31 * 86_400_000) },
    };
    const n = await purgeClosedReports(later, 30);
    expect(n).toBeGreaterThan(0);
    const [r] = await w.database.db.select().from(reports).where(eq(reports.id, out.id));
    expect(r).toMatchObject({
      content: null,
      identity: null,
      receiptKey: null,
      status: 'closed',
      categoryCode: 'bribery',
    });
    expect(await w.database.db.select().from(reportKeys).where(eq(reportKeys.reportId, out.id))).toHaveLength(
      0,
    );
    const s = await openWithReceipt(w.ctx, out.receipt);
    const v = await reporterView(w.ctx, (await loadReporterSession(w.database.db, s.token, w.clock.now()))!);
    expect(v).toMatchObject({ purged: true, status: 'closed', messages: [] });
    const detail = await call(w.app, 'GET', `/api/reports/${out.id}`, { who: officer });
    expect(detail.json.contentUnavailable).toBe('purged');
    const trail = await w.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, out.id));
    expect(trail.map((e) => e.action)).toContain('report.content_deleted');
  });
});
