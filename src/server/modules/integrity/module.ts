import { sql } from 'drizzle-orm';
import { ensureRules } from '#server/modules/clocks/service.ts';
import { importOf } from '#server/platform/imports.ts';
import type { Module } from '#server/platform/module.ts';
import { recordNumberSql } from './common.ts';
import { conflictImport } from './conflict-import.ts';
import { integrityDeadlines } from './deadlines.ts';
import { seedDemoIntegrity } from './demo.ts';
import { integrityGenerator } from './generate.ts';
import { giftImport } from './gift-import.ts';
import { integrityMetrics } from './metrics.ts';
import { integrityRoutes } from './routes.ts';
import { integrityRules } from './seed.ts';

/**
 * Integrity registers of task 4 (issue 20; ADR 0030): gifts that could not be refused and conflicts of
 * interest, each a workflow with the law's clocks, on Home, in the reminders and the PCTN index.
 */
export const integrityModule: Module = {
  name: 'integrity',
  auditNames: {
    gift: (id) =>
      sql`select ${recordNumberSql('QT', sql`x.seq`, sql`x.reported_on`)} from gifts x where x.id = ${id}`,
    conflict: (id) =>
      sql`select ${recordNumberSql('XDLI', sql`x.seq`, sql`x.reported_on`)} from conflicts x where x.id = ${id}`,
  },
  routes: integrityRoutes,
  imports: [importOf(giftImport), importOf(conflictImport)],
  // Nobody audits a conflict of interest about themselves: its events name the colleague who reported
  // them, whom the register itself never shows them (issue 20 review).
  auditHidden: (me, e) =>
    sql`(${e.type} = 'conflict' and exists (select 1 from conflicts c
      where c.id::text = ${e.id} and c.person_id = ${me}))`,
  referenceData: (db) => ensureRules(db, integrityRules),
  deadlines: integrityDeadlines,
  generate: integrityGenerator,
  metrics: integrityMetrics,
  demo: async (d) => {
    await seedDemoIntegrity(d);
    return undefined;
  },
};
