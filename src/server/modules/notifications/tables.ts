import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz } from '#server/db/columns.ts';
import { users } from '#server/modules/users/tables.ts';

export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    messageKey: text('message_key').notNull(),
    values: jsonb('values').$type<Record<string, string | number>>().notNull().default({}),
    link: text('link'),
    /** Several app instances may raise the same event: the key makes it happen once. */
    dedupeKey: text('dedupe_key'),
    readAt: tstz('read_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    uniqueIndex('notifications_dedupe_idx').on(t.dedupeKey),
  ],
);
