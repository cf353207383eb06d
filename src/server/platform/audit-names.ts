import { type SQL, sql } from 'drizzle-orm';

/**
 * How a module's records are named in the audit log, by entity type: from the record's id (a uuid SQL
 * expression) to a scalar subquery giving the name people know it by — a number, a title, a year — never
 * content the log's readers may not see (the administrator reads the log, not the registers).
 */
export type AuditNames = Record<string, (id: SQL) => SQL>;

const names = new Map<string, (id: SQL) => SQL>();

/** Called once, by `modules/index.ts`, with every module's names. */
export function registerAuditNames(list: readonly AuditNames[]) {
  for (const n of list) for (const [type, name] of Object.entries(n)) names.set(type, name);
}

/** The record's name for the log's rows, by any module's rule; null for a type no module names. */
export function auditEntityName(type: SQL, id: SQL): SQL<string | null> {
  if (names.size === 0) return sql`null`;
  return sql`case ${type} ${sql.join(
    [...names].map(([t, name]) => sql`when ${t} then (${name(id)})`),
    sql` `,
  )} end`;
}
