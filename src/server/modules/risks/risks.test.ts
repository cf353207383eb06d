import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '#server/modules/index.ts';
import { describeMatrix } from '#test/matrix.ts';
import { addUser, call, createWorld, sessionFor, upload, type Who, type World } from '#test/world.ts';
import { createRisk } from './service.ts';

let w: World;
let outsider: Who;
beforeAll(async () => {
  // The world's clock: 25/11/2026. R > A > A1; B beside A.
  w = await createWorld();
  outsider = await sessionFor(
    w.database,
    await addUser(w, 'focal.b', 'focal_officer', w.units.B),
    w.clock.now(),
  );
});
afterAll(() => w.close());

const api = (who: Who, method: string, url: string, body?: unknown) =>
  call(w.app, method, url, { who, body });
const risk = {
  process: 'Thẩm định giá mua sắm',
  description: 'Nâng giá thẩm định',
  likelihood: 4,
  impact: 5,
  owner: 'Phòng Quản lý giá',
  controls: 'Hai người thẩm định độc lập',
  reviewBy: '2026-12-01',
};

describe('the corruption-risk register (issue 20)', () => {
  it('scores risks by the configured thresholds, maps them by likelihood and impact, and asks for reviews', async () => {
    const bad = async (over: Record<string, unknown>, field: string) => {
      const res = await api(w.users.focal_officer, 'POST', '/api/risks', {
        unitId: w.units.A1,
        ...risk,
        ...over,
      });
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(Object.keys(res.json.fields)).toContain(field);
      return res;
    };
    expect(JSON.stringify((await bad({ likelihood: 6 }, 'likelihood')).json.fields)).toContain('1 đến 5');
    await bad({ impact: 0 }, 'impact');
    await bad({ impact: 2.5 }, 'impact');
    await bad({ unitId: w.units.B }, 'unitId');
    await bad({ process: '' }, 'process');
    // Recorded today, it is next reviewed after today (rev20 P16: a date in 2020 was taken).
    await bad({ reviewBy: '2020-01-01' }, 'reviewBy');
    const made: string[] = [];
    for (const [l, i] of [
      [4, 5],
      [4, 5],
      [1, 2],
      [3, 3],
    ] as const) {
      const res = await api(w.users.focal_officer, 'POST', '/api/risks', {
        unitId: w.units.A1,
        ...risk,
        likelihood: l,
        impact: i,
      });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      made.push(res.json.id);
    }
    // Time passes: the review date the unit set (1/12) is behind us (the world's clock is fixed).
    await w.database.query(`update corruption_risks set review_by = '2026-11-20' where id = any($1)`, [made]);
    const first = await api(w.users.inspector, 'GET', `/api/risks/${made[0]}`);
    // 4 × 5 = 20: critical from 17; its review date (20/11) has passed.
    expect(first.json).toMatchObject({ score: 20, level: 'critical', reviewDue: true });
    const heat = await api(w.users.inspector, 'GET', '/api/risks/heat-map');
    expect(heat.json.thresholds).toEqual({ low: 1, medium: 5, high: 10, critical: 17 });
    expect(heat.json.cells).toEqual(
      expect.arrayContaining([
        { likelihood: 4, impact: 5, count: 2 },
        { likelihood: 1, impact: 2, count: 1 },
        { likelihood: 3, impact: 3, count: 1 },
      ]),
    );
    // A heat-map cell and a level filter the register; highest score first.
    const cell = await api(w.users.inspector, 'GET', '/api/risks?likelihood=4&impact=5');
    expect(cell.json.total).toBe(2);
    const medium = await api(w.users.inspector, 'GET', '/api/risks?level=medium');
    expect(medium.json.items.map((r: { score: number }) => r.score)).toEqual([9]);
    const all = await api(w.users.inspector, 'GET', '/api/risks');
    expect(all.json.items.map((r: { score: number }) => r.score)).toEqual([20, 20, 9, 2]);
    // Home asks the unit's handlers to review what is due.
    const home = await api(w.users.focal_officer, 'GET', '/api/me/deadlines?limit=50');
    expect(home.json.items.filter((d: { kind: string }) => d.kind === 'risk_review')).toHaveLength(4);
    // A review sets the next date after today and lowers the score; the inspectorate only reads.
    expect(
      (
        await api(w.users.inspector, 'PUT', `/api/risks/${made[0]}`, {
          unitId: w.units.A1,
          ...risk,
          version: 1,
        })
      ).status,
    ).toBe(403);
    const past = await api(w.users.focal_officer, 'PUT', `/api/risks/${made[0]}`, {
      unitId: w.units.A1,
      ...risk,
      reviewBy: '2026-11-20',
      version: 1,
    });
    expect(Object.keys(past.json.fields)).toEqual(['reviewBy']);
    const reviewed = await api(w.users.focal_officer, 'PUT', `/api/risks/${made[0]}`, {
      unitId: w.units.A1,
      ...risk,
      likelihood: 2,
      reviewBy: '2027-05-31',
      status: 'mitigated',
      note: 'Đã áp dụng cơ sở dữ liệu giá',
      version: 1,
    });
    expect(reviewed.json).toMatchObject({
      score: 10,
      level: 'high',
      reviewDue: false,
      lastReviewedOn: '2026-11-25',
    });
    expect((await api(outsider, 'GET', `/api/risks/${made[1]}`)).status).toBe(404);
    expect((await api(outsider, 'GET', '/api/risks/heat-map')).json.cells).toEqual([]);
  });
});

