import type { Ctx } from '#server/context.ts';
import type { MailMessage } from '#server/mail.ts';
import type { Jobs } from './queue.ts';

/** The background work of this process. Several instances may run it: pg-boss hands each job out once. */
export async function registerWorkers(jobs: Jobs, ctx: Ctx) {
  await jobs.boss.work<MailMessage>('mail.send', { pollingIntervalSeconds: 2 }, async (batch) => {
    for (const job of batch) await ctx.mailer.send(job.data);
  });
}
