import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { scopeFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import { timed } from '#server/timing.ts';
import type { assessmentStatuses } from '#shared/assessments/schemas.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { can } from '#shared/permissions.ts';
import { loadCampaign, readers } from './campaigns.ts';
import { assessments, campaigns, criteria, frameworks, frameworkVersions } from './tables.ts';

export const criterionPartsSql = (versionId: string) => sql`
    with recursive tree as (
      select id, code as part from criteria where version_id = ${versionId} and parent_id is null
      union all
      select k.id, t.part from criteria k join tree t on k.parent_id = t.id
    )
    select id, part from tree`;

/**
 * Totals per part and overall of every assessment of a campaign, ranked, in one statement (also the
 * benchmark's reference). A criterion's score is the reviewer's if any, else the unit's own. The
 * criterion→part map comes in as a JSON row set rather than the recursive CTE itself: the planner has
 * no statistics for a CTE, guessed ~2,000 rows with 200 distinct ids, and so hashed the ~150,000 answers
 * instead of the 150 criteria (quick set on PostgreSQL: 152 → 82 ms).
 */
export const rankingSql = (campaignId: string, parts: Array<{ id: string; part: string }>) => sql`
    with tree as (
      select * from jsonb_to_recordset(${JSON.stringify(parts)}::jsonb) as t(id uuid, part text)
    ), sums as (
      select x.assessment_id, t.part,
        sum(coalesce(x.review_score, x.self_score)) as score, sum(x.self_score) as self,
        count(x.review_score) as reviews
      from answers x
      join assessments a on a.id = x.assessment_id and a.campaign_id = ${campaignId}
      join tree t on t.id = x.criterion_id
      group by x.assessment_id, t.part
    )
    select a.id as assessment_id, a.unit_id, u.name as unit_name, a.status, hu.full_name as subject_name,
      jsonb_object_agg(p.part, coalesce(s.score, 0)) as parts,
      sum(coalesce(s.score, 0))::float8 as total, sum(coalesce(s.self, 0))::float8 as self_total,
      coalesce(sum(s.reviews), 0) > 0 as reviewed,
      -- Only submitted self-assessments are compared: a unit still answering is not last with 0.
      case when a.status in ('submitted', 'under_review', 'finalised')
        then rank() over (
          partition by a.status in ('submitted', 'under_review', 'finalised')
          order by sum(coalesce(s.score, 0)) desc)
      end as rank
    from assessments a
    cross join (select distinct part from tree) p
    left join sums s on s.assessment_id = a.id and s.part = p.part
    join units u on u.id = a.unit_id
    left join users hu on hu.id = a.subject_user_id
    where a.campaign_id = ${campaignId}
    group by a.id, a.unit_id, u.name, a.status, hu.full_name
    order by rank nulls last, u.name`;

/** The campaign's ranking: the statements `rankingSql` needs (the API times them as `sql` in Server-Timing; the benchmark compares with it). */
export function rankCampaign(db: Ctx['db'], campaignId: string, versionId: string) {
  return db.transaction(async (tx) => {
    // ~150,000 answers are grouped by (assessment, part); the planner expects ~50,000 groups (there are
    // ~4,000) and, with the default 4 MB, sorts them on disk (PGlite, quick set: 156 → 108 ms).
    await tx.execute(sql`set local work_mem = '32MB'`);
    const parts = (await tx.execute(criterionPartsSql(versionId))) as unknown as {
      rows: Array<{ id: string; part: string }>;
    };
    return tx.execute(rankingSql(campaignId, parts.rows));
  });
}

export async function ranking(ctx: Ctx, campaignId: string) {
  const { c } = await loadCampaign(ctx, campaignId, readers);
  type Row = {
    assessment_id: string;
    unit_id: string;
    unit_name: string;
    subject_name: string | null;
    status: (typeof assessmentStatuses)[number];
    parts: Record<string, string | number>;
    total: number;
    self_total: number;
    reviewed: boolean;
    rank: string | number | null;
  };
  const res = await timed(ctx, 'sql', () => rankCampaign(ctx.db, campaignId, c.versionId));
  // Year on year: the same unit's total, fixed at finalisation, in last year's campaign of the same
  // framework and runner (read from ~1,000 assessments, not re-summed from ~150,000 answers).
  const prev = await ctx.db.execute(sql`
      select a.unit_id, sum(a.final_total)::float8 as total
      from campaigns pc
      join framework_versions pv on pv.id = pc.version_id
      join framework_versions cv on cv.id = ${c.versionId}
      join assessments a on a.campaign_id = pc.id and a.status = 'finalised'
      where pv.framework_id = cv.framework_id and pc.unit_id = ${c.unitId} and pc.year = ${c.year - 1}
        and pc.status in ('finalised', 'published')
      group by a.unit_id`);
  const previous = new Map(
    (prev as unknown as { rows: Array<{ unit_id: string; total: number }> }).rows.map((p) => [
      p.unit_id,
      Math.round(Number(p.total) * 100) / 100,
    ]),
  );
  return (res as unknown as { rows: Row[] }).rows.map((r) => ({
    previousTotal: previous.get(r.unit_id) ?? null,
    assessmentId: r.assessment_id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    subjectName: r.subject_name,
    status: r.status,
    rank: r.rank === null ? null : Number(r.rank),
    total: Math.round(Number(r.total) * 100) / 100,
    reviewed: r.reviewed,
    selfTotal: Math.round(Number(r.self_total) * 100) / 100,
    parts: Object.fromEntries(Object.entries(r.parts).map(([k, v]) => [k, Number(v)])),
  }));
}

export async function listCampaigns(
  ctx: Ctx,
  q: { page: number; pageSize: number; year?: number; id?: string },
) {
  const where = and(
    or(
      scopeFilter(ctx.actor, 'assessments.review', units.path),
      scopeFilter(ctx.actor, 'assessments.manage', units.path),
    ),
    q.year ? eq(campaigns.year, q.year) : undefined,
    q.id ? eq(campaigns.id, q.id) : undefined,
  );
  const rows = await ctx.db
    .select({
      c: campaigns,
      unitName: units.name,
      frameworkCode: frameworks.code,
      n: sql<number>`(select count(*)::int from assessments a where a.campaign_id = ${campaigns.id})`,
      submitted: sql<number>`(select count(*)::int from assessments a where a.campaign_id = ${campaigns.id} and a.status <> 'open')`,
      finalised: sql<number>`(select count(*)::int from assessments a where a.campaign_id = ${campaigns.id} and a.status = 'finalised')`,
    })
    .from(campaigns)
    .innerJoin(units, eq(units.id, campaigns.unitId))
    .innerJoin(frameworkVersions, eq(frameworkVersions.id, campaigns.versionId))
    .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
    .where(where)
    .orderBy(sql`${campaigns.year} desc`, asc(campaigns.title))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [count] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(campaigns)
    .innerJoin(units, eq(units.id, campaigns.unitId))
    .where(where);
  return {
    items: rows.map((r) => ({
      id: r.c.id,
      title: r.c.title,
      year: r.c.year,
      status: r.c.status,
      unitId: r.c.unitId,
      unitName: r.unitName,
      frameworkCode: r.frameworkCode,
      versionId: r.c.versionId,
      selfDue: r.c.selfDue,
      assessments: r.n,
      submitted: r.submitted,
      finalised: r.finalised,
    })),
    total: count?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** A campaign is finalised when every assessment is; only then can it be published. */
export async function finaliseCampaign(ctx: Ctx, id: string) {
  const { c } = await loadCampaign(ctx, id);
  if (c.status !== 'open') throw new AppError('conflict');
  const [pending] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(assessments)
    .where(and(eq(assessments.campaignId, id), sql`${assessments.status} <> 'finalised'`));
  if ((pending?.n ?? 0) > 0) throw fieldError('status', 'field.assessments_pending', { n: pending!.n });
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(campaigns)
      .set({ status: 'finalised', version: sql`${campaigns.version} + 1` })
      .where(eq(campaigns.id, id));
    await audit(tx, ctx, {
      action: 'campaign.finalised',
      entityType: 'campaign',
      entityId: id,
      unitId: c.unitId,
    });
  });
  return campaignSummary(ctx, id);
}

/** Publishing puts scores and ranks on the public portal; a campaign not yet finalised cannot be published. */
export async function publishCampaign(ctx: Ctx, id: string) {
  const { c } = await loadCampaign(ctx, id);
  if (c.status !== 'finalised') throw fieldError('status', 'field.not_finalised');
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(campaigns)
      .set({ status: 'published', publishedAt: ctx.clock.now(), version: sql`${campaigns.version} + 1` })
      .where(eq(campaigns.id, id));
    await audit(tx, ctx, {
      action: 'campaign.published',
      entityType: 'campaign',
      entityId: id,
      unitId: c.unitId,
    });
  });
  return campaignSummary(ctx, id);
}

