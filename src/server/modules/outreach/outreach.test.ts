import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '#server/modules/index.ts';
import { units } from '#server/modules/org/tables.ts';
import { metric } from '#server/platform/metrics.ts';
import { describeMatrix } from '#test/matrix.ts';
import { addUser, call, createWorld, sessionFor, type Who, type World } from '#test/world.ts';
import { createEvent } from './service.ts';

let w: World;
let outsider: Who;
beforeAll(async () => {
  // The world's clock: 25/11/2026. R > A > A1; B beside A; every role's user works at A (16 staff).
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
const event = {
  title: 'Tập huấn Luật PCTN sửa đổi',
  kind: 'training',
  startedOn: '2026-09-10',
  audiences: ['officials', 'officials'],
  participants: 30,
  staffTrained: 8,
};

describe('outreach and education (issue 20)', () => {
  it('records events field by field, counts each unit’s staff trained, and feeds A.2.3', async () => {
    const bad = async (over: Record<string, unknown>, field: string) => {
      const res = await api(w.users.focal_officer, 'POST', '/api/outreach', {
        unitId: w.units.A,
        ...event,
        ...over,
      });
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(Object.keys(res.json.fields)).toContain(field);
    };
    await bad({ staffTrained: 31 }, 'staffTrained');
    await bad({ audiences: [] }, 'audiences');
    await bad({ startedOn: '2026-12-01' }, 'startedOn');
    await bad({ endedOn: '2026-09-01' }, 'endedOn');
    await bad({ unitId: w.units.B }, 'unitId');
    await bad({ costVnd: 1.5 }, 'costVnd');
    const ok = await api(w.users.focal_officer, 'POST', '/api/outreach', { unitId: w.units.A1, ...event });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    const got = await api(w.users.inspector, 'GET', `/api/outreach/${ok.json.id}`);
    // Audiences kept once each.
    expect(got.json).toMatchObject({ audiences: ['officials'], staffTrained: 8, unitId: w.units.A1 });
    expect((await api(outsider, 'GET', `/api/outreach/${ok.json.id}`)).status).toBe(404);
    expect(
      (
        await api(w.users.inspector, 'PUT', `/api/outreach/${ok.json.id}`, {
          unitId: w.units.A1,
          ...event,
          version: 1,
        })
      ).status,
    ).toBe(403);
    const edited = await api(w.users.focal_officer, 'PUT', `/api/outreach/${ok.json.id}`, {
      unitId: w.units.A1,
      ...event,
      staffTrained: 10,
      version: 1,
    });
    expect(edited.json.staffTrained).toBe(10);
    const stale = await api(w.users.focal_officer, 'PUT', `/api/outreach/${ok.json.id}`, {
      unitId: w.units.A1,
      ...event,
      version: 1,
    });
    expect(stale.status).toBe(409);
    // Coverage under A: its one child A1, with the staff whose home is below it (none: all work at A).
    const cov = await api(
      w.users.focal_officer,
      'GET',
      `/api/outreach/coverage?year=2026&unitId=${w.units.R}`,
    );
    expect(cov.status).toBe(404);
    const mine = await api(
      w.users.focal_officer,
      'GET',
      `/api/outreach/coverage?year=2026&unitId=${w.units.A}`,
    );
    expect(mine.json.units).toEqual([
      expect.objectContaining({ unitId: w.units.A1, staff: 0, trained: 10, share: 0 }),
    ]);
    expect(mine.json.kinds).toEqual([
      expect.objectContaining({ kind: 'training', events: 1, participants: 30 }),
    ]);
    // A.2.3: staff trained over active staff in the subtree (A has every role's user), at most all.
    const [a] = await w.database.db.select({ path: units.path }).from(units).where(eq(units.id, w.units.A));
    const m = await metric('staff_trained_share')!.compute(w.database.db, {
      unitId: w.units.A,
      unitPath: a!.path,
      year: 2026,
    });
    const staff = Number(m.detail.split('/')[1]);
    expect(m.detail).toBe(`10/${staff}`);
    expect(staff).toBeGreaterThan(10);
    expect(m.records).toEqual([ok.json.id]);
  });
});

const anEvent = (side: 'A' | 'B') =>
  createEvent(w.ctx, {
    unitId: side === 'A' ? w.units.A1 : w.units.B,
    title: 'Hội nghị',
    kind: 'conference',
    startedOn: '2026-10-01',
    audiences: ['officials'],
    participants: 10,
    staffTrained: 0,
    costVnd: 0,
  });
describeMatrix(
  () => w,
  [
    {
      name: 'read an outreach event',
      action: 'integrity.handle',
      orActions: ['integrity.oversee'],
      rootAdmin: false,
      request: async (s) => ({ method: 'GET', url: `/api/outreach/${(await anEvent(s)).id}` }),
    },
    {
      name: 'edit an outreach event',
      action: 'integrity.handle',
      reader: 'integrity.oversee',
      visibleDenied: 403,
      rootAdmin: false,
      request: async (s) => ({
        method: 'PUT',
        url: `/api/outreach/${(await anEvent(s)).id}`,
        body: {
          unitId: s === 'A' ? w.units.A1 : w.units.B,
          title: 'Hội nghị',
          kind: 'conference',
          startedOn: '2026-10-01',
          audiences: ['officials'],
          participants: 12,
          version: 1,
        },
      }),
    },
  ],
);
