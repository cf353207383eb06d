import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import { type Db, rows } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { attachFiles, keepOnlyLinked } from '#server/modules/files/service.ts';
import { HANDLE } from '#server/modules/integrity/common.ts';
import {
  lockRegisterRow,
  registerReadable,
  registerScope,
  registerUnit,
  requireRegisterReader,
} from '#server/modules/integrity/registers.ts';
import { searchFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { canAnywhere, canAtRoot } from '#shared/permissions.ts';
import { defaultThresholds, type RiskCreate, type RiskLevel, riskLevels } from '#shared/risks/schemas.ts';
import { corruptionRisks, riskLevelThresholds } from './tables.ts';

/**
 * The corruption-risk register (task 4; ADR 0030): a unit's handlers keep it, the inspectorate reads it.
 * Score = likelihood × impact; its level by the deployment's thresholds.
 */
type Row = typeof corruptionRisks.$inferSelect;
/** A risk as given: evidence may be left out (the import, older clients). */
type RiskInput = Omit<RiskCreate, 'evidenceFileIds'> & { evidenceFileIds?: string[] | undefined };

export async function ensureRiskReferenceData(db: Db) {
  await db
    .insert(riskLevelThresholds)
    .values(riskLevels.map((level) => ({ level, minScore: defaultThresholds[level] })))
    .onConflictDoNothing();
}

export async function thresholds(db: Db) {
  const found = await db.select().from(riskLevelThresholds);
  const t = { ...defaultThresholds };
  for (const r of found) t[r.level] = r.minScore;
  return t;
}
/**
 * The province changes its method's one parameter (ADR 0030): the lowest score of each level, from the
 * top of the tree as frameworks are, in increasing order. Every risk's level follows at once.
 */
export async function setThresholds(ctx: Ctx, input: { medium: number; high: number; critical: number }) {
  // The province's keeper of the registers (the handler at the top of the tree), as for rotation periods;
  // the administrator keeps no register and does not class its risks (sec31 F5).
  if (!canAtRoot(ctx.actor, HANDLE)) throw new AppError('not_found');
  if (input.high <= input.medium) throw fieldError('high', 'field.threshold_order');
  if (input.critical <= input.high) throw fieldError('critical', 'field.threshold_order');
  return ctx.db.transaction(async (tx) => {
    const before = await thresholds(tx);
    const next = { low: 1, ...input };
    for (const level of riskLevels)
      await tx
        .insert(riskLevelThresholds)
        .values({ level, minScore: next[level] })
        .onConflictDoUpdate({ target: riskLevelThresholds.level, set: { minScore: next[level] } });
    await audit(tx, ctx, {
      action: 'risk.thresholds_changed',
      entityType: 'risk_levels',
      entityId: 'thresholds',
      changes: Object.fromEntries(
        riskLevels.filter((l) => before[l] !== next[l]).map((l) => [l, [before[l], next[l]]]),
      ),
    });
    return next;
  });
}

export const levelOf = (score: number, t: Record<RiskLevel, number>): RiskLevel =>
  score >= t.critical ? 'critical' : score >= t.high ? 'high' : score >= t.medium ? 'medium' : 'low';

function present(ctx: Ctx, r: { r: Row; unitName: string }, t: Record<RiskLevel, number>) {
  const score = r.r.likelihood * r.r.impact;
  return {
    id: r.r.id,
    unitId: r.r.unitId,
    unitName: r.unitName,
    process: r.r.process,
    description: r.r.description,
    likelihood: r.r.likelihood,
    impact: r.r.impact,
    score,
    level: levelOf(score, t),
    owner: r.r.owner,
    controls: r.r.controls,
    controlOwner: r.r.controlOwner,
    reviewBy: r.r.reviewBy,
    lastReviewedOn: r.r.lastReviewedOn,
    status: r.r.status,
    evidenceFileIds: r.r.evidenceFileIds,
    reviewDue: r.r.status !== 'closed' && r.r.reviewBy < vnToday(ctx.clock.now()),
    version: r.r.version,
  };
}

const values = (input: RiskInput) => ({
  unitId: input.unitId,
  process: input.process,
  description: input.description,
  likelihood: input.likelihood,
  impact: input.impact,
  owner: input.owner,
  controls: input.controls ?? null,
  controlOwner: input.controlOwner ?? null,
  reviewBy: input.reviewBy,
  status: input.status,
  evidenceFileIds: input.evidenceFileIds ?? [],
});

/** The evidence files, each one the actor may read, kept with the risk in its unit. */
async function attachEvidence(ctx: Ctx, tx: Db, id: string, input: RiskInput) {
  const [u] = await tx.select({ path: units.path }).from(units).where(eq(units.id, input.unitId));
  await attachFiles(ctx, tx, {
    ownerType: 'corruption_risk',
    ownerId: id,
    fileIds: input.evidenceFileIds ?? [],
    unitPath: u!.path,
    field: 'evidenceFileIds',
  });
}

/** Who may read a risk's files: whoever may read the risk. */
export async function readableRisks(ctx: Ctx, ids: string[], db: Db) {
  if (ids.length === 0) return new Set<string>();
  const found = await db
    .select({ id: corruptionRisks.id, path: units.path })
    .from(corruptionRisks)
    .innerJoin(units, eq(units.id, corruptionRisks.unitId))
    .where(inArray(corruptionRisks.id, ids));
  return new Set(found.filter((r) => registerReadable(ctx, r.path)).map((r) => r.id));
}

export async function createRisk(ctx: Ctx, input: RiskInput) {
  if (!canAnywhere(ctx.actor, HANDLE)) throw new AppError('not_found');
  return ctx.db.transaction(async (tx) => {
    await registerUnit(ctx, tx, input.unitId, true, 'unitId');
    if (input.reviewBy > '2100-12-31' || input.reviewBy < '2000-01-01')
      throw fieldError('reviewBy', 'field.date_too_far');
    checkNextReview(ctx, input);
    const [row] = await tx
      .insert(corruptionRisks)
      .values({ ...values(input), createdBy: ctx.actor.userId })
      .returning({ id: corruptionRisks.id });
    await attachEvidence(ctx, tx, row!.id, input);
    await audit(tx, ctx, {
      action: 'risk.recorded',
      entityType: 'corruption_risk',
      entityId: row!.id,
      unitId: input.unitId,
      changes: { likelihood: input.likelihood, impact: input.impact },
    });
    return { id: row!.id };
  });
}

/** A risk still open is next reviewed after today, recorded or reviewed (rev20 P16: 2020 was taken). */
function checkNextReview(ctx: Ctx, input: RiskInput) {
  if (input.status !== 'closed' && input.reviewBy <= vnToday(ctx.clock.now()))
    throw fieldError('reviewBy', 'field.review_in_future');
}

/** An edit is a review: likelihood, impact and controls as they stand today, and the next review date. */
export async function updateRisk(
  ctx: Ctx,
  id: string,
  input: RiskInput & { note?: string | null | undefined; version: number },
) {
  return ctx.db.transaction(async (tx) => {
    const r = await lockRegisterRow(ctx, tx, corruptionRisks, id, input.version);
    await registerUnit(ctx, tx, input.unitId, true, 'unitId');
    const today = vnToday(ctx.clock.now());
    checkNextReview(ctx, input);
    await attachEvidence(ctx, tx, id, input);
    await keepOnlyLinked(tx, 'corruption_risk', id, input.evidenceFileIds ?? []);
    await tx
      .update(corruptionRisks)
      .set({ ...values(input), lastReviewedOn: today, version: r.version + 1, updatedAt: ctx.clock.now() })
      .where(eq(corruptionRisks.id, id));
    await audit(tx, ctx, {
      action: 'risk.reviewed',
      entityType: 'corruption_risk',
      entityId: id,
      unitId: input.unitId,
      changes: {
        likelihood: [r.likelihood, input.likelihood],
        impact: [r.impact, input.impact],
        status: [r.status, input.status],
        ...(input.note ? { note: input.note } : {}),
      },
    });
    return getRisk(ctx, id, tx);
  });
}

export async function getRisk(ctx: Ctx, id: string, db: Db = ctx.db) {
  const [r] = await db
    .select({ r: corruptionRisks, unitName: units.name, path: units.path })
    .from(corruptionRisks)
    .innerJoin(units, eq(units.id, corruptionRisks.unitId))
    .where(eq(corruptionRisks.id, id));
  if (!r || !registerReadable(ctx, r.path)) throw new AppError('not_found');
  return present(ctx, r, await thresholds(db));
}

async function subtree(ctx: Ctx, unitId: string | undefined) {
  return unitId ? sql`${units.path} like ${`${await registerUnit(ctx, ctx.db, unitId, false)}%`}` : undefined;
}

export async function listRisks(
  ctx: Ctx,
  q: {
    unitId?: string | undefined;
    level?: RiskLevel | undefined;
    status?: string | undefined;
    likelihood?: number | undefined;
    impact?: number | undefined;
    reviewDue?: '1' | undefined;
    q?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  requireRegisterReader(ctx);
  const t = await thresholds(ctx.db);
  const score = sql`(${corruptionRisks.likelihood} * ${corruptionRisks.impact})`;
  const level = q.level
    ? {
        low: sql`${score} < ${t.medium}`,
        medium: sql`${score} >= ${t.medium} and ${score} < ${t.high}`,
        high: sql`${score} >= ${t.high} and ${score} < ${t.critical}`,
        critical: sql`${score} >= ${t.critical}`,
      }[q.level]
    : undefined;
  const where = and(
    registerScope(ctx),
    await subtree(ctx, q.unitId),
    level,
    q.status ? eq(corruptionRisks.status, q.status as never) : undefined,
    q.likelihood ? eq(corruptionRisks.likelihood, q.likelihood) : undefined,
    q.impact ? eq(corruptionRisks.impact, q.impact) : undefined,
    q.reviewDue
      ? sql`${corruptionRisks.status} <> 'closed' and ${corruptionRisks.reviewBy} < ${vnToday(ctx.clock.now())}`
      : undefined,
    searchFilter(sql`liem_fold(${corruptionRisks.process} || ' ' || ${corruptionRisks.description})`, q.q),
  );
  const [n] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(corruptionRisks)
    .innerJoin(units, eq(units.id, corruptionRisks.unitId))
    .where(where);
  const found = await ctx.db
    .select({ r: corruptionRisks, unitName: units.name })
    .from(corruptionRisks)
    .innerJoin(units, eq(units.id, corruptionRisks.unitId))
    .where(where)
    .orderBy(sql`(${corruptionRisks.status} = 'closed')`, desc(score), asc(corruptionRisks.reviewBy))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: found.map((r) => present(ctx, r, t)), total: n!.n, page: q.page, pageSize: q.pageSize };
}

/** Open (not closed) risks by likelihood and impact in the reader's scope, or one unit's subtree. */
export async function heatMap(ctx: Ctx, unitId?: string) {
  requireRegisterReader(ctx);
  const where = and(
    registerScope(ctx),
    await subtree(ctx, unitId),
    sql`${corruptionRisks.status} <> 'closed'`,
  );
  const cells = await rows<{ likelihood: number; impact: number; count: number }>(
    ctx.db,
    sql`select ${corruptionRisks.likelihood} as likelihood, ${corruptionRisks.impact} as impact, count(*)::int as count
      from ${corruptionRisks} join ${units} on ${units.id} = ${corruptionRisks.unitId}
      where ${where ?? sql`true`} group by 1, 2`,
  );
  return { cells, thresholds: await thresholds(ctx.db) };
}
