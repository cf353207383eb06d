import { jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, updatedAt } from '#server/db/columns.ts';

/** Column mappings remembered per sheet layout (the hash of its header row). */
export const importMappings = pgTable(
  'import_mappings',
  {
    id: id(),
    entity: text('entity').notNull(),
    layoutHash: text('layout_hash').notNull(),
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('import_mappings_entity_layout_idx').on(t.entity, t.layoutHash)],
);
