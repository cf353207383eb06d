import { eq } from 'drizzle-orm';
import { units } from '#server/modules/org/tables.ts';
import { type DemoContext, demoActor } from '#server/platform/demo.ts';
import * as svc from './service.ts';

/**
 * The demo's job rotation at the Department of Finance: its 2026 plan issued in the first quarter and
 * carried out, and the 2027 plan drafted with who is due — beside one deferred for a young child, one
 * away at full-time study and one under 18 months from retirement.
 */
export async function seedDemoRotation(d: DemoContext) {
  const head = await demoActor(d.ctx, 'thutruong');
  const [stc] = await d.ctx.db.select({ id: units.id }).from(units).where(eq(units.code, 'SH.STC'));
  const unitId = stc!.id;
  const add = (
    personName: string,
    positionCode: string,
    assignedOn: string,
    extra: { retiresOn?: string } = {},
  ) =>
    svc.createAssignment(head, {
      unitId,
      personName,
      positionCode,
      assignedOn,
      probationMonths: 0,
      ...extra,
    });

  // 2026: issued in March, carried out in April.
  const son = await add('Hồ Văn Sơn', 'procurement', '2021-03-01', {});
  const plan2026 = await svc.createPlan(head, {
    unitId,
    year: 2026,
    content:
      'Chuyển đổi vị trí công tác năm 2026 đối với công chức làm công tác mua sắm công, đấu thầu đã đủ thời hạn; thực hiện trong quý II.',
    includeDue: true,
  });
  let p = await svc.planStep(head, plan2026.id, {
    step: 'issue',
    on: '2026-03-20',
    decisionNo: '35/QĐ-STC',
    version: 1,
  });
  p = await svc.planStep(head, plan2026.id, { step: 'publish', on: '2026-03-25', version: p.version });
  const item = p.itemList.find((i) => i.assignmentId === son.id)!;
  await svc.recordItem(head, item.id, {
    status: 'done',
    on: '2026-04-15',
    decisionNo: '52/QĐ-STC',
    version: item.version,
  });

  // Who stands where for 2027.
  await add('Trần Văn Bình', 'procurement', '2023-08-15');
  await add('Phạm Minh Tuấn', 'procurement', '2024-01-05');
  const hoa = await add('Lê Thị Hoa', 'budget_finance', '2023-02-01');
  await svc.addDeferral(head, hoa.id, {
    reason: 'pregnancy_or_young_child',
    from: '2026-06-01',
    until: '2028-03-31',
    note: 'Nuôi con dưới 36 tháng tuổi',
    version: 1,
  });
  const anh = await add('Vũ Đức Anh', 'procurement', '2023-11-20');
  await svc.addDeferral(head, anh.id, {
    reason: 'full_time_study',
    from: '2026-09-01',
    until: '2027-08-31',
    note: 'Học thạc sĩ tập trung',
    version: 1,
  });
  await add('Nguyễn Văn Thành', 'budget_finance', '2022-10-01', { retiresOn: '2027-12-31' });
  await add('Đỗ Thị Lan', 'personnel', '2025-03-01');
  await svc.createPlan(head, {
    unitId,
    year: 2027,
    content:
      'Dự thảo kế hoạch chuyển đổi vị trí công tác năm 2027: công chức mua sắm công, kế toán đủ 3 năm; thời gian thực hiện quý I/2027; người được chuyển đổi giữ nguyên ngạch, bậc lương.',
    includeDue: true,
  });
}
