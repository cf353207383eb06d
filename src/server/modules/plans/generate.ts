import { vnToday } from '#server/clock.ts';
import { insertRows } from '#server/db/bulk.ts';
import { personName } from '#server/generate/names.ts';
import { assessedCount, GENERATED_YEARS, type ProvinceWorld } from '#server/generate/world.ts';
import { planItems, plans, progressReports } from '#server/modules/plans/tables.ts';
import type { GeneratorStep } from '#server/platform/module.ts';

/** The province's plan for each generated year and every unit's plan implementing it, with progress reports. */
async function generate(w: ProvinceWorld) {
  const {
    db,
    r,
    shape,
    progress,
    now,
    count,
    province,
    departments,
    inspectorate,
    deptSubs,
    districts,
    formerCommunes,
    communes,
    communeSubs,
    focalOf,
  } = w;
  const groups = [
    'leadership',
    'regulations',
    'propaganda',
    'prevention',
    'accountability',
    'non_state',
    'detection',
    'citizens',
  ];
  const today = vnToday(now);
  const itemTopics = [
    'Quán triệt, tuyên truyền văn bản về PCTNTC',
    'Rà soát, đánh giá văn bản quy phạm pháp luật',
    'Công khai, minh bạch hoạt động',
    'Kiểm soát tài sản, thu nhập',
    'Chuyển đổi vị trí công tác',
    'Thực hiện quy tắc ứng xử',
    'Kiểm tra, thanh tra việc thực hiện',
    'Tiếp nhận, xử lý phản ánh, tố cáo',
  ];
  let planRows = 0;
  let itemRows = 0;
  for (const year of GENERATED_YEARS) {
    const provincePlanId = r.uuid();
    const closed = `${year}-12-31` < today;
    const planUnits =
      year < 2025
        ? [...departments, ...deptSubs, ...districts, ...formerCommunes]
        : [...departments, ...deptSubs, ...communes, ...communeSubs];
    const planList: (typeof plans.$inferInsert)[] = [
      {
        id: provincePlanId,
        unitId: province.id,
        year,
        title: `Kế hoạch PCTNTC năm ${year} của UBND ${province.name}`,
        docNumber: `${r.int(10, 300)}/KH-UBND`,
        docDate: `${year - 1}-12-${r.int(15, 28)}`,
        signer: personName(r),
        status: closed ? 'closed' : 'issued',
        issuedVersion: 1,
        issuedAt: new Date(`${year - 1}-12-28T03:00:00Z`),
      },
    ];
    const provinceItems = groups.flatMap((g, gi) =>
      Array.from({ length: 5 }, (_, k) => ({
        id: r.uuid(),
        planId: provincePlanId,
        ordinal: gi * 10 + k,
        groupCode: g,
        content: `${itemTopics[gi]} (${k + 1})`,
        leadUnitId: inspectorate.id,
        deadline: `${year}-${String(3 * (k % 4) + 3).padStart(2, '0')}-28`,
        status: closed ? 'done' : 'in_progress',
        progress: closed ? 100 : r.int(30, 90),
      })),
    );
    const itemList: (typeof planItems.$inferInsert)[] = [...provinceItems];
    const progressList: (typeof progressReports.$inferInsert)[] = [];
    for (const u of planUnits) {
      const planId = r.uuid();
      // The named focal officer's department has issued its plan (the durability test reports on it).
      const issued = closed || u === departments[0] || r.chance(0.92);
      planList.push({
        id: planId,
        unitId: u.id,
        year,
        sourcePlanId: provincePlanId,
        title: `Kế hoạch PCTNTC năm ${year} — ${u.name}`,
        docNumber: issued ? `${r.int(1, 99)}/KH` : null,
        status: closed ? 'closed' : issued ? 'issued' : 'draft',
        issuedVersion: issued ? 1 : 0,
        issuedAt: issued ? new Date(`${year}-01-${String(r.int(5, 28)).padStart(2, '0')}T03:00:00Z`) : null,
        dueDate: `${year}-01-31`,
      });
      let parent: string | null = null;
      for (let k = 0; k < shape.itemsPerPlan; k++) {
        const source = provinceItems[k % provinceItems.length]!;
        const top = k % 3 === 0;
        const id = r.uuid();
        const month = r.int(2, 12);
        const deadline = `${year}-${String(month).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
        const past = deadline < today;
        const progressValue = closed
          ? r.chance(0.85)
            ? 100
            : r.int(40, 90)
          : past
            ? r.chance(0.7)
              ? 100
              : r.int(0, 90)
            : r.chance(0.4)
              ? 0
              : r.int(10, 90);
        itemList.push({
          id,
          planId,
          parentId: top ? null : parent,
          sourceItemId: top ? source.id : null,
          ordinal: k,
          groupCode: source.groupCode,
          content: top
            ? source.content
            : `Nhiệm vụ cụ thể ${k + 1}: ${itemTopics[groups.indexOf(source.groupCode)]}`,
          leadUnitId: u.id,
          deadline,
          status: progressValue === 100 ? 'done' : progressValue === 0 ? 'not_started' : 'in_progress',
          progress: progressValue,
        });
        if (top) parent = id;
        if (progressValue > 0 && issued)
          progressList.push({
            id: r.uuid(),
            itemId: id,
            period: closed ? `${year}-Y` : `${year}-Q3`,
            status: progressValue === 100 ? 'done' : 'in_progress',
            progress: progressValue,
            result: progressValue === 100 ? 'Đã hoàn thành theo kế hoạch.' : 'Đang triển khai.',
            review: closed || r.chance(0.6) ? 'accepted' : 'submitted',
            submittedBy: focalOf.get(u.id) ?? null,
            submittedAt: new Date(
              `${closed ? year : Number(today.slice(0, 4))}-${closed ? '12-10' : '09-10'}T03:00:00Z`,
            ),
          });
      }
    }
    await insertRows(db, plans, planList);
    await insertRows(db, planItems, itemList, (k) => progress.add(k));
    await insertRows(db, progressReports, progressList);
    planRows += planList.length;
    itemRows += itemList.length;
    count('progressReports', progressList.length);
  }
  count('plans', planRows);
  count('planItems', itemRows);
}

export const plansGenerator: GeneratorStep = {
  label: 'kế hoạch / plans',
  work: (s) => s.itemsPerPlan * 3 * assessedCount(s),
  run: generate,
};
