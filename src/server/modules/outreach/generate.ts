import { vnToday } from '#server/clock.ts';
import { insertRows } from '#server/db/bulk.ts';
import { addDaysStr, GENERATED_YEARS, type ProvinceWorld } from '#server/generate/world.ts';
import type { GeneratorStep } from '#server/platform/module.ts';
import { audiences, outreachKinds } from '#shared/outreach/schemas.ts';
import { outreachEvents, outreachStaffCounts } from './tables.ts';

const EVENTS_PER_UNIT_YEAR = 3;

/** Each department's and commune's outreach for three years: a few events each, some training its staff. */
async function generate(w: ProvinceWorld) {
  const { db, r, progress, now, count, departments, communes } = w;
  const today = vnToday(now);
  const rowsOut: (typeof outreachEvents.$inferInsert)[] = [];
  for (const year of GENERATED_YEARS)
    for (const unit of [...departments, ...communes])
      for (let n = 0; n < EVENTS_PER_UNIT_YEAR; n++) {
        const startedOn = addDaysStr(`${year}-01-01`, r.int(0, 364));
        if (startedOn > today) continue;
        const kind = r.pick(outreachKinds);
        const participants = r.int(10, 400);
        rowsOut.push({
          id: r.uuid(),
          unitId: unit.id,
          title: `Hoạt động tuyên truyền ${n + 1}/${year} (dữ liệu sinh)`,
          kind,
          startedOn,
          audiences: [r.pick(audiences)],
          participants,
          staffTrained:
            kind === 'training' || kind === 'conference' ? r.int(0, Math.min(participants, 40)) : 0,
          costVnd: r.int(0, 50) * 1_000_000,
        });
      }
  await insertRows(db, outreachEvents, rowsOut, (k) => progress.add(k));
  count('outreach events', rowsOut.length);
  // Most units state their staff and the different people trained each year (some have not yet).
  const stated: (typeof outreachStaffCounts.$inferInsert)[] = [];
  for (const year of GENERATED_YEARS)
    for (const unit of [...departments, ...communes]) {
      if (`${year}-01-01` > today || r.chance(0.2)) continue;
      const staff = r.int(15, 250);
      stated.push({ unitId: unit.id, year, staff, staffTrained: r.int(0, staff) });
    }
  await insertRows(db, outreachStaffCounts, stated, () => {});
  count('outreach staff statements', stated.length);
}

export const outreachGenerator: GeneratorStep = {
  label: 'tuyên truyền / outreach',
  work: (s) => (s.departments + s.communes) * EVENTS_PER_UNIT_YEAR * GENERATED_YEARS.length,
  run: generate,
};
