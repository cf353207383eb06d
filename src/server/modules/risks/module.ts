import { sql } from 'drizzle-orm';
import { importOf } from '#server/platform/imports.ts';
import type { Module } from '#server/platform/module.ts';
import { riskDeadlines } from './deadlines.ts';
import { seedDemoRisks } from './demo.ts';
import { risksGenerator } from './generate.ts';
import { riskImport } from './import.ts';
import { riskRoutes } from './routes.ts';
import { ensureRiskReferenceData, readableRisks } from './service.ts';

/** The corruption-risk register with its heat map (task 4; issue 20; ADR 0030). */
export const risksModule: Module = {
  name: 'risks',
  auditNames: {
    corruption_risk: (id) => sql`select left(x.process, 80) from corruption_risks x where x.id = ${id}`,
  },
  generate: risksGenerator,
  routes: riskRoutes,
  imports: [importOf(riskImport)],
  fileOwners: [{ type: 'corruption_risk', readable: readableRisks }],
  referenceData: ensureRiskReferenceData,
  deadlines: riskDeadlines,
  demo: async (d) => {
    await seedDemoRisks(d);
    return undefined;
  },
};
