import { eq, inArray } from 'drizzle-orm';
import { enterprises } from '#server/modules/enterprises/tables.ts';
import { units } from '#server/modules/org/tables.ts';
import { type DemoContext, demoActor } from '#server/platform/demo.ts';
import { createDeparture } from './service.ts';

/**
 * Three officials who left the demo province's departments: one now works, within the period, for an
 * enterprise the province knows (flagged), one whose period has ended, one bound to a project's end.
 */
export async function seedDemoDepartures(d: DemoContext) {
  const focal = await demoActor(d.ctx, 'daumoi');
  const coordinator = await demoActor(d.ctx, 'dieuphoi');
  const found = await d.ctx.db
    .select({ id: units.id, code: units.code })
    .from(units)
    .where(inArray(units.code, ['SH.STC', 'SH.SXD']));
  const unit = (code: string) => found.find((u) => u.code === code)!.id;
  const [known] = await d.ctx.db
    .select({ taxCode: enterprises.taxCode, name: units.name })
    .from(enterprises)
    .innerJoin(units, eq(units.id, enterprises.unitId))
    .orderBy(enterprises.taxCode)
    .limit(1);
  await createDeparture(focal, {
    unitId: unit('SH.STC'),
    personName: 'Trịnh Văn Khoản',
    position: 'Chuyên viên Phòng Quản lý ngân sách',
    leftOn: '2026-03-31',
    rule: 'finance_budget_assets',
    field: 'Quản lý ngân sách nhà nước, tài sản công',
    newEmployerName: known?.name ?? null,
    newEmployerTaxCode: known?.taxCode ?? null,
    note: 'Tự khai báo nơi làm việc mới khi nghỉ việc.',
  });
  await createDeparture(coordinator, {
    unitId: unit('SH.SXD'),
    personName: 'Đặng Thị Cấp',
    position: 'Phó Trưởng phòng Quản lý xây dựng',
    leftOn: '2024-06-30',
    rule: 'group1',
    months: 12,
    field: 'Cấp phép xây dựng',
    newEmployerName: 'Công ty TNHH Tư vấn Thiết kế Sông Hà',
    newEmployerTaxCode: '3109876543',
  });
  await createDeparture(coordinator, {
    unitId: unit('SH.SXD'),
    personName: 'Lưu Văn Dự',
    position: 'Chuyên viên Ban quản lý dự án đường tỉnh 742',
    leftOn: '2026-08-15',
    rule: 'project',
    projectEndsOn: '2027-12-31',
    field: 'Dự án đường tỉnh 742',
  });
}
