import { inArray } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import { units } from '#server/modules/org/tables.ts';
import * as reports from '#server/modules/reports/service.ts';
import { demoSession } from '#server/platform/demo.ts';
import { ReportQuery } from '#shared/reports/schemas.ts';

const DAY = 86_400_000;

const samples = [
  [
    'harassment',
    'Cán bộ một cửa gợi ý "bồi dưỡng" để hồ sơ được giải quyết nhanh',
    'Khi nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất, cán bộ tiếp nhận nói phải "bồi dưỡng" 3 triệu đồng thì mới có kết quả đúng hẹn.',
  ],
  [
    'procurement',
    'Gói thầu mua sắm thiết bị trường học chỉ có một nhà thầu tham dự',
    'Gói thầu được đăng tải 3 ngày trước khi đóng thầu, hồ sơ mời thầu yêu cầu thương hiệu cụ thể; chỉ một nhà thầu nộp hồ sơ với giá sát dự toán.',
  ],
  [
    'land_construction',
    'Công trình xây dựng vượt phép nhưng không bị xử lý',
    'Công trình 7 tầng trên phố chính được cấp phép 5 tầng; đoàn kiểm tra đã đến nhưng công trình vẫn tiếp tục thi công.',
  ],
  [
    'bribery',
    'Cảnh sát giao thông nhận tiền tại chốt',
    'Tại chốt kiểm tra trên quốc lộ, nhiều xe tải dừng lại và tài xế đưa phong bì; tôi có ảnh chụp biển số xe tuần tra.',
  ],
  [
    'public_finance',
    'Thu tiền vận động sai quy định ở trường tiểu học',
    'Nhà trường thu mỗi học sinh 500.000 đồng "xã hội hóa" không có biên lai, phụ huynh không được họp bàn.',
  ],
  [
    'abuse_of_power',
    'Chủ tịch xã giao đất công cho người thân',
    'Khu đất công 2.000 m² cạnh trụ sở xã được cho người nhà của chủ tịch xã thuê với giá rất thấp.',
  ],
  [
    'conflict_of_interest',
    'Trưởng phòng thẩm định hồ sơ của công ty do vợ làm giám đốc',
    'Trưởng phòng trực tiếp thẩm định và ký trình hồ sơ dự án của công ty do vợ mình làm giám đốc, không báo cáo xung đột lợi ích.',
  ],
  [
    'embezzlement',
    'Kế toán bệnh viện lập chứng từ khống',
    'Kế toán lập chứng từ thanh toán tiền vật tư y tế không có thật trong nhiều tháng.',
  ],
] as const;

/**
 * Confidential reports of the demo province: submitted through the same path as the portal, over the past
 * months, then triaged, questioned, forwarded and closed by the intake desk; one identity request waits
 * for the custodian. Returns one receipt so a tester can open the reporter's page.
 */