const aRisk = (side: 'A' | 'B') =>
  createRisk(w.ctx, {
    unitId: side === 'A' ? w.units.A1 : w.units.B,
    process: 'Quy trình',
    description: 'Rủi ro',
    likelihood: 2,
    impact: 2,
    owner: 'Phòng',
    reviewBy: '2027-01-01',
    status: 'open',
  });
describeMatrix(
  () => w,
  [
    {
      name: 'read a risk',
      action: 'integrity.handle',
      orActions: ['integrity.oversee'],
      rootAdmin: false,
      request: async (s) => ({ method: 'GET', url: `/api/risks/${(await aRisk(s)).id}` }),
    },
    {
      name: 'review a risk',
      action: 'integrity.handle',
      reader: 'integrity.oversee',
      visibleDenied: 403,
      rootAdmin: false,
      request: async (s) => ({
        method: 'PUT',
        url: `/api/risks/${(await aRisk(s)).id}`,
        body: {
          unitId: s === 'A' ? w.units.A1 : w.units.B,
          process: 'Quy trình',
          description: 'Rủi ro',
          likelihood: 1,
          impact: 2,
          owner: 'Phòng',
          reviewBy: '2027-06-01',
          version: 1,
        },
      }),
    },
  ],
);

describe("the method's thresholds (issue 20)", () => {
  it('are the province’s to change, from the top of the tree, in increasing order; every level follows', async () => {
    const rootCoordinator = await sessionFor(
      w.database,
      await addUser(w, 'dieuphoi.r', 'coordinator', w.units.R),
      w.clock.now(),
    );
    const set = (who: Who, body: unknown) => api(who, 'PUT', '/api/risks/thresholds', body);
    // A coordinator of one department, a unit's handler: the route is not theirs.
    expect((await set(w.users.coordinator, { medium: 4, high: 9, critical: 16 })).status).toBe(404);
    expect((await set(w.users.focal_officer, { medium: 4, high: 9, critical: 16 })).status).toBe(404);
    // The administrator keeps no register: not theirs either (sec31 F5).
    expect((await set(w.users.root_admin, { medium: 4, high: 9, critical: 16 })).status).toBe(404);
    const order = await set(rootCoordinator, { medium: 9, high: 9, critical: 16 });
    expect(order.status).toBe(400);
    expect(Object.keys(order.json.fields)).toEqual(['high']);
    expect(
      Object.keys((await set(rootCoordinator, { medium: 4, high: 9, critical: 30 })).json.fields),
    ).toEqual(['critical']);
    const ok = await set(rootCoordinator, { medium: 4, high: 9, critical: 16 });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(ok.json).toEqual({ low: 1, medium: 4, high: 9, critical: 16 });
    const heat = await api(w.users.focal_officer, 'GET', '/api/risks/heat-map');
    expect(heat.json.thresholds).toEqual({ low: 1, medium: 4, high: 9, critical: 16 });
    // A 4 × 4 risk (16) is now critical.
    const listed = await api(w.users.focal_officer, 'GET', '/api/risks?likelihood=4&impact=4&pageSize=5');
    for (const r of listed.json.items) expect(r.level).toBe('critical');
    const [event] = await w.database.query<{ changes: Record<string, unknown> }>(
      "select changes from audit_events where action = 'risk.thresholds_changed' order by seq desc limit 1",
    );
    expect(event!.changes).toMatchObject({ medium: [5, 4], high: [10, 9], critical: [17, 16] });
    await set(rootCoordinator, { medium: 5, high: 10, critical: 17 });
  });
});

