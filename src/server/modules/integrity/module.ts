import { ensureRules } from '#server/modules/clocks/service.ts';
import type { Module } from '#server/platform/module.ts';
import { integrityDeadlines } from './deadlines.ts';
import { seedDemoIntegrity } from './demo.ts';
import { integrityGenerator } from './generate.ts';
import { integrityMetrics } from './metrics.ts';
import { integrityRoutes } from './routes.ts';
import { integrityRules } from './seed.ts';

/**
 * Integrity registers of task 4 (issue 20; ADR 0030): gifts that could not be refused and conflicts of
 * interest, each a workflow with the law's clocks, on Home, in the reminders and the PCTN index.
 */
export const integrityModule: Module = {
  name: 'integrity',
  routes: integrityRoutes,
  referenceData: (db) => ensureRules(db, integrityRules),
  deadlines: integrityDeadlines,
  generate: integrityGenerator,
  metrics: integrityMetrics,
  demo: async (d) => {
    await seedDemoIntegrity(d);
    return undefined;
  },
};
