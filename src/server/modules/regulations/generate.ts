import { vnToday } from '#server/clock.ts';
import { insertRows } from '#server/db/bulk.ts';
import { addDaysStr, GENERATED_YEARS, type ProvinceWorld } from '#server/generate/world.ts';
import type { GeneratorStep } from '#server/platform/module.ts';
import { documentKinds } from '#shared/regulations/schemas.ts';
import { regulationReviews } from './tables.ts';

const PER_DEPARTMENT_YEAR = 6;

/** Three years of each department's document reviews: most consistent, some gaps proposed and settled. */
async function generate(w: ProvinceWorld) {
  const { db, r, progress, now, count, departments } = w;
  const today = vnToday(now);
  const out: (typeof regulationReviews.$inferInsert)[] = [];
  for (const year of GENERATED_YEARS)
    for (const unit of departments)
      for (let i = 0; i < PER_DEPARTMENT_YEAR; i++) {
        const reviewedOn = addDaysStr(`${year}-01-01`, r.int(0, 330));
        if (reviewedOn > today) continue;
        const result = r.weighted([
          ['consistent', 7],
          ['gap_found', 2],
          ['outdated', 1],
        ] as const);
        const proposed = result !== 'consistent' && r.chance(0.8);
        const proposedOn = proposed ? addDaysStr(reviewedOn, r.int(1, 20)) : null;
        const settled = proposedOn && proposedOn <= today && r.chance(0.5);
        out.push({
          id: r.uuid(),
          unitId: unit.id,
          documentNo: `${r.int(1, 99)}/${year}/QĐ-UBND`,
          title: `Văn bản rà soát ${i + 1}/${year} (dữ liệu sinh)`,
          documentKind: r.pick(documentKinds),
          issuer: 'UBND tỉnh',
          issuerLevel: r.pick(['central', 'provincial', 'own'] as const),
          reviewedOn,
          result,
          gap: result === 'consistent' ? null : 'Bất cập (dữ liệu sinh)',
          proposal: proposed ? 'Kiến nghị sửa đổi (dữ liệu sinh)' : null,
          proposedTo: proposed ? 'UBND tỉnh' : null,
          proposedOn: proposedOn && proposedOn <= today ? proposedOn : null,
          status: !proposed || !proposedOn || proposedOn > today ? 'none' : settled ? 'amended' : 'proposed',
          outcomeOn: settled ? proposedOn : null,
          systematised: r.chance(0.5),
        });
      }
  await insertRows(db, regulationReviews, out, (k) => progress.add(k));
  count('regulation reviews', out.length);
}

export const regulationsGenerator: GeneratorStep = {
  label: 'rà soát văn bản / regulation reviews',
  work: (s) => s.departments * PER_DEPARTMENT_YEAR * GENERATED_YEARS.length,
  run: generate,
};
