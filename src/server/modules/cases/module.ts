import { sql } from 'drizzle-orm';
import { keptFrom } from '#server/modules/reports/independence.ts';
import { importOf } from '#server/platform/imports.ts';
import type { Module } from '#server/platform/module.ts';
import { caseDeadlines } from './deadlines.ts';
import { seedDemoCases } from './demo.ts';
import { casesGenerator } from './generate.ts';
import { caseImport } from './import.ts';
import { caseMetrics } from './metrics.ts';
import { caseRoutes } from './routes.ts';
import { ensureCaseReferenceData, readableCases } from './service.ts';

/**
 * Corruption cases (issue 19; ADR 0029): the register every source feeds, referrals of signs of crime on
 * the investigating body's clock, and the asset-recovery ledger that feeds part D of the PCTN index.
 */
export const casesModule: Module = {
  name: 'cases',
  auditNames: {
    case: (id) =>
      sql`select 'VV-' || extract(year from x.detected_on)::int || '-' || lpad(x.seq::text, 5, '0') from cases x where x.id = ${id}`,
  },
  routes: caseRoutes,
  referenceData: ensureCaseReferenceData,
  deadlines: caseDeadlines,
  metrics: caseMetrics,
  fileOwners: [{ type: 'case', readable: readableCases }],
  imports: [importOf(caseImport)],
  // A case that a report about someone's head became or joined is kept, in the audit log, from whom that
  // report is: its opening, stages, damage and the head named responsible would tell them (sec23b N1).
  auditHidden: (me, e) =>
    sql`(${e.type} = 'case' and exists (select 1 from case_reports cr
      join reports r on r.id = cr.report_id
      where cr.case_id = case when ${e.id} ~ '^[0-9a-fA-F-]{36}$' then ${e.id}::uuid end
        and r.independent_of_unit_id is not null
        and ${keptFrom(me, sql`r.id`, sql`r.independent_of_unit_id`)}))`,
  generate: casesGenerator,
  demo: async (d) => {
    await seedDemoCases(d);
    return undefined;
  },
};