describe("a risk's evidence", () => {
  it('is kept with the risk in its unit and opens only to whoever reads the risk; taken off, it no longer opens through it', async () => {
    const proof = JSON.parse(
      (
        await upload(
          w.app,
          '/api/files',
          w.users.focal_officer,
          { unitId: w.units.A1 },
          { name: 'bien-ban-kiem-tra.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') },
        )
      ).body,
    ).id as string;
    const made = await api(w.users.focal_officer, 'POST', '/api/risks', {
      unitId: w.units.A1,
      ...risk,
      reviewBy: '2027-06-30',
      evidenceFileIds: [proof, proof],
    });
    expect(made.status, JSON.stringify(made.json)).toBe(200);
    const got = await api(w.users.focal_officer, 'GET', `/api/risks/${made.json.id}`);
    expect(got.json.evidenceFileIds).toEqual([proof]);
    // The inspectorate reads the register, so the file; a handler of another department does not.
    expect((await api(w.users.inspector, 'GET', `/api/files/${proof}`)).status).toBe(200);
    expect((await api(outsider, 'GET', `/api/files/${proof}`)).status).toBe(404);
    // Someone else's upload is not the handler's to attach; nor is an id that is no file.
    const stranger = await api(w.users.focal_officer, 'POST', '/api/risks', {
      unitId: w.units.A1,
      ...risk,
      evidenceFileIds: [w.units.A],
    });
    expect(Object.keys(stranger.json.fields)).toEqual(['evidenceFileIds']);
    const off = await api(w.users.focal_officer, 'PUT', `/api/risks/${made.json.id}`, {
      unitId: w.units.A1,
      ...risk,
      reviewBy: '2027-06-30',
      evidenceFileIds: [],
      version: got.json.version,
    });
    expect(off.status, JSON.stringify(off.json)).toBe(200);
    expect((await api(w.users.inspector, 'GET', `/api/files/${proof}`)).status).toBe(404);
  });
});

describe('the corruption-risk register from a sheet (issue 20)', () => {
  const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  const mapping = {
    unitCode: 'Đơn vị',
    process: 'Quy trình',
    description: 'Rủi ro',
    likelihood: 'Khả năng',
    impact: 'Ảnh hưởng',
    owner: 'Chịu trách nhiệm',
    controls: 'Biện pháp',
    reviewBy: 'Rà soát',
    status: 'Tình trạng',
  };
  const header = 'Đơn vị;Quy trình;Rủi ro;Khả năng;Ảnh hưởng;Chịu trách nhiệm;Biện pháp;Rà soát;Tình trạng';
  const send = (step: 'dry-run' | 'commit', lines: string[], who: Who = w.users.focal_officer) =>
    upload(
      w.app,
      `/api/imports/corruption_risks/${step}`,
      who,
      { mapping: JSON.stringify(mapping) },
      {
        name: 'so-rui-ro.csv',
        content: csv([header, ...lines]),
      },
    );
  const count = async () =>
    (await w.database.query<{ n: number }>('select count(*)::int as n from corruption_risks'))[0]!.n;

  it('names every bad row and column and changes nothing, then records each risk once, levels in words too', async () => {
    const before = await count();
    const good = [
      'A1;Cấp phép xây dựng;Gây khó khăn để nhận tiền;rất cao;4;Trưởng phòng;Một cửa liên thông;30/06/2027;Đang theo dõi',
      'A1;Mua sắm tài sản;Chia nhỏ gói thầu;2;Trung bình;Kế toán trưởng;;31/12/2026;',
    ];
    const bad = await send('commit', [
      ...good,
      'B;Ngoài phạm vi;X;3;3;Ai đó;;30/06/2027;',
      'A1;Khả năng lạ;X;6;3;Ai đó;;30/06/2027;',
      'A1;Ảnh hưởng lạ;X;3;khủng khiếp;Ai đó;;30/06/2027;',
      'A1;Thiếu người;X;3;3;;;30/06/2027;',
      'A1;Ngày sai;X;3;3;Ai đó;;31/02/2027;',
      'A1;Tình trạng lạ;X;3;3;Ai đó;;30/06/2027;đang ngủ',
      'A1;Cấp phép xây dựng;Gây khó khăn để nhận tiền;1;1;Trùng;;30/06/2027;',
    ]);
    expect(bad.statusCode, bad.body).toBe(400);
    expect((bad.json().rows as Array<{ row: number; column: string }>).map((e) => [e.row, e.column])).toEqual(
      [
        [4, 'Đơn vị'],
        [5, 'Khả năng'],
        [6, 'Ảnh hưởng'],
        [7, 'Chịu trách nhiệm'],
        [8, 'Rà soát'],
        [9, 'Tình trạng'],
        [10, 'Rủi ro'],
      ],
    );
    expect(await count()).toBe(before);
    const done = await send('commit', good);
    expect(done.statusCode, done.body).toBe(200);
    expect(await count()).toBe(before + 2);
    const listed = await api(w.users.focal_officer, 'GET', '/api/risks?q=chia%20nho&pageSize=10');
    expect(listed.json.items[0]).toMatchObject({ likelihood: 2, impact: 3, score: 6, status: 'open' });
    expect((await send('dry-run', good)).json().counts).toMatchObject({ create: 0, unchanged: 2 });
    // Someone who keeps no register in that unit has no such import.
    expect((await send('dry-run', good, w.users.declarant)).statusCode).toBe(404);
  });
});
