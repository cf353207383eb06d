import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { finishClocks } from '#server/modules/clocks/service.ts';
import { attachFiles } from '#server/modules/files/service.ts';
import { units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import { type MetricResult, metric } from '#server/platform/metrics.ts';
import { AppError, type FieldError, fieldError } from '#shared/errors.ts';
import type { MetricInfo } from '#shared/metrics.ts';
import { type Actor, can, canAnywhere, grantCovers } from '#shared/permissions.ts';
import { type CriterionRow, criteriaOf, leaves, presentCriterion } from './catalogue.ts';
import { answers, assessments, campaigns } from './tables.ts';

interface LoadedAssessment {
  a: typeof assessments.$inferSelect;
  c: typeof campaigns.$inferSelect;
  unitPath: string;
  unitName: string;
  campaignPath: string;
  /** The actor answers for this unit. */
  self: boolean;
  /** The actor may review it (reviewer of the campaign or coordinator over it), and it is not their own unit. */
  review: boolean;
}

async function loadAssessment(ctx: Ctx, id: string, db: Db = ctx.db): Promise<LoadedAssessment> {
  const campaignUnit = sql`(select path from units where id = ${campaigns.unitId})`;
  const [row] = await db
    .select({
      a: assessments,
      c: campaigns,
      unitPath: units.path,
      unitName: units.name,
      campaignPath: sql<string>`${campaignUnit}`,
    })
    .from(assessments)
    .innerJoin(campaigns, eq(campaigns.id, assessments.campaignId))
    .innerJoin(units, eq(units.id, assessments.unitId))
    .where(eq(assessments.id, id));
  if (!row) throw new AppError('not_found');
  const { self, reviewer, review } = assessmentRoles(ctx.actor, {
    reviewerIds: row.c.reviewerIds,
    unitPath: row.unitPath,
    campaignPath: row.campaignPath,
  });
  if (!self && !reviewer) throw new AppError('not_found');
  return { ...row, self, review };
}

/** Of these assessments, those the actor may read: its unit's answerers, its reviewers, its coordinators. */
export async function readableAssessments(ctx: Ctx, ids: string[], db: Db): Promise<Set<string>> {
  const rows = await db
    .select({
      id: assessments.id,
      reviewerIds: campaigns.reviewerIds,
      unitPath: units.path,
      campaignPath: sql<string>`(select path from units where id = ${campaigns.unitId})`,
    })
    .from(assessments)
    .innerJoin(campaigns, eq(campaigns.id, assessments.campaignId))
    .innerJoin(units, eq(units.id, assessments.unitId))
    .where(inArray(assessments.id, ids));
  return new Set(
    rows
      .filter((r) => {
        const roles = assessmentRoles(ctx.actor, r);
        return roles.self || roles.reviewer;
      })
      .map((r) => r.id),
  );
}

/**
 * What the actor is to one assessment: its unit answering it (`self`), a reviewer named by the campaign or
 * the campaign's coordinator (`reviewer`), and whether they may review it — never their own unit's.
 */
export function assessmentRoles(
  actor: Actor,
  a: { reviewerIds: string[]; unitPath: string; campaignPath: string },
) {
  const self = can(actor, 'assessments.self', { unitPath: a.unitPath });
  const ownUnit = actor.grants.some(
    (g) =>
      g.role !== 'reviewer' &&
      g.role !== 'coordinator' &&
      grantCovers(g, a.unitPath) &&
      g.unitPath === a.unitPath,
  );
  const reviewer =
    (a.reviewerIds.includes(actor.userId ?? '') &&
      can(actor, 'assessments.review', { unitPath: a.unitPath })) ||
    can(actor, 'assessments.manage', { unitPath: a.campaignPath });
  return { self, reviewer, review: reviewer && !ownUnit && !self };
}

export async function getAssessment(ctx: Ctx, id: string) {
  const l = await loadAssessment(ctx, id);
  const all = await criteriaOf(ctx.db, l.c.versionId);
  const given = await ctx.db.select().from(answers).where(eq(answers.assessmentId, id));
  const leafs = leaves(all);
  const suggestions = new Map<
    string,
    {
      score: number | null;
      value: number | null;
      detail: string;
      records: string[];
      labels?: string[] | undefined;
      kind: MetricInfo['kind'];
    }
  >();
  // Auto-indicators are the modules' metrics (platform/metrics.ts); one used by several criteria is
  // computed once.
  const computed = new Map<string, Promise<MetricResult>>();
  for (const c of leafs) {
    const code = c.indicatorCode;
    const m = code ? metric(code) : undefined;
    if (!code || !m) continue;
    if (!computed.has(code))
      computed.set(
        code,
        m.compute(ctx.db, {
          unitId: l.a.unitId,
          unitPath: l.unitPath,
          year: l.c.year,
          today: vnToday(ctx.clock.now()),
        }),
      );
    const r = await computed.get(code)!;
    // A deduction's indicator says how much of it applies (1: all of it).
    const full = c.method === 'deduction' ? c.minPoints : c.maxPoints;
    // A case's number is for those who handle cases; anyone else reads "case 1" (re-test sec30 F5).
    const { labels, ...rest } = r;
    const named = m.kind !== 'case' || canAnywhere(ctx.actor, 'inspections.manage');
    suggestions.set(c.id, {
      score: r.value === null ? null : Math.round(r.value * full * 100) / 100,
      ...rest,
      ...(named && labels ? { labels } : {}),
      kind: m.kind,
    });
  }
  const sum = (pick: (x: typeof answers.$inferSelect) => number | null) =>
    Math.round(given.reduce((s, x) => s + (pick(x) ?? 0), 0) * 100) / 100;
  const required = leafs.length;
  const [subject] = l.a.subjectUserId
    ? await ctx.db.select({ name: users.fullName }).from(users).where(eq(users.id, l.a.subjectUserId))
    : [];
  return {
    id: l.a.id,
    campaignId: l.c.id,
    unitId: l.a.unitId,
    unitName: l.unitName,
    subjectName: subject?.name ?? null,
    status: l.a.status,
    questions: l.a.questions,
    selfTotal: sum((x) => x.selfScore),
    reviewTotal: given.some((x) => x.reviewScore !== null) ? sum((x) => x.reviewScore ?? x.selfScore) : null,
    answered: given.filter((x) => x.selfScore !== null).length,
    required,
    answers: leafs.map((c) => {
      const x = given.find((g) => g.criterionId === c.id);
      return {
        criterionId: c.id,
        selfScore: x?.selfScore ?? null,
        explanation: x?.explanation ?? null,
        evidenceFileIds: x?.evidenceFileIds ?? [],
        reviewScore: x?.reviewScore ?? null,
        reviewReason: x?.reviewReason ?? null,
        suggestion: suggestions.get(c.id) ?? null,
      };
    }),
    criteria: all.map(presentCriterion),
    version: l.a.version,
    campaignTitle: l.c.title,
    year: l.c.year,
    selfDue: l.c.selfDue,
    canAnswer: l.self && l.c.status === 'open' && (l.a.status === 'open' || l.a.status === 'returned'),
    canReview: l.review && (l.a.status === 'submitted' || l.a.status === 'under_review'),
  };
}

/** The score fits the criterion: its range, yes/no, one of its levels, or a deduction. */
function checkScore(c: CriterionRow, score: number, field = 'score') {
  const min = c.method === 'deduction' ? c.minPoints : Math.min(c.minPoints, 0);
  const max = c.method === 'deduction' ? 0 : c.maxPoints;
  if (score < min) throw fieldError(field, 'field.too_small', { min });
  if (score > max) throw fieldError(field, 'field.too_big', { max });
  if (c.method === 'yes_no' && score !== 0 && score !== c.maxPoints) throw fieldError(field, 'field.invalid');
  if (c.method === 'levels' && !c.levels.some((l) => l.points === score))
    throw fieldError(field, 'field.invalid');
}

async function leafOf(db: Db, versionId: string, criterionId: string) {
  const all = await criteriaOf(db, versionId);
  const c = leaves(all).find((x) => x.id === criterionId);
  if (!c) throw new AppError('not_found');
  return c;
}

export async function saveAnswer(
  ctx: Ctx,
  id: string,
  criterionId: string,
  input: { score: number | null; explanation?: string | null; evidenceFileIds: string[] },
) {
  await ctx.db.transaction(async (tx) => {
    const l = await loadAssessment(ctx, id, tx);
    if (!l.self) throw new AppError('not_found');
    if (l.c.status !== 'open') throw new AppError('conflict');
    if (l.a.status !== 'open' && l.a.status !== 'returned') throw new AppError('assessment_submitted');
    const c = await leafOf(tx, l.c.versionId, criterionId);
    if (input.score !== null) checkScore(c, input.score);
    await attachFiles(ctx, tx, {
      ownerType: 'assessment',
      ownerId: id,
      fileIds: input.evidenceFileIds,
      unitPath: l.unitPath,
      field: 'evidenceFileIds',
    });
    const values = {
      selfScore: input.score,
      explanation: input.explanation ?? null,
      evidenceFileIds: input.evidenceFileIds,
      updatedAt: ctx.clock.now(),
    };
    await tx
      .insert(answers)
      .values({ assessmentId: id, criterionId, ...values })
      .onConflictDoUpdate({ target: [answers.assessmentId, answers.criterionId], set: values });
    await audit(tx, ctx, {
      action: 'assessment.answered',
      entityType: 'assessment',
      entityId: id,
      unitId: l.a.unitId,
      changes: { criterion: c.code, score: input.score, evidence: input.evidenceFileIds.length },
    });
  });
  return getAssessment(ctx, id);
}

/** Submits only when every criterion has a score and every criterion that asks for evidence has some. */
export async function submitAssessment(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const l = await loadAssessment(ctx, id, tx);
    if (!l.self) throw new AppError('not_found');
    if (l.a.status !== 'open' && l.a.status !== 'returned') throw new AppError('assessment_submitted');
    const leafs = leaves(await criteriaOf(tx, l.c.versionId));
    const given = await tx.select().from(answers).where(eq(answers.assessmentId, id));
    const fields: Record<string, { key: 'field.self_score_missing' | 'field.evidence_required' }> = {};
    for (const c of leafs) {
      const x = given.find((g) => g.criterionId === c.id);
      if (x?.selfScore === null || x?.selfScore === undefined)
        fields[c.code] = { key: 'field.self_score_missing' };
      else if (c.evidenceRequired && x.evidenceFileIds.length === 0)
        fields[c.code] = { key: 'field.evidence_required' };
    }
    if (Object.keys(fields).length > 0) throw new AppError('validation', { fields });
    await tx
      .update(assessments)
      .set({ status: 'submitted', submittedAt: ctx.clock.now(), version: sql`${assessments.version} + 1` })
      .where(eq(assessments.id, id));
    await finishClocks(tx, id, vnToday(ctx.clock.now()), ['assessment.self']);
    await audit(tx, ctx, {
      action: 'assessment.submitted',
      entityType: 'assessment',
      entityId: id,
      unitId: l.a.unitId,
    });
  });
  return getAssessment(ctx, id);
}

