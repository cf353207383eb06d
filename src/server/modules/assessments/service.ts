import { and, asc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { computeDue } from '#server/modules/clocks/service.ts';
import { attachFiles } from '#server/modules/files/service.ts';
import { scopeFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import { grants, users } from '#server/modules/users/tables.ts';
import { type MetricResult, metric } from '#server/platform/metrics.ts';
import { timed } from '#server/timing.ts';
import type { CampaignCreate } from '#shared/assessments/schemas.ts';
import { AppError, type FieldError, fieldError } from '#shared/errors.ts';
import { type Action, type Actor, can, grantCovers } from '#shared/permissions.ts';
import { writeCriteria } from './frameworks.ts';
import { frameworkSeed } from './seed.ts';
import { answers, assessments, campaigns, criteria, frameworks, frameworkVersions } from './tables.ts';

type CriterionRow = typeof criteria.$inferSelect;

/** Idempotent: each shipped framework gets a published version 1 with its criteria the first time. */
export async function ensureFrameworks(db: Db) {
  for (const f of frameworkSeed) {
    const [existing] = await db.select().from(frameworks).where(eq(frameworks.code, f.code));
    if (existing) continue;
    await db.transaction(async (tx) => {
      const [fw] = await tx
        .insert(frameworks)
        .values({ code: f.code, kind: f.kind, nameVi: f.nameVi, nameEn: f.nameEn })
        .returning();
      const [v] = await tx
        .insert(frameworkVersions)
        .values({
          frameworkId: fw!.id,
          version: 1,
          status: 'published',
          legalBasis: f.legalBasis,
          publishedAt: new Date(),
        })
        .returning();
      await writeCriteria(
        tx,
        v!.id,
        f.criteria.map((c) => ({
          code: c.code,
          titleVi: c.vi,
          titleEn: c.en,
          method: c.method ?? 'points',
          maxPoints: c.max,
          minPoints: c.min ?? 0,
          evidenceRequired: c.evidence ?? false,
          indicatorCode: c.indicator ?? null,
          guidance: c.guidance ?? null,
        })),
      );
    });
  }
}

export async function listFrameworks(db: Db) {
  return db
    .select({
      id: frameworks.id,
      code: frameworks.code,
      kind: frameworks.kind,
      nameVi: frameworks.nameVi,
      nameEn: frameworks.nameEn,
      versionId: frameworkVersions.id,
      version: frameworkVersions.version,
      status: frameworkVersions.status,
    })
    .from(frameworks)
    .innerJoin(frameworkVersions, eq(frameworkVersions.frameworkId, frameworks.id))
    .orderBy(asc(frameworks.code), asc(frameworkVersions.version));
}

export async function criteriaOf(db: Db, versionId: string) {
  return db.select().from(criteria).where(eq(criteria.versionId, versionId)).orderBy(asc(criteria.ordinal));
}

/** Criteria that carry a score: those without children. */
function leaves(all: CriterionRow[]) {
  const parents = new Set(all.map((c) => c.parentId).filter(Boolean));
  return all.filter((c) => !parents.has(c.id));
}

const presentCriterion = (c: CriterionRow) => ({
  id: c.id,
  parentId: c.parentId,
  code: c.code,
  titleVi: c.titleVi,
  titleEn: c.titleEn,
  method: c.method,
  maxPoints: c.maxPoints,
  minPoints: c.minPoints,
  levels: c.levels,
  guidance: c.guidance,
  evidenceRequired: c.evidenceRequired,
  indicatorCode: c.indicatorCode,
});

// ---------------------------------------------------------------- campaigns

async function unitOr404(db: Db, id: string) {
  const [u] = await db.select().from(units).where(eq(units.id, id));
  if (!u) throw new AppError('not_found');
  return u;
}

export async function createCampaign(ctx: Ctx, input: CampaignCreate) {
  const owner = await unitOr404(ctx.db, input.unitId);
  if (!can(ctx.actor, 'assessments.manage', { unitPath: owner.path })) throw new AppError('not_found');
  const [version] = await ctx.db
    .select()
    .from(frameworkVersions)
    .where(eq(frameworkVersions.id, input.versionId));
  if (version?.status !== 'published') throw fieldError('versionId', 'field.invalid');
  const chosen = await ctx.db.select().from(units).where(inArray(units.id, input.unitIds));
  if (chosen.length !== new Set(input.unitIds).size || chosen.some((u) => !u.path.startsWith(owner.path)))
    throw fieldError('unitIds', 'field.unit_out_of_scope');
  let assessed = chosen.filter((u) => u.status === 'active');
  if (input.subtrees) {
    const below = await ctx.db
      .select()
      .from(units)
      .where(
        and(
          eq(units.status, 'active'),
          sql`(${sql.join(
            chosen.map((u) => sql`${units.path} like ${`${u.path}%`}`),
            sql` or `,
          )})`,
        ),
      );
    assessed = below.filter((u) => input.unitTypes.length === 0 || input.unitTypes.includes(u.type));
  }
  if (assessed.length === 0) throw fieldError('unitIds', 'field.required');
  return ctx.db.transaction(async (tx) => {
    const [c] = await tx
      .insert(campaigns)
      .values({
        versionId: version.id,
        unitId: owner.id,
        title: input.title,
        year: input.year,
        reviewerIds: input.reviewerIds,
        createdBy: ctx.actor.userId,
      })
      .returning();
    // A head-of-agency scorecard is about the person who heads the unit now.
    const heads =
      (
        await tx
          .select({ kind: frameworks.kind })
          .from(frameworks)
          .where(eq(frameworks.id, version.frameworkId))
      )[0]?.kind === 'head_evaluation'
        ? await tx
            .select({ unitId: grants.unitId, userId: grants.userId })
            .from(grants)
            .innerJoin(users, eq(users.id, grants.userId))
            .where(
              and(
                eq(grants.role, 'unit_head'),
                eq(users.status, 'active'),
                inArray(
                  grants.unitId,
                  assessed.map((u) => u.id),
                ),
              ),
            )
        : [];
    await tx.insert(assessments).values(
      assessed.map((u) => ({
        campaignId: c!.id,
        unitId: u.id,
        subjectUserId: heads.find((h) => h.unitId === u.id)?.userId ?? null,
      })),
    );
    await audit(tx, ctx, {
      action: 'campaign.created',
      entityType: 'campaign',
      entityId: c!.id,
      unitId: owner.id,
      changes: { title: input.title, year: input.year, units: assessed.length },
    });
    return c!;
  });
}

/** The campaign if the actor may do one of `actions` on its running unit; else not found. */
async function loadCampaign(ctx: Ctx, id: string, actions: Action[] = ['assessments.manage']) {
  const [row] = await ctx.db
    .select({ c: campaigns, path: units.path })
    .from(campaigns)
    .innerJoin(units, eq(units.id, campaigns.unitId))
    .where(eq(campaigns.id, id));
  if (!row || !actions.some((a) => can(ctx.actor, a, { unitPath: row.path })))
    throw new AppError('not_found');
  return row;
}

const readers: Action[] = ['assessments.review', 'assessments.manage'];

/** Opening starts the self-assessment clock (rule `assessment.self`). */
export async function openCampaign(ctx: Ctx, id: string) {
  const { c } = await loadCampaign(ctx, id);
  if (c.status !== 'draft') throw new AppError('conflict');
  const today = vnToday(ctx.clock.now());
  const due = await computeDue(ctx.db, 'assessment.self', today);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(campaigns)
      .set({ status: 'open', openedAt: ctx.clock.now(), selfDue: due.due, selfDueRuleId: due.ruleId })
      .where(eq(campaigns.id, id));
    await audit(tx, ctx, {
      action: 'campaign.opened',
      entityType: 'campaign',
      entityId: id,
      unitId: c.unitId,
      changes: { selfDue: due.due },
    });
  });
  return { ...c, status: 'open', selfDue: due.due };
}

