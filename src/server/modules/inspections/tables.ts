import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from '#server/db/columns.ts';
import { units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import type {
  InspectionStatus,
  PersonResponsible,
  RecommendationSource,
  RecommendationStatus,
} from '#shared/inspections/schemas.ts';

/** An inspectorate's plan of the year's inspections, approved by 20 December of the year before. */
export const inspectionPlans = pgTable(
  'inspection_plans',
  {
    id: id(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    year: integer('year').notNull(),
    status: text('status').$type<'draft' | 'approved'>().notNull().default('draft'),
    decisionNo: text('decision_no'),
    decisionDate: date('decision_date', { mode: 'string' }),
    createdBy: uuid('created_by').references(() => users.id),
    approvedBy: uuid('approved_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('inspection_plans_unit_year_idx').on(t.unitId, t.year),
    check('inspection_plans_status_check', sql`${t.status} in ('draft', 'approved')`),
  ],
);

/**
 * One inspection: planned (a plan's item) or ad hoc on its legal ground; its decision, the dates of its
 * steps (the law's clocks start from them, in started_clocks) and its conclusion with the amounts found.
 */
export const inspections = pgTable(
  'inspections',
  {
    id: id(),
    planId: uuid('plan_id').references(() => inspectionPlans.id),
    /** The inspectorate that conducts it: its scope decides who sees it. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    subjectUnitId: uuid('subject_unit_id').references(() => units.id),
    subjectName: text('subject_name'),
    title: text('title').notNull(),
    periodFrom: date('period_from', { mode: 'string' }),
    periodTo: date('period_to', { mode: 'string' }),
    quarter: integer('quarter'),
    teamSize: integer('team_size'),
    legalGround: text('legal_ground'),
    status: text('status').$type<InspectionStatus>().notNull().default('planned'),
    decisionNo: text('decision_no'),
    decisionDate: date('decision_date', { mode: 'string' }),
    onSiteFrom: date('on_site_from', { mode: 'string' }),
    /** The on-site period extended (once): the decision's date, number and reason. */
    onSiteExtendedOn: date('on_site_extended_on', { mode: 'string' }),
    extensionNo: text('extension_no'),
    extensionReason: text('extension_reason'),
    resultsOn: date('results_on', { mode: 'string' }),
    draftAssignedOn: date('draft_assigned_on', { mode: 'string' }),
    draftReceivedOn: date('draft_received_on', { mode: 'string' }),
    conclusionNo: text('conclusion_no'),
    concludedOn: date('concluded_on', { mode: 'string' }),
    directedOn: date('directed_on', { mode: 'string' }),
    summary: text('summary'),
    wrongdoingVnd: bigint('wrongdoing_vnd', { mode: 'number' }),
    toRecoverVnd: bigint('to_recover_vnd', { mode: 'number' }),
    /** The persons the conclusion holds responsible, as it names them (outsiders too: no account). */
    personsResponsible: jsonb('persons_responsible').$type<PersonResponsible[]>().notNull().default([]),
    cancelledReason: text('cancelled_reason'),
    /** A follow-up inspection: the earlier one whose conclusion's recommendations it re-checks. */
    followUpOf: uuid('follow_up_of').references((): AnyPgColumn => inspections.id),
    /** The earliest open clock's date, for lists (the clocks themselves are in started_clocks). */
    nextDueOn: date('next_due_on', { mode: 'string' }),
    createdBy: uuid('created_by').references(() => users.id),
    /** The signed decision and conclusion as filed (scans or signed PDFs; files read through the inspection). */
    decisionFileId: uuid('decision_file_id'),
    /** The signed minutes of announcing the decision at the inspected body. */
    minutesFileId: uuid('minutes_file_id'),
    conclusionFileId: uuid('conclusion_file_id'),
    /** Who recorded that the draft was received: not the one who may issue the conclusion. */
    draftBy: uuid('draft_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('inspections_unit_idx').on(t.unitId),
    index('inspections_plan_idx').on(t.planId),
    check(
      'inspections_status_check',
      sql`${t.status} in ('planned', 'decided', 'reported', 'concluded', 'directed', 'cancelled')`,
    ),
    check('inspections_subject_check', sql`${t.subjectUnitId} is not null or ${t.subjectName} is not null`),
  ],
);

export const inspectionMembers = pgTable(
  'inspection_members',
  {
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').$type<'lead' | 'member'>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.inspectionId, t.userId] })],
);

/** A change to a plan once approved: an inspection added or cancelled, with its reason. */
export const inspectionPlanChanges = pgTable('inspection_plan_changes', {
  id: id(),
  planId: uuid('plan_id')
    .notNull()
    .references(() => inspectionPlans.id),
  inspectionId: uuid('inspection_id')
    .notNull()
    .references(() => inspections.id),
  kind: text('kind').$type<'added' | 'cancelled'>().notNull(),
  reason: text('reason').notNull(),
  by: uuid('by').references(() => users.id),
  at: tstz('at').notNull(),
});

/**
 * A recommendation to follow to closure: issued by a body in Liêm (`issuerUnitId`) from an inspection's
 * conclusion, a verification of declarations (both by id), a state audit or a citizen's report (by the
 * document's reference only: the report itself stays sealed), owed by a unit in Liêm or an outside body
 * without an account (name, contact).
 */
export const recommendations = pgTable(
  'recommendations',
  {
    id: id(),
    sourceKind: text('source_kind').$type<RecommendationSource>().notNull(),
    sourceId: uuid('source_id'),
    /** The document it comes from (an audit report's or a conclusion's number and date). */
    sourceRef: text('source_ref'),
    issuerUnitId: uuid('issuer_unit_id')
      .notNull()
      .references(() => units.id),
    kind: text('kind').notNull(),
    content: text('content').notNull(),
    ownerUnitId: uuid('owner_unit_id').references(() => units.id),
    ownerOutside: text('owner_outside'),
    ownerContact: text('owner_contact'),
    amountVnd: bigint('amount_vnd', { mode: 'number' }),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').$type<RecommendationStatus>().notNull().default('open'),
    closedOn: date('closed_on', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('recommendations_owner_idx').on(t.ownerUnitId),
    index('recommendations_issuer_idx').on(t.issuerUnitId),
    index('recommendations_source_idx').on(t.sourceId),
    check('recommendations_owner_check', sql`${t.ownerUnitId} is not null or ${t.ownerOutside} is not null`),
    check(
      'recommendations_status_check',
      sql`${t.status} in ('open', 'in_progress', 'reported_done', 'closed', 'not_done')`,
    ),
    check(
      'recommendations_source_check',
      sql`${t.sourceKind} in ('inspection', 'verification', 'audit', 'report') and (${t.sourceKind} in ('inspection', 'verification')) = (${t.sourceId} is not null) and (${t.sourceId} is not null or ${t.sourceRef} is not null)`,
    ),
  ],
);

export const recommendationUpdates = pgTable(
  'recommendation_updates',
  {
    id: id(),
    recommendationId: uuid('recommendation_id')
      .notNull()
      .references(() => recommendations.id),
    status: text('status').$type<RecommendationStatus>().notNull(),
    note: text('note').notNull(),
    evidenceFileIds: jsonb('evidence_file_ids').$type<string[]>().notNull().default([]),
    /** The follow-up inspection whose team re-checked it (this update is that re-check's finding). */
    recheckedBy: uuid('rechecked_by').references(() => inspections.id),
    by: uuid('by').references(() => users.id),
    at: tstz('at').notNull(),
  },
  (t) => [index('recommendation_updates_rec_idx').on(t.recommendationId)],
);
