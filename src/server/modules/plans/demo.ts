import { fixedClock } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import {
  addItem,
  cascadeSummary,
  createPlan,
  issuePlan,
  listItems,
  reportProgress,
  reviewProgress,
} from '#server/modules/plans/service.ts';

/** Five tasks a province typically sets in each of the eight groups (fictional wording). */
const tasks: Record<string, string[]> = {
  leadership: [
    'Ban hành kế hoạch PCTNTC năm 2026 của cơ quan, đơn vị',
    'Quán triệt các văn bản của Trung ương, của tỉnh về PCTNTC',
    'Tự đánh giá công tác PCTN theo Bộ chỉ số cấp tỉnh',
    'Báo cáo định kỳ quý, 6 tháng, 9 tháng, năm về công tác PCTNTC',
    'Kiểm tra việc thực hiện kế hoạch PCTNTC tại các đơn vị trực thuộc',
  ],
  regulations: [
    'Rà soát văn bản quy phạm pháp luật do tỉnh ban hành còn hiệu lực',
    'Đề xuất sửa đổi quy định có sơ hở, dễ phát sinh tham nhũng',
    'Rà soát định mức, tiêu chuẩn, chế độ trong quản lý tài chính công',
    'Hệ thống hóa văn bản về thủ tục hành chính',
    'Lấy ý kiến người dân về dự thảo văn bản liên quan đến PCTNTC',
  ],
  propaganda: [
    'Tổ chức hội nghị tuyên truyền Luật PCTN sửa đổi năm 2025',
    'Đăng tải tin, bài về PCTNTC trên cổng thông tin điện tử',
    'Lồng ghép PCTNTC trong sinh hoạt chi bộ, cơ quan',
    'Phổ biến quy tắc ứng xử của cán bộ, công chức',
    'Tuyên truyền về quyền và cách thức tố cáo hành vi tham nhũng',
  ],
  prevention: [
    'Công khai, minh bạch hoạt động của cơ quan, đơn vị',
    'Thực hiện kê khai tài sản, thu nhập hằng năm',
    'Chuyển đổi vị trí công tác theo kế hoạch',
    'Kiểm soát xung đột lợi ích, quà tặng',
    'Thanh toán không dùng tiền mặt trong chi trả lương, phụ cấp',
  ],
  accountability: [
    'Đánh giá trách nhiệm người đứng đầu về công tác PCTNTC',
    'Xử lý trách nhiệm người đứng đầu khi để xảy ra tham nhũng',
    'Người đứng đầu tiếp công dân định kỳ',
    'Đưa kết quả PCTNTC vào đánh giá, xếp loại cán bộ',
    'Báo cáo giải trình của người đứng đầu về kết quả thực hiện kế hoạch',
  ],
  non_state: [
    'Hướng dẫn doanh nghiệp xây dựng quy tắc đạo đức kinh doanh',
    'Tuyên truyền PCTN trong doanh nghiệp và hiệp hội',
    'Khuyến khích doanh nghiệp tự đánh giá chương trình liêm chính',
    'Kiểm tra công tác PCTN tại doanh nghiệp nhà nước',
    'Đối thoại với doanh nghiệp về thủ tục hành chính',
  ],
  detection: [
    'Thanh tra việc thực hiện pháp luật về PCTN tại các sở, ngành',
    'Giải quyết tố cáo liên quan đến tham nhũng đúng thời hạn',
    'Chuyển hồ sơ có dấu hiệu tội phạm sang cơ quan điều tra',
    'Thu hồi tài sản tham nhũng theo kết luận thanh tra',
    'Phối hợp trao đổi thông tin giữa thanh tra, công an, kiểm sát',
  ],
  citizens: [
    'Công khai đường dây nóng, hòm thư tiếp nhận phản ánh',
    'Bảo vệ người tố cáo theo quy định',
    'Khen thưởng người có thành tích tố giác tham nhũng',
    'Phát huy vai trò giám sát của Mặt trận Tổ quốc',
    'Tiếp nhận, xử lý phản ánh của người dân qua cổng trực tuyến',
  ],
};

