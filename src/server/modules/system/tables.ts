import { integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { tstz, updatedAt } from '#server/db/columns.ts';

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});

/** Rate-limit counters shared by every instance (http/rate-store.ts): keyed by an HMAC, never an address. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  hits: integer('hits').notNull(),
  windowEnd: tstz('window_end').notNull(),
});
