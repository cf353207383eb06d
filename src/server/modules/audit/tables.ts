import { bigint, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { tstz } from '#server/db/columns.ts';

/**
 * Append-only, hash-chained: each row's hash covers its content and the previous row's hash in its
 * stream (ADR 0019: one chain per module, so one module's long transaction never holds up another's).
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The chain the event is linked in; 'main' holds every event written before streams. */
    stream: text('stream').notNull().default('main'),
    id: uuid('id').notNull().unique(),
    at: tstz('at').notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    unitId: uuid('unit_id'),
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull(),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_stream_idx').on(t.stream, t.seq),
    index('audit_unit_idx').on(t.unitId, t.seq),
    index('audit_entity_idx').on(t.entityType, t.entityId),
    index('audit_actor_idx').on(t.actorId, t.seq),
    index('audit_at_idx').on(t.at),
  ],
);

/**
 * Events written now and appended to the chain later, at a random time (ADR 0032): for an act whose
 * moment would name its author beside other events — an official's sealed report of their own unit
 * appended in the same second as their sign-in (re-test sec22 F5). Durable from the writing transaction
 * (a crash loses nothing); appended by housekeeping once due, as no one, and then deleted.
 */
export const deferredAuditEvents = pgTable(
  'deferred_audit_events',
  {
    id: uuid('id').primaryKey(),
    dueAt: tstz('due_at').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    unitId: uuid('unit_id'),
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('deferred_audit_due_idx').on(t.dueAt)],
);
