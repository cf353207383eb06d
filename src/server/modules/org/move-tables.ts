import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz } from '#server/db/columns.ts';
import { users } from '#server/modules/users/tables.ts';
import { units } from './tables.ts';

/**
 * A unit's move to another parent, asked by one administrator and made by a second (ADR 0031): where a
 * unit sits decides who reads its sealed reports and registers, so a move is a two-person act like an
 * administrator's grant. (Its own file: the users' tables already refer to units.)
 */
export const unitMoves = pgTable(
  'unit_moves',
  {
    id: id(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    fromParentId: uuid('from_parent_id').references(() => units.id),
    toParentId: uuid('to_parent_id')
      .notNull()
      .references(() => units.id),
    status: text('status').notNull().default('pending'),
    /**
     * The unit's new type, when the request changes it to or from a team (`sub_unit`): a team belongs to
     * its parent's agency, which decides whom a report about "the head" is kept from and whom an
     * inspectorate may inspect — one administrator had retyped a team to land a report inside the head's
     * agency (re-test sec23 F7). Null: the type stays.
     */
    toType: text('to_type'),
    /**
     * What was asked, as the second administrator reads it: the unit's and the new parent's whole lines
     * with names and codes when asked. Approval is refused once either has changed (re-test sec22 F4: both
     * ends renamed while the move waited, so the approver read another move than the one made).
     */
    requestedAs: jsonb('requested_as').$type<{ unit: string; to: string }>(),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: tstz('decided_at'),
    createdAt: createdAt(),
  },
  (t) => [
    // One move waits per unit at a time: a second would be decided on a tree the first has changed.
    uniqueIndex('unit_moves_pending_idx').on(t.unitId).where(sql`${t.status} = 'pending'`),
    index('unit_moves_status_idx').on(t.status),
    check('unit_moves_status_check', sql`${t.status} in ('pending', 'approved', 'rejected', 'cancelled')`),
  ],
);
