import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, citizenReport, createWorld, keyedSessionFor, type Who, type World } from '#test/world.ts';
import { identityRequests } from './tables.ts';

let w: World;
let officer: Who;
let custodian: Who;
beforeAll(async () => {
  w = await createWorld();
  officer = await keyedSessionFor(w.database, w.users.intake_officer.userId, w.clock.now());
  custodian = await keyedSessionFor(w.database, w.users.custodian.userId, w.clock.now());
});
afterAll(() => w.close());

describe('identity requests list', () => {
  it('sorts newest first by default, oldest first when asked, and refuses an unknown sort', async () => {
    const numbers: string[] = [];
    for (const i of [0, 1, 2]) {
      const r = await citizenReport(w, w.units.A, `Tin báo ${i}`, `Người báo ${i}`);
      numbers.push(r.number);
      const asked = await call(w.app, 'POST', `/api/reports/${r.id}/identity-requests`, {
        who: officer,
        body: { reason: 'Cần làm việc trực tiếp với người báo tin để xác minh.' },
      });
      expect(asked.status).toBe(200);
      // Asked a minute apart (the world's clock stands still between requests).
      await w.database.db
        .update(identityRequests)
        .set({ createdAt: new Date(Date.parse('2026-11-25T02:00:00Z') + i * 60_000) })
        .where(eq(identityRequests.reportId, r.id));
    }
    const list = async (sort?: string) => {
      const res = await call(w.app, 'GET', `/api/identity-requests${sort ? `?sort=${sort}` : ''}`, {
        who: custodian,
      });
      return res.json.items.map((x: { reportNumber: string }) => x.reportNumber);
    };
    expect(await list()).toEqual([...numbers].reverse());
    expect(await list('createdAt')).toEqual(numbers);
    expect(await list('-createdAt')).toEqual([...numbers].reverse());
    expect((await list('unitName')).sort()).toEqual([...numbers].sort());
    expect((await list('requesterName')).sort()).toEqual([...numbers].sort());
    expect((await call(w.app, 'GET', '/api/identity-requests?sort=reason', { who: custodian })).status).toBe(
      400,
    );
  });
});
