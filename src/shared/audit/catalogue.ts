import { assessmentsAudit } from '#shared/assessments/audit.ts';
import { authAudit } from '#shared/auth/audit.ts';
import { casesAudit } from '#shared/cases/audit.ts';
import { clocksAudit } from '#shared/clocks/audit.ts';
import { declarationsAudit } from '#shared/declarations/audit.ts';
import { departuresAudit } from '#shared/departures/audit.ts';
import { enterprisesAudit } from '#shared/enterprises/audit.ts';
import { filesAudit } from '#shared/files/audit.ts';
import { importsAudit } from '#shared/imports/audit.ts';
import { inspectionsAudit } from '#shared/inspections/audit.ts';
import { integrityAudit } from '#shared/integrity/audit.ts';
import { keysAudit } from '#shared/keys/audit.ts';
import { orgAudit } from '#shared/org/audit.ts';
import { outreachAudit } from '#shared/outreach/audit.ts';
import { plansAudit } from '#shared/plans/audit.ts';
import { regulationsAudit } from '#shared/regulations/audit.ts';
import { reportsAudit } from '#shared/reports/audit.ts';
import { risksAudit } from '#shared/risks/audit.ts';
import { rotationAudit } from '#shared/rotation/audit.ts';
import { selfInspectionAudit } from '#shared/selfinspection/audit.ts';
import { systemAudit } from '#shared/system/audit.ts';
import { usersAudit } from '#shared/users/audit.ts';
import type { Label } from './define.ts';

/**
 * Every module's audit catalogue: one line per module. An action or a kind of record missing here does
 * not compile where it is written (`audit()` takes only these), so the log never shows a bare code.
 */
const catalogues = [
  orgAudit,
  usersAudit,
  authAudit,
  keysAudit,
  filesAudit,
  clocksAudit,
  declarationsAudit,
  inspectionsAudit,
  casesAudit,
  integrityAudit,
  rotationAudit,
  outreachAudit,
  regulationsAudit,
  departuresAudit,
  risksAudit,
  selfInspectionAudit,
  importsAudit,
  reportsAudit,
  assessmentsAudit,
  enterprisesAudit,
  plansAudit,
  systemAudit,
] as const;

type Catalogue = (typeof catalogues)[number];
type ActionsOf<C> = C extends { actions: infer A } ? keyof A & string : never;
type EntitiesOf<C> = C extends { entities: infer E } ? keyof E & string : never;
export type AuditAction = ActionsOf<Catalogue>;
export type AuditEntity = EntitiesOf<Catalogue>;

const actions = new Map<string, { label: Label; stream: string }>();
const entities = new Map<string, Label>();
for (const c of catalogues) {
  for (const [action, label] of Object.entries(c.actions)) actions.set(action, { label, stream: c.stream });
  for (const [entity, label] of Object.entries(c.entities)) entities.set(entity, label);
}

/** Every action the log can hold, in catalogue order (the log's filter offers them by name). */
export const auditActions = [...actions.keys()] as AuditAction[];
export const auditEntities = [...entities.keys()] as AuditEntity[];

/** The action's label; a code the catalogue does not know (an old event) is shown as it is. */
export const auditActionLabel = (lang: 'vi' | 'en', action: string) =>
  actions.get(action)?.label[lang] ?? action;
export const auditEntityLabel = (lang: 'vi' | 'en', entity: string) => entities.get(entity)?.[lang] ?? entity;

/** The chain an action's events join when they start a transaction's appends (ADR 0019). */
export const auditStreamOf = (action: string) => actions.get(action)?.stream ?? 'other';
