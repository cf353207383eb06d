import type { Db } from '#server/db/client.ts';
import { registerAuditHidings } from '#server/platform/audit-hiding.ts';
import { registerAuditNames } from '#server/platform/audit-names.ts';
import { registerFileOwners } from '#server/platform/file-owners.ts';
import { registerImports } from '#server/platform/imports.ts';
import { registerMetrics } from '#server/platform/metrics.ts';
import type { Module } from '#server/platform/module.ts';
import { assessmentsModule } from './assessments/module.ts';
import { auditModule } from './audit/module.ts';
import { authModule } from './auth/module.ts';
import { casesModule } from './cases/module.ts';
import { clocksModule } from './clocks/module.ts';
import { declarationsModule } from './declarations/module.ts';
import { departuresModule } from './departures/module.ts';
import { enterprisesModule } from './enterprises/module.ts';
import { filesModule } from './files/module.ts';
import { importsModule } from './imports/module.ts';
import { inspectionsModule } from './inspections/module.ts';
import { integrityModule } from './integrity/module.ts';
import { notificationsModule } from './notifications/module.ts';
import { orgModule } from './org/module.ts';
import { outreachModule } from './outreach/module.ts';
import { plansModule } from './plans/module.ts';
import { regulationsModule } from './regulations/module.ts';
import { reportsModule } from './reports/module.ts';
import { risksModule } from './risks/module.ts';
import { rotationModule } from './rotation/module.ts';
import { selfInspectionModule } from './selfinspection/module.ts';
import { usersModule } from './users/module.ts';

/**
 * Every module of Liêm, foundation first: a new domain is one line here (DESIGN "Plug-in points").
 * Reference data is seeded in this order (assessments' frameworks name the clocks' rules).
 */
export const modules: readonly Module[] = [
  authModule,
  orgModule,
  usersModule,
  auditModule,
  clocksModule,
  filesModule,
  notificationsModule,
  importsModule,
  plansModule,
  reportsModule,
  assessmentsModule,
  enterprisesModule,
  declarationsModule,
  inspectionsModule,
  casesModule,
  integrityModule,
  rotationModule,
  outreachModule,
  regulationsModule,
  departuresModule,
  risksModule,
  selfInspectionModule,
];

registerFileOwners(modules.flatMap((m) => m.fileOwners ?? []));
registerImports(modules.flatMap((m) => m.imports ?? []));
registerAuditHidings(modules.flatMap((m) => (m.auditHidden ? [m.auditHidden] : [])));
registerAuditNames(modules.flatMap((m) => (m.auditNames ? [m.auditNames] : [])));
for (const m of modules) registerMetrics(m.name, m.metrics ?? []);

/** Idempotent: every module's missing reference data, in list order; edits are never overwritten. */
export async function ensureReferenceData(db: Db): Promise<void> {
  for (const m of modules) await m.referenceData?.(db);
}

/** Every module's deadline sources: Home's list and the morning reminders read the same ones. */
export const deadlineSources = () => modules.flatMap((m) => m.deadlines ?? []);
