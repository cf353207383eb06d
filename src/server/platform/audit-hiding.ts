import { type SQL, sql } from 'drizzle-orm';
import { auditEvents } from '#server/modules/audit/tables.ts';

/** The record an audit event is about, as SQL: its entity type and its id as text. */
export interface AuditEntity {
  type: SQL;
  id: SQL;
}

/**
 * A module's rule of which records' audit events a reader must not see, as a condition over a record
 * reference (true: hidden). The audit log is read by scope; these keep from it what the module keeps
 * from the reader elsewhere — a conflict of interest reported about them, a report about their own head
 * (re-test sec23 F1). A rule is asked about an event's own record, and about the records that hold a
 * file the event is about (sec23c G3), so each is written over `entity`, never over the event's columns.
 */
export type AuditHiding = (readerId: string, entity: AuditEntity) => SQL;

const hidings: AuditHiding[] = [];

/** Called once, by `modules/index.ts`, with every module's rule. */
export function registerAuditHidings(list: readonly AuditHiding[]) {
  hidings.push(...list);
}

/** Whether the record is one the reader must not see in the audit log, by any module's rule. */
export const hiddenRecord = (readerId: string, entity: AuditEntity): SQL =>
  hidings.length === 0
    ? sql`false`
    : sql`(${sql.join(
        hidings.map((h) => h(readerId, entity)),
        sql` or `,
      )})`;

/**
 * The audit log's condition: an event is hidden when its record is, or when it is about a file that a
 * hidden record holds (the upload of a kept case's evidence names the file, its uploader and its hash).
 */
export function hiddenEvent(readerId: string): SQL {
  const own = { type: sql`${auditEvents.entityType}`, id: sql`${auditEvents.entityId}` };
  const holder = { type: sql`fl.owner_type`, id: sql`fl.owner_id::text` };
  return sql`(${hiddenRecord(readerId, own)} or (${auditEvents.entityType} = 'file'
    and exists (select 1 from file_links fl where fl.file_id::text = ${auditEvents.entityId}
      and ${hiddenRecord(readerId, holder)})))`;
}
