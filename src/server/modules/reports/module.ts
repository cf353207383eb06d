import { sql } from 'drizzle-orm';
import type { Module } from '#server/platform/module.ts';
import { systemActor } from '#shared/permissions.ts';
import { reportDeadlines } from './deadlines.ts';
import { seedDemoReports } from './demo.ts';
import { purgeDrafts } from './drafts.ts';
import { reportsGenerator } from './generate.ts';
import { keptFrom } from './independence.ts';
import { reportMetrics } from './metrics.ts';
import { purgeReporterSessions } from './reporter.ts';
import { reportRoutes } from './routes.ts';
import { reportCategorySeed } from './seed.ts';
import { purgeClosedReports } from './service.ts';
import { statisticsRelease } from './stats.ts';
import { reportCategories } from './tables.ts';

export const reportsModule: Module = {
  name: 'reports',
  auditNames: {
    report: (id) =>
      sql`select to_char(x.received_on, 'YYYY') || '-' || lpad(x.seq::text, greatest(6, length(x.seq::text)), '0') from reports x where x.id = ${id}`,
  },
  demo: (d) => seedDemoReports(d.ctx, d.password),
  generate: reportsGenerator,
  routes: reportRoutes,
  // A report's trail is kept from whom the report is: every step, its time, the desk's names and an
  // identity request's reason would tell the head (re-test sec23 F1). A case it joined hides its own.
  auditHidden: (me, e) =>
    sql`(${e.type} = 'report' and exists (select 1 from reports r
      where r.independent_of_unit_id is not null
        and r.id = case when ${e.id} ~ '^[0-9a-fA-F-]{36}$' then ${e.id}::uuid end
        and ${keptFrom(me, sql`r.id`, sql`r.independent_of_unit_id`)}))`,
  referenceData: async (db) => {
    await db.insert(reportCategories).values(reportCategorySeed).onConflictDoNothing();
  },
  housekeeping: async (ctx) => {
    await purgeReporterSessions(ctx.db, ctx.clock.now());
    await purgeDrafts(ctx.db, ctx.clock.now());
    // Each month's public statistics are published in its first quarter hour, visited or not, so every
    // release is suppressed knowing the one before it (ADR 0017).
    await statisticsRelease(ctx.db, ctx.clock.now());
  },
  jobs: [
    {
      // Report content past its retention period is deleted nightly (01:00 Vietnam time), in batches.
      name: 'reports.retention',
      schedule: '0 18 * * *',
      run: async (ctx) => {
        const actor = { ...ctx, actor: systemActor };
        while ((await purgeClosedReports(actor, ctx.config.reportRetentionDays)) > 0) {}
      },
    },
  ],
  deadlines: reportDeadlines,
  metrics: reportMetrics,
};
