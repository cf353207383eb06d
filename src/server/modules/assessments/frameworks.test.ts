import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createWorld, upload, type World } from '#test/world.ts';

let w: World;
let published: string;
beforeAll(async () => {
  w = await createWorld();
  const fw = await call(w.app, 'GET', '/api/frameworks', { who: w.users.root_admin });
  published = fw.json.find((f: { code: string }) => f.code === 'pctn-unit').versionId;
});
afterAll(() => w.close());

const send = (versionId: string, name: string, content: Buffer) =>
  upload(w.app, `/api/framework-versions/${versionId}/import`, w.users.root_admin, {}, { name, content });

describe('framework versions', () => {
  it('a published version is frozen; a new draft copies it, takes an import, and publishes when parts add up', async () => {
    expect(
      (await call(w.app, 'POST', `/api/framework-versions/${published}/draft`, { who: w.users.coordinator }))
        .status,
    ).toBe(403);
    const draft = await call(w.app, 'POST', `/api/framework-versions/${published}/draft`, {
      who: w.users.root_admin,
    });
    expect(draft.status).toBe(201);
    expect(draft.json).toMatchObject({ version: 2, status: 'draft' });
    const id = draft.json.id;
    // One draft at a time: a second click made a second draft (issue 17 review).
    const twice = await call(w.app, 'POST', `/api/framework-versions/${published}/draft`, {
      who: w.users.root_admin,
    });
    expect(twice.status).toBe(409);
    expect(twice.json.code).toBe('framework_draft_open');

    const json = await w.app.inject({
      method: 'GET',
      url: `/api/framework-versions/${id}/export?format=json`,
      headers: { cookie: w.users.root_admin.cookie },
    });
    const data = JSON.parse(json.body) as Array<Record<string, unknown>>;
    expect(data.map((c) => c.code)).toContain('B.1');

    // A bad file changes nothing and names each row.
    const bad = [...data];
    bad[1] = { ...bad[1], titleVi: '' };
    bad.splice(3, 0, { code: 'Z.1', titleVi: 'Mồ côi', maxPoints: 1 });
    const refused = await send(id, 'x.json', Buffer.from(JSON.stringify(bad)));
    expect(refused.statusCode).toBe(400);
    const rows = refused.json().rows as Array<{ row: number; column: string }>;
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, column: 'titleVi' }),
        expect.objectContaining({ row: 4, column: 'code' }),
      ]),
    );
    const still = await w.app.inject({
      method: 'GET',
      url: `/api/framework-versions/${id}/export?format=json`,
      headers: { cookie: w.users.root_admin.cookie },
    });
    expect(JSON.parse(still.body)).toEqual(data);

    // Raising B.1 without raising B cannot be published.
    const raised = data.map((c) =>
      c.code === 'B.1' ? { ...c, maxPoints: 12, titleVi: 'Công khai, minh bạch (sửa)' } : c,
    );
    expect((await send(id, 'y.json', Buffer.from(JSON.stringify(raised)))).statusCode).toBe(200);
    const early = await call(w.app, 'POST', `/api/framework-versions/${id}/publish`, {
      who: w.users.root_admin,
    });
    expect(early.status).toBe(400);
    expect(early.json.fields.B).toBeTruthy();

    // The same through a spreadsheet: lower B.3 (10 → 8) so B adds up again, import, publish.
    const fixed = raised.map((c) => (c.code === 'B.3' ? { ...c, maxPoints: 8 } : c));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Tiêu chí');
    const cols = [
      'code',
      'titleVi',
      'titleEn',
      'method',
      'maxPoints',
      'minPoints',
      'evidenceRequired',
      'indicatorCode',
      'guidance',
    ];
    ws.addRow(cols);
    for (const c of fixed)
      ws.addRow(cols.map((k) => (c[k] === null || c[k] === undefined ? '' : c[k]) as string));
    const ok = await send(id, 'tieu-chi.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(
      (await call(w.app, 'POST', `/api/framework-versions/${id}/publish`, { who: w.users.root_admin }))
        .status,
    ).toBe(200);
    const list = await call(w.app, 'GET', '/api/frameworks', { who: w.users.root_admin });
    expect(
      list.json
        .filter((f: { code: string }) => f.code === 'pctn-unit')
        .map((f: { version: number; status: string }) => [f.version, f.status]),
    ).toEqual([
      [1, 'published'],
      [2, 'published'],
    ]);
    expect((await send(id, 'z.json', Buffer.from(JSON.stringify(fixed)))).statusCode).toBe(409);
    expect((await send(published, 'z.json', Buffer.from(JSON.stringify(fixed)))).statusCode).toBe(409);
    const xlsx = await w.app.inject({
      method: 'GET',
      url: `/api/framework-versions/${id}/export?format=xlsx`,
      headers: { cookie: w.users.root_admin.cookie },
    });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});
