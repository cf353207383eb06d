import { eq } from 'drizzle-orm';
import { units } from '#server/modules/org/tables.ts';
import { type DemoContext, demoActor } from '#server/platform/demo.ts';
import { createEvent, stateStaffCount } from './service.ts';

/** The demo's year of outreach: the province's conference, departments' trainings, a school programme. */
export async function seedDemoOutreach(d: DemoContext) {
  const coordinator = await demoActor(d.ctx, 'dieuphoi');
  const head = await demoActor(d.ctx, 'thutruong');
  const unitOf = async (code: string) =>
    (await d.ctx.db.select({ id: units.id }).from(units).where(eq(units.code, code)))[0]!.id;
  const stc = await unitOf('SH.STC');
  await createEvent(coordinator, {
    unitId: d.root.id,
    title: 'Hội nghị quán triệt Luật Phòng, chống tham nhũng sửa đổi (Luật 132/2025/QH15)',
    kind: 'conference',
    startedOn: '2026-07-10',
    audiences: ['officials', 'party_members'],
    participants: 420,
    staffTrained: 380,
    materials: 'Đề cương giới thiệu Luật 132/2025/QH15; tài liệu hỏi đáp',
    costVnd: 85_000_000,
  });
  await createEvent(head, {
    unitId: stc,
    title: 'Tập huấn kê khai tài sản, thu nhập theo ngưỡng mới từ 01/07/2026',
    kind: 'training',
    startedOn: '2026-08-20',
    audiences: ['officials'],
    participants: 64,
    staffTrained: 58,
    materials: 'Mẫu bản kê khai mới; hướng dẫn ngưỡng 150 triệu đồng',
    costVnd: 12_000_000,
  });
  await createEvent(coordinator, {
    unitId: d.root.id,
    title: 'Chương trình "Thanh niên với văn hóa liêm chính" tại các trường THPT',
    kind: 'school_programme',
    startedOn: '2026-10-05',
    endedOn: '2026-11-20',
    audiences: ['students', 'teachers'],
    participants: 5600,
    staffTrained: 0,
    costVnd: 40_000_000,
  });
  await createEvent(coordinator, {
    unitId: d.root.id,
    title: 'Chuyên mục "Phòng, chống tham nhũng" trên Cổng thông tin điện tử tỉnh',
    kind: 'social_media',
    startedOn: '2026-03-01',
    endedOn: '2026-12-31',
    audiences: ['citizens', 'enterprises', 'press'],
    participants: 35_000,
    staffTrained: 0,
    costVnd: 0,
  });
  // Three departments have stated their staff and the different people trained (from attendance
  // sheets); the others have not yet, and show no share.
  await stateStaffCount(head, { unitId: stc, year: 2026, staff: 72, staffTrained: 61 });
  await stateStaffCount(coordinator, {
    unitId: await unitOf('SH.SXD'),
    year: 2026,
    staff: 85,
    staffTrained: 40,
  });
  await stateStaffCount(coordinator, {
    unitId: await unitOf('SH.TT'),
    year: 2026,
    staff: 30,
    staffTrained: 30,
  });
}