export async function campaignSummary(ctx: Ctx, id: string) {
  await loadCampaign(ctx, id, readers);
  const page = await listCampaigns(
    { ...ctx, actor: { kind: 'system', userId: null, grants: [] } },
    { page: 1, pageSize: 1, id },
  );
  return page.items[0]!;
}

/** Assessments the actor answers for (own units) or reviews, newest campaigns first. */
export async function listAssessments(ctx: Ctx, q: { campaignId?: string; mine?: boolean }) {
  const rows = await ctx.db
    .select({
      a: assessments,
      unitName: units.name,
      unitPath: units.path,
      title: campaigns.title,
      year: campaigns.year,
      campaignStatus: campaigns.status,
      selfDue: campaigns.selfDue,
      frameworkCode: frameworks.code,
      subjectName: sql<
        string | null
      >`(select full_name from users s where s.id = ${assessments.subjectUserId})`,
      answered: sql<number>`(select count(*)::int from answers x where x.assessment_id = ${assessments.id} and x.self_score is not null)`,
      selfTotal: sql<number>`(select coalesce(sum(x.self_score), 0)::float8 from answers x where x.assessment_id = ${assessments.id})`,
      reviewTotal: sql<
        number | null
      >`(select sum(coalesce(x.review_score, x.self_score))::float8 from answers x where x.assessment_id = ${assessments.id} and exists (select 1 from answers y where y.assessment_id = ${assessments.id} and y.review_score is not null))`,
    })
    .from(assessments)
    .innerJoin(campaigns, eq(campaigns.id, assessments.campaignId))
    .innerJoin(units, eq(units.id, assessments.unitId))
    .innerJoin(frameworkVersions, eq(frameworkVersions.id, campaigns.versionId))
    .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
    .where(
      and(
        q.campaignId ? eq(assessments.campaignId, q.campaignId) : undefined,
        sql`${campaigns.status} <> 'draft'`,
        q.mine ? scopeFilter(ctx.actor, 'assessments.self', units.path) : undefined,
      ),
    )
    .orderBy(sql`${campaigns.year} desc`, asc(units.path))
    .limit(2000);
  const visible = rows.filter(
    (r) =>
      can(ctx.actor, 'assessments.self', { unitPath: r.unitPath }) ||
      can(ctx.actor, 'assessments.review', { unitPath: r.unitPath }) ||
      can(ctx.actor, 'assessments.manage', { unitPath: r.unitPath }),
  );
  if (q.campaignId && visible.length === 0 && rows.length > 0) throw new AppError('not_found');
  return visible.map((r) => ({
    id: r.a.id,
    campaignId: r.a.campaignId,
    campaignTitle: r.title,
    year: r.year,
    campaignStatus: r.campaignStatus,
    frameworkCode: r.frameworkCode,
    selfDue: r.selfDue,
    unitId: r.a.unitId,
    unitName: r.unitName,
    subjectName: r.subjectName,
    status: r.a.status,
    answered: r.answered,
    selfTotal: Math.round(r.selfTotal * 100) / 100,
    reviewTotal: r.reviewTotal === null ? null : Math.round(Number(r.reviewTotal) * 100) / 100,
  }));
}

