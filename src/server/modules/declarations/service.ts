import { and, asc, gte, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '#server/db/client.ts';
import { ensureRules } from '#server/modules/clocks/service.ts';
import { AppError } from '#shared/errors.ts';
import { declarationRules, seedParameters } from './seed.ts';
import { declarationParameters } from './tables.ts';

/** Idempotent: the parameters and clocks that are missing; an edited one is never overwritten. */
export async function ensureDeclarationReferenceData(db: Db): Promise<void> {
  await db
    .insert(declarationParameters)
    .values(
      seedParameters.map((p) => ({
        ...p,
        amountVnd: p.amountVnd ?? null,
        value: p.value ?? null,
        effectiveTo: p.effectiveTo ?? null,
      })),
    )
    .onConflictDoNothing();
  await ensureRules(db, declarationRules);
}

const present = (p: typeof declarationParameters.$inferSelect) => ({
  code: p.code,
  nameVi: p.nameVi,
  nameEn: p.nameEn,
  amountVnd: p.amountVnd,
  value: p.value,
  legalSource: p.legalSource,
  evidence: p.evidence as 'primary' | 'secondary',
  effectiveFrom: p.effectiveFrom,
  effectiveTo: p.effectiveTo,
});

/** Every parameter in force on a date (ISO), one per code: what a declaration of that date is judged by. */
export async function parametersOn(db: Db, on: string) {
  const rows = await db
    .select()
    .from(declarationParameters)
    .where(
      and(
        lte(declarationParameters.effectiveFrom, on),
        or(isNull(declarationParameters.effectiveTo), gte(declarationParameters.effectiveTo, on)),
      ),
    )
    .orderBy(asc(declarationParameters.code));
  return rows.map(present);
}

/** One parameter in force on a date; a code with no version in force is a configuration error (404). */
export async function parameterOn(db: Db, code: string, on: string) {
  const found = (await parametersOn(db, on)).find((p) => p.code === code);
  if (!found) throw new AppError('not_found');
  return found;
}

/** Every version of every parameter, for the page that shows how they changed. */
export async function parameterHistory(db: Db) {
  const rows = await db
    .select()
    .from(declarationParameters)
    .orderBy(asc(declarationParameters.code), asc(declarationParameters.effectiveFrom));
  return rows.map(present);
}
