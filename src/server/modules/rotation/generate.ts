import { vnToday } from '#server/clock.ts';
import { insertRows } from '#server/db/bulk.ts';
import { addDaysStr, type ProvinceWorld } from '#server/generate/world.ts';
import type { GeneratorStep } from '#server/platform/module.ts';
import { deferralReasons } from '#shared/rotation/schemas.ts';
import { rotationPositionSeed } from './seed.ts';
import { rotationAssignments, rotationDeferrals, rotationPlanItems, rotationPlans } from './tables.ts';

/**
 * Every generated official in a position subject to rotation (the due list's scale: 50,000 in a
 * province), assigned over the last six years; one in twenty deferred, one in thirty near retirement;
 * each department's 2026 plan issued with a share of those due carried out.
 */
async function generate(w: ProvinceWorld) {
  const { db, r, progress, now, count, declarants, departments } = w;
  const today = vnToday(now);
  const assignments: (typeof rotationAssignments.$inferInsert)[] = [];
  const deferrals: (typeof rotationDeferrals.$inferInsert)[] = [];
  for (const who of declarants) {
    const p = r.pick(rotationPositionSeed);
    const assignedOn = addDaysStr('2020-06-01', r.int(0, 6 * 365));
    if (assignedOn > today) continue;
    const probation = r.chance(0.1) ? 12 : 0;
    const [y, m, d] = assignedOn.split('-').map(Number) as [number, number, number];
    const dueMonth = m - 1 + probation;
    const due = new Date(Date.UTC(y + p.periodYears + Math.floor(dueMonth / 12), dueMonth % 12, d));
    const id = r.uuid();
    assignments.push({
      id,
      unitId: who.unitId,
      userId: who.id,
      personName: who.name,
      positionCode: p.code,
      assignedOn,
      probationMonths: probation,
      retiresOn: r.chance(1 / 30) ? addDaysStr(today, r.int(30, 900)) : null,
      dueOn: due.toISOString().slice(0, 10),
    });
    if (r.chance(0.05))
      deferrals.push({
        id: r.uuid(),
        assignmentId: id,
        reason: r.pick(deferralReasons),
        fromOn: addDaysStr(today, -r.int(30, 300)),
        untilOn: r.chance(0.7) ? addDaysStr(today, r.int(60, 700)) : null,
      });
  }
  // Each department's 2026 plan: issued in March, with its officials due in 2026, most carried out.
  const plans: (typeof rotationPlans.$inferInsert)[] = [];
  const items: (typeof rotationPlanItems.$inferInsert)[] = [];
  const byUnit = new Map<string, typeof assignments>();
  for (const a of assignments) byUnit.set(a.unitId, [...(byUnit.get(a.unitId) ?? []), a]);
  for (const dept of departments) {
    const planId = r.uuid();
    plans.push({
      id: planId,
      unitId: dept.id,
      year: 2026,
      stage: 'published',
      content: 'Kế hoạch chuyển đổi vị trí công tác năm 2026 (dữ liệu sinh)',
      issuedOn: addDaysStr('2026-03-01', r.int(0, 40)),
      decisionNo: `${r.int(1, 99)}/QĐ`,
      publishedOn: '2026-04-15',
    });
    for (const a of byUnit.get(dept.id) ?? []) {
      if (a.dueOn > '2026-12-31') continue;
      const done = r.chance(0.7) && today >= '2026-06-30';
      items.push({
        id: r.uuid(),
        planId,
        assignmentId: a.id!,
        plannedOn: '2026-06-30',
        status: done ? 'done' : 'planned',
        doneOn: done ? '2026-06-30' : null,
        decisionNo: done ? `${r.int(1, 300)}/QĐ` : null,
      });
      if (done) {
        a.endedOn = '2026-06-30';
        a.rotated = true;
      }
    }
  }
  await insertRows(db, rotationAssignments, assignments, (k) => progress.add(k));
  await insertRows(db, rotationDeferrals, deferrals);
  await insertRows(db, rotationPlans, plans);
  await insertRows(db, rotationPlanItems, items);
  count('rotation assignments', assignments.length);
  count('rotation plan items', items.length);
}

export const rotationGenerator: GeneratorStep = {
  label: 'chuyển đổi vị trí / job rotation',
  work: (s) => s.users,
  run: generate,
};
