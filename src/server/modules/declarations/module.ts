import { sql } from 'drizzle-orm';
import type { Module } from '#server/platform/module.ts';
import { declarationDeadlines } from './deadlines.ts';
import { seedDemoDeclarations } from './demo.ts';
import { declarationsGenerator } from './generate.ts';
import { declarationMetrics } from './metrics.ts';
import { declarationRoutes } from './routes.ts';
import { ensureDeclarationReferenceData } from './service.ts';

/**
 * Asset and income declarations (issue 18): the legal parameters as dated data and the cycle's clocks
 * (ADR 0023); roster, e-declaration, review, hand-over (ADR 0024); publication, verification plans with
 * their lottery, verifications and the risk ranking (ADR 0025).
 */
export const declarationsModule: Module = {
  name: 'declarations',
  // By year only: the log's readers include administrators, who read no declaration.
  auditNames: {
    declaration: (id) => sql`select x.year::text from declarations x where x.id = ${id}`,
    declaration_round: (id) => sql`select x.year::text from declaration_rounds x where x.id = ${id}`,
  },
  demo: async (d) => {
    await seedDemoDeclarations(d.ctx, d.password);
    return undefined;
  },
  generate: declarationsGenerator,
  routes: declarationRoutes,
  referenceData: ensureDeclarationReferenceData,
  deadlines: declarationDeadlines,
  metrics: declarationMetrics,
};
