import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { updatedAt } from '#server/db/columns.ts';

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});
