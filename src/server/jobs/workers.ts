import type { Ctx } from '#server/context.ts';
import { purgeRateLimits } from '#server/http/rate-store.ts';
import type { MailMessage } from '#server/mail.ts';
import { deadlineSources, modules } from '#server/modules/index.ts';
import { sendDeadlineReminders } from '#server/platform/reminders.ts';
import type { Jobs } from './queue.ts';

/** Every queue Liêm uses: mail, housekeeping and each module's jobs (created at start). */
export const queueNames = (): string[] => [
  'mail.send',
  'housekeeping',
  'deadlines.remind',
  ...modules.flatMap((m) => (m.jobs ?? []).map((j) => j.name)),
];

/** The background work of this process. Several instances may run it: pg-boss hands each job out once. */
export async function registerWorkers(jobs: Jobs, ctx: Ctx) {
  await jobs.boss.work<MailMessage>('mail.send', { pollingIntervalSeconds: 2 }, async (batch) => {
    for (const job of batch) await ctx.mailer.send(job.data);
  });
  await jobs.boss.work('housekeeping', async () => {
    await purgeRateLimits(ctx.db);
    for (const m of modules) await m.housekeeping?.(ctx);
  });
  // pg-boss keeps one schedule per name, so every instance may declare it; one run happens per tick.
  await jobs.boss.schedule('housekeeping', '*/15 * * * *');
  // Every morning at 07:00 Vietnam time: each user's open items from every module (platform/reminders.ts).
  await jobs.boss.work('deadlines.remind', async () => {
    await sendDeadlineReminders(ctx, deadlineSources());
  });
  await jobs.boss.schedule('deadlines.remind', '0 0 * * *');
  // Plans' own reminder job before session 10: its schedule may remain in an existing queue database.
  await jobs.boss.unschedule('plans.remind').catch(() => undefined);
  for (const job of modules.flatMap((m) => m.jobs ?? [])) {
    await jobs.boss.work(job.name, async () => {
      await job.run(ctx);
    });
    if (job.schedule) await jobs.boss.schedule(job.name, job.schedule);
  }
}
