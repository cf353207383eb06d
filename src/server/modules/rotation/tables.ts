import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, inList, type Of, updatedAt } from '#server/db/columns.ts';
import { units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import { deferralReasons, itemStatuses, planStages } from '#shared/rotation/schemas.ts';

/** Positions subject to periodic rotation and their periods by sector (reference data; Art. 25). */
export const rotationPositions = pgTable(
  'rotation_positions',
  {
    code: text('code').primaryKey(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    sector: text('sector').notNull(),
    periodYears: integer('period_years').notNull(),
    minYears: integer('min_years').notNull(),
    maxYears: integer('max_years').notNull(),
    legalSource: text('legal_source').notNull(),
  },
  (t) => [
    check(
      'rotation_positions_period_check',
      sql`${t.minYears} <= ${t.periodYears} and ${t.periodYears} <= ${t.maxYears}`,
    ),
  ],
);

/** An official in a position subject to rotation, from the assignment decision until they leave it. */
export const rotationAssignments = pgTable(
  'rotation_assignments',
  {
    id: id(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    userId: uuid('user_id').references(() => users.id),
    personName: text('person_name').notNull(),
    positionCode: text('position_code')
      .notNull()
      .references(() => rotationPositions.code),
    assignedOn: date('assigned_on', { mode: 'string' }).notNull(),
    decisionNo: text('decision_no'),
    probationMonths: integer('probation_months').notNull().default(0),
    retiresOn: date('retires_on', { mode: 'string' }),
    /** The assignment plus probation plus the position's period, kept for the due list's index. */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    rotated: boolean('rotated'),
    /** The decision that ended it (the transfer decision when rotated), and why it ended otherwise. */
    endDecisionNo: text('end_decision_no'),
    endNote: text('end_note'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('rotation_assignments_due_idx').on(t.dueOn).where(sql`${t.endedOn} is null`),
    index('rotation_assignments_unit_idx').on(t.unitId),
    check('rotation_assignments_probation_check', sql`${t.probationMonths} between 0 and 24`),
  ],
);

export const rotationDeferrals = pgTable(
  'rotation_deferrals',
  {
    id: id(),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => rotationAssignments.id),
    reason: text('reason').$type<Of<typeof deferralReasons>>().notNull(),
    fromOn: date('from_on', { mode: 'string' }).notNull(),
    untilOn: date('until_on', { mode: 'string' }),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('rotation_deferrals_assignment_idx').on(t.assignmentId),
    check('rotation_deferrals_reason_check', inList(t.reason, deferralReasons)),
  ],
);

/** A unit's yearly rotation plan (Law Art. 26): drafted in Q1, issued and published. */
export const rotationPlans = pgTable(
  'rotation_plans',
  {
    id: id(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    year: integer('year').notNull(),
    stage: text('stage').$type<Of<typeof planStages>>().notNull().default('draft'),
    content: text('content').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }),
    decisionNo: text('decision_no'),
    publishedOn: date('published_on', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('rotation_plans_unit_year_idx').on(t.unitId, t.year),
    check('rotation_plans_stage_check', inList(t.stage, planStages)),
  ],
);

export const rotationPlanItems = pgTable(
  'rotation_plan_items',
  {
    id: id(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => rotationPlans.id),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => rotationAssignments.id),
    plannedOn: date('planned_on', { mode: 'string' }).notNull(),
    toPosition: text('to_position'),
    status: text('status').$type<Of<typeof itemStatuses>>().notNull().default('planned'),
    doneOn: date('done_on', { mode: 'string' }),
    decisionNo: text('decision_no'),
    reason: text('reason'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('rotation_plan_items_plan_assignment_idx').on(t.planId, t.assignmentId),
    index('rotation_plan_items_assignment_idx').on(t.assignmentId),
    check('rotation_plan_items_status_check', inList(t.status, itemStatuses)),
  ],
);
