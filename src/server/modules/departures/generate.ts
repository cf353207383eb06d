import { vnToday } from '#server/clock.ts';
import { insertRows } from '#server/db/bulk.ts';
import { addDaysStr, GENERATED_YEARS, type ProvinceWorld } from '#server/generate/world.ts';
import type { GeneratorStep } from '#server/platform/module.ts';
import { addMonths } from '#shared/clocks/due.ts';
import { coolingOffRules } from '#shared/departures/schemas.ts';
import { departures } from './tables.ts';

const PER_DEPARTMENT_YEAR = 4;

/** Three years of each department's departures: most in groups 1–2, a few bound to a project. */
async function generate(w: ProvinceWorld) {
  const { db, r, progress, now, count, departments } = w;
  const today = vnToday(now);
  const out: (typeof departures.$inferInsert)[] = [];
  for (const year of GENERATED_YEARS)
    for (const unit of departments)
      for (let i = 0; i < PER_DEPARTMENT_YEAR; i++) {
        const leftOn = addDaysStr(`${year}-01-01`, r.int(0, 360));
        if (leftOn > today) continue;
        const rule = r.weighted([
          ['group1', 5],
          ['group2', 3],
          ['finance_budget_assets', 1],
          ['project', 1],
        ] as const);
        const projectEndsOn = rule === 'project' ? addDaysStr(leftOn, r.int(90, 900)) : null;
        const months = rule === 'project' ? null : coolingOffRules[rule].months;
        out.push({
          id: r.uuid(),
          unitId: unit.id,
          personName: `Cán bộ ${i + 1}/${year} (dữ liệu sinh)`,
          position: 'Chuyên viên (dữ liệu sinh)',
          leftOn,
          rule,
          months,
          projectEndsOn,
          coolingOffUntil: projectEndsOn ?? addMonths(leftOn, months!),
          field: 'Lĩnh vực quản lý (dữ liệu sinh)',
          newEmployerName: r.chance(0.4) ? 'Doanh nghiệp (dữ liệu sinh)' : null,
        });
      }
  await insertRows(db, departures, out, (k) => progress.add(k));
  count('departures', out.length);
}

export const departuresGenerator: GeneratorStep = {
  label: 'thôi giữ chức vụ / departures',
  work: (s) => s.departments * PER_DEPARTMENT_YEAR * GENERATED_YEARS.length,
  run: generate,
};
