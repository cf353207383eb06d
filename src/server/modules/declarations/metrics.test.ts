import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '#server/modules/org/tables.ts';
import { metric } from '#server/platform/metrics.ts';
import { declareAs, personIn } from '#test/declarations.ts';
import { createWorld, type World } from '#test/world.ts';
import '#server/modules/index.ts';
import { openRound, refreshRoster } from './roster.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

describe('declarations as metrics (auto-indicators, statutory reports)', () => {
  it('counts who on the year’s roster declared by the round’s date, and what verifications concluded', async () => {
    const on = await personIn(w, w.units.B, { declarationDuty: true });
    await personIn(w, w.units.B, { declarationDuty: true });
    const round = await openRound(w.ctx, {
      unitId: w.units.B,
      year: 2026,
      rosterDueOn: '2026-12-09',
      declareDueOn: '2026-12-31',
      handoverDueOn: '2027-01-16',
    });
    await refreshRoster(w.ctx, round.id, w.units.B);
    const [b] = await w.database.db.select().from(units).where(eq(units.id, w.units.B));
    const scope = { unitId: w.units.B, unitPath: b!.path, year: 2026 };
    const onTime = metric('declarations_on_time')!;
    expect(await onTime.compute(w.database.db, scope)).toMatchObject({ value: 0, detail: '0/2' });
    const sub = await declareAs(w, on.who, 'annual', 2026);
    expect(sub.sub.status, JSON.stringify(sub.sub.json)).toBe(200);
    expect(await onTime.compute(w.database.db, scope)).toEqual({
      value: 0.5,
      detail: '1/2',
      records: [round.id],
      // The round by its control unit and year (review rev28: "đợt kê khai 1").
      labels: [`${b!.name} 2026`],
    });
    // No roster in another year; no verification concluded yet.
    expect((await onTime.compute(w.database.db, { ...scope, year: 2025 })).detail).toBe('no_roster');
    expect((await metric('declarations_verified_honest')!.compute(w.database.db, scope)).detail).toBe(
      'none_verified',
    );
  });
});
