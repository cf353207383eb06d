import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, inList, type Of, updatedAt } from '#server/db/columns.ts';
import { units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import { coolingOffRuleCodes } from '#shared/departures/schemas.ts';

/**
 * An official who left the unit, the field they managed and the day their cooling-off period ends
 * (Decree 59 Arts. 22–23): kept by the unit, read by the inspectorate, checked against the enterprises
 * the province knows.
 */
export const departures = pgTable(
  'departures',
  {
    id: id(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    personName: text('person_name').notNull(),
    position: text('position').notNull(),
    leftOn: date('left_on', { mode: 'string' }).notNull(),
    rule: text('rule').$type<Of<typeof coolingOffRuleCodes>>().notNull(),
    months: integer('months'),
    projectEndsOn: date('project_ends_on', { mode: 'string' }),
    coolingOffUntil: date('cooling_off_until', { mode: 'string' }).notNull(),
    field: text('field').notNull(),
    newEmployerName: text('new_employer_name'),
    newEmployerTaxCode: text('new_employer_tax_code'),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('departures_unit_idx').on(t.unitId, t.leftOn),
    index('departures_tax_code_idx').on(t.newEmployerTaxCode),
    check('departures_rule_check', inList(t.rule, coolingOffRuleCodes)),
    check('departures_period_check', sql`${t.months} is not null or ${t.projectEndsOn} is not null`),
    check('departures_until_check', sql`${t.coolingOffUntil} >= ${t.leftOn}`),
  ],
);