async function forReview(ctx: Ctx, tx: Db, id: string) {
  // Locked for the transaction: a review saved while another finishes must not reopen a finalised one.
  await tx.select({ id: assessments.id }).from(assessments).where(eq(assessments.id, id)).for('update');
  const l = await loadAssessment(ctx, id, tx);
  if (!l.review) {
    if (l.self) throw fieldError('assessment', 'field.review_own_unit');
    throw new AppError('not_found');
  }
  if (l.a.status !== 'submitted' && l.a.status !== 'under_review') throw new AppError('conflict');
  return l;
}

/**
 * Records the reviewer's scores for any number of criteria at once: all are saved or none. A score that
 * differs from the unit's own needs a reason; errors are keyed by criterion code, as on submission.
 */
export async function reviewAnswers(
  ctx: Ctx,
  id: string,
  reviews: Array<{ criterionId: string; score: number; reason?: string | null }>,
  fieldOf: (code: string, field: 'score' | 'reason') => string = (code) => code,
) {
  await ctx.db.transaction(async (tx) => {
    const l = await forReview(ctx, tx, id);
    const leafs = new Map(leaves(await criteriaOf(tx, l.c.versionId)).map((c) => [c.id, c]));
    const given = new Map(
      (await tx.select().from(answers).where(eq(answers.assessmentId, id))).map((x) => [x.criterionId, x]),
    );
    const fields: Record<string, FieldError> = {};
    const seen = new Set<string>();
    for (const r of reviews) {
      const c = leafs.get(r.criterionId);
      if (!c) throw new AppError('not_found');
      if (seen.has(c.id)) {
        fields[fieldOf(c.code, 'score')] = { key: 'field.invalid' };
        continue;
      }
      seen.add(c.id);
      try {
        checkScore(c, r.score);
      } catch (e) {
        // The score's own message (its bounds, its levels) under this criterion.
        const own = e instanceof AppError ? Object.values(e.details?.fields ?? {})[0] : undefined;
        fields[fieldOf(c.code, 'score')] = own ?? { key: 'field.invalid' };
        continue;
      }
      const self = given.get(c.id)?.selfScore;
      if (self !== undefined && self !== null && self !== r.score && !r.reason?.trim())
        fields[fieldOf(c.code, 'reason')] = { key: 'field.review_reason_required' };
    }
    if (Object.keys(fields).length > 0) throw new AppError('validation', { fields });
    for (const r of reviews) {
      const c = leafs.get(r.criterionId)!;
      const values = {
        reviewScore: r.score,
        reviewReason: r.reason?.trim() || null,
        reviewedBy: ctx.actor.userId,
      };
      // Saving the whole form re-sends what did not change: neither rewritten nor audited again.
      const before = given.get(c.id);
      if (before && before.reviewScore === values.reviewScore && before.reviewReason === values.reviewReason)
        continue;
      await tx
        .insert(answers)
        .values({ assessmentId: id, criterionId: c.id, ...values })
        .onConflictDoUpdate({ target: [answers.assessmentId, answers.criterionId], set: values });
      await audit(tx, ctx, {
        action: 'assessment.reviewed',
        entityType: 'assessment',
        entityId: id,
        unitId: l.a.unitId,
        changes: { criterion: c.code, self: given.get(c.id)?.selfScore ?? null, review: r.score },
      });
    }
    await tx
      .update(assessments)
      .set({ status: 'under_review', version: sql`${assessments.version} + 1` })
      .where(eq(assessments.id, id));
  });
  return getAssessment(ctx, id);
}

