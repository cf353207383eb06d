import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, inList, type Of, tstz, updatedAt } from '#server/db/columns.ts';
import { units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import {
  type conflictEndReasons,
  type conflictMeasures,
  conflictReporters,
  conflictSituations,
  conflictStages,
  giftKinds,
  giftStages,
  type publicationWays,
  type valuationMethods,
} from '#shared/integrity/schemas.ts';

/**
 * A gift an official could not refuse (Law Art. 22; Decree 59 Arts. 24–28). `unitId` is the unit that
 * receives and handles it: the official's own, or its superior's when the official heads it (Art. 26).
 */
export const gifts = pgTable(
  'gifts',
  {
    id: id(),
    /** Numbers the gift (QT-YYYY-NNNNN with the year it was received). */
    seq: bigint('seq', { mode: 'number' }).generatedByDefaultAsIdentity().notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    recipientId: uuid('recipient_id').references(() => users.id),
    /** Kept as written (a paper register's name, or the account's name when it was reported). */
    recipientName: text('recipient_name').notNull(),
    recipientPosition: text('recipient_position'),
    reportedBy: uuid('reported_by').references(() => users.id),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    place: text('place').notNull(),
    circumstances: text('circumstances').notNull(),
    giverName: text('giver_name').notNull(),
    giverPosition: text('giver_position'),
    giverAgency: text('giver_agency').notNull(),
    giverAddress: text('giver_address'),
    relationship: text('relationship').notNull(),
    kind: text('kind').$type<Of<typeof giftKinds>>().notNull(),
    description: text('description').notNull(),
    valueVnd: bigint('value_vnd', { mode: 'number' }),
    /** The value set when the unit handled it (goods valued before their sale); the reported one stays. */
    valuedVnd: bigint('valued_vnd', { mode: 'number' }),
    valuationMethod: text('valuation_method').$type<Of<typeof valuationMethods>>(),
    stage: text('stage').$type<Of<typeof giftStages>>().notNull().default('reported'),
    handOverBy: date('hand_over_by', { mode: 'string' }),
    handedOverOn: date('handed_over_on', { mode: 'string' }),
    receivedBy: text('received_by'),
    handledOn: date('handled_on', { mode: 'string' }),
    handlingNo: text('handling_no'),
    proceedsVnd: bigint('proceeds_vnd', { mode: 'number' }),
    costsVnd: bigint('costs_vnd', { mode: 'number' }),
    remitBy: date('remit_by', { mode: 'string' }),
    remittedOn: date('remitted_on', { mode: 'string' }),
    remittedVnd: bigint('remitted_vnd', { mode: 'number' }),
    notifyBy: date('notify_by', { mode: 'string' }),
    notifiedOn: date('notified_on', { mode: 'string' }),
    notifiedBody: text('notified_body'),
    published: boolean('published').notNull().default(false),
    /** The earliest open clock (hand over, remit the proceeds, notify the giver's body). */
    nextDueOn: date('next_due_on', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('gifts_seq_idx').on(t.seq),
    index('gifts_unit_idx').on(t.unitId, t.receivedOn),
    index('gifts_recipient_idx').on(t.recipientId),
    index('gifts_due_idx').on(t.nextDueOn),
    check('gifts_kind_check', inList(t.kind, giftKinds)),
    check('gifts_stage_check', inList(t.stage, giftStages)),
    check(
      'gifts_amounts_check',
      sql`coalesce(${t.valueVnd}, 0) >= 0 and coalesce(${t.valuedVnd}, 0) >= 0 and coalesce(${t.proceedsVnd}, 0) >= 0
        and coalesce(${t.costsVnd}, 0) >= 0 and coalesce(${t.remittedVnd}, 0) >= 0`,
    ),
  ],
);

/**
 * A conflict of interest (Law Art. 23; Decree 59 Arts. 29–35, 46–49): reported, a measure decided by the
 * head within its clock, notified, in force (a temporary one for 90 days), ended and, when it was a
 * temporary transfer or suspension, its cancellation published.
 */
export const conflicts = pgTable(
  'conflicts',
  {
    id: id(),
    seq: bigint('seq', { mode: 'number' }).generatedByDefaultAsIdentity().notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    personId: uuid('person_id').references(() => users.id),
    personName: text('person_name').notNull(),
    personPosition: text('person_position'),
    reporter: text('reporter').$type<Of<typeof conflictReporters>>().notNull(),
    reportedBy: uuid('reported_by').references(() => users.id),
    situation: text('situation').$type<Of<typeof conflictSituations>>().notNull(),
    task: text('task').notNull(),
    description: text('description').notNull(),
    arisenOn: date('arisen_on', { mode: 'string' }).notNull(),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    reportBy: date('report_by', { mode: 'string' }),
    impact: text('impact').notNull(),
    proposedMeasure: text('proposed_measure').$type<Of<typeof conflictMeasures>>(),
    stage: text('stage').$type<Of<typeof conflictStages>>().notNull().default('reported'),
    measure: text('measure').$type<Of<typeof conflictMeasures>>(),
    decideBy: date('decide_by', { mode: 'string' }),
    decidedOn: date('decided_on', { mode: 'string' }),
    decisionNo: text('decision_no'),
    supervisor: text('supervisor'),
    notifyBy: date('notify_by', { mode: 'string' }),
    notifiedOn: date('notified_on', { mode: 'string' }),
    measureUntil: date('measure_until', { mode: 'string' }),
    endedOn: date('ended_on', { mode: 'string' }),
    endReason: text('end_reason').$type<Of<typeof conflictEndReasons>>(),
    publishBy: date('publish_by', { mode: 'string' }),
    publishedOn: date('published_on', { mode: 'string' }),
    publishedHow: text('published_how').$type<Of<typeof publicationWays>>(),
    nextDueOn: date('next_due_on', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('conflicts_seq_idx').on(t.seq),
    index('conflicts_unit_idx').on(t.unitId, t.reportedOn),
    index('conflicts_person_idx').on(t.personId),
    index('conflicts_due_idx').on(t.nextDueOn),
    check('conflicts_reporter_check', inList(t.reporter, conflictReporters)),
    check('conflicts_situation_check', inList(t.situation, conflictSituations)),
    check('conflicts_stage_check', inList(t.stage, conflictStages)),
  ],
);

/** The history of a gift or a conflict, step by step, in the order written. */
export const integrityEvents = pgTable(
  'integrity_events',
  {
    id: uuid('id').primaryKey(),
    recordId: uuid('record_id').notNull(),
    kind: text('kind').notNull(),
    note: text('note'),
    by: uuid('by').references(() => users.id),
    at: tstz('at').notNull(),
  },
  (t) => [index('integrity_events_record_idx').on(t.recordId, t.id)],
);
