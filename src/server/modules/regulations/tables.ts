import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, inList, type Of, updatedAt } from '#server/db/columns.ts';
import { units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import { documentKinds, issuerLevels, proposalStatuses, reviewResults } from '#shared/regulations/schemas.ts';

/** A legal document a unit reviewed for anti-corruption (task 2), with the gap and the proposal. */
export const regulationReviews = pgTable(
  'regulation_reviews',
  {
    id: id(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    documentNo: text('document_no').notNull(),
    title: text('title').notNull(),
    documentKind: text('document_kind').$type<Of<typeof documentKinds>>().notNull(),
    issuer: text('issuer').notNull(),
    issuerLevel: text('issuer_level').$type<Of<typeof issuerLevels>>().notNull(),
    issuedOn: date('issued_on', { mode: 'string' }),
    reviewedOn: date('reviewed_on', { mode: 'string' }).notNull(),
    result: text('result').$type<Of<typeof reviewResults>>().notNull(),
    gap: text('gap'),
    proposal: text('proposal'),
    proposedTo: text('proposed_to'),
    proposedOn: date('proposed_on', { mode: 'string' }),
    status: text('status').$type<Of<typeof proposalStatuses>>().notNull().default('none'),
    outcomeOn: date('outcome_on', { mode: 'string' }),
    outcomeNote: text('outcome_note'),
    systematised: boolean('systematised').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('regulation_reviews_unit_idx').on(t.unitId, t.reviewedOn),
    check('regulation_reviews_kind_check', inList(t.documentKind, documentKinds)),
    check('regulation_reviews_level_check', inList(t.issuerLevel, issuerLevels)),
    check('regulation_reviews_result_check', inList(t.result, reviewResults)),
    check('regulation_reviews_status_check', inList(t.status, proposalStatuses)),
    check('regulation_reviews_gap_check', sql`${t.result} = 'consistent' or ${t.gap} is not null`),
  ],
);