/** One criterion's review (the API's per-criterion route). */
export function reviewAnswer(
  ctx: Ctx,
  id: string,
  criterionId: string,
  input: { score: number; reason?: string | null },
) {
  return reviewAnswers(ctx, id, [{ criterionId, ...input }], (_, field) => field);
}

export async function returnAssessment(ctx: Ctx, id: string, questions: string) {
  await ctx.db.transaction(async (tx) => {
    const l = await forReview(ctx, tx, id);
    await tx
      .update(assessments)
      .set({ status: 'returned', questions, version: sql`${assessments.version} + 1` })
      .where(eq(assessments.id, id));
    await audit(tx, ctx, {
      action: 'assessment.returned',
      entityType: 'assessment',
      entityId: id,
      unitId: l.a.unitId,
      changes: { questions },
    });
  });
  return getAssessment(ctx, id);
}

/**
 * Finishes the review once the reviewer has given every criterion a score (confirming the unit's own
 * counts: the review form starts from it); until then the criteria still to review are named.
 */
export async function finaliseAssessment(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const l = await forReview(ctx, tx, id);
    const leafs = leaves(await criteriaOf(tx, l.c.versionId));
    const reviewed = new Set(
      (
        await tx
          .select({ criterionId: answers.criterionId })
          .from(answers)
          .where(and(eq(answers.assessmentId, id), isNotNull(answers.reviewScore)))
      ).map((x) => x.criterionId),
    );
    const fields: Record<string, FieldError> = {};
    for (const c of leafs) if (!reviewed.has(c.id)) fields[c.code] = { key: 'field.review_required' };
    if (Object.keys(fields).length > 0) throw new AppError('validation', { fields });
    await tx
      .update(assessments)
      .set({
        status: 'finalised',
        finalisedAt: ctx.clock.now(),
        finalTotal: sql`(select coalesce(sum(coalesce(review_score, self_score)), 0) from answers where assessment_id = ${id})`,
        version: sql`${assessments.version} + 1`,
      })
      .where(eq(assessments.id, id));
    await audit(tx, ctx, {
      action: 'assessment.finalised',
      entityType: 'assessment',
      entityId: id,
      unitId: l.a.unitId,
    });
  });
  return getAssessment(ctx, id);
}

/** Each criterion of a framework version with the top-level part (a criterion without parent) it sits under. */
