import type { Module } from '#server/platform/module.ts';
import { planIssueDeadlines, planTaskDeadlines } from './deadlines.ts';
import { sendPlanReminders } from './reminders.ts';
import { planRoutes } from './routes.ts';
import { keyTaskGroupSeed } from './seed.ts';
import { keyTaskGroups } from './tables.ts';

export const plansModule: Module = {
  name: 'plans',
  routes: planRoutes,
  referenceData: async (db) => {
    await db.insert(keyTaskGroups).values(keyTaskGroupSeed).onConflictDoNothing();
  },
  // Every morning at 07:00 Vietnam time.
  jobs: [
    {
      name: 'plans.remind',
      schedule: '0 0 * * *',
      run: async (ctx) => {
        await sendPlanReminders(ctx);
      },
    },
  ],
  deadlines: [planTaskDeadlines, planIssueDeadlines],
};
