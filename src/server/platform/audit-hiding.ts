import type { SQL } from 'drizzle-orm';

/**
 * A module's rule of which audit events a reader must not see, as a condition over `audit_events`' columns
 * (true: hidden). The audit log is read by scope; these keep from it what the module keeps from the reader
 * elsewhere — a conflict of interest reported about them, a report about their own head (re-test sec23 F1).
 */
export type AuditHiding = (readerId: string) => SQL;

const hidings: AuditHiding[] = [];

/** Called once, by `modules/index.ts`, with every module's rule. */
export function registerAuditHidings(list: readonly AuditHiding[]) {
  hidings.push(...list);
}

export const auditHidings = (): readonly AuditHiding[] => hidings;
