import { vnToday } from '#server/clock.ts';
import { insertRows } from '#server/db/bulk.ts';
import { addDaysStr, type ProvinceWorld } from '#server/generate/world.ts';
import type { GeneratorStep } from '#server/platform/module.ts';
import { corruptionRisks } from './tables.ts';

const PER_DEPARTMENT = 8;
const PER_COMMUNE = 3;
const processes = [
  'Cấp phép',
  'Mua sắm công',
  'Thẩm định dự án',
  'Quản lý đất đai',
  'Tuyển dụng',
  'Thu ngân sách',
  'Thanh tra, kiểm tra',
];

/** Each department's and commune's risk register: a few processes scored, some reviews late. */
async function generate(w: ProvinceWorld) {
  const { db, r, progress, now, count, departments, communes } = w;
  const today = vnToday(now);
  const out: (typeof corruptionRisks.$inferInsert)[] = [];
  for (const [list, n] of [
    [departments, PER_DEPARTMENT],
    [communes, PER_COMMUNE],
  ] as const)
    for (const unit of list)
      for (let i = 0; i < n; i++)
        out.push({
          id: r.uuid(),
          unitId: unit.id,
          process: r.pick(processes),
          description: 'Rủi ro tham nhũng (dữ liệu sinh)',
          likelihood: r.int(1, 5),
          impact: r.int(1, 5),
          owner: 'Bộ phận chuyên môn',
          controls: 'Biện pháp kiểm soát (dữ liệu sinh)',
          reviewBy: addDaysStr(today, r.int(-60, 300)),
          lastReviewedOn: r.chance(0.6) ? addDaysStr(today, -r.int(30, 300)) : null,
          status: r.weighted([
            ['open', 7],
            ['mitigated', 2],
            ['closed', 1],
          ] as const),
        });
  await insertRows(db, corruptionRisks, out, (k) => progress.add(k));
  count('corruption risks', out.length);
}

export const risksGenerator: GeneratorStep = {
  label: 'rủi ro tham nhũng / corruption risks',
  work: (s) => s.departments * PER_DEPARTMENT + s.communes * PER_COMMUNE,
  run: generate,
};
