import { inArray } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '#server/modules/audit/tables.ts';
import { openWithReceipt } from '#server/modules/reports/reporter.ts';
import { MAX_WAITING_ANONYMOUS, turn } from '#server/platform/threads.ts';
import { call, createWorld, keyedSessionFor, NOW, type World } from '#test/world.ts';

let w: World;
let officer: Awaited<ReturnType<typeof keyedSessionFor>>;

const UA = 'TrinhDuyetBiMat/9.9 (Bí mật)';
const IP = '203.0.113.77';

/** A browser-like multipart POST (no cookies unless given). */
function post(
  url: string,
  fields: Record<string, string>,
  files: Array<{ name: string; content: Buffer }> = [],
  cookie?: string,
) {
  const b = '----liem-portal';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files)
    parts.push(
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      f.content,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${b}--\r\n`));
  return w.app.inject({
    method: 'POST',
    url,
    payload: Buffer.concat(parts),
    headers: {
      'content-type': `multipart/form-data; boundary=${b}`,
      'user-agent': UA,
      'x-forwarded-for': IP,
      origin: 'http://localhost:80',
      host: 'localhost:80',
      ...(cookie ? { cookie } : {}),
    },
  });
}

const get = (url: string, cookie?: string) =>
  w.app.inject({
    method: 'GET',
    url,
    headers: { 'user-agent': UA, 'x-forwarded-for': IP, ...(cookie ? { cookie } : {}) },
  });

const tokenOf = (html: string) => /name="token" value="([^"]+)"/.exec(html)![1]!;
const receiptOf = (html: string) => /data-receipt="(\d{16})"/.exec(html)![1]!;

async function formFor() {
  const res = await get(`/report?step=details&to=${w.units.A}&concerned=${w.units.B}`);
  expect(res.statusCode).toBe(200);
  return tokenOf(res.body);
}

const details = (token: string, extra: Record<string, string> = {}) => ({
  lang: 'vi',
  to: w.units.A,
  concerned: w.units.B,
  token,
  categoryCode: 'harassment',
  title: 'Cán bộ một cửa đòi tiền bồi dưỡng',
  description: 'Khi nộp hồ sơ cấp phép xây dựng, cán bộ Lê Văn Đòi yêu cầu 5 triệu đồng.',
  officials: 'Lê Văn Đòi',
  when: 'tháng 10/2026',
  where: 'Bộ phận một cửa',
  amountVnd: '5.000.000',
  website: '',
  ...extra,
});

beforeAll(async () => {
  w = await createWorld({ RECEIPT_RATE_LIMIT_PER_MINUTE: '4' });
  officer = await keyedSessionFor(w.database, w.users.intake_officer.userId, w.clock.now());
});
afterAll(() => w.close());

describe('citizen portal without JavaScript', () => {
  it('pages are small, script-free, cookie-free and self-contained', async () => {
    for (const url of ['/', '/?lang=en', '/report', '/follow-up', '/statistics', '/contacts']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['set-cookie'], url).toBeUndefined();
      expect(res.body, url).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
      expect(Buffer.byteLength(res.body), url).toBeLessThan(50_000);
      expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
    }
    expect((await get('/?lang=en')).body).toContain('Report corruption');
  });

  it('shows how to reach each receiving body and how to report more safely', async () => {
    const home = (await get('/')).body;
    expect(home).toContain('Tor Browser');
    expect(home).toContain('href="/contacts"');
    const before = (await get('/contacts')).body;
    expect(before).toContain('Cơ quan chưa công bố thông tin liên hệ trên Liêm.');
    const saved = await call(w.app, 'PUT', `/api/units/${w.units.A}/contact`, {
      who: w.users.admin,
      body: {
        address: '<b>12</b> Trần Phú',
        phone: '(0236) 3822 123',
        receptionHours: 'Thứ Hai – Thứ Sáu',
        version: 0,
      },
    });
    expect(saved.status).toBe(200);
    const page = (await get('/contacts?lang=en')).body;
    expect(page).toContain('&lt;b&gt;12&lt;/b&gt; Trần Phú');
    expect(page).toContain('href="tel:02363822123"');
    expect(page).toContain('Reception hours');
    // A body without an online intake desk is not listed.
    expect(page).not.toContain('Sở Xây dựng');
  });

  it('finds the unit concerned by a name typed without accents', async () => {
    const res = await get(`/report?step=search&to=${w.units.A}&unitq=so xay`);
    expect(res.body).toContain('Sở Xây dựng');
    expect(res.body).toContain(`value="${w.units.B}"`);
  });

  it('a citizen reports with a file, keeps the receipt, reads a question and answers it', async () => {
    const jpg = await sharp({ create: { width: 4, height: 4, channels: 3, background: 'blue' } })
      .jpeg()
      .toBuffer();
    const token = await formFor();
    const sent = await post(
      '/report',
      details(token, { fullName: 'Hoàng Văn Dân', phone: '0987654321', consent: 'yes' }),
      [{ name: 'bien-nhan.jpg', content: jpg }],
    );
    expect(sent.statusCode).toBe(201);
    expect(sent.headers['set-cookie']).toBeUndefined();
    const receipt = receiptOf(sent.body);

    // Double click: the same form again is the same report and the same receipt.
    const again = await post(
      '/report',
      details(token, { fullName: 'Hoàng Văn Dân', phone: '0987654321', consent: 'yes' }),
    );
    expect(receiptOf(again.body)).toBe(receipt);
    expect(again.body).toContain('đã được gửi trước đó');

    const list = await call(w.app, 'GET', '/api/reports', { who: officer });
    const report = list.json.items.find(
      (r: { title: string }) => r.title === 'Cán bộ một cửa đòi tiền bồi dưỡng',
    );
    expect(list.json.items.filter((r: { title: string }) => r.title === report.title)).toHaveLength(1);
    await call(w.app, 'POST', `/api/reports/${report.id}/triage`, {
      who: officer,
      body: { kind: 'denunciation' },
    });
    await call(w.app, 'POST', `/api/reports/${report.id}/messages`, {
      who: officer,
      body: { kind: 'question', body: 'Ông có giữ tin nhắn đòi tiền không?' },
    });

    const signIn = await post('/follow-up', { receipt: receipt.replace(/(\d{4})(?=\d)/g, '$1 ') });
    expect(signIn.statusCode).toBe(303);
    const cookie = String(signIn.headers['set-cookie']);
    expect(cookie).toMatch(
      /liem_receipt=[^;]+; Path=\/follow-up; Expires=.*HttpOnly; Secure; SameSite=Strict/,
    );
    const jar = cookie.split(';')[0]!;
    const page = await get('/follow-up/report', jar);
    expect(page.body).toContain('Ông có giữ tin nhắn đòi tiền không?');
    // The steps so far and the date the law sets for the resolution (30 days from acceptance).
    expect(page.body).toContain('Tiến trình giải quyết');
    expect(page.body).toMatch(/<span class="meta">\d\d\/\d\d\/2026<\/span> Đã thụ lý giải quyết/);
    expect(page.body).toMatch(/Hạn giải quyết theo quy định của pháp luật: \d\d\/\d\d\/20\d\d\./);
    // Kept under a plain name: what the reporter called the file could name them.
    expect(page.body).toContain('tep-1.jpg');
    expect(page.body).not.toContain('bien-nhan');
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;

    const forged = await post('/follow-up/reply', { csrf: 'x', body: 'giả mạo' }, [], jar);
    expect(forged.statusCode).toBe(403);
    const replied = await post('/follow-up/reply', { csrf, body: 'Có, tôi còn giữ tin nhắn.' }, [], jar);
    expect(replied.statusCode).toBe(303);
    const detail = await call(w.app, 'GET', `/api/reports/${report.id}`, { who: officer });
    expect(detail.json.messages.map((m: { body: string }) => m.body)).toContain('Có, tôi còn giữ tin nhắn.');
    expect(detail.json.awaitingReply).toBe(true);

    const out = await post('/follow-up/sign-out', { csrf }, [], jar);
    expect(out.statusCode).toBe(303);
    expect((await get('/follow-up/report', jar)).statusCode).toBe(303);
  });

  it('acts as no one for someone also signed in to the staff app: nothing in the audit log names them', async () => {
    // An official's browser carries the staff session cookie to the portal too (same site, path /).
    const staff = w.users.declarant;
    const session = staff.cookie.split(';')[0]!;
    const page = await get(`/report?step=details&to=${w.units.A}&concerned=${w.units.B}`, session);
    const sent = await post(
      '/report',
      details(tokenOf(page.body), { title: 'Báo cáo khi đang đăng nhập' }),
      [],
      session,
    );
    expect(sent.statusCode).toBe(201);
    // Signed in with the receipt by the service (the receipt form's rate limit belongs to another test).
    const { token } = await openWithReceipt(
      { ...w.ctx, actor: { kind: 'user', userId: null, grants: [] } },
      receiptOf(sent.body),
    );
    const jar = `${session}; liem_receipt=${token}`;
    const view = await get('/follow-up/report', jar);
    const csrf = /name="csrf" value="([^"]+)"/.exec(view.body)![1]!;
    expect((await post('/follow-up/reply', { csrf, body: 'Bổ sung thông tin.' }, [], jar)).statusCode).toBe(
      303,
    );
    const events = await w.database.db
      .select({ action: auditEvents.action, actor: auditEvents.actorId, requestId: auditEvents.requestId })
      .from(auditEvents)
      .where(inArray(auditEvents.action, ['report.received', 'report.reporter_replied']));
    expect(events.length).toBeGreaterThanOrEqual(2);
    for (const e of events) expect(e, e.action).toMatchObject({ actor: null, requestId: null });
  });

  it('a form error keeps everything typed and names the field', async () => {
    const token = await formFor();
    const res = await post(
      '/report',
      details(token, { categoryCode: '', email: 'khong-phai-email', fullName: 'Người Gửi' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Lê Văn Đòi yêu cầu 5 triệu đồng'); // description kept
    expect(res.body).toContain('value="Người Gửi"');
    expect(res.body).toContain('href="#f-categoryCode"');
    expect(res.body).toContain('href="#f-email"');
    // The summary names each field, not only what is wrong with it.
    expect(res.body).toMatch(/href="#f-categoryCode">Loại hành vi: [^<]+</);
    expect(res.body).toMatch(/href="#f-email">Thư điện tử[^:<]*: [^<]+</);
    expect(res.body).toContain(`value="${token}"`); // same token: a corrected resend is still one report
  });

  it('files attached before a form error are kept, encrypted, and sent with the corrected form', async () => {
    const jpg = await sharp({ create: { width: 4, height: 4, channels: 3, background: 'red' } })
      .jpeg()
      .toBuffer();
    const token = await formFor();
    const first = await post('/report', details(token, { categoryCode: '', title: 'Giữ tệp khi lỗi' }), [
      { name: 'giu-lai.jpg', content: jpg },
    ]);
    expect(first.statusCode).toBe(400);
    expect(first.body).toContain('giu-lai.jpg');
    const draft = /name="draft" value="([^"]+)"/.exec(first.body)![1]!;
    const raw = await w.database.query<{ n: number }>('select count(*)::int as n from report_draft_files');
    expect(raw[0]!.n).toBeGreaterThan(0);
    const second = await post('/report', details(token, { title: 'Giữ tệp khi lỗi', draft }));
    expect(second.statusCode).toBe(201);
    const list = await call(w.app, 'GET', '/api/reports?q=giu tep khi loi', { who: officer });
    const detail = await call(w.app, 'GET', `/api/reports/${list.json.items[0].id}`, { who: officer });
    expect(detail.json.files.map((f: { name: string }) => f.name)).toEqual(['tep-1.jpg']);
    const left = await w.database.query<{ n: number }>('select count(*)::int as n from report_draft_files');
    expect(left[0]!.n).toBe(0);
  });

  it('when the server is too busy to clean files, the form keeps what was typed and says when to send again', async () => {
    // Every document slot taken and the portal's waiting places full (a flood of anonymous forms).
    const held: Array<() => void> = [];
    const waiting: Array<Promise<() => void>> = [];
    for (;;) {
      let granted = false;
      const p = turn('documents', 'someone').then((done) => {
        granted = true;
        return done;
      });
      await new Promise((r) => setImmediate(r));
      if (!granted) {
        waiting.push(p);
        break;
      }
      held.push(await p);
    }
    for (let i = 0; i < MAX_WAITING_ANONYMOUS; i++) waiting.push(turn('documents', 'anonymous'));
    const token = await formFor();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
    const res = await post('/report', details(token, { title: 'Gửi khi máy chủ bận' }), [
      { name: 'bien-ban.pdf', content: pdf },
    ]);
    const served = Promise.all(waiting.map((p) => p.then((done) => done())));
    for (const done of held) done();
    await served;
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('30');
    expect(res.body).toContain('Lê Văn Đòi yêu cầu 5 triệu đồng'); // what was typed is kept
    expect(res.body).toContain('href="#f-files"');
    expect(res.body).toContain(`value="${token}"`);
  });

  it('failing forms never grow draft storage past its cap: past it the form keeps the text only and says so', async () => {
    const main = w;
    const cap = 150_000;
    w = await createWorld({
      DRAFT_STORAGE_MAX_BYTES: String(cap),
      PORTAL_FORM_RATE_LIMIT_PER_MINUTE: '1000',
    });
    try {
      // A unit receives reports once it has an intake officer with keys.
      await keyedSessionFor(w.database, w.users.intake_officer.userId, w.clock.now());
      const noise = Buffer.from(Array.from({ length: 120 * 120 * 3 }, (_, i) => (i * 7919) % 251));
      const jpg = await sharp(noise, { raw: { width: 120, height: 120, channels: 3 } })
        .jpeg({ quality: 95 })
        .toBuffer();
      expect(jpg.length).toBeGreaterThan(5_000);
      const bodies: string[] = [];
      for (let i = 0; i < 50; i++) {
        const res = await post('/report', details(await formFor(), { categoryCode: '' }), [
          { name: `tep-${i}.jpg`, content: jpg },
        ]);
        expect(res.statusCode).toBe(400);
        bodies.push(res.body);
      }
      const [used] = await w.database.query<{ n: number }>(
        'select coalesce(sum(octet_length(content)), 0)::int as n from report_draft_files',
      );
      expect(used!.n).toBeGreaterThan(0);
      expect(used!.n).toBeLessThanOrEqual(cap);
      const last = bodies.at(-1)!;
      expect(last).toContain('không thể giữ lại tệp đính kèm');
      expect(last).toContain('Cán bộ một cửa đòi tiền bồi dưỡng');
    } finally {
      await w.close();
      w = main;
    }
  });

  it('refuses a disguised file with a clear message and keeps the text', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 0x90)]);
    exe.write('PE\0\0', 128);
    exe.writeUInt32LE(128, 0x3c);
    const res = await post('/report', details(await formFor()), [{ name: 'hop-dong.pdf', content: exe }]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('hop-dong.pdf');
    expect(res.body).toContain('không được chấp nhận');
    expect(res.body).toContain('Cán bộ một cửa đòi tiền bồi dưỡng');
  });

  it('offers to send a file without what cannot be cleaned, and does so when chosen', async () => {
    const { PDFDocument } = await import('pdf-lib');
    const cmyk = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'blue' } })
      .toColourspace('cmyk')
      .jpeg()
      .toBuffer();
    const doc = await PDFDocument.create();
    doc.addPage().drawImage(await doc.embedJpg(cmyk), { x: 0, y: 0, width: 8, height: 8 });
    const pdf = Buffer.from(await doc.save());
    const form = await get(`/report?step=details&to=${w.units.A}`);
    expect(form.body).toMatch(/<input type="checkbox" name="strip" value="yes"\/>/);
    const title = 'Hồ sơ in màu có ảnh CMYK';
    const refused = await post('/report', details(await formFor(), { title }), [
      { name: 'ho-so-in-mau.pdf', content: pdf },
    ]);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('ho-so-in-mau.pdf');
    expect(refused.body).toContain('Gửi tệp không kèm những phần đó');
    const sent = await post('/report', details(await formFor(), { title, strip: 'yes' }), [
      { name: 'ho-so-in-mau.pdf', content: pdf },
    ]);
    expect(sent.statusCode).toBe(201);
    const list = await call(w.app, 'GET', `/api/reports?q=${encodeURIComponent(title)}`, { who: officer });
    const detail = await call(w.app, 'GET', `/api/reports/${list.json.items[0].id}`, { who: officer });
    expect(detail.json.files.map((f: { name: string }) => f.name)).toEqual(['tep-1.pdf']);
  });

  it('refuses cross-site posts and filled honeypots without storing anything', async () => {
    const before = (await call(w.app, 'GET', '/api/reports', { who: officer })).json.total;
    const token = await formFor();
    const cross = await w.app.inject({
      method: 'POST',
      url: '/report',
      payload: 'x',
      headers: {
        origin: 'https://evil.example',
        host: 'localhost:80',
        'content-type': 'multipart/form-data; boundary=z',
      },
    });
    expect(cross.statusCode).toBeGreaterThanOrEqual(400);
    const bot = await post('/report', details(token, { website: 'http://spam' }));
    expect(bot.statusCode).toBe(400);
    expect((await call(w.app, 'GET', '/api/reports', { who: officer })).json.total).toBe(before);
  });

  it('wrong receipts are refused, then slowed down', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await post('/follow-up', { receipt: '0000000000000000' })).statusCode);
    expect(statuses.slice(0, 3)).toEqual([400, 400, 400]);
    expect(statuses.at(-1)).toBe(429);
  });

  it('logs of a full submission hold no address, browser or content', async () => {
    const res = await post(
      '/report',
      details(await formFor(), { fullName: 'Trịnh Thị Ẩn Danh', consent: 'yes' }),
    );
    expect(res.statusCode).toBe(201);
    const logs = w.logs.join('\n');
    expect(logs.length).toBeGreaterThan(100);
    for (const secret of [
      IP,
      '127.0.0.1',
      'TrinhDuyetBiMat',
      'Trịnh Thị Ẩn Danh',
      'Lê Văn Đòi',
      receiptOf(res.body),
    ])
      expect(logs).not.toContain(secret);
  });

  it('publishes statistics with small counts suppressed, as a page and as CSV', async () => {
    for (let i = 0; i < 6; i++)
      expect((await post('/report', details(await formFor()))).statusCode).toBe(201);
    for (let i = 0; i < 2; i++)
      expect((await post('/report', details(await formFor(), { categoryCode: 'bribery' }))).statusCode).toBe(
        201,
      );
    const [row] = await w.database.query<{ n: number }>(
      "select count(*)::int as n from reports where category_code = 'harassment' and merged_into_id is null",
    );
    // Figures stand as at the end of last month: this month's reports are not on the page yet.
    const before = await get('/statistics.csv');
    expect(before.body).toContain('month,"2026-10",0,0,0,0');
    expect(before.body).not.toContain('2026-11');
    w.clock.set('2026-12-03T02:00:00.000Z');
    const csv = await get('/statistics.csv');
    expect(csv.statusCode).toBe(200);
    // Published once for the month and kept: a later merge or recount does not change the page.
    const kept = await w.database.query<{ through: string }>(
      'select through::text as through from statistics_releases order by through',
    );
    expect(kept.map((r) => r.through)).toEqual(['2026-10-31', '2026-11-30']);
    await w.database.query("update reports set merged_into_id = id where category_code = 'bribery'");
    expect((await get('/statistics.csv')).body).toBe(csv.body);
    await w.database.query("update reports set merged_into_id = null where category_code = 'bribery'");
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]!.replace('\uFEFF', '')).toBe('group,key,received,handled,on_time,late,label');
    const cells = (prefix: string) => lines.find((l) => l.startsWith(prefix))!.split(',');
    // Bribery (2) is hidden; harassment is hidden too, since the month's total would give bribery away.
    expect(cells('category,"bribery"')[2]).toBe('x');
    expect(cells('category,"harassment"')[2]).toBe('x');
    expect(row!.n).toBeGreaterThanOrEqual(5);
    expect(cells('month,"2026-11"')[2]).toBe(String(row!.n + 2));
    expect(csv.body).not.toMatch(/,[1-4](,|\r)/);
    const html = await get('/statistics');
    expect(html.body).toContain('<svg');
    expect(html.body).toContain('Nhũng nhiễu');
    expect(html.body).toMatch(/<td class="n">x<\/td>/);
    expect(html.body).toContain('30/11/2026');
    w.clock.set(NOW);
  });

  it('a page withheld for the month shows no figure and says why; the month after is published again', async () => {
    // A withheld release as `statisticsRelease` stores one when last month's page would pin its small cells.
    const zero = { received: 0, handled: 0, onTime: 0, late: 0 };
    const months = Array.from({ length: 12 }, (_, i) => ({
      key: `2026-${String(i + 1).padStart(2, '0')}`,
      ...zero,
      ...(i === 11 ? { received: 3 } : {}),
    }));
    const counts = [
      months,
      [{ key: 'harassment', ...zero, received: 3 }],
      [{ key: 'province', ...zero, received: 3 }],
    ];
    await w.database.query(
      `insert into statistics_releases (through, tables) values ('2026-12-31', $1::jsonb)`,
      [
        JSON.stringify({
          counts,
          hidden: counts.map((rows) => rows.map(() => [true, true, true, true])),
          withheld: true,
        }),
      ],
    );
    w.clock.set('2027-01-04T02:00:00.000Z');
    const html = await get('/statistics');
    expect(html.body).toContain('Tháng này không công bố số liệu');
    const csv = (await get('/statistics.csv')).body.trim().split('\r\n').slice(1);
    // Twelve months of x and nothing else: which categories or levels had a report is not told either.
    expect(csv).toHaveLength(12);
    for (const line of csv) {
      expect(line.startsWith('month,')).toBe(true);
      expect(line.split(',').slice(2, 6)).toEqual(['x', 'x', 'x', 'x']);
    }
    expect(html.body).not.toContain('Nhũng nhiễu');
    // January's page is audited against November's, the last one published, and shows its figures.
    w.clock.set('2027-02-02T02:00:00.000Z');
    const next = (await get('/statistics.csv')).body;
    expect(next).toMatch(/month,"2027-01",0,0,0,0/);
    expect((await get('/statistics')).body).not.toContain('Tháng này không công bố số liệu');
    w.clock.set(NOW);
  });
});
