import { and, eq } from 'drizzle-orm';
import { insertRows } from '#server/db/bulk.ts';
import type { Db } from '#server/db/client.ts';
import { Random } from '#server/generate/random.ts';
import { assessedCount, GENERATED_YEARS, type ProvinceWorld, type UnitRow } from '#server/generate/world.ts';
import {
  answers,
  assessments,
  campaigns,
  criteria,
  frameworks,
  frameworkVersions,
} from '#server/modules/assessments/tables.ts';
import type { GeneratorStep } from '#server/platform/module.ts';

/** Campaigns of every framework over the generated years, units at every stage, scored. */
async function generate(w: ProvinceWorld) {
  const {
    db,
    r,
    progress,
    count,
    province,
    departments,
    deptSubs,
    districts,
    communes,
    communeSubs,
    enterprises,
    headOf,
    shared,
  } = w;
  const detailedVersionId = shared.prepared.assessments as string;
  const versionOf = async (frameworkCode: string) => {
    const [v] = await db
      .select({ id: frameworkVersions.id })
      .from(frameworkVersions)
      .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
      .where(and(eq(frameworks.code, frameworkCode), eq(frameworkVersions.status, 'published')))
      .orderBy(frameworkVersions.version)
      .limit(1);
    return v!.id;
  };
  const unitIndex = await versionOf('pctn-unit');
  const headIndex = await versionOf('head-evaluation');
  const enterpriseIndex = await versionOf('enterprise-integrity');
  const leavesOf = new Map<string, Array<typeof criteria.$inferSelect>>();
  const leaves = async (versionId: string) => {
    const hit = leavesOf.get(versionId);
    if (hit) return hit;
    const list = await db.select().from(criteria).where(eq(criteria.versionId, versionId));
    const parents = new Set(list.map((c) => c.parentId).filter(Boolean));
    const out = list.filter((c) => !parents.has(c.id));
    leavesOf.set(versionId, out);
    return out;
  };
  const assessedAll = [...departments, ...deptSubs, ...communes, ...communeSubs];
  const plansFor: Array<{
    versionId: string;
    year: number;
    runner: UnitRow;
    title: string;
    units: UnitRow[];
    status: 'published' | 'open' | 'finalised';
    heads?: boolean;
  }> = [
    ...GENERATED_YEARS.map((year) => ({
      versionId: unitIndex,
      year,
      runner: province,
      title: `Đánh giá công tác PCTNTC năm ${year}`,
      units: year < 2025 ? [...departments, ...districts] : [...departments, ...communes],
      status: (year < 2026 ? 'published' : 'open') as 'published' | 'open',
    })),
    ...GENERATED_YEARS.map((year) => ({
      versionId: headIndex,
      year,
      runner: province,
      title: `Đánh giá người đứng đầu năm ${year}`,
      units: departments,
      status: (year < 2026 ? 'published' : 'open') as 'published' | 'open',
      heads: true,
    })),
    ...([2025, 2026] as const).map((year) => ({
      versionId: enterpriseIndex,
      year,
      runner: province,
      title: `Tự đánh giá liêm chính doanh nghiệp năm ${year}`,
      units: enterprises,
      status: (year < 2026 ? 'published' : 'open') as 'published' | 'open',
    })),
    ...([2025, 2026] as const).map((year) => ({
      versionId: detailedVersionId,
      year,
      runner: province,
      title: `Bộ chỉ số chi tiết năm ${year} — toàn tỉnh`,
      units: year < 2026 ? departments : assessedAll,
      status: (year < 2026 ? 'published' : 'open') as 'published' | 'open',
    })),
    ...departments.slice(0, 10).map((d) => ({
      versionId: unitIndex,
      year: 2026,
      runner: d,
      title: `Đánh giá các đơn vị trực thuộc năm 2026 — ${d.name}`,
      units: deptSubs.filter((s) => s.parentId === d.id),
      status: 'open' as const,
    })),
  ];
  let answerCount = 0;
  let assessmentCount = 0;
  for (const c of plansFor) {
    const campaignId = r.uuid();
    await db.insert(campaigns).values({
      id: campaignId,
      versionId: c.versionId,
      unitId: c.runner.id,
      title: c.title,
      year: c.year,
      status: c.status,
      selfDue: `${c.year}-${c.status === 'open' ? '12-20' : '11-30'}`,
      openedAt: new Date(`${c.year}-10-01T03:00:00Z`),
      publishedAt: c.status === 'published' ? new Date(`${c.year + 1}-01-20T03:00:00Z`) : null,
    });
    const crit = await leaves(c.versionId);
    const aRows: (typeof assessments.$inferInsert)[] = [];
    const xRows: (typeof answers.$inferInsert)[] = [];
    for (const u of c.units) {
      const id = r.uuid();
      const status =
        c.status === 'published'
          ? 'finalised'
          : r.weighted([
              ['open', 2],
              ['submitted', 3],
              ['under_review', 2],
              ['finalised', 3],
            ] as const);
      aRows.push({
        id,
        campaignId,
        unitId: u.id,
        subjectUserId: c.heads ? (headOf.get(u.id) ?? null) : null,
        status,
        submittedAt: status === 'open' ? null : new Date(`${c.year}-11-15T03:00:00Z`),
        finalisedAt: status === 'finalised' ? new Date(`${c.year}-12-10T03:00:00Z`) : null,
      });
      const quality = r.float();
      let finalTotal = 0;
      for (const k of crit) {
        if (status === 'open' && r.chance(0.5)) continue;
        const self = scoreFor(r, k, quality);
        const reviewed = status === 'finalised' || status === 'under_review';
        const adjust = reviewed && r.chance(0.15) ? scoreFor(r, k, quality * 0.8) : null;
        xRows.push({
          id: r.uuid(),
          assessmentId: id,
          criterionId: k.id,
          selfScore: self,
          explanation: 'Đã thực hiện, có tài liệu kèm theo.',
          // A finalised review has a score for every criterion (the unit's own where not adjusted).
          reviewScore: adjust ?? (status === 'finalised' ? self : null),
          reviewReason: adjust === null ? null : 'Tài liệu chưa đầy đủ theo hướng dẫn.',
        });
        finalTotal += adjust ?? self;
      }
      // As finalising stores it (scores are quarter points, so the float sum is exact).
      if (status === 'finalised') aRows.at(-1)!.finalTotal = finalTotal;
    }
    await insertRows(db, assessments, aRows);
    await insertRows(db, answers, xRows, (k) => progress.add(k / 4));
    assessmentCount += aRows.length;
    answerCount += xRows.length;
  }
  count('campaigns', plansFor.length);
  count('assessments', assessmentCount);
  count('answers', answerCount);
}

