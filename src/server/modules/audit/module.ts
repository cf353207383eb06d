import type { Module } from '#server/platform/module.ts';
import { auditRoutes } from './routes.ts';
import { appendDeferred, mailCheckpoints, writeCheckpoint } from './service.ts';

export const auditModule: Module = {
  name: 'audit',
  routes: auditRoutes,
  // The chain's head is signed at least hourly, outside the database (ADR 0003).
  housekeeping: async (ctx) => {
    await appendDeferred(ctx);
    await writeCheckpoint(ctx.db, ctx.clock.now());
  },
  // The day's signed checkpoints to the auditor, at 23:30 Vietnam time.
  jobs: [
    {
      name: 'audit.mail',
      schedule: '30 16 * * *',
      run: async (ctx) => {
        await mailCheckpoints(ctx);
      },
    },
  ],
};
