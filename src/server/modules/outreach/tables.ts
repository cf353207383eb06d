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
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, inList, type Of, updatedAt } from '#server/db/columns.ts';
import { units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import { type audiences, outreachKinds } from '#shared/outreach/schemas.ts';

/** An outreach event or campaign organised by a unit (task 3). */
export const outreachEvents = pgTable(
  'outreach_events',
  {
    id: id(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    title: text('title').notNull(),
    kind: text('kind').$type<Of<typeof outreachKinds>>().notNull(),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    audiences: text('audiences').array().$type<Array<Of<typeof audiences>>>().notNull(),
    participants: integer('participants').notNull(),
    staffTrained: integer('staff_trained').notNull().default(0),
    materials: text('materials'),
    /** The materials themselves (slides, leaflets, the attendance sheet), read by whoever reads the event. */
    materialFileIds: jsonb('material_file_ids').$type<string[]>().notNull().default([]),
    costVnd: bigint('cost_vnd', { mode: 'number' }).notNull().default(0),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('outreach_events_unit_idx').on(t.unitId, t.startedOn),
    check('outreach_events_kind_check', inList(t.kind, outreachKinds)),
    check(
      'outreach_events_counts_check',
      sql`${t.participants} >= 0 and ${t.staffTrained} between 0 and ${t.participants} and ${t.costVnd} >= 0`,
    ),
  ],
);

/**
 * Who attended an event, from its attendance sheet (issue 20: "participants imported from a sheet or
 * counted"): the event's counts follow the list once there is one. One person once per event.
 */
export const outreachAttendees = pgTable(
  'outreach_attendees',
  {
    id: id(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => outreachEvents.id, { onDelete: 'cascade' }),
    fullName: text('full_name').notNull(),
    agency: text('agency'),
    position: text('position'),
    /** One of the organising unit's own staff (counted among the staff trained), or someone from outside. */
    staff: boolean('staff').notNull().default(false),
    /** Name and agency as compared (folded): the same person twice on one list is refused. */
    personKey: text('person_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('outreach_attendees_person_idx').on(t.eventId, t.personKey)],
);

/**
 * A unit's staff in a year and how many different ones were trained (from its attendance sheets): the
 * share of staff trained is these two, never the events' attendances (one official at three events is
 * three attendances) nor the unit's Liêm accounts (review rev20 P1).
 */
export const outreachStaffCounts = pgTable(
  'outreach_staff_counts',
  {
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    year: integer('year').notNull(),
    staff: integer('staff').notNull(),
    staffTrained: integer('staff_trained').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.year] }),
    check('outreach_staff_counts_check', sql`${t.staff} > 0 and ${t.staffTrained} between 0 and ${t.staff}`),
  ],
);
