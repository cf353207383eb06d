import { bigint, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, id } from '#server/db/columns.ts';
import { units } from '#server/modules/org/tables.ts';

/** Files live in the database so that a backup is one consistent unit (docs/adr/0004). */
export const files = pgTable(
  'files',
  {
    id: id(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    uploadedBy: uuid('uploaded_by'),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('files_unit_idx').on(t.unitId), index('files_sha_idx').on(t.sha256)],
);
