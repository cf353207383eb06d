import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, inList, type Of, tstz, updatedAt } from '#server/db/columns.ts';
import { inspections, recommendations } from '#server/modules/inspections/tables.ts';
import { units } from '#server/modules/org/tables.ts';
import { reports } from '#server/modules/reports/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import {
  bodyKinds,
  caseKinds,
  caseSources,
  caseStages,
  type criminalStatuses,
  type disciplineForms,
  type headResponsibilities,
  type recoveryKinds,
  recoveryMeasures,
  type referralDecisions,
  type referralStages,
  type returnTos,
  type seriousness,
} from '#shared/cases/schemas.ts';

/**
 * A corruption case, whatever found it (issue 19; ADR 0029). `unitId` is the body handling it (an
 * inspectorate: its scope decides who sees it); `subjectUnitId` where it happened.
 */
export const cases = pgTable(
  'cases',
  {
    id: id(),
    /** Numbers the case (VV-YYYY-NNNNN with the year it was found). */
    seq: bigint('seq', { mode: 'number' }).generatedByDefaultAsIdentity().notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    subjectUnitId: uuid('subject_unit_id').references(() => units.id),
    subjectName: text('subject_name'),
    title: text('title').notNull(),
    summary: text('summary'),
    kind: text('kind').$type<Of<typeof caseKinds>>().notNull().default('corruption'),
    source: text('source').$type<Of<typeof caseSources>>().notNull(),
    inspectionId: uuid('inspection_id').references(() => inspections.id),
    detectedOn: date('detected_on', { mode: 'string' }).notNull(),
    stage: text('stage').$type<Of<typeof caseStages>>().notNull().default('verifying'),
    /** The damage in VND as known; null until it is determined (0 is a case that caused none). */
    damageVnd: bigint('damage_vnd', { mode: 'number' }),
    seriousness: text('seriousness').$type<Of<typeof seriousness>>(),
    headResponsibility: text('head_responsibility')
      .$type<Of<typeof headResponsibilities>>()
      .notNull()
      .default('none'),
    headUnitId: uuid('head_unit_id').references(() => units.id),
    /** The earliest open clock (a staff report's handling, a retaliation's protection, a referral's answer). */
    nextDueOn: date('next_due_on', { mode: 'string' }),
    closedOn: date('closed_on', { mode: 'string' }),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('cases_seq_idx').on(t.seq),
    index('cases_unit_idx').on(t.unitId, t.detectedOn),
    index('cases_inspection_idx').on(t.inspectionId),
    check('cases_kind_check', inList(t.kind, caseKinds)),
    check('cases_source_check', inList(t.source, caseSources)),
    check('cases_stage_check', inList(t.stage, caseStages)),
    check('cases_damage_check', sql`${t.damageVnd} >= 0`),
  ],
);

export const casePersons = pgTable(
  'case_persons',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    fullName: text('full_name').notNull(),
    position: text('position'),
    rank: text('rank'),
    sector: text('sector'),
    unitId: uuid('unit_id').references(() => units.id),
    disciplineForm: text('discipline_form').$type<Of<typeof disciplineForms>>(),
    administrative: text('administrative'),
    criminal: text('criminal').$type<Of<typeof criminalStatuses>>(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index('case_persons_case_idx').on(t.caseId)],
);

/** A citizen's report that became or joined the case: the link only, never its content or reporter. */
export const caseReports = pgTable(
  'case_reports',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    joinedOn: date('joined_on', { mode: 'string' }).notNull(),
    by: uuid('by').references(() => users.id),
  },
  (t) => [uniqueIndex('case_reports_report_idx').on(t.reportId), index('case_reports_case_idx').on(t.caseId)],
);

