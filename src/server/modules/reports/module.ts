import type { Module } from '#server/platform/module.ts';
import { systemActor } from '#shared/permissions.ts';
import { reportDeadlines } from './deadlines.ts';
import { seedDemoReports } from './demo.ts';
import { purgeDrafts } from './drafts.ts';
import { reportsGenerator } from './generate.ts';
import { reportMetrics } from './metrics.ts';
import { purgeReporterSessions } from './reporter.ts';
import { reportRoutes } from './routes.ts';
import { reportCategorySeed } from './seed.ts';
import { purgeClosedReports } from './service.ts';
import { statisticsRelease } from './stats.ts';
import { reportCategories } from './tables.ts';

export const reportsModule: Module = {
  name: 'reports',
  demo: (d) => seedDemoReports(d.ctx, d.password),
  generate: reportsGenerator,
  routes: reportRoutes,
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
