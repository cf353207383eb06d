import { eq } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import { users } from '#server/modules/users/tables.ts';
import { type DemoContext, demoActor } from '#server/platform/demo.ts';
import * as conflicts from './conflicts.ts';
import * as gifts from './gifts.ts';

/**
 * The demo's integrity registers (issue 20): at the Department of Finance, a gift of goods the focal
 * officer reported, handed over, that the director had sold, paid in and notified to the giver's body;
 * a cash gift still to hand over; a conflict of interest in a bid, decided as a temporary transfer; and at
 * the Department of Construction a declarant's gift received by the province's coordinator, to handle.
 */
export async function seedDemoIntegrity(d: DemoContext) {
  const officer = await demoActor(d.ctx, 'daumoi');
  const head = await demoActor(d.ctx, 'thutruong');
  const declarant = await demoActor(d.ctx, 'kekhai');
  const coordinator = await demoActor(d.ctx, 'dieuphoi');
  const giver = {
    place: 'Trụ sở Sở Tài chính',
    giverName: 'Nguyễn Văn Phát',
    giverPosition: 'Giám đốc',
    giverAgency: 'Công ty TNHH Thương mại Phát Đạt',
    giverAddress: 'Số 12 đường Lê Lợi, phường Sông Hồng 1',
    relationship: 'Doanh nghiệp có hồ sơ đề nghị thanh toán vốn đầu tư đang được thẩm định',
  };

  // 1. A porcelain set, from report to the giver's body told of its sale.
  const [mine] = await d.ctx.db.select({ id: users.id }).from(users).where(eq(users.username, 'daumoi'));
  // Reported on paper in September; the director's office registered the report.
  const vase = await gifts.createGift(head, {
    ...giver,
    recipientId: mine!.id,
    reportedOn: '2026-09-03',
    receivedOn: '2026-09-02',
    circumstances: 'Gửi kèm hồ sơ đề nghị thanh toán, để lại tại bộ phận một cửa',
    kind: 'goods',
    description: 'Bộ ấm chén sứ Bát Tràng trong hộp gỗ',
    valueVnd: 3_500_000,
  });
  let g = await gifts.recordGiftStep(head, vase.id, {
    step: 'hand_over',
    on: '2026-09-04',
    receivedBy: 'Văn phòng Sở (bộ phận quản lý quà tặng)',
    version: 1,
  });
  g = await gifts.recordGiftStep(head, vase.id, {
    step: 'handle',
    on: '2026-10-15',
    valueVnd: 3_200_000,
    valuationMethod: 'market_price',
    proceedsVnd: 3_300_000,
    costsVnd: 300_000,
    documentNo: '45/BB-STC',
    note: 'Bán đấu giá công khai cùng tài sản thanh lý quý III',
    version: g.version,
  });
  g = await gifts.recordGiftStep(head, vase.id, {
    step: 'notify',
    on: '2026-10-20',
    body: 'Hội đồng thành viên Công ty TNHH Thương mại Phát Đạt',
    documentNo: '512/STC-VP',
    version: g.version,
  });
  g = await gifts.recordGiftStep(head, vase.id, {
    step: 'remit',
    on: '2026-10-30',
    amountVnd: 3_000_000,
    documentNo: 'GNT 0012',
    version: g.version,
  });
  await gifts.recordGiftStep(head, vase.id, {
    step: 'publish',
    on: '2026-10-30',
    published: true,
    version: g.version,
  });

  // 2. An envelope of money left on the officer's desk: reported, to be handed over.
  await gifts.createGift(officer, {
    ...giver,
    receivedOn: '2026-12-01',
    circumstances: 'Phong bì để lại trên bàn làm việc sau buổi làm việc về hồ sơ quyết toán',
    kind: 'cash',
    description: 'Phong bì tiền mặt',
    valueVnd: 2_000_000,
  });

  // 3. At the Department of Construction (no head in the demo): handed over, for the province to handle.
  const basket = await gifts.createGift(declarant, {
    place: 'Hội nghị tổng kết ngành xây dựng',
    receivedOn: '2026-11-24',
    circumstances: 'Quà tặng cuối hội nghị của nhà thầu đang thi công công trình do Sở quản lý',
    giverName: 'Trần Thị Mai',
    giverPosition: 'Phó Giám đốc',
    giverAgency: 'Công ty CP Xây dựng Sông Hồng',
    relationship: 'Nhà thầu thi công công trình do Sở quản lý',
    kind: 'perishable',
    description: 'Giỏ trái cây và thực phẩm tươi',
  });
  // The department has no head in the demo: the province's coordinator records the receipt.
  await gifts.recordGiftStep(coordinator, basket.id, {
    step: 'hand_over',
    on: '2026-11-25',
    receivedBy: 'Văn phòng Sở Xây dựng',
    version: 1,
  });

  // 4. A conflict of interest in a bid, reported the day it arose, decided as a temporary transfer.
  const on = vnToday(d.ctx.clock.now());
  const c = await conflicts.createConflict(officer, {
    reporter: 'self',
    personId: mine!.id,
    situation: 'contracts_with_relatives_firms',
    task: 'Tổ thẩm định giá gói thầu mua sắm thiết bị văn phòng năm 2027',
    description: 'Công ty của em trai tôi (Công ty TNHH Thiết bị Hồng Phát) nộp hồ sơ chào giá gói thầu.',
    arisenOn: on,
    impact: 'Có thể ảnh hưởng tính khách quan khi thẩm định giá',
    proposedMeasure: 'temporary_transfer',
  });
  const k = await conflicts.recordConflictStep(head, c.id, {
    step: 'decide',
    on,
    measure: 'temporary_transfer',
    documentNo: '88/QĐ-STC',
    note: 'Tạm thời chuyển sang Phòng Quản lý giá trong thời gian thẩm định',
    version: 1,
  });
  await conflicts.recordConflictStep(head, c.id, { step: 'notify', on, version: k.version });
}
