import { sql } from 'drizzle-orm';
import { importOf } from '#server/platform/imports.ts';
import type { Module } from '#server/platform/module.ts';
import { rotationDeadlines } from './deadlines.ts';
import { seedDemoRotation } from './demo.ts';
import { rotationGenerator } from './generate.ts';
import { rotationImport } from './import.ts';
import { rotationMetrics } from './metrics.ts';
import { rotationRoutes } from './routes.ts';
import { ensureRotationReferenceData } from './seed.ts';

/**
 * Job rotation (issue 20; ADR 0030): positions and periods as data, time in position, the year's due list
 * with deferrals and exemptions, the yearly plan issued, published and carried out.
 */
export const rotationModule: Module = {
  name: 'rotation',
  auditNames: { rotation_plan: (id) => sql`select x.year::text from rotation_plans x where x.id = ${id}` },
  imports: [importOf(rotationImport)],
  routes: rotationRoutes,
  referenceData: ensureRotationReferenceData,
  deadlines: rotationDeadlines,
  generate: rotationGenerator,
  metrics: rotationMetrics,
  demo: async (d) => {
    await seedDemoRotation(d);
    return undefined;
  },
};
