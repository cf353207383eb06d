import { sql } from 'drizzle-orm';
import type { ImportAdapter } from '#server/modules/imports/engine.ts';
import type { Module } from '#server/platform/module.ts';
import { planIssueDeadlines, planTaskDeadlines } from './deadlines.ts';
import { seedDemoPlan } from './demo.ts';
import { planFileOwners } from './files.ts';
import { plansGenerator } from './generate.ts';
import { planItemImport } from './import.ts';
import { planMetrics } from './metrics.ts';
import { planRoutes } from './routes.ts';
import { keyTaskGroupSeed } from './seed.ts';
import { keyTaskGroups } from './tables.ts';

export const plansModule: Module = {
  name: 'plans',
  auditNames: {
    plan: (id) => sql`select x.title from plans x where x.id = ${id}`,
    plan_item: (id) => sql`select left(x.content, 80) from plan_items x where x.id = ${id}`,
  },
  // A plan's tasks are imported into the plan the wizard was opened from.
  imports: [
    {
      entity: 'plan_items',
      needs: 'planId',
      adapter: (t) => planItemImport(t.planId!) as ImportAdapter<never>,
    },
  ],
  demo: async (d) => {
    await seedDemoPlan(d.ctx, d.root.id, d.leadIds);
    return undefined;
  },
  generate: plansGenerator,
  routes: planRoutes,
  referenceData: async (db) => {
    await db.insert(keyTaskGroups).values(keyTaskGroupSeed).onConflictDoNothing();
  },
  deadlines: [planTaskDeadlines, planIssueDeadlines],
  fileOwners: planFileOwners,
  metrics: planMetrics,
};
