import { sql } from 'drizzle-orm';
import { importOf } from '#server/platform/imports.ts';
import type { Module } from '#server/platform/module.ts';
import { selfInspectionDeadlines } from './deadlines.ts';
import { seedDemoSelfInspections } from './demo.ts';
import { selfInspectionGenerator } from './generate.ts';
import { selfInspectionImport } from './import.ts';
import { selfInspectionMetrics } from './metrics.ts';
import { selfInspectionRoutes } from './routes.ts';

/** Self-inspection of staff who deal with citizens (task 4, Law Art. 56; issue 20; ADR 0030). */
export const selfInspectionModule: Module = {
  name: 'selfinspection',
  auditNames: {
    self_inspection: (id) =>
      sql`select x.year || ' — ' || left(x.area, 80) from self_inspections x where x.id = ${id}`,
  },
  imports: [importOf(selfInspectionImport)],
  generate: selfInspectionGenerator,
  routes: selfInspectionRoutes,
  metrics: selfInspectionMetrics,
  deadlines: selfInspectionDeadlines,
  demo: async (d) => {
    await seedDemoSelfInspections(d);
    return undefined;
  },
};
