import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import { audit } from '#server/modules/audit/service.ts';
import {
  reportFiles,
  reportKeys,
  reportMessages,
  reportStepRecords,
  reports,
  reportTasks,
} from './tables.ts';

/**
 * Deletes the content of reports closed more than `days` ago: text, identity, messages, files, tasks and
 * every sealed key. Counts, categories, dates and on-time flags stay for statistics.
 */
export async function purgeClosedReports(
  ctx: Pick<Ctx, 'db' | 'clock' | 'actor' | 'requestId'>,
  days: number,
) {
  const cutoff = new Date(ctx.clock.now().getTime() - days * 86_400_000);
  const due = await ctx.db
    .select({ id: reports.id, unitId: reports.unitId })
    .from(reports)
    .where(and(eq(reports.status, 'closed'), lt(reports.closedAt, cutoff), isNull(reports.purgedAt)))
    .limit(1000);
  for (const r of due) {
    await ctx.db.transaction(async (tx) => {
      await tx.delete(reportKeys).where(eq(reportKeys.reportId, r.id));
      await tx.delete(reportFiles).where(eq(reportFiles.reportId, r.id));
      // The steps keep their dates and document numbers; the documents themselves go with the files.
      await tx.update(reportStepRecords).set({ fileId: null }).where(eq(reportStepRecords.reportId, r.id));
      await tx.delete(reportMessages).where(eq(reportMessages.reportId, r.id));
      await tx.delete(reportTasks).where(eq(reportTasks.reportId, r.id));
      await tx.execute(sql`delete from reporter_sessions where report_id = ${r.id}`);
      await tx
        .update(reports)
        .set({
          content: null,
          identity: null,
          receiptKey: null,
          firstDecision: null,
          purgedAt: ctx.clock.now(),
        })
        .where(eq(reports.id, r.id));
      await audit(tx, ctx, {
        action: 'report.content_deleted',
        entityType: 'report',
        entityId: r.id,
        unitId: r.unitId,
        changes: { retentionDays: days },
      });
    });
  }
  return due.length;
}