/** Published campaigns and their ranking, for the public portal: unit names and scores only. */
export async function publishedResults(db: Db) {
  const rows = await db
    .select({
      c: campaigns,
      unitName: units.name,
      frameworkCode: frameworks.code,
      nameVi: frameworks.nameVi,
      nameEn: frameworks.nameEn,
    })
    .from(campaigns)
    .innerJoin(units, eq(units.id, campaigns.unitId))
    .innerJoin(frameworkVersions, eq(frameworkVersions.id, campaigns.versionId))
    .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
    .where(eq(campaigns.status, 'published'))
    .orderBy(sql`${campaigns.year} desc`, asc(campaigns.title));
  return rows.map((r) => ({
    id: r.c.id,
    title: r.c.title,
    year: r.c.year,
    unitName: r.unitName,
    frameworkCode: r.frameworkCode,
    nameVi: r.nameVi,
    nameEn: r.nameEn,
    publishedAt: r.c.publishedAt,
  }));
}

export async function publishedRanking(db: Db, campaignId: string) {
  const [c] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.status, 'published')));
  if (!c) throw new AppError('not_found');
  const system = { actor: { kind: 'system' as const, userId: null, grants: [] }, db } as unknown as Ctx;
  // The public sees ranked units only (a published campaign is finalised: all of them, normally).
  const rows = (await ranking(system, campaignId)).flatMap((r) =>
    r.rank === null ? [] : [{ ...r, rank: r.rank }],
  );
  // The index's parts (A–E), named, so a reader knows what each column scores.
  const parts = await db
    .select({
      code: criteria.code,
      titleVi: criteria.titleVi,
      titleEn: criteria.titleEn,
      maxPoints: criteria.maxPoints,
      minPoints: criteria.minPoints,
    })
    .from(criteria)
    .where(and(eq(criteria.versionId, c.versionId), isNull(criteria.parentId)))
    .orderBy(asc(criteria.ordinal));
  return { campaign: c, rows, parts };
}