// ---------------------------------------------------------------- assessments

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
    { score: number; value: number; detail: string; records: string[]; kind: 'plan' | 'report' }
  >();
  // Auto-indicators are the modules' metrics (platform/metrics.ts); one used by several criteria is
  // computed once.
  const computed = new Map<string, Promise<MetricResult>>();
  for (const c of leafs) {
    const code = c.indicatorCode;
    const m = code ? metric(code) : undefined;
    if (!code || !m) continue;
    if (!computed.has(code))
      computed.set(code, m.compute(ctx.db, { unitId: l.a.unitId, unitPath: l.unitPath, year: l.c.year }));
    const r = await computed.get(code)!;
    suggestions.set(c.id, { score: Math.round(r.value * c.maxPoints * 100) / 100, ...r, kind: m.kind });
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
    const fields: Record<string, { key: 'field.required' | 'field.evidence_required' }> = {};
    for (const c of leafs) {
      const x = given.find((g) => g.criterionId === c.id);
      if (x?.selfScore === null || x?.selfScore === undefined) fields[c.code] = { key: 'field.required' };
      else if (c.evidenceRequired && x.evidenceFileIds.length === 0)
        fields[c.code] = { key: 'field.evidence_required' };
    }
    if (Object.keys(fields).length > 0) throw new AppError('validation', { fields });
    await tx
      .update(assessments)
      .set({ status: 'submitted', submittedAt: ctx.clock.now(), version: sql`${assessments.version} + 1` })
      .where(eq(assessments.id, id));
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
    status: string;
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
