import { bigint, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
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

/**
 * Which records hold a file (ADR 0020): a file is read through their owners' policies. A record keeps
 * its links when a later version of it drops the file: what it once held stays readable with it.
 */
export const fileLinks = pgTable(
  'file_links',
  {
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    ownerType: text('owner_type').notNull(),
    ownerId: uuid('owner_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.fileId, t.ownerType, t.ownerId] }),
    index('file_links_owner_idx').on(t.ownerType, t.ownerId),
  ],
);
