import { vnToday } from '#server/clock.ts';
import { insertRows } from '#server/db/bulk.ts';
import { addDaysStr, GENERATED_YEARS, type ProvinceWorld } from '#server/generate/world.ts';
import type { GeneratorStep } from '#server/platform/module.ts';
import { selfInspections } from './tables.ts';

const PER_UNIT_YEAR = 2;
const areas = [
  'Bộ phận một cửa',
  'Cấp phép',
  'Thẩm định hồ sơ',
  'Thu, chi ngân sách',
  'Quản lý tài sản công',
];

/** Each department's and commune's yearly self-inspections: most done, some late, a few with violations. */
async function generate(w: ProvinceWorld) {
  const { db, r, progress, now, count, departments, communes } = w;
  const today = vnToday(now);
  const out: (typeof selfInspections.$inferInsert)[] = [];
  for (const year of GENERATED_YEARS)
    for (const unit of [...departments, ...communes])
      for (let i = 0; i < PER_UNIT_YEAR; i++) {
        const plannedFrom = addDaysStr(`${year}-01-01`, r.int(30, 300));
        const plannedTo = addDaysStr(plannedFrom, r.int(7, 45));
        const staffCount = r.int(3, 30);
        const done = plannedTo < today && r.chance(0.85);
        const violations = done && r.chance(0.2) ? r.int(1, 3) : 0;
        out.push({
          id: r.uuid(),
          unitId: unit.id,
          year,
          area: r.pick(areas),
          staffCount,
          plannedFrom,
          plannedTo,
          status: done ? 'done' : 'planned',
          doneOn: done ? plannedTo : null,
          checkedCount: done ? staffCount : null,
          violationsFound: done ? violations : null,
          staffHandled: done ? violations : null,
          referred: done ? 0 : null,
          findings: violations > 0 ? 'Vi phạm quy trình (dữ liệu sinh)' : null,
        });
      }
  await insertRows(db, selfInspections, out, (k) => progress.add(k));
  count('self-inspections', out.length);
}

export const selfInspectionGenerator: GeneratorStep = {
  label: 'tự kiểm tra / self-inspections',
  work: (s) => (s.departments + s.communes) * PER_UNIT_YEAR * GENERATED_YEARS.length,
  run: generate,
};
