import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from '#server/db/columns.ts';
import { units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import type { assessmentStatuses, campaignStatuses } from '#shared/assessments/schemas.ts';

const pts = (name: string) => numeric(name, { precision: 8, scale: 2, mode: 'number' });

/** One of the four assessment frameworks (DESIGN §9), each with versions. */
export const frameworks = pgTable('frameworks', {
  id: id(),
  code: text('code').notNull().unique(),
  kind: text('kind').notNull(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  createdAt: createdAt(),
});

/** A published version is immutable: editing makes a new draft version. */
export const frameworkVersions = pgTable(
  'framework_versions',
  {
    id: id(),
    frameworkId: uuid('framework_id')
      .notNull()
      .references(() => frameworks.id),
    version: integer('version').notNull(),
    status: text('status').notNull().default('draft'),
    legalBasis: text('legal_basis'),
    publishedAt: tstz('published_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('framework_versions_idx').on(t.frameworkId, t.version),
    check('framework_versions_status_check', sql`${t.status} in ('draft', 'published')`),
  ],
);

export const criteria = pgTable(
  'criteria',
  {
    id: id(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => frameworkVersions.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => criteria.id),
    ordinal: integer('ordinal').notNull(),
    code: text('code').notNull(),
    titleVi: text('title_vi').notNull(),
    titleEn: text('title_en').notNull(),
    method: text('method').notNull(),
    maxPoints: pts('max_points').notNull(),
    minPoints: pts('min_points').notNull().default(0),
    levels: jsonb('levels').$type<Array<{ label: string; points: number }>>().notNull().default([]),
    guidance: text('guidance'),
    evidenceRequired: boolean('evidence_required').notNull().default(false),
    indicatorCode: text('indicator_code'),
  },
  (t) => [
    uniqueIndex('criteria_code_idx').on(t.versionId, t.code),
    index('criteria_parent_idx').on(t.parentId),
  ],
);

export const campaigns = pgTable(
  'campaigns',
  {
    id: id(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => frameworkVersions.id),
    /** The unit that runs the campaign (the province for its departments and communes). */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    title: text('title').notNull(),
    year: integer('year').notNull(),
    status: text('status').$type<(typeof campaignStatuses)[number]>().notNull().default('draft'),
    selfDue: date('self_due', { mode: 'string' }),
    selfDueRuleId: uuid('self_due_rule_id'),
    reviewerIds: jsonb('reviewer_ids').$type<string[]>().notNull().default([]),
    openedAt: tstz('opened_at'),
    publishedAt: tstz('published_at'),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('campaigns_unit_idx').on(t.unitId, t.year)],
);

/** One assessed unit (or enterprise, or head of a unit) in a campaign. */
export const assessments = pgTable(
  'assessments',
  {
    id: id(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /** For a head-of-agency scorecard: the head being evaluated (the unit answers for its results). */
    subjectUserId: uuid('subject_user_id').references(() => users.id),
    status: text('status').$type<(typeof assessmentStatuses)[number]>().notNull().default('open'),
    questions: text('questions'),
    submittedAt: tstz('submitted_at'),
    finalisedAt: tstz('finalised_at'),
    /** Sum of the final scores, fixed when finalised (answers are frozen then): last year's column of a ranking. */
    finalTotal: numeric('final_total', { precision: 10, scale: 2, mode: 'number' }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('assessments_campaign_unit_idx').on(t.campaignId, t.unitId)],
);

export const answers = pgTable(
  'answers',
  {
    id: id(),
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id),
    criterionId: uuid('criterion_id')
      .notNull()
      .references(() => criteria.id),
    selfScore: pts('self_score'),
    explanation: text('explanation'),
    evidenceFileIds: jsonb('evidence_file_ids').$type<string[]>().notNull().default([]),
    reviewScore: pts('review_score'),
    reviewReason: text('review_reason'),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('answers_idx').on(t.assessmentId, t.criterionId)],
);
