import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, inList, type Of, updatedAt } from '#server/db/columns.ts';
import { units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import { riskLevels, riskStatuses } from '#shared/risks/schemas.ts';

/** The lowest score of each risk level: the method's one configurable part (reference data). */
export const riskLevelThresholds = pgTable(
  'risk_levels',
  {
    level: text('level').$type<Of<typeof riskLevels>>().primaryKey(),
    minScore: integer('min_score').notNull(),
  },
  (t) => [
    check('risk_levels_level_check', inList(t.level, riskLevels)),
    check('risk_levels_score_check', sql`${t.minScore} between 1 and 25`),
  ],
);

/** A corruption risk in a unit's work process, with its controls and the date it is next reviewed. */
export const corruptionRisks = pgTable(
  'corruption_risks',
  {
    id: id(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    process: text('process').notNull(),
    description: text('description').notNull(),
    likelihood: integer('likelihood').notNull(),
    impact: integer('impact').notNull(),
    owner: text('owner').notNull(),
    controls: text('controls'),
    controlOwner: text('control_owner'),
    reviewBy: date('review_by', { mode: 'string' }).notNull(),
    lastReviewedOn: date('last_reviewed_on', { mode: 'string' }),
    status: text('status').$type<Of<typeof riskStatuses>>().notNull().default('open'),
    /** Evidence of the controls: files read through the risk (ADR 0020). */
    evidenceFileIds: jsonb('evidence_file_ids').$type<string[]>().notNull().default([]),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('corruption_risks_unit_idx').on(t.unitId),
    index('corruption_risks_review_idx').on(t.reviewBy),
    check(
      'corruption_risks_scale_check',
      sql`${t.likelihood} between 1 and 5 and ${t.impact} between 1 and 5`,
    ),
    check('corruption_risks_status_check', inList(t.status, riskStatuses)),
  ],
);
