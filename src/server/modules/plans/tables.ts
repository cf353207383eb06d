import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
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
import { deadlineRules } from '#server/modules/clocks/tables.ts';
import { files } from '#server/modules/files/tables.ts';
import { units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import type { recurrences } from '#shared/plans/schemas.ts';

/** The eight key tasks of a provincial PCTNTC plan, kept as data (DOMAIN.md). */
export const keyTaskGroups = pgTable('key_task_groups', {
  code: text('code').primaryKey(),
  ordinal: integer('ordinal').notNull(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
});

export const plans = pgTable(
  'plans',
  {
    id: id(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    year: integer('year').notNull(),
    /** The plan this one was cascaded from (the province plan), if any. */
    sourcePlanId: uuid('source_plan_id').references((): AnyPgColumn => plans.id),
    title: text('title').notNull(),
    docNumber: text('doc_number'),
    docDate: date('doc_date', { mode: 'string' }),
    signer: text('signer'),
    signedFileId: uuid('signed_file_id').references(() => files.id),
    status: text('status').notNull().default('draft'),
    /** Issued version number; editing an issued plan re-opens it as the next version. */
    issuedVersion: integer('issued_version').notNull().default(0),
    issuedAt: tstz('issued_at'),
    /** When a cascaded unit plan must be issued, and the rule version that said so. */
    dueDate: date('due_date', { mode: 'string' }),
    dueRuleId: uuid('due_rule_id').references(() => deadlineRules.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('plans_unit_year_idx').on(t.unitId, t.year),
    index('plans_source_idx').on(t.sourcePlanId),
    check('plans_status_check', sql`${t.status} in ('draft', 'issued', 'closed')`),
  ],
);

export const planItems = pgTable(
  'plan_items',
  {
    id: id(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => planItems.id),
    /** The province item this unit item was cascaded from. */
    sourceItemId: uuid('source_item_id').references((): AnyPgColumn => planItems.id),
    ordinal: integer('ordinal').notNull().default(0),
    groupCode: text('group_code')
      .notNull()
      .references(() => keyTaskGroups.code),
    content: text('content').notNull(),
    leadUnitId: uuid('lead_unit_id').references(() => units.id),
    deadline: date('deadline', { mode: 'string' }),
    /** monthly | quarterly | period (the reporting regime's periods), when the task recurs. */
    recurrence: text('recurrence').$type<(typeof recurrences)[number]>(),
    expectedOutput: text('expected_output'),
    indicator: text('indicator'),
    target: text('target'),
    status: text('status').notNull().default('not_started'),
    progress: integer('progress').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('plan_items_plan_idx').on(t.planId, t.ordinal),
    index('plan_items_parent_idx').on(t.parentId),
    index('plan_items_source_idx').on(t.sourceItemId),
    index('plan_items_lead_idx').on(t.leadUnitId),
    // Deadline lists read open tasks soonest first: a page comes from this index, not a sort of all tasks;
    // with the plan it also answers the list's count alone (province: 150 -> 27 ms on PostgreSQL).
    index('plan_items_open_deadline_idx')
      .on(t.deadline, t.id, t.planId)
      .where(sql`${t.deadline} is not null and ${t.status} not in ('done', 'cancelled')`),
    check('plan_items_progress_check', sql`${t.progress} between 0 and 100`),
    check('plan_items_status_check', sql`${t.status} in ('not_started', 'in_progress', 'done', 'cancelled')`),
    check(
      'plan_items_recurrence_check',
      sql`${t.recurrence} is null or ${t.recurrence} in ('monthly', 'quarterly', 'period')`,
    ),
  ],
);

export const planItemUnits = pgTable(
  'plan_item_units',
  {
    itemId: uuid('item_id')
      .notNull()
      .references(() => planItems.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.unitId] }), index('plan_item_units_unit_idx').on(t.unitId)],
);

/** Each issued version's full content, so history is kept when a plan is amended and re-issued. */
export const planVersions = pgTable(
  'plan_versions',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    issuedAt: tstz('issued_at').notNull(),
    issuedBy: uuid('issued_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.planId, t.version] })],
);

/** A unit's report on one item for one reporting period, and the coordinator's decision on it. */
export const progressReports = pgTable(
  'progress_reports',
  {
    id: id(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => planItems.id),
    period: text('period').notNull(),
    status: text('status').notNull(),
    progress: integer('progress').notNull(),
    result: text('result').notNull(),
    evidenceFileIds: jsonb('evidence_file_ids').$type<string[]>().notNull().default([]),
    review: text('review').notNull().default('submitted'),
    reviewComment: text('review_comment'),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: tstz('submitted_at').notNull(),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: tstz('reviewed_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('progress_item_period_idx').on(t.itemId, t.period),
    check('progress_reports_progress_check', sql`${t.progress} between 0 and 100`),
    check('progress_reports_review_check', sql`${t.review} in ('submitted', 'accepted', 'returned')`),
  ],
);

export const planItemComments = pgTable(
  'plan_item_comments',
  {
    id: id(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => planItems.id),
    authorId: uuid('author_id').references(() => users.id),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('plan_item_comments_item_idx').on(t.itemId, t.createdAt)],
);
