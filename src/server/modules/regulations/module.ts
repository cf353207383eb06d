import { sql } from 'drizzle-orm';
import { importOf } from '#server/platform/imports.ts';
import type { Module } from '#server/platform/module.ts';
import { seedDemoRegulations } from './demo.ts';
import { regulationsGenerator } from './generate.ts';
import { regulationReviewImport } from './import.ts';
import { regulationMetrics } from './metrics.ts';
import { regulationRoutes } from './routes.ts';

/** Review of regulations relevant to anti-corruption (task 2; issue 20; ADR 0030). */
export const regulationsModule: Module = {
  name: 'regulations',
  auditNames: {
    regulation_review: (id) =>
      sql`select concat_ws(' — ', x.document_no, left(x.title, 80)) from regulation_reviews x where x.id = ${id}`,
  },
  imports: [importOf(regulationReviewImport)],
  generate: regulationsGenerator,
  routes: regulationRoutes,
  metrics: regulationMetrics,
  demo: async (d) => {
    await seedDemoRegulations(d);
    return undefined;
  },
};
