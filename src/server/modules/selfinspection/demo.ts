import { eq } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import { units } from '#server/modules/org/tables.ts';
import { type DemoContext, demoActor } from '#server/platform/demo.ts';
import { createSelfInspection, recordResult } from './service.ts';

/** The Finance department's self-inspections this year: two carried out (one found a violation), one due. */
export async function seedDemoSelfInspections(d: DemoContext) {
  const head = await demoActor(d.ctx, 'thutruong');
  const [stc] = await d.ctx.db.select({ id: units.id }).from(units).where(eq(units.code, 'SH.STC'));
  const today = vnToday(d.ctx.clock.now());
  const year = Number(today.slice(0, 4));
  const desk = await createSelfInspection(head, {
    unitId: stc!.id,
    year,
    area: 'Bộ phận tiếp nhận và trả kết quả thủ tục hành chính',
    staffCount: 6,
    plannedFrom: `${year}-03-01`,
    plannedTo: `${year}-03-31`,
  });
  await recordResult(head, desk.id, {
    doneOn: `${year}-03-28`,
    checkedCount: 6,
    violationsFound: 1,
    staffHandled: 1,
    referred: 0,
    findings: 'Một công chức nhận hồ sơ không ghi sổ theo dõi, hẹn trả kết quả chậm 3 ngày không có lý do.',
    measures: 'Kiểm điểm, nhắc nhở; niêm yết lại quy trình và số điện thoại đường dây nóng.',
    version: 1,
  });
  const prices = await createSelfInspection(head, {
    unitId: stc!.id,
    year,
    area: 'Phòng Quản lý giá và công sản — thẩm định giá tài sản công',
    staffCount: 9,
    plannedFrom: `${year}-06-01`,
    plannedTo: `${year}-06-30`,
  });
  await recordResult(head, prices.id, {
    doneOn: `${year}-06-25`,
    checkedCount: 9,
    violationsFound: 0,
    staffHandled: 0,
    referred: 0,
    measures: 'Duy trì việc công khai biên bản thẩm định giá.',
    version: 1,
  });
  // Its period ends tomorrow (Home reminds the head).
  const next = new Date(`${today}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const tomorrow = next.toISOString().slice(0, 10);
  await createSelfInspection(head, {
    unitId: stc!.id,
    year,
    area: 'Phòng Tài chính doanh nghiệp — cấp phép, xác nhận hồ sơ',
    staffCount: 7,
    plannedFrom: `${today.slice(0, 7)}-01`,
    plannedTo: tomorrow.startsWith(String(year)) ? tomorrow : `${year}-12-31`,
  });
}