const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];
const sectionTitles: Record<string, string> = {
  leadership: 'Lãnh đạo, chỉ đạo, tổ chức thực hiện công tác PCTNTC',
  regulations: 'Rà soát, hoàn thiện thể chế',
  propaganda: 'Tuyên truyền, phổ biến, giáo dục pháp luật về PCTNTC',
  prevention: 'Thực hiện các biện pháp phòng ngừa tham nhũng',
  accountability: 'Trách nhiệm của người đứng đầu',
  non_state: 'Phòng, chống tham nhũng trong khu vực ngoài nhà nước',
  detection: 'Phát hiện, xử lý tham nhũng, tiêu cực',
  citizens: 'Phát huy vai trò của xã hội và người dân',
};

/**
 * The demo province's 2026 plan: issued in January, cascaded to a dozen units; most issued their own
 * plan, a few are late, and progress reports are a realistic mix of accepted, returned and missing.
 */
export async function seedDemoPlan(ctx: Ctx, provinceId: string, leadUnitIds: string[]) {
  const january = { ...ctx, clock: fixedClock('2026-01-20T02:00:00Z') };
  const plan = await createPlan(january, {
    unitId: provinceId,
    year: 2026,
    title: 'Kế hoạch công tác phòng, chống tham nhũng, tiêu cực năm 2026',
    docNumber: '418/KH-UBND',
    docDate: '2026-01-20',
    signer: 'Chủ tịch UBND tỉnh Sơn Hà',
  });
  let n = 0;
  let sectionNo = 0;
  for (const [group, list] of Object.entries(tasks)) {
    const section = await addItem(january, plan.id, {
      groupCode: group,
      content: `${roman[sectionNo++]}. ${sectionTitles[group]}`,
      coUnitIds: [],
      ordinal: n++,
    });
    for (const [i, content] of list.entries()) {
      const lead = leadUnitIds[(n + i) % leadUnitIds.length]!;
      await addItem(january, plan.id, {
        parentId: section.id,
        groupCode: group,
        content,
        leadUnitId: lead,
        coUnitIds: i === 0 ? [leadUnitIds[(n + i + 1) % leadUnitIds.length]!] : [],
        deadline: i % 2 === 0 ? `2026-${String(3 + ((n + i) % 9)).padStart(2, '0')}-28` : null,
        recurrence: i % 2 === 0 ? null : 'quarterly',
        expectedOutput: 'Báo cáo kết quả kèm tài liệu chứng minh',
        ordinal: n++,
      });
    }
  }
  await issuePlan(january, plan.id);
  const unitPlans = await cascadeSummary(ctx, plan.id);
  for (const [k, up] of unitPlans.entries()) {
    if (k % 5 === 4) continue; // every fifth unit has not issued its plan: it shows as late
    const issuedOn = {
      ...ctx,
      clock: fixedClock(`2026-02-${String(5 + (k % 20)).padStart(2, '0')}T02:00:00Z`),
    };
    await issuePlan(issuedOn, up.id);
    const items = await listItems(ctx, up.id);
    for (const [j, item] of items.entries()) {
      for (const [q, period] of ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'].entries()) {
        if ((j + k + q) % 7 === 6) break; // some reports missing
        const progress = Math.min(100, 25 * (q + 1) - ((j + k) % 3) * 10);
        const report = await reportProgress(ctx, item.id, {
          period,
          status: progress >= 100 ? 'done' : 'in_progress',
          progress,
          result: `Kết quả thực hiện ${period}: đã triển khai theo kế hoạch.`,
          evidenceFileIds: [],
        });
        if ((j + q) % 4 === 3)
          await reviewProgress(ctx, report.id, {
            decision: 'return',
            comment: 'Bổ sung tài liệu chứng minh',
            version: report.version,
          });
        else if (q < 3) await reviewProgress(ctx, report.id, { decision: 'accept', version: report.version });
      }
    }
  }
  return plan.id;
}