/** The case's own history: opened, stage changes, moves between units (with both units), referrals. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').notNull(),
    note: text('note'),
    fromUnitId: uuid('from_unit_id').references(() => units.id),
    toUnitId: uuid('to_unit_id').references(() => units.id),
    by: uuid('by').references(() => users.id),
    at: tstz('at').notNull(),
  },
  (t) => [index('case_events_case_idx').on(t.caseId)],
);

/** A referral of signs of crime to an investigating body without an account (its answers are recorded). */
export const referrals = pgTable(
  'referrals',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    bodyKind: text('body_kind').$type<Of<typeof bodyKinds>>().notNull(),
    bodyName: text('body_name').notNull(),
    bodyContact: text('body_contact'),
    stage: text('stage').$type<Of<typeof referralStages>>().notNull(),
    sentOn: date('sent_on', { mode: 'string' }).notNull(),
    sendBy: date('send_by', { mode: 'string' }),
    documentNo: text('document_no').notNull(),
    procuracyNotifiedOn: date('procuracy_notified_on', { mode: 'string' }),
    receivedOn: date('received_on', { mode: 'string' }),
    complex: boolean('complex').notNull().default(false),
    extended: boolean('extended').notNull().default(false),
    answerDueOn: date('answer_due_on', { mode: 'string' }),
    followUps: integer('follow_ups').notNull().default(0),
    lastFollowUpOn: date('last_follow_up_on', { mode: 'string' }),
    decision: text('decision').$type<Of<typeof referralDecisions>>(),
    decisionOn: date('decision_on', { mode: 'string' }),
    decisionNo: text('decision_no'),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    index('referrals_case_idx').on(t.caseId),
    index('referrals_waiting_idx').on(t.answerDueOn),
    check('referrals_body_check', inList(t.bodyKind, bodyKinds)),
  ],
);

/** What is to be recovered in a case, by which measure, and to whom it returns (Law Art. 93; Decree 59 Art. 20). */
export const recoveryItems = pgTable(
  'recovery_items',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').$type<Of<typeof recoveryKinds>>().notNull(),
    description: text('description').notNull(),
    measure: text('measure').$type<Of<typeof recoveryMeasures>>().notNull(),
    returnTo: text('return_to').$type<Of<typeof returnTos>>().notNull(),
    recommendedVnd: bigint('recommended_vnd', { mode: 'number' }).notNull(),
    /** The inspection's recovery recommendation this item carries out (the same money, typed once). */
    recommendationId: uuid('recommendation_id').references(() => recommendations.id),
    decidedVnd: bigint('decided_vnd', { mode: 'number' }),
    decidedOn: date('decided_on', { mode: 'string' }),
    decisionNo: text('decision_no'),
    /** The sum of the payments, kept with them in the same transaction (the ledger reconciles). */
    recoveredVnd: bigint('recovered_vnd', { mode: 'number' }).notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('recovery_items_case_idx').on(t.caseId),
    // A recommendation's money is in one ledger item at most, whatever two requests do at once.
    uniqueIndex('recovery_items_recommendation_idx')
      .on(t.recommendationId)
      .where(sql`${t.recommendationId} is not null`),
    check('recovery_items_measure_check', inList(t.measure, recoveryMeasures)),
    check(
      'recovery_items_amounts_check',
      sql`${t.recommendedVnd} >= 0 and ${t.recoveredVnd} >= 0 and ${t.recoveredVnd} <= coalesce(${t.decidedVnd}, 0)`,
    ),
  ],
);

export const recoveryPayments = pgTable(
  'recovery_payments',
  {
    id: uuid('id').primaryKey(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => recoveryItems.id),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    amountVnd: bigint('amount_vnd', { mode: 'number' }).notNull(),
    note: text('note'),
    evidenceFileIds: jsonb('evidence_file_ids').$type<string[]>().notNull().default([]),
    by: uuid('by').references(() => users.id),
    at: tstz('at').notNull(),
  },
  (t) => [
    index('recovery_payments_item_idx').on(t.itemId),
    index('recovery_payments_paid_idx').on(t.paidOn),
    check('recovery_payments_amount_check', sql`${t.amountVnd} > 0`),
  ],
);
