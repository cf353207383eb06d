import { eq } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import { units } from '#server/modules/org/tables.ts';
import { type DemoContext, demoActor } from '#server/platform/demo.ts';
import { addDays } from '#shared/clocks/due.ts';
import { createRisk } from './service.ts';

/** The Department of Finance's corruption-risk register: its processes, scored, with controls. */
export async function seedDemoRisks(d: DemoContext) {
  const head = await demoActor(d.ctx, 'thutruong');
  const [stc] = await d.ctx.db.select({ id: units.id }).from(units).where(eq(units.code, 'SH.STC'));
  const unitId = stc!.id;
  // Next reviews after the day the demo is seeded (a review date is in the future, as the register asks):
  // one within the week, so Home shows it coming.
  const today = vnToday(d.ctx.clock.now());
  const risks: Array<[string, string, number, number, string, string, number]> = [
    [
      'Thẩm định giá mua sắm tài sản công',
      'Nâng giá thẩm định để doanh nghiệp quen trúng thầu hưởng chênh lệch',
      4,
      5,
      'Phòng Quản lý giá',
      'Hai người thẩm định độc lập; đối chiếu giá thị trường trên cơ sở dữ liệu giá',
      41,
    ],
    [
      'Thẩm tra quyết toán dự án hoàn thành',
      'Bỏ qua khối lượng nghiệm thu khống để nhận lợi ích',
      3,
      5,
      'Phòng Đầu tư',
      'Kiểm tra hiện trường ngẫu nhiên 10% dự án',
      58,
    ],
    [
      'Cấp phát kinh phí sự nghiệp',
      'Ưu tiên cấp phát cho đơn vị có quan hệ để nhận "cảm ơn"',
      3,
      3,
      'Phòng Ngân sách',
      'Công khai thứ tự, thời gian giải quyết hồ sơ',
      5,
    ],
    [
      'Quản lý quỹ tiền mặt',
      'Thủ quỹ tạm ứng sai quy định',
      2,
      3,
      'Văn phòng Sở',
      'Kiểm kê quỹ đột xuất hằng quý',
      116,
    ],
    [
      'Tiếp nhận hồ sơ một cửa',
      'Gây phiền hà, yêu cầu bổ sung không cần thiết',
      3,
      2,
      'Bộ phận một cửa',
      'Khảo sát hài lòng; hồ sơ trực tuyến',
      2,
    ],
    [
      'Tuyển dụng, điều động công chức',
      'Can thiệp kết quả tuyển dụng',
      2,
      4,
      'Phòng Tổ chức',
      'Hội đồng độc lập; công khai kết quả',
      207,
    ],
  ];
  for (const [process, description, likelihood, impact, owner, controls, inDays] of risks)
    await createRisk(head, {
      unitId,
      process,
      description,
      likelihood,
      impact,
      owner,
      controls,
      controlOwner: owner,
      reviewBy: addDays(today, inDays),
      status: 'open',
    });
}
