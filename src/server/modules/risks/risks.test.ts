import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '#server/modules/index.ts';
import { describeMatrix } from '#test/matrix.ts';
import { addUser, call, createWorld, sessionFor, type Who, type World } from '#test/world.ts';
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
  reviewBy: '2026-11-20',
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
