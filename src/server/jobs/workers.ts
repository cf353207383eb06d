import type { Ctx } from '#server/context.ts';
import { purgeRateLimits } from '#server/http/rate-store.ts';
import type { MailMessage } from '#server/mail.ts';
import { mailCheckpoints, writeCheckpoint } from '#server/modules/audit/service.ts';
import { purgeExpired } from '#server/modules/auth/service.ts';
import { sendPlanReminders } from '#server/modules/plans/reminders.ts';
import { purgeDrafts } from '#server/modules/reports/drafts.ts';
import { purgeReporterSessions } from '#server/modules/reports/reporter.ts';
import { purgeClosedReports } from '#server/modules/reports/service.ts';
import { statisticsRelease } from '#server/modules/reports/stats.ts';
import { systemActor } from '#shared/permissions.ts';
import type { Jobs } from './queue.ts';

/** The background work of this process. Several instances may run it: pg-boss hands each job out once. */
export async function registerWorkers(jobs: Jobs, ctx: Ctx) {
  await jobs.boss.work<MailMessage>('mail.send', { pollingIntervalSeconds: 2 }, async (batch) => {
    for (const job of batch) await ctx.mailer.send(job.data);
  });
  await jobs.boss.work('housekeeping', async () => {
    await purgeExpired(ctx.db, ctx.clock.now(), ctx.config.sessionIdleMinutes);
    await purgeReporterSessions(ctx.db, ctx.clock.now());
    await purgeDrafts(ctx.db, ctx.clock.now());
    await purgeRateLimits(ctx.db);
    // The audit chain's head is signed at least hourly, outside the database (ADR 0003).
    await writeCheckpoint(ctx.db, ctx.clock.now());
    // Each month's public statistics are published in its first quarter hour, visited or not, so every
    // release is suppressed knowing the one before it (ADR 0017).
    await statisticsRelease(ctx.db, ctx.clock.now());
  });
  // pg-boss keeps one schedule per name, so every instance may declare it; one run happens per tick.
  await jobs.boss.schedule('housekeeping', '*/15 * * * *');
  await jobs.boss.work('plans.remind', async () => {
    await sendPlanReminders(ctx);
  });
  // Every morning at 07:00 Vietnam time.
  await jobs.boss.schedule('plans.remind', '0 0 * * *');
  // Report content past its retention period is deleted nightly (01:00 Vietnam time), in batches.
  await jobs.boss.work('reports.retention', async () => {
    const actor = { ...ctx, actor: systemActor };
    while ((await purgeClosedReports(actor, ctx.config.reportRetentionDays)) > 0) {}
  });
  await jobs.boss.schedule('reports.retention', '0 18 * * *');
  // The day's signed audit checkpoints to the auditor, at 23:30 Vietnam time.
  await jobs.boss.work('audit.mail', async () => {
    await mailCheckpoints(ctx);
  });
  await jobs.boss.schedule('audit.mail', '30 16 * * *');
}
