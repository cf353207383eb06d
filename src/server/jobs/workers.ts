import type { Ctx } from '#server/context.ts';
import { purgeRateLimits } from '#server/http/rate-store.ts';
import type { MailMessage } from '#server/mail.ts';
import { modules } from '#server/modules/index.ts';
import type { Jobs } from './queue.ts';

/** Every queue Liêm uses: mail, housekeeping and each module's jobs (created at start). */
export const queueNames = (): string[] => [
  'mail.send',
  'housekeeping',
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
  for (const job of modules.flatMap((m) => m.jobs ?? [])) {
    await jobs.boss.work(job.name, async () => {
      await job.run(ctx);
    });
    if (job.schedule) await jobs.boss.schedule(job.name, job.schedule);
  }
}
