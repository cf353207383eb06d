/** A label in both of Liêm's languages. */
export interface Label {
  vi: string;
  en: string;
}

/**
 * What one module writes to the audit log: its actions and the kinds of record they are about, each with
 * its label, and the stream its events are chained in (ADR 0019). Listed in `catalogue.ts`.
 */
export interface AuditCatalogue {
  stream: string;
  actions: Record<string, Label>;
  entities: Record<string, Label>;
}

/** Keeps the literal keys, so the actions and entities of every catalogue become types. */
export const defineAudit = <const C extends AuditCatalogue>(c: C): C => c;
