import { and, eq, ne, sql } from 'drizzle-orm';
import { inspections, recommendations } from '#server/modules/inspections/tables.ts';
import { units } from '#server/modules/org/tables.ts';
import { reports } from '#server/modules/reports/tables.ts';
import { type DemoContext, demoActor, demoSession } from '#server/platform/demo.ts';
import * as fromReport from './from-report.ts';
import * as recovery from './recovery.ts';
import * as referrals from './referrals.ts';
import * as svc from './service.ts';

/**
 * The demo's cases: two from the concluded budget inspection (one handled by discipline and an
 * administrative recovery paid in part; one referred to the provincial police, who decided to
 * prosecute, with a judicial recovery), a referral the police have not answered in time, a citizen's
 * denunciation turned into a case by the intake desk, and an urgent case of retaliation against a
 * staff member who reported corruption.
 */
export async function seedDemoCases(d: DemoContext) {
  const inspector = await demoActor(d.ctx, 'thanhtra');
  const chief = await demoActor(d.ctx, 'chanhtt');
  const unitOf = async (code: string) =>
    (await d.ctx.db.select({ id: units.id }).from(units).where(eq(units.code, code)))[0]!.id;
  const tt = await unitOf('SH.TT');
  const finance = await unitOf('SH.STC');
  const building = await unitOf('SH.SXD');
  const [budget] = await d.ctx.db
    .select({ id: inspections.id })
    .from(inspections)
    .where(eq(inspections.conclusionNo, '120/KL-TTr'));
  // Its two recovery recommendations, each carried out by one case's ledger item (typed once).
  const recoveryRecs = budget
    ? await d.ctx.db
        .select({ id: recommendations.id, amountVnd: recommendations.amountVnd })
        .from(recommendations)
        .where(and(eq(recommendations.sourceId, budget.id), eq(recommendations.kind, 'recovery')))
    : [];
  const recFor = (amount: number) => recoveryRecs.find((r) => r.amountVnd === amount)?.id ?? null;

  // 1. Misspent conference money: discipline, and an administrative recovery paid in part.
  const spent = await svc.createCase(inspector, {
    unitId: tt,
    subjectUnitId: finance,
    title: 'Chi sai định mức hội nghị, tập huấn tại Sở Tài chính năm 2025',
    summary: 'Phát hiện qua thanh tra ngân sách năm 2025 (Kết luận 120/KL-TTr).',
    kind: 'corruption',
    source: 'inspection',
    inspectionId: budget?.id ?? null,
    detectedOn: '2026-07-30',
    damageVnd: 1_200_000_000,
    persons: [
      {
        fullName: 'Trần Văn Bình',
        position: 'Trưởng phòng Kế hoạch - Tài chính',
        rank: 'Chuyên viên chính',
        sector: 'Tài chính',
        unitId: finance,
        disciplineForm: 'reprimand',
      },
      {
        fullName: 'Lê Thị Hoa',
        position: 'Kế toán',
        rank: 'Chuyên viên',
        sector: 'Tài chính',
        unitId: finance,
        disciplineForm: 'reprimand',
      },
    ],
  });
  let c = await svc.updateCase(inspector, spent.id, {
    stage: 'handling',
    seriousness: 'less_serious',
    headResponsibility: 'joint',
    headUnitId: finance,
    note: 'Giám đốc Sở chịu trách nhiệm liên đới; đã kiểm điểm.',
    version: 1,
  });
  c = await recovery.addRecoveryItem(inspector, spent.id, {
    kind: 'money',
    description: 'Tiền chi sai định mức hội nghị, tập huấn',
    measure: 'administrative',
    returnTo: 'budget',
    recommendedVnd: 1_200_000_000,
    recommendationId: recFor(1_200_000_000),
    decidedVnd: 1_200_000_000,
    decidedOn: '2026-08-15',
    decisionNo: '130/QĐ-TTr',
  });
  const item = c.recovery[0]!;
  c = await recovery.addPayment(inspector, item.id, {
    paidOn: '2026-10-20',
    amountVnd: 450_000_000,
    note: 'Giấy nộp tiền vào ngân sách nhà nước số 0021875.',
    evidenceFileIds: [],
    version: item.version,
  });
  // Concluded, the Director's joint responsibility counts in their 2026 scorecard (criterion 5).
  await svc.updateCase(inspector, spent.id, {
    stage: 'concluded',
    note: 'Kết luận: chi sai định mức; kiểm điểm Giám đốc Sở; tiếp tục thu hồi.',
    version: c.version,
  });

  // 2. The contractor's overpayment: signs of crime, referred after the conclusion; the police prosecuted.
  const overpaid = await svc.createCase(inspector, {
    unitId: tt,
    subjectUnitId: finance,
    title: 'Thanh toán vượt khối lượng hợp đồng 12/2025/HĐXD cho Công ty TNHH Xây dựng Sơn Hà',
    kind: 'corruption',
    source: 'inspection',
    inspectionId: budget?.id ?? null,
    detectedOn: '2026-07-30',
    damageVnd: 850_000_000,
    persons: [
      {
        fullName: 'Phạm Quốc Hưng',
        position: 'Phó Giám đốc Ban Quản lý dự án',
        rank: 'Chuyên viên chính',
        sector: 'Đầu tư xây dựng',
        unitId: finance,
        criminal: 'prosecuted',
      },
    ],
  });
  c = await referrals.addReferral(inspector, overpaid.id, {
    bodyKind: 'police',
    bodyName: 'Cơ quan Cảnh sát điều tra Công an tỉnh Sơn Hà',
    bodyContact: 'Phòng Cảnh sát kinh tế, 069 2345 678',
    stage: 'after',
    sentOn: '2026-08-05',
    documentNo: '95/TTr-KNKT',
    procuracyNotifiedOn: '2026-08-05',
  });
  let ref = c.referrals[0]!;
  c = await referrals.recordReferralEvent(chief, ref.id, {
    event: 'received',
    on: '2026-08-07',
    version: ref.version,
  });
  ref = c.referrals[0]!;
  c = await referrals.recordReferralEvent(chief, ref.id, {
    event: 'decision',
    on: '2026-08-25',
    decision: 'prosecute',
    documentNo: '35/QĐ-CSĐT',
    note: 'Khởi tố vụ án "Vi phạm quy định về quản lý, sử dụng tài sản nhà nước".',
    version: ref.version,
  });
  c = await recovery.addRecoveryItem(inspector, overpaid.id, {
    kind: 'money',
    description: 'Tiền thanh toán vượt khối lượng',
    measure: 'judicial',
    returnTo: 'budget',
    recommendedVnd: 850_000_000,
    recommendationId: recFor(850_000_000),
    decidedVnd: 850_000_000,
    decidedOn: '2026-10-15',
    decisionNo: '12/2026/HS-ST',
  });
  const judicial = c.recovery[0]!;
  await recovery.addPayment(inspector, judicial.id, {
    paidOn: '2026-11-02',
    amountVnd: 300_000_000,
    note: 'Bị can tự nguyện nộp lại (tình tiết giảm nhẹ).',
    evidenceFileIds: [],
    version: judicial.version,
  });

  // 3. A check at Sở Xây dựng found signs of crime; the police have not answered in their 20 days.
  const permits = await svc.createCase(inspector, {
    unitId: tt,
    subjectUnitId: building,
    title: 'Cấp giấy phép xây dựng sai quy định để nhận tiền tại Phòng Quản lý xây dựng',
    kind: 'corruption',
    source: 'check',
    detectedOn: '2026-10-05',
    // Not yet known: the check is still establishing what the permits cost the budget.
    damageVnd: null,
    persons: [{ fullName: 'Đỗ Minh Tuấn', position: 'Chuyên viên thẩm định', unitId: building }],
  });
  await referrals.addReferral(inspector, permits.id, {
    bodyKind: 'police',
    bodyName: 'Cơ quan Cảnh sát điều tra Công an tỉnh Sơn Hà',
    stage: 'during',
    sentOn: '2026-10-06',
    documentNo: '118/TTr-KNKT',
    procuracyNotifiedOn: '2026-10-06',
  });

  // 4. A named denunciation handled by the inspectorate's desk becomes a case there.
  const desk = await demoSession(d.ctx, 'tiepnhan', d.password);
  const [denunciation] = await d.ctx.db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.unitId, tt), eq(reports.kind, 'denunciation'), ne(reports.status, 'closed')))
    .orderBy(sql`${reports.seq}`)
    .limit(1);
  if (denunciation)
    await fromReport.openCaseFromReport(desk.ctx, denunciation.id, {
      unitId: tt,
      title: 'Tố cáo trưởng phòng thẩm định hồ sơ của công ty do vợ làm giám đốc',
      kind: 'corruption',
    });

  // 5. Retaliation: a staff member who reported corruption was moved to a lesser post.
  await svc.createCase(inspector, {
    unitId: tt,
    subjectUnitId: building,
    title: 'Điều chuyển công tác bất lợi đối với công chức đã báo cáo hành vi tham nhũng',
    summary: 'Công chức báo cáo sai phạm cấp phép ngày 28/9/2026 bị điều chuyển sang vị trí thấp hơn.',
    kind: 'retaliation',
    source: 'staff_report',
    detectedOn: '2026-11-27',
    persons: [],
  });
}
