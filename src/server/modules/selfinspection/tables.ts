import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, inList, type Of, updatedAt } from '#server/db/columns.ts';
import { units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import { selfInspectionStatuses } from '#shared/selfinspection/schemas.ts';

/** A unit's self-inspection of the staff who deal with citizens (Law Art. 56): planned, then its result. */
export const selfInspections = pgTable(
  'self_inspections',
  {
    id: id(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    year: integer('year').notNull(),
    area: text('area').notNull(),
    staffCount: integer('staff_count'),
    plannedFrom: date('planned_from', { mode: 'string' }).notNull(),
    plannedTo: date('planned_to', { mode: 'string' }).notNull(),
    note: text('note'),
    status: text('status').$type<Of<typeof selfInspectionStatuses>>().notNull().default('planned'),
    doneOn: date('done_on', { mode: 'string' }),
    checkedCount: integer('checked_count'),
    violationsFound: integer('violations_found'),
    staffHandled: integer('staff_handled'),
    referred: integer('referred'),
    findings: text('findings'),
    measures: text('measures'),
    cancelReason: text('cancel_reason'),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('self_inspections_unit_idx').on(t.unitId, t.year),
    index('self_inspections_open_idx').on(t.plannedTo).where(sql`${t.status} = 'planned'`),
    check('self_inspections_status_check', inList(t.status, selfInspectionStatuses)),
    check('self_inspections_period_check', sql`${t.plannedTo} >= ${t.plannedFrom}`),
    check('self_inspections_done_check', sql`${t.status} <> 'done' or ${t.doneOn} is not null`),
  ],
);
