import { eq } from 'drizzle-orm';
import { units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import { type DemoContext, demoActor } from '#server/platform/demo.ts';
import * as svc from './service.ts';

/**
 * The demo inspectorate (thanhtra drafts and runs inspections, chanhtt approves and concludes — four
 * eyes): the 2026 plan approved, one inspection concluded with recommendations that Sở Tài chính and an
 * outside company owe (one past due, one reported done and closed), one on site, one planned; an ad hoc
 * inspection on a denunciation; the 2027 plan in draft, due for approval by 20/12/2026, with a follow-up
 * of the concluded one; a state audit's and a denunciation's recommendations followed up.
 */
export async function seedDemoInspections(d: DemoContext) {
  const inspector = await demoActor(d.ctx, 'thanhtra');
  const chief = await demoActor(d.ctx, 'chanhtt');
  const unitOf = async (code: string) =>
    (await d.ctx.db.select({ id: units.id }).from(units).where(eq(units.code, code)))[0]!.id;
  const userOf = async (username: string) =>
    (await d.ctx.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]!.id;
  const tt = await unitOf('SH.TT');
  const finance = await unitOf('SH.STC');
  const building = await unitOf('SH.SXD');
  const office = await unitOf('SH.VP');
  const lead = [{ userId: await userOf('thanhtra'), role: 'lead' as const }];

  const plan = await svc.createPlan(inspector, { unitId: tt, year: 2026 });
  const add = (ctx: typeof inspector, input: Parameters<typeof svc.addInspection>[1]) =>
    svc.addInspection(ctx, input);
  const budget = await add(inspector, {
    planId: plan.id,
    unitId: tt,
    subjectUnitId: finance,
    title: 'Thanh tra việc quản lý, sử dụng ngân sách và tài sản công năm 2025',
    periodFrom: '2025-01-01',
    periodTo: '2025-12-31',
    quarter: 2,
    teamSize: 5,
  });
  const duty = await add(inspector, {
    planId: plan.id,
    unitId: tt,
    subjectUnitId: building,
    title: 'Thanh tra trách nhiệm thực hiện pháp luật về phòng, chống tham nhũng',
    periodFrom: '2024-01-01',
    periodTo: '2025-12-31',
    quarter: 4,
    teamSize: 4,
  });
  await add(inspector, {
    planId: plan.id,
    unitId: tt,
    subjectUnitId: office,
    title: 'Thanh tra công tác tiếp công dân, giải quyết khiếu nại, tố cáo',
    quarter: 4,
    teamSize: 3,
  });
  await svc.approvePlan(chief, plan.id, { decisionNo: '215/QĐ-TTr', decisionDate: '2025-12-15', version: 1 });

  // The budget inspection, from its decision to its conclusion and recommendations.
  let i = await svc.decide(inspector, budget.id, {
    decisionNo: '45/QĐ-TTr',
    decisionDate: '2026-04-06',
    onSiteFrom: '2026-04-13',
    members: lead,
    version: 1,
  });
  for (const [step, on] of [
    ['results', '2026-06-10'],
    ['draft_assigned', '2026-06-15'],
    ['draft_received', '2026-07-20'],
  ] as const)
    i = await svc.recordStep(inspector, budget.id, { step, on, version: i.version });
  i = await svc.conclude(chief, budget.id, {
    conclusionNo: '120/KL-TTr',
    concludedOn: '2026-07-30',
    summary:
      'Sở Tài chính chi sai định mức hội nghị, tập huấn 1,2 tỷ đồng; mua sắm tài sản không qua đấu thầu 2 gói; Công ty TNHH Xây dựng Sơn Hà được thanh toán vượt khối lượng 850 triệu đồng.',
    wrongdoingVnd: 3_450_000_000,
    toRecoverVnd: 2_050_000_000,
    persons: [
      {
        fullName: 'Lê Văn Trưởng',
        position: 'Giám đốc Sở',
        workplace: 'Sở Tài chính',
        responsibility: 'head',
        note: 'Thiếu kiểm tra, giám sát việc chi hội nghị, tập huấn',
      },
      {
        fullName: 'Trần Văn Bình',
        position: 'Trưởng phòng Kế hoạch - Tài chính',
        workplace: 'Sở Tài chính',
        responsibility: 'direct',
      },
      {
        fullName: 'Phạm Quốc Hưng',
        position: 'Phó Giám đốc Ban Quản lý dự án',
        workplace: 'Sở Tài chính',
        responsibility: 'direct',
        note: 'Ký nghiệm thu khối lượng không đúng thực tế',
      },
    ],
    recommendations: [
      {
        kind: 'recovery',
        content: 'Thu hồi 1,2 tỷ đồng chi sai định mức hội nghị, tập huấn, nộp ngân sách nhà nước.',
        ownerUnitId: finance,
        amountVnd: 1_200_000_000,
        dueOn: '2026-10-30',
      },
      {
        kind: 'recovery',
        content: 'Hoàn trả 850 triệu đồng thanh toán vượt khối lượng hợp đồng số 12/2025/HĐXD.',
        ownerOutside: 'Công ty TNHH Xây dựng Sơn Hà',
        ownerContact: 'Phòng Kế toán, 0203 3821 456',
        amountVnd: 850_000_000,
        dueOn: '2026-09-30',
      },
      {
        kind: 'discipline',
        content: 'Kiểm điểm trách nhiệm tập thể, cá nhân Phòng Kế hoạch - Tài chính liên quan đến sai phạm.',
        ownerUnitId: finance,
        dueOn: '2026-09-30',
      },
      {
        kind: 'institutional',
        content: 'Ban hành lại quy chế chi tiêu nội bộ phù hợp định mức hiện hành.',
        ownerUnitId: finance,
        dueOn: '2026-12-31',
      },
    ],
    version: i.version,
  });
  await svc.recordStep(inspector, budget.id, { step: 'directed', on: '2026-08-10', version: i.version });
  // Sở Tài chính reports the discipline done; the inspectorate closes it. The recovery is past due.
  const discipline = i.recommendations.find((r) => r.kind === 'discipline')!;
  const focal = await demoActor(d.ctx, 'daumoi');
  const reported = await svc.updateRecommendation(focal, discipline.id, {
    status: 'reported_done',
    note: 'Đã tổ chức kiểm điểm ngày 20/9/2026, có biên bản; 2 cá nhân bị khiển trách.',
    evidenceFileIds: [],
    version: discipline.version,
  });
  await svc.updateRecommendation(chief, discipline.id, {
    status: 'closed',
    note: 'Đã kiểm tra biên bản kiểm điểm: hoàn thành.',
    evidenceFileIds: [],
    version: reported.version,
  });
  const recovery = i.recommendations.find((r) => r.kind === 'recovery' && r.ownerUnitId)!;
  await svc.updateRecommendation(focal, recovery.id, {
    status: 'in_progress',
    note: 'Đã thu hồi 450 triệu đồng; phần còn lại trừ dần vào lương từ tháng 11/2026.',
    evidenceFileIds: [],
    version: recovery.version,
  });

  // On site now at Sở Xây dựng; an ad hoc inspection on a denunciation.
  await svc.decide(inspector, duty.id, {
    decisionNo: '160/QĐ-TTr',
    decisionDate: '2026-11-02',
    onSiteFrom: '2026-11-09',
    members: lead,
    version: 1,
  });
  await add(inspector, {
    unitId: tt,
    subjectName: 'Dự án khu dân cư Bắc Sơn Hà',
    title: 'Thanh tra đột xuất việc giao đất, cho thuê đất dự án khu dân cư Bắc Sơn Hà',
    legalGround: 'Đơn tố cáo số 2026-000007 và chỉ đạo của Chủ tịch UBND tỉnh tại văn bản 1532/UBND-NC',
    teamSize: 4,
  });

  // Next year's plan, in draft: to approve by 20/12/2026.
  const next = await svc.createPlan(inspector, { unitId: tt, year: 2027 });
  await add(inspector, {
    planId: next.id,
    unitId: tt,
    subjectUnitId: building,
    title: 'Thanh tra việc cấp giấy phép xây dựng năm 2025–2026',
    quarter: 1,
    teamSize: 4,
  });
  await add(inspector, {
    planId: next.id,
    unitId: tt,
    subjectUnitId: finance,
    title: 'Thanh tra việc thực hiện kết luận thanh tra số 120/KL-TTr',
    quarter: 2,
    teamSize: 3,
    followUpOf: budget.id,
  });

  // Recommendations the inspectorate follows up from other sources: a state audit, a denunciation's
  // conclusion (named by its document only).
  await svc.issueRecommendations(inspector, {
    issuerUnitId: tt,
    sourceKind: 'audit',
    sourceRef: 'Báo cáo kiểm toán số 45/BC-KTNN ngày 10/06/2026 của Kiểm toán nhà nước khu vực',
    issuedOn: '2026-06-20',
    recommendations: [
      {
        kind: 'recovery',
        content: 'Nộp ngân sách nhà nước 320 triệu đồng chi sai chế độ công tác phí năm 2025.',
        ownerUnitId: finance,
        amountVnd: 320_000_000,
        dueOn: '2026-12-15',
      },
      {
        kind: 'institutional',
        content: 'Rà soát, sửa đổi quy chế quản lý, sử dụng tài sản công của Sở.',
        ownerUnitId: building,
        dueOn: '2027-03-31',
      },
    ],
  });
  await svc.issueRecommendations(inspector, {
    issuerUnitId: tt,
    sourceKind: 'report',
    sourceRef: 'Kết luận nội dung tố cáo số 18/KL-TTr ngày 15/10/2026',
    issuedOn: '2026-10-15',
    recommendations: [
      {
        kind: 'discipline',
        content: 'Xem xét, xử lý kỷ luật công chức bộ phận một cửa vi phạm quy trình cấp phép.',
        ownerUnitId: building,
        dueOn: '2026-11-30',
      },
    ],
  });
}
