import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from '#server/db/columns.ts';
import { units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import type { enterpriseStatuses } from '#shared/enterprises/schemas.ts';

/** An enterprise known to the province: a unit of type `enterprise` under the commune where it is registered. */
export const enterprises = pgTable('enterprises', {
  unitId: uuid('unit_id')
    .primaryKey()
    .references(() => units.id),
  taxCode: text('tax_code').notNull().unique(),
  sector: text('sector').notNull(),
  size: text('size').notNull(),
  address: text('address').notNull(),
  /** A public commitment to integrity, written by the enterprise. */
  commitment: text('commitment'),
  /** Opt-in: shown with its latest published result on the portal's list of enterprises with a programme. */
  listed: boolean('listed').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A representative's request to register their enterprise: verified by an e-mailed code, then approved. */
export const enterpriseRegistrations = pgTable(
  'enterprise_registrations',
  {
    id: id(),
    taxCode: text('tax_code').notNull(),
    name: text('name').notNull(),
    sector: text('sector').notNull(),
    size: text('size').notNull(),
    address: text('address').notNull(),
    communeUnitId: uuid('commune_unit_id')
      .notNull()
      .references(() => units.id),
    repName: text('rep_name').notNull(),
    repEmail: text('rep_email').notNull(),
    repPhone: text('rep_phone'),
    codeHash: text('code_hash').notNull(),
    codeExpiresAt: tstz('code_expires_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    status: text('status').$type<(typeof enterpriseStatuses)[number]>().notNull().default('unverified'),
    reason: text('reason'),
    unitId: uuid('unit_id').references(() => units.id),
    userId: uuid('user_id').references(() => users.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: tstz('decided_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('enterprise_registrations_status_idx').on(t.status),
    uniqueIndex('enterprise_registrations_open_idx')
      .on(t.taxCode)
      .where(sql`${t.status} in ('unverified', 'verified')`),
    check(
      'enterprise_registrations_status_check',
      sql`${t.status} in ('unverified', 'verified', 'approved', 'rejected')`,
    ),
  ],
);
