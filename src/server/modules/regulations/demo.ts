import { eq } from 'drizzle-orm';
import { units } from '#server/modules/org/tables.ts';
import { type DemoContext, demoActor } from '#server/platform/demo.ts';
import { createReview, recordOutcome } from './service.ts';

/** The demo's regulation review: the province's rules found wanting, proposed, one amended. */
export async function seedDemoRegulations(d: DemoContext) {
  const coordinator = await demoActor(d.ctx, 'dieuphoi');
  const head = await demoActor(d.ctx, 'thutruong');
  const [stc] = await d.ctx.db.select({ id: units.id }).from(units).where(eq(units.code, 'SH.STC'));
  const gifts = await createReview(coordinator, {
    unitId: d.root.id,
    documentNo: '15/2020/QĐ-UBND',
    title: 'Quy chế quản lý quà tặng, tiếp khách của các cơ quan thuộc tỉnh',
    documentKind: 'provincial_document',
    issuer: 'UBND tỉnh',
    issuerLevel: 'provincial',
    issuedOn: '2020-05-12',
    reviewedOn: '2026-04-15',
    result: 'outdated',
    gap: 'Còn dẫn chiếu Quyết định 64/2007/QĐ-TTg đã bị bãi bỏ; chưa có thời hạn 5 ngày làm việc nộp lại quà tặng theo Nghị định 59/2019.',
    proposal: 'Thay thế quy chế theo Nghị định 59/2019/NĐ-CP, Điều 24–28.',
    proposedTo: 'UBND tỉnh (qua Sở Tư pháp)',
    proposedOn: '2026-04-30',
    systematised: true,
  });
  await recordOutcome(coordinator, gifts.id, {
    status: 'amended',
    on: '2026-09-10',
    note: 'Quyết định 41/2026/QĐ-UBND thay thế',
    version: 1,
  });
  await createReview(coordinator, {
    unitId: d.root.id,
    documentNo: '08/2022/QĐ-UBND',
    title: 'Danh mục vị trí công tác phải định kỳ chuyển đổi của tỉnh',
    documentKind: 'provincial_document',
    issuer: 'UBND tỉnh',
    issuerLevel: 'provincial',
    issuedOn: '2022-03-01',
    reviewedOn: '2026-10-20',
    result: 'gap_found',
    gap: 'Chưa có vị trí cấp phép kinh doanh xăng dầu, hóa chất theo Thông tư 41/2024/TT-BCT.',
    proposal: 'Bổ sung các vị trí cấp phép theo Thông tư 41/2024/TT-BCT vào danh mục.',
    proposedTo: 'Sở Nội vụ',
    proposedOn: '2026-11-02',
    systematised: false,
  });
  await createReview(head, {
    unitId: stc!.id,
    documentNo: '12/QC-STC',
    title: 'Quy chế chi tiêu nội bộ của Sở Tài chính',
    documentKind: 'internal_rule',
    issuer: 'Sở Tài chính',
    issuerLevel: 'own',
    issuedOn: '2024-01-05',
    reviewedOn: '2026-08-01',
    result: 'consistent',
    systematised: true,
  });
}
