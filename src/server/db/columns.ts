import { type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, customType, timestamp, uuid } from 'drizzle-orm/pg-core';

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

export const id = () => uuid('id').primaryKey().defaultRandom();
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
export const tstz = (name: string) => timestamp(name, { withTimezone: true });

/** Diacritic- and case-insensitive folding used by every search column (see drizzle/0000 for the function). */
export const fold = (expr: ReturnType<typeof sql>) => sql`liem_fold(${expr})`;

/** A value of one of the domain's lists (its `as const` array). */
export type Of<T extends readonly string[]> = T[number];

/** A check that a text column holds one of the list's values (the list lives in `#shared`). */
export const inList = (col: AnyPgColumn, values: readonly string[]): SQL =>
  sql`${col} in (${sql.raw(values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', '))})`;