/** Average total per year over the campaigns of the same framework run by the same unit (the trend line). */
export async function trend(ctx: Ctx, campaignId: string) {
  const { c } = await loadCampaign(ctx, campaignId, readers);
  // Earlier campaigns' totals were fixed at finalisation (read from ~1,000 assessments a year); only this
  // campaign's are summed from its answers (~150,000): summing every year's answers took seconds.
  const res = await ctx.db.execute(sql`
    with totals as (
      select pc.year, coalesce(a.final_total, (select coalesce(sum(coalesce(x.review_score, x.self_score)), 0)
          from answers x where x.assessment_id = a.id))::float8 as total
      from campaigns pc
      join framework_versions pv on pv.id = pc.version_id
      join framework_versions cv on cv.id = ${c.versionId}
      join assessments a on a.campaign_id = pc.id and a.status = 'finalised'
      where pv.framework_id = cv.framework_id and pc.unit_id = ${c.unitId} and pc.id <> ${campaignId}
        and pc.status in ('finalised', 'published')
      union all
      select ${c.year}::int, coalesce(sum(coalesce(x.review_score, x.self_score)), 0)::float8
      from assessments a
      left join answers x on x.assessment_id = a.id
      where a.campaign_id = ${campaignId} and a.status in ('submitted', 'under_review', 'finalised')
      group by a.id
    )
    select year, avg(total)::float8 as average, max(total)::float8 as best, min(total)::float8 as worst, count(*)::int as units
    from totals group by year order by year`);
  return (
    res as unknown as {
      rows: Array<{ year: number; average: number; best: number; worst: number; units: number }>;
    }
  ).rows.map((r) => ({
    year: Number(r.year),
    average: Math.round(Number(r.average) * 100) / 100,
    best: Math.round(Number(r.best) * 100) / 100,
    worst: Math.round(Number(r.worst) * 100) / 100,
    units: Number(r.units),
  }));
}
