import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import { scopeFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import type { DeadlineSource, DeadlineWindow } from '#server/platform/deadlines.ts';
import { assessmentRoles } from './service.ts';
import { assessments, campaigns } from './tables.ts';

const row = {
  id: assessments.id,
  title: campaigns.title,
  selfDue: campaigns.selfDue,
  reviewerIds: campaigns.reviewerIds,
  unitId: units.id,
  unitName: units.name,
  unitPath: units.path,
  campaignPath: sql<string>`(select path from units cu where cu.id = ${campaigns.unitId})`,
};

/** Assessments of open campaigns with what Home shows of them, filtered and ordered by the caller. */
const openAssessments = (ctx: Ctx, where: SQL | undefined) =>
  ctx.db
    .select(row)
    .from(assessments)
    .innerJoin(campaigns, eq(campaigns.id, assessments.campaignId))
    .innerJoin(units, eq(units.id, assessments.unitId))
    .where(and(eq(campaigns.status, 'open'), where));

type Row = Awaited<ReturnType<typeof openAssessments>>[number];

/** Assessments as Home lists them: the first `limit`, each with its due date (if any) and its state. */
const listed = (
  kind: 'assessment_self' | 'assessment_review',
  rows: Row[],
  w: DeadlineWindow,
  dueOf: (r: Row) => string | null,
) => ({
  items: rows.slice(0, w.limit).map((r) => {
    const dueOn = dueOf(r);
    return {
      kind,
      id: r.id,
      title: r.title,
      unitId: r.unitId,
      unitName: r.unitName,
      dueOn,
      state: dueOn ? w.state(dueOn) : null,
      link: `/assessments/${r.id}`,
    };
  }),
  total: rows.length,
});

/** Self-assessments the actor's units still have to answer (open, or returned), by the campaign's date. */
export const selfAssessmentDeadlines: DeadlineSource = async (ctx, w) => {
  const rows = await openAssessments(
    ctx,
    and(
      inArray(assessments.status, ['open', 'returned']),
      scopeFilter(ctx.actor, 'assessments.self', units.path),
    ),
  )
    .orderBy(sql`${campaigns.selfDue} asc nulls last`, asc(assessments.id))
    .limit(500);
  return listed('assessment_self', rows, w, (r) => r.selfDue);
};

/**
 * Submitted self-assessments waiting for the actor's review: those of campaigns naming them as reviewer,
 * or all of a campaign they run, never their own unit's (the same rule as opening one for review).
 */
export const reviewDeadlines: DeadlineSource = async (ctx, w) => {
  const rows = await openAssessments(ctx, inArray(assessments.status, ['submitted', 'under_review']))
    .orderBy(asc(assessments.id))
    .limit(2000);
  const mine = rows.filter((r) => assessmentRoles(ctx.actor, r).review);
  return listed('assessment_review', mine, w, () => null);
};
