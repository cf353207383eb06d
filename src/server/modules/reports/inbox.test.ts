import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createWorld, keyedSessionFor, type World } from '#test/world.ts';
import { COUNT_CAP } from './service.ts';

let w: World;
let officer: Awaited<ReturnType<typeof keyedSessionFor>>;

beforeAll(async () => {
  w = await createWorld();
  officer = await keyedSessionFor(w.database, w.users.intake_officer.userId, w.clock.now());
  // Metadata-only rows (as after retention), enough to pass the counting cap.
  await w.database.query(
    `insert into reports (received_unit_id, unit_id, category_code, channel, named, kind, status, received_at, received_on, next_due_on, receipt_lookup)
     select $1, $1, 'other', 'web', false, 'unclassified', case when g % 2 = 0 then 'closed' else 'received' end,
       timestamptz '2026-11-01' + g * interval '1 second', '2026-11-01', date '2026-11-20' + (g % 10), decode(md5(g::text) || md5((-g)::text), 'hex')
     from generate_series(1, ${COUNT_CAP + 20}) g`,
    [w.units.A],
  );
});
afterAll(() => w.close());

describe('a large inbox', () => {
  it('stops counting at the cap and says so; filtered counts below it are exact', async () => {
    const all = await call(w.app, 'GET', '/api/reports?pageSize=5', { who: officer });
    expect(all.status).toBe(200);
    expect(all.json).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    expect(all.json.items).toHaveLength(5);
    const some = await call(w.app, 'GET', '/api/reports?clock=overdue&status=received&pageSize=5', {
      who: officer,
    });
    // Due 20–24/11 are overdue on 25/11: days 20..24 are g % 10 in 0..4, among the odd g (received).
    const [expected] = await w.database.query<{ n: number }>(
      `select count(*)::int as n from reports where status = 'received' and next_due_on < '2026-11-25'`,
    );
    expect(some.json).toMatchObject({ total: expected!.n, totalCapped: false });
    expect(expected!.n).toBeGreaterThan(1000);
  });

  it('sorts by due date with empty dates last', async () => {
    const res = await call(w.app, 'GET', '/api/reports?sort=nextDueOn&status=received&pageSize=3', {
      who: officer,
    });
    expect(res.json.items.map((r: { nextDueOn: string }) => r.nextDueOn)).toEqual([
      '2026-11-21',
      '2026-11-21',
      '2026-11-21',
    ]);
  });
});

describe('finding a report by its number', () => {
  it('looks the number up by sequence without opening content, in scope only', async () => {
    const [r] = await w.database.query<{ seq: number }>(
      `select seq::int as seq from reports where unit_id = $1 order by seq desc offset 7 limit 1`,
      [w.units.A],
    );
    const number = `2026-${String(r!.seq).padStart(6, '0')}`;
    const res = await call(w.app, 'GET', `/api/reports?q=${number}`, { who: officer });
    expect(res.status).toBe(200);
    expect(res.json.items.map((x: { number: string }) => x.number)).toEqual([number]);
    // The year is part of the number: the same sequence in another year is another report.
    const other = await call(w.app, 'GET', `/api/reports?q=2025-${String(r!.seq).padStart(6, '0')}`, {
      who: officer,
    });
    expect(other.json.items).toEqual([]);
  });
});