export async function seedDemoReports(base: Ctx, password: string): Promise<{ sampleReceipt: string }> {
  const desk = await demoSession(base, 'tiepnhan', password);
  const desk2 = await demoSession(base, 'tiepnhanxd', password);
  // The People's Committee office's desk has its keys from the start (a key pair is made at sign-in).
  await demoSession(base, 'tiepnhanvp', password);
  const custodian = await demoSession(base, 'giukhoa', password);
  const [tt, sxd] = await base.db
    .select({ id: units.id, code: units.code })
    .from(units)
    .where(inArray(units.code, ['SH.TT', 'SH.SXD']))
    .then((r) => ['SH.TT', 'SH.SXD'].map((c) => r.find((x) => x.code === c)!));
  const now = base.clock.now().getTime();
  let sampleReceipt = '';
  const total = 36;
  for (let i = 0; i < total; i++) {
    const [category, title, description] = samples[i % samples.length]!;
    const daysAgo = Math.floor((i * 170) / total) + 2;
    const at = new Date(now - daysAgo * DAY);
    const clock = { now: () => at };
    const named = i % 3 === 0;
    const walkIn = i % 7 === 3;
    const out = await reports.submitReport(
      { ...base, clock, actor: walkIn ? desk.ctx.actor : { kind: 'user', userId: null, grants: [] } },
      {
        receivedUnitId: tt!.id,
        concernedUnitId: category === 'land_construction' ? sxd!.id : null,
        categoryCode: category,
        channel: walkIn ? 'walk_in' : 'web',
        content: { title, description, officials: null, when: null, where: null, amountVnd: null },
        identity: named
          ? {
              fullName: `Người tố cáo số ${i + 1}`,
              phone: `09${String(10_000_000 + i * 7919).slice(0, 8)}`,
              idNumber: null,
              email: null,
              address: 'Tỉnh Sơn Hà',
            }
          : null,
        consent: named,
        files: [],
      },
    );
    if (i === 1) sampleReceipt = out.receipt;
    if (i < 4) continue; // the newest few wait in the inbox, unclassified
    const c = { ...desk.ctx, clock: { now: () => new Date(at.getTime() + 3 * DAY) } };
    if (category === 'land_construction' && i % 2 === 0) {
      await reports.forwardReport(c, out.id, { unitId: sxd!.id, note: 'Thuộc thẩm quyền Sở Xây dựng.' });
      continue;
    }
    await reports.triageReport(c, out.id, {
      kind: named ? 'denunciation' : 'anonymous_information',
      handlerId: desk.userId,
      // An acceptance decision's number, as the inspectorate's clerk would write it.
      ...(named ? { documentNo: `${i + 10}/QĐ-TTr`, documentDate: vnToday(c.clock.now()) } : {}),
    });
    // Named denunciations: the acceptance is notified and verification begins a few days on.
    if (named && i % 3 !== 1) {
      const later = { ...desk.ctx, clock: { now: () => new Date(at.getTime() + 6 * DAY) } };
      await reports.recordStep(later, out.id, 'acceptance_notified', { documentNo: `${i + 10}/TB-TTr` });
      await reports.recordStep(later, out.id, 'verification', { documentNo: `${i + 11}/QĐ-TTr` });
    }
    if (i % 5 === 0) {
      await reports.addMessage(c, out.id, {
        kind: 'question',
        body: 'Ông/bà có thể cho biết thời gian cụ thể và gửi thêm ảnh chụp không?',
      });
    }
    if (named && i % 2 === 0 && i < 20) {
      await reports.requestIdentity(
        c,
        out.id,
        'Cần làm việc trực tiếp với người tố cáo để xác minh nội dung.',
      );
    }
    if (daysAgo > 40) {
      // Older reports are closed: most on time, a few late.
      const late = i % 4 === 0;
      const closeAt = new Date(at.getTime() + (late ? 45 : 20) * DAY);
      await reports.closeReport({ ...desk.ctx, clock: { now: () => closeAt } }, out.id, {
        outcome: (['substantiated', 'partly_substantiated', 'not_substantiated'] as const)[i % 3]!,
        measures: 'Đã xác minh, lập biên bản làm việc; kiến nghị xử lý theo quy định.',
        publicSummary: 'Đã xác minh nội dung; kết quả được thông báo cho người phản ánh.',
      });
      // Their conclusions were sent and published a few days later, but for the most recent ones.
      if (daysAgo > 70) {
        const doneCtx = { ...desk.ctx, clock: { now: () => new Date(closeAt.getTime() + 4 * DAY) } };
        for (const step of (await reports.getReport(doneCtx, out.id)).clocks.filter(
          (k) => k.step && !k.doneOn,
        ))
          await reports.completeStep(doneCtx, out.id, step.id);
      }
    }
  }
  await seedInternalReports(base, password, desk2);
  await desk.end();
  await desk2.end();
  await custodian.end();
  return { sampleReceipt };
}

/**
 * Officials' reports of corruption in their own unit (Law Art. 66): one to the Construction department's
 * own desk, since classified; one from the Finance department about its head, received by the province's.
 */
async function seedInternalReports(
  base: Ctx,
  password: string,
  sxdDesk: Awaited<ReturnType<typeof demoSession>>,
) {
  const now = base.clock.now().getTime();
  const official = await demoSession(base, 'kekhai', password);
  const own = await reports.submitInternalReport(
    { ...official.ctx, clock: { now: () => new Date(now - 9 * DAY) } },
    {
      headInvolved: false,
      categoryCode: 'procurement',
      content: {
        title: 'Phòng Quản lý xây dựng chia nhỏ gói thầu để chỉ định thầu',
        description:
          'Gói sửa chữa trụ sở 2,4 tỷ đồng được chia thành 4 gói dưới hạn mức chỉ định thầu, cùng giao một công ty trong tháng 9.',
        officials: 'Phó Trưởng phòng Quản lý xây dựng',
        when: 'Tháng 9/2026',
        where: 'Sở Xây dựng',
        amountVnd: 2_400_000_000,
      },
      named: true,
      phone: null,
      consent: true,
    },
    [],
  );
  const received = await reports.listReports(sxdDesk.ctx, ReportQuery.parse({ q: own.number }));
  const id = received.items[0]?.id;
  if (id)
    await reports.triageReport({ ...sxdDesk.ctx, clock: { now: () => new Date(now - 6 * DAY) } }, id, {
      kind: 'denunciation',
      handlerId: sxdDesk.userId,
    });
  await official.end();
  const colleague = await demoSession(base, 'daumoi', password);
  await reports.submitInternalReport(
    { ...colleague.ctx, clock: { now: () => new Date(now - 2 * DAY) } },
    {
      headInvolved: true,
      categoryCode: 'abuse_of_power',
      content: {
        title: 'Lãnh đạo Sở yêu cầu sửa biên bản thẩm định giá',
        description:
          'Biên bản thẩm định giá lô đất được yêu cầu lập lại với giá thấp hơn 30 %, không nêu căn cứ.',
        officials: null,
        when: null,
        where: null,
        amountVnd: null,
      },
      named: false,
      phone: null,
      consent: false,
    },
    [],
  );
  await colleague.end();
}
