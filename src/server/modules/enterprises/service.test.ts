import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnit } from '#server/modules/org/service.ts';
import { grants, users } from '#server/modules/users/tables.ts';
import { call, createWorld, sessionFor, type World } from '#test/world.ts';

let w: World;
let communeId: string;

/** A browser-like multipart POST to the portal. */
function post(url: string, fields: Record<string, string>) {
  const b = '----liem-ent';
  const payload = `${Object.entries(fields)
    .map(([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('')}--${b}--\r\n`;
  return w.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${b}` },
  });
}

const form = (extra: Record<string, string> = {}) => ({
  taxCode: '0312345678',
  name: 'Công ty TNHH Liêm Chính',
  sector: 'Xây dựng',
  size: 'small',
  address: '1 Đường Thử, Xã Thử',
  communeUnitId: communeId,
  repName: 'Lê Thị Đại Diện',
  repEmail: 'dai.dien@congty.invalid',
  repPhone: '0901112233',
  ...extra,
});

beforeAll(async () => {
  w = await createWorld();
  communeId = (await createUnit(w.ctx, { code: 'X1', name: 'Xã Thử', type: 'commune', parentId: w.units.A }))
    .id;
});
afterAll(() => w.close());

async function codeFromMail() {
  const [job] = await w.jobs.boss.fetch<{ to: string; text: string }>('mail.send');
  return { to: job!.data.to, code: /\b(\d{6})\b/.exec(job!.data.text)![1]! };
}

describe('enterprise registration', () => {
  it('checks the form, confirms the e-mail by code, and a coordinator approves the representative', async () => {
    const bad = await post('/enterprise/register', form({ taxCode: '12345', repEmail: 'khong-hop-le' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Mã số thuế gồm 10 chữ số');
    expect(bad.body).toContain('Công ty TNHH Liêm Chính'); // typed values kept
    const res = await post('/enterprise/register', form());
    expect(res.statusCode).toBe(201);
    const id = /name="id" value="([^"]+)"/.exec(res.body)![1]!;
    const mail = await codeFromMail();
    expect(mail.to).toBe('dai.dien@congty.invalid');
    expect((await post('/enterprise/register', form())).body).toContain('đang chờ xử lý');
    const wrong = await post('/enterprise/verify', {
      id,
      code: mail.code === '000000' ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Mã xác nhận không đúng');
    expect(
      (
        await call(w.app, 'GET', '/api/enterprise-registrations?status=verified', {
          who: w.users.coordinator,
        })
      ).json,
    ).toHaveLength(0);
    const ok = await post('/enterprise/verify', { id, code: mail.code });
    expect(ok.statusCode).toBe(200);

    const pending = await call(w.app, 'GET', '/api/enterprise-registrations?status=verified', {
      who: w.users.coordinator,
    });
    expect(pending.json.map((r: { id: string }) => r.id)).toEqual([id]);
    expect(
      (
        await call(w.app, 'POST', `/api/enterprise-registrations/${id}/approve`, {
          who: w.users.focal_officer,
        })
      ).status,
    ).toBe(404);
    const approved = await call(w.app, 'POST', `/api/enterprise-registrations/${id}/approve`, {
      who: w.users.coordinator,
    });
    expect(approved.json.status).toBe('approved');
    const [rep] = await w.database.db.select().from(users).where(eq(users.email, 'dai.dien@congty.invalid'));
    const [g] = await w.database.db.select().from(grants).where(eq(grants.userId, rep!.id));
    expect(g).toMatchObject({ role: 'enterprise_rep', unitId: rep!.unitId });
    // The representative sets a password from the reset e-mail.
    const [reset] = await w.jobs.boss.fetch<{ to: string; text: string }>('mail.send');
    expect(reset!.data.to).toBe('dai.dien@congty.invalid');
    expect(reset!.data.text).toContain('#token=');

    // The representative publishes a commitment and opts in to the public list.
    const who = await sessionFor(w.database, rep!.id, w.clock.now());
    const mine = await call(w.app, 'GET', '/api/enterprises/mine', { who });
    expect(mine.json).toHaveLength(1);
    expect(mine.json[0]).toMatchObject({ taxCode: '0312345678', listed: false });
    const upd = await call(w.app, 'PATCH', `/api/enterprises/${rep!.unitId}`, {
      who,
      body: { commitment: 'Không đưa, không nhận hối lộ.', listed: true },
    });
    expect(upd.status).toBe(200);
    expect(
      (
        await call(w.app, 'PATCH', `/api/enterprises/${rep!.unitId}`, {
          who: w.users.focal_officer,
          body: { listed: false },
        })
      ).status,
    ).toBe(404);
    const list = await w.app.inject({ method: 'GET', url: '/enterprises' });
    expect(list.body).toContain('Công ty TNHH Liêm Chính');
    expect(list.body).toContain('Không đưa, không nhận hối lộ.');
    expect((await post('/enterprise/register', form())).body).toContain('đã được đăng ký');
  });
});
