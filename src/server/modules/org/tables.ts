import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from '#server/db/columns.ts';
import type { unitStatuses } from '#shared/org/schemas.ts';

export const units = pgTable(
  'units',
  {
    id: id(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    type: text('type').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => units.id),
    /** "/<root id>/…/<own id>/": a prefix match selects a subtree. */
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    status: text('status').$type<(typeof unitStatuses)[number]>().notNull().default('active'),
    search: text('search')
      .notNull()
      .generatedAlwaysAs(sql`liem_fold(name || ' ' || code || ' ' || coalesce(short_name, ''))`),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('units_path_idx').on(t.path.op('text_pattern_ops')),
    index('units_parent_idx').on(t.parentId),
    index('units_search_trgm_idx').using('gin', t.search.op('gin_trgm_ops')),
    check('units_status_check', sql`${t.status} in ('active', 'dissolved', 'archived')`),
    check(
      'units_type_check',
      sql`${t.type} in ('national', 'province', 'city', 'department', 'commune', 'ward', 'special_zone', 'district', 'sub_unit', 'enterprise')`,
    ),
  ],
);

/** How citizens reach a unit outside Liêm (published on the portal for receiving bodies). */
export const unitContacts = pgTable('unit_contacts', {
  unitId: uuid('unit_id')
    .primaryKey()
    .references(() => units.id),
  address: text('address'),
  phone: text('phone'),
  email: text('email'),
  receptionPlace: text('reception_place'),
  receptionHours: text('reception_hours'),
  headReceptionSchedule: text('head_reception_schedule'),
  /**
   * The unit serves a remote area where travel is hard (vùng sâu, vùng xa): complaints it resolves run on
   * the longer clocks (Law on Complaints 2011 Arts. 28, 37).
   */
  remoteArea: boolean('remote_area').notNull().default(false),
  version: integer('version').notNull().default(1),
  updatedAt: updatedAt(),
});

export const unitSuccessors = pgTable(
  'unit_successors',
  {
    predecessorId: uuid('predecessor_id')
      .notNull()
      .references(() => units.id),
    successorId: uuid('successor_id')
      .notNull()
      .references(() => units.id),
    kind: text('kind').notNull(),
    effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.predecessorId, t.successorId] }),
    index('unit_successors_successor_idx').on(t.successorId),
    check('unit_successors_kind_check', sql`${t.kind} in ('merge', 'split')`),
  ],
);

export const positions = pgTable(
  'positions',
  {
    id: id(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    isLeadership: boolean('is_leadership').notNull().default(false),
    /** Which leadership level (shared/org/schemas `leadershipLevels`): the roster compares it with the parameter. */
    leadershipLevel: text('leadership_level'),
    declarationDuty: boolean('declaration_duty').notNull().default(false),
    archivedAt: tstz('archived_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('positions_unit_idx').on(t.unitId),
    check(
      'positions_leadership_level_check',
      sql`${t.leadershipLevel} in ('head_of_agency', 'deputy_head_of_agency', 'head_of_division', 'deputy_head_of_division')`,
    ),
  ],
);
