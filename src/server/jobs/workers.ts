import { sql } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { purgeRateLimits } from '#server/http/rate-store.ts';
import type { MailMessage } from '#server/mail.ts';
import { deadlineSources, modules } from '#server/modules/index.ts';
import { sendDeadlineReminders } from '#server/platform/reminders.ts';
import type { Jobs } from './queue.ts';

/**
 * Nightly upkeep of an embedded (PGlite) database: reclaims dead rows and refreshes the statistics the
 * planner chooses indexes by, as PostgreSQL's autovacuum would. Runs outside any transaction.
 */
export async function maintainEmbedded(db: Db): Promise<void> {
  await db.execute(sql`vacuum (analyze)`);
}

/** Every queue Liêm uses: mail, housekeeping and each module's jobs (created at start). */
export const queueNames = (): string[] => [
  'mail.send',
  'housekeeping',
  'deadlines.remind',
  'maintenance',
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
  // The embedded database has no autovacuum: without this its planner keeps the estimates of an empty
  // database as tables grow (issue 16; ADR 0015). A PostgreSQL server does this by itself.
  if (!ctx.config.databaseUrl) {
    await jobs.boss.work('maintenance', async () => {
      await maintainEmbedded(ctx.db);
    });
    await jobs.boss.schedule('maintenance', '30 19 * * *'); // 02:30 Vietnam time
  }
  // Plans' own reminder job before session 10: its schedule may remain in an existing queue database.
  await jobs.boss.unschedule('plans.remind').catch(() => undefined);
  for (const job of modules.flatMap((m) => m.jobs ?? [])) {
    await jobs.boss.work(job.name, async () => {
      await job.run(ctx);
    });
    if (job.schedule) await jobs.boss.schedule(job.name, job.schedule);
  }
}
