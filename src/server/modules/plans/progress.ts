import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { reportingPeriods } from '#server/modules/clocks/service.ts';
import { attachFiles } from '#server/modules/files/service.ts';
import { notify } from '#server/modules/notifications/service.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { can, canAnywhere } from '#shared/permissions.ts';
import { mayWritePlan } from '#shared/plans/policy.ts';
import type { reviewStates } from '#shared/plans/schemas.ts';
import { responsibleUsers } from './items.ts';
import { planInScope } from './records.ts';
import { planItems, progressReports } from './tables.ts';

export async function itemInScope(ctx: Ctx, tx: Db, itemId: string) {
  const [item] = await tx.select().from(planItems).where(eq(planItems.id, itemId));
  if (!item) throw new AppError('not_found');
  const row = await planInScope(ctx, item.planId, tx);
  return { item, ...row };
}

/** A unit's report for one period: it becomes the item's status and progress, pending review. */
export async function reportProgress(
  ctx: Ctx,
  itemId: string,
  input: { period: string; status: string; progress: number; result: string; evidenceFileIds: string[] },
) {
  return ctx.db.transaction(async (tx) => {
    const { item, p, unitPath } = await itemInScope(ctx, tx, itemId);
    if (!mayWritePlan(ctx.actor, unitPath)) throw new AppError('forbidden');
    if (p.status !== 'issued') throw new AppError('plan_not_issued');
    const periods = await reportingPeriods(tx, p.year);
    // Years before any regime known here have no periods: said as such, not as a wrong period.
    if (periods.length === 0) throw fieldError('period', 'field.no_reporting_regime', { year: p.year });
    if (!periods.some((x) => x.code === input.period)) throw fieldError('period', 'field.period_not_in_year');
    const now = ctx.clock.now();
    const [existing] = await tx
      .select()
      .from(progressReports)
      .where(and(eq(progressReports.itemId, itemId), eq(progressReports.period, input.period)));
    if (existing?.review === 'accepted') throw new AppError('conflict');
    const reportId = existing?.id ?? randomUUID();
    await attachFiles(ctx, tx, {
      ownerType: 'progress_report',
      ownerId: reportId,
      fileIds: input.evidenceFileIds,
      unitPath,
      field: 'evidenceFileIds',
    });
    const values = {
      status: input.status,
      progress: input.progress,
      result: input.result,
      evidenceFileIds: input.evidenceFileIds,
      review: 'submitted',
      reviewComment: null,
      submittedBy: ctx.actor.userId,
      submittedAt: now,
    };
    const [report] = existing
      ? await tx
          .update(progressReports)
          .set({ ...values, version: existing.version + 1 })
          .where(eq(progressReports.id, existing.id))
          .returning()
      : await tx
          .insert(progressReports)
          .values({ ...values, id: reportId, itemId, period: input.period })
          .returning();
    await tx
      .update(planItems)
      .set({ status: input.status, progress: input.progress, updatedAt: now })
      .where(eq(planItems.id, itemId));
    await audit(tx, ctx, {
      action: 'progress.reported',
      entityType: 'plan_item',
      entityId: itemId,
      unitId: p.unitId,
      changes: {
        period: input.period,
        progress: [item.progress, input.progress],
        status: [item.status, input.status],
      },
    });
    return presentReport(report!);
  });
}

const presentReport = (r: typeof progressReports.$inferSelect) => ({
  id: r.id,
  itemId: r.itemId,
  period: r.period,
  status: r.status,
  progress: r.progress,
  result: r.result,
  evidenceFileIds: r.evidenceFileIds,
  review: r.review as (typeof reviewStates)[number],
  reviewComment: r.reviewComment,
  submittedAt: r.submittedAt.toISOString(),
  version: r.version,
});

export async function listReports(ctx: Ctx, itemId: string) {
  return ctx.db.transaction(async (tx) => {
    await itemInScope(ctx, tx, itemId);
    const rows = await tx
      .select()
      .from(progressReports)
      .where(eq(progressReports.itemId, itemId))
      .orderBy(asc(progressReports.period));
    return rows.map(presentReport);
  });
}

/** The coordinator accepts a report or returns it with a reason; the unit is notified of a return. */
export async function reviewProgress(
  ctx: Ctx,
  reportId: string,
  input: { decision: 'accept' | 'return'; comment?: string | null; version: number },
) {
  return ctx.db.transaction(async (tx) => {
    const [report] = await tx.select().from(progressReports).where(eq(progressReports.id, reportId));
    if (!report) throw new AppError('not_found');
    const { item, p, unitPath } = await itemInScope(ctx, tx, report.itemId);
    if (!can(ctx.actor, 'plans.manage', { unitPath }))
      throw new AppError(canAnywhere(ctx.actor, 'plans.read') ? 'forbidden' : 'not_found');
    if (report.version !== input.version) throw new AppError('conflict');
    if (input.decision === 'return' && !input.comment) throw fieldError('comment', 'field.comment_required');
    const review = input.decision === 'accept' ? 'accepted' : 'returned';
    const [updated] = await tx
      .update(progressReports)
      .set({
        review,
        reviewComment: input.comment ?? null,
        reviewedBy: ctx.actor.userId,
        reviewedAt: ctx.clock.now(),
        version: report.version + 1,
      })
      .where(eq(progressReports.id, reportId))
      .returning();
    if (review === 'returned') {
      for (const userId of await responsibleUsers(tx, unitPath)) {
        await notify(tx, {
          userId,
          messageKey: 'notification.progress_returned',
          values: { item: item.content.slice(0, 80), period: report.period, comment: input.comment! },
          link: `/app/plans/${p.id}`,
          dedupeKey: `progress:${reportId}:v${updated!.version}:user:${userId}`,
        });
      }
    }
    await audit(tx, ctx, {
      action: `progress.${review}`,
      entityType: 'plan_item',
      entityId: item.id,
      unitId: p.unitId,
      changes: { period: report.period, review: [report.review, review], comment: input.comment ?? null },
    });
    return presentReport(updated!);
  });
}

/** Per unit plan cascaded from this one: status, due date, lateness and progress. */