function scoreFor(r: Random, k: typeof criteria.$inferSelect, quality: number): number {
  const max = Number(k.maxPoints);
  const min = Number(k.minPoints);
  switch (k.method) {
    case 'yes_no':
      return r.chance(0.5 + quality / 2) ? max : 0;
    case 'levels':
      return k.levels.length ? r.pick(k.levels).points : max;
    case 'deduction':
      return r.chance(0.15) ? Math.max(min, -r.int(1, 2)) : 0;
    default: {
      const steps = Math.round(max * 4);
      const got = Math.round(steps * Math.min(1, 0.4 + 0.6 * quality * r.float() + 0.3 * r.float()));
      return Math.max(min, Math.min(max, got / 4));
    }
  }
}

/** Leaves of the generated detailed framework: A 40 × 0.5, B 40 × 0.75, C 50 × 0.8, D 20 × 0.5 = 100 points. */
export async function ensureDetailedFramework(db: Db): Promise<string> {
  const CODE = 'unit-index-detailed';
  const [existing] = await db
    .select({ id: frameworkVersions.id })
    .from(frameworkVersions)
    .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
    .where(eq(frameworks.code, CODE));
  if (existing) return existing.id;
  const r = new Random(150);
  const frameworkId = r.uuid();
  const versionId = r.uuid();
  await db.insert(frameworks).values({
    id: frameworkId,
    code: CODE,
    kind: 'unit_index',
    nameVi: 'Bộ chỉ số chi tiết (150 tiêu chí, dữ liệu sinh)',
    nameEn: 'Detailed index (150 criteria, generated data)',
  });
  await db.insert(frameworkVersions).values({
    id: versionId,
    frameworkId,
    version: 1,
    status: 'published',
    legalBasis: 'Dữ liệu sinh để đo hiệu năng / generated for benchmarks',
    publishedAt: new Date('2025-01-01T00:00:00Z'),
  });
  const parts = [
    ['A', 'Lãnh đạo, chỉ đạo', 'Leadership', 40, 0.5],
    ['B', 'Phòng ngừa tham nhũng', 'Prevention', 40, 0.75],
    ['C', 'Phát hiện, xử lý', 'Detection and handling', 50, 0.8],
    ['D', 'Kết quả, hiệu quả', 'Results', 20, 0.5],
  ] as const;
  const rows: (typeof criteria.$inferInsert)[] = [];
  for (const [pi, [code, vi, en, n, pts]] of parts.entries()) {
    const partId = r.uuid();
    rows.push({
      id: partId,
      versionId,
      parentId: null,
      ordinal: pi,
      code,
      titleVi: vi,
      titleEn: en,
      method: 'points',
      maxPoints: n * pts,
    });
    for (let i = 0; i < n; i++)
      rows.push({
        id: r.uuid(),
        versionId,
        parentId: partId,
        ordinal: i,
        code: `${code}.${i + 1}`,
        titleVi: `${vi}: tiêu chí ${i + 1}`,
        titleEn: `${en}: criterion ${i + 1}`,
        method: i % 5 === 4 ? 'yes_no' : 'points',
        maxPoints: pts,
      });
  }
  await insertRows(db, criteria, rows);
  return versionId;
}

export const assessmentsGenerator: GeneratorStep = {
  label: 'đánh giá / assessments',
  work: (s) => (assessedCount(s) * 150) / 4,
  prepare: ensureDetailedFramework,
  run: generate,
};
