import type { Module } from '#server/platform/module.ts';
import { caseDeadlines } from './deadlines.ts';
import { seedDemoCases } from './demo.ts';
import { casesGenerator } from './generate.ts';
import { caseMetrics } from './metrics.ts';
import { caseRoutes } from './routes.ts';
import { ensureCaseReferenceData, readableCases } from './service.ts';

/**
 * Corruption cases (issue 19; ADR 0029): the register every source feeds, referrals of signs of crime on
 * the investigating body's clock, and the asset-recovery ledger that feeds part D of the PCTN index.
 */
export const casesModule: Module = {
  name: 'cases',
  routes: caseRoutes,
  referenceData: ensureCaseReferenceData,
  deadlines: caseDeadlines,
  metrics: caseMetrics,
  fileOwners: [{ type: 'case', readable: readableCases }],
  generate: casesGenerator,
  demo: async (d) => {
    await seedDemoCases(d);
    return undefined;
  },
};
