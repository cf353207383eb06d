import { sql } from 'drizzle-orm';
import { bigint, check, date, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id } from '#server/db/columns.ts';

/**
 * The legal parameters of asset and income control as dated data (DOMAIN-2 §1): thresholds in VND and the
 * leadership level that declares, each version with its source and effective period, so a declaration is
 * judged by the rules in force on its date (Law 132/2025 changes them on 01/07/2026).
 */
export const declarationParameters = pgTable(
  'declaration_parameters',
  {
    id: id(),
    code: text('code').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    /** An amount in VND, or else a coded value (a position level). */
    amountVnd: bigint('amount_vnd', { mode: 'number' }),
    value: text('value'),
    legalSource: text('legal_source').notNull(),
    /** How the fact is known: primary text read in full, or secondary (news, law firms) until confirmed. */
    evidence: text('evidence').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveTo: date('effective_to', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('declaration_parameters_code_from_idx').on(t.code, t.effectiveFrom),
    check('declaration_parameters_value_check', sql`(${t.amountVnd} is null) <> (${t.value} is null)`),
    check('declaration_parameters_evidence_check', sql`${t.evidence} in ('primary', 'secondary')`),
  ],
);
