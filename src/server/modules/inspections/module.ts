import { sql } from 'drizzle-orm';
import { importOf } from '#server/platform/imports.ts';
import type { Module } from '#server/platform/module.ts';
import { inspectionDeadlines } from './deadlines.ts';
import { seedDemoInspections } from './demo.ts';
import { inspectionsGenerator } from './generate.ts';
import { inspectionImport } from './import.ts';
import { inspectionMetrics } from './metrics.ts';
import { inspectionRoutes } from './routes.ts';
import { ensureInspectionReferenceData, readableInspections, readableRecommendations } from './service.ts';

/**
 * Detection and handling (issue 19; ADR 0028): the inspectorate's yearly plan, inspections on the law's
 * clocks, conclusions and the recommendations followed to closure by the units that owe them.
 */
export const inspectionsModule: Module = {
  name: 'inspections',
  auditNames: {
    inspection: (id) => sql`select left(x.title, 80) from inspections x where x.id = ${id}`,
    inspection_plan: (id) => sql`select x.year::text from inspection_plans x where x.id = ${id}`,
  },
  imports: [importOf(inspectionImport)],
  routes: inspectionRoutes,
  referenceData: ensureInspectionReferenceData,
  deadlines: inspectionDeadlines,
  metrics: inspectionMetrics,
  fileOwners: [
    { type: 'recommendation', readable: readableRecommendations },
    { type: 'inspection', readable: readableInspections },
  ],
  generate: inspectionsGenerator,
  demo: async (d) => {
    await seedDemoInspections(d);
    return undefined;
  },
};
