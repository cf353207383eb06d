import { eq, inArray } from 'drizzle-orm';
import { fixedClock } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import * as svc from '#server/modules/assessments/service.ts';
import { frameworks, frameworkVersions } from '#server/modules/assessments/tables.ts';
import { storeFile } from '#server/modules/files/service.ts';
import { units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import { demoActor } from '#server/platform/demo.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

/**
 * Unit-index campaigns of the demo province: 2025 finalised and published (on the portal), 2026 open with
 * units at every stage. Answers go through the same service as the app (bounds, evidence, review reasons).
 */
export async function seedDemoAssessments(base: Ctx, rootCode: string, codes: string[]) {
  const system = base;
  const reviewerCtx = await demoActor(base, 'thamdinh');
  const [v] = await base.db
    .select({ id: frameworkVersions.id })
    .from(frameworkVersions)
    .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
    .where(eq(frameworks.code, 'pctn-unit'));
  const rows = await base.db
    .select()
    .from(units)
    .where(inArray(units.code, [rootCode, ...codes]));
  const root = rows.find((u) => u.code === rootCode)!;
  const assessed = rows.filter((u) => u.code !== rootCode && u.status === 'active');
  const [reviewer] = await base.db.select().from(users).where(eq(users.username, 'thamdinh'));
  for (const [year, stageAll] of [
    [2025, true],
    [2026, false],
  ] as const) {
    // The past year's campaign was run early this year: its self-assessment came due then, not next year.
    const system = year === 2025 ? { ...base, clock: fixedClock('2026-01-12T02:00:00Z') } : base;
    const reviewing = { ...reviewerCtx, clock: system.clock };
    const c = await svc.createCampaign(system, {
      versionId: v!.id,
      unitId: root.id,
      title: `Đánh giá công tác PCTNTC năm ${year} của các sở, ngành, địa phương`,
      year,
      unitIds: assessed.map((u) => u.id),
      subtrees: false,
      unitTypes: [],
      reviewerIds: [reviewer!.id],
    });
    await svc.openCampaign(system, c.id);
    const list = await svc.listAssessments(system, { campaignId: c.id });
    for (const [i, a] of list.entries()) {
      const stage = stageAll ? 4 : i % 5; // 0 open, 1 half answered, 2 submitted, 3 under review, 4 finalised
      if (stage === 0) continue;
      const detail = await svc.getAssessment(system, a.id);
      const leafs = detail.answers;
      const file = await storeFile(system, {
        unitId: a.unitId,
        name: `bao-cao-pctn-${year}.pdf`,
        content: PDF,
      });
      const given: Array<{ criterionId: string; score: number }> = [];
      for (const [k, ans] of leafs.entries()) {
        if (stage === 1 && k % 2 === 1) continue;
        const crit = detail.criteria.find((x) => x.id === ans.criterionId)!;
        // Scores vary by unit so the ranking has a shape; deductions hit one unit in four.
        const share = 0.55 + ((i * 7 + k * 3) % 40) / 100;
        const score =
          crit.method === 'deduction' ? (i % 4 === 0 ? -5 : 0) : Math.round(crit.maxPoints * share * 4) / 4;
        await svc.saveAnswer(system, a.id, ans.criterionId, {
          score,
          explanation: 'Đã thực hiện theo kế hoạch; có báo cáo kèm theo.',
          evidenceFileIds: crit.evidenceRequired ? [file.id] : [],
        });
        given.push({ criterionId: ans.criterionId, score });
      }
      if (stage < 2) continue;
      await svc.submitAssessment(system, a.id);
      if (stage < 3) continue;
      const first = leafs.find(
        (x) => detail.criteria.find((c2) => c2.id === x.criterionId)?.method !== 'deduction',
      )!;
      const crit = detail.criteria.find((x) => x.id === first.criterionId)!;
      await svc.reviewAnswer(reviewing, a.id, first.criterionId, {
        score: Math.max(0, Math.round(crit.maxPoints * 0.5)),
        reason: 'Tài liệu kiểm chứng chưa thể hiện đủ kết quả.',
      });
      if (stage < 4) continue;
      // The reviewer confirms every other criterion's own score, then finishes.
      await svc.reviewAnswers(
        reviewing,
        a.id,
        given.filter((x) => x.criterionId !== first.criterionId),
      );
      await svc.finaliseAssessment(reviewing, a.id);
    }
    if (stageAll) {
      await svc.finaliseCampaign(system, c.id);
      await svc.publishCampaign(system, c.id);
    }
  }
  // Head-of-agency scorecards for 2026 and the enterprises' voluntary self-assessment, both open.
  const versionOf = async (code: string) =>
    (
      await base.db
        .select({ id: frameworkVersions.id })
        .from(frameworkVersions)
        .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
        .where(eq(frameworks.code, code))
    )[0]!.id;
  const heads = await svc.createCampaign(system, {
    versionId: await versionOf('head-evaluation'),
    unitId: root.id,
    title: 'Đánh giá người đứng đầu về công tác PCTNTC năm 2026',
    year: 2026,
    unitIds: assessed.map((u) => u.id),
    subtrees: false,
    unitTypes: [],
    reviewerIds: [reviewer!.id],
  });
  await svc.openCampaign(system, heads.id);
  const enterprises = await svc.createCampaign(system, {
    versionId: await versionOf('enterprise-integrity'),
    unitId: root.id,
    title: 'Doanh nghiệp tự đánh giá chương trình liêm chính năm 2026',
    year: 2026,
    unitIds: [root.id],
    subtrees: true,
    unitTypes: ['enterprise'],
    reviewerIds: [reviewer!.id],
  });
  await svc.openCampaign(system, enterprises.id);
  // The province's own 2026 self-assessment on the national index: its auto-indicators (part D from the
  // recovery ledger, C from reports) suggest scores from the province's records, read when opened.
  const province = await svc.createCampaign(system, {
    versionId: await versionOf('pctn-province'),
    unitId: root.id,
    title: 'Tự đánh giá Bộ chỉ số PCTNTC cấp tỉnh năm 2026',
    year: 2026,
    unitIds: [root.id],
    subtrees: false,
    unitTypes: [],
    reviewerIds: [reviewer!.id],
  });
  await svc.openCampaign(system, province.id);
}
