import { and, asc, desc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { ensureRules } from '#server/modules/clocks/service.ts';
import { addDays } from '#shared/clocks/due.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { canAtRoot } from '#shared/permissions.ts';
import { ensureRiskRules } from './risk.ts';
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
  await ensureRiskRules(db);
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

/**
 * A new version of a parameter from a date, as a new law or decree sets it (by whoever keeps the legal
 * reference data, like deadline rules): the version in force before ends the day before; a version
 * cannot be slipped in before the latest one, and an amount stays an amount, a position a position.
 */
export async function createParameterVersion(
  ctx: Ctx,
  input: {
    code: string;
    amountVnd?: number | null | undefined;
    value?: string | null | undefined;
    legalSource: string;
    evidence: 'primary' | 'secondary';
    effectiveFrom: string;
  },
) {
  if (!canAtRoot(ctx.actor, 'clocks.manage')) throw new AppError('forbidden');
  return ctx.db.transaction(async (tx) => {
    const [latest] = await tx
      .select()
      .from(declarationParameters)
      .where(eq(declarationParameters.code, input.code))
      .orderBy(desc(declarationParameters.effectiveFrom))
      .limit(1)
      .for('update');
    if (!latest) throw fieldError('code', 'field.invalid');
    const amount = latest.amountVnd !== null;
    if (amount && (input.amountVnd === null || input.amountVnd === undefined))
      throw fieldError('amountVnd', 'field.required');
    if (!amount && !input.value) throw fieldError('value', 'field.required');
    if (input.effectiveFrom <= latest.effectiveFrom) throw fieldError('effectiveFrom', 'field.date_range');
    if (latest.effectiveTo === null || latest.effectiveTo >= input.effectiveFrom)
      await tx
        .update(declarationParameters)
        .set({ effectiveTo: addDays(input.effectiveFrom, -1), version: latest.version + 1 })
        .where(eq(declarationParameters.id, latest.id));
    const [row] = await tx
      .insert(declarationParameters)
      .values({
        code: input.code,
        nameVi: latest.nameVi,
        nameEn: latest.nameEn,
        amountVnd: amount ? input.amountVnd! : null,
        value: amount ? null : input.value!,
        legalSource: input.legalSource,
        evidence: input.evidence,
        effectiveFrom: input.effectiveFrom,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'parameter.version_created',
      entityType: 'declaration_parameter',
      entityId: row!.id,
      changes: {
        code: input.code,
        value: [amount ? latest.amountVnd : latest.value, amount ? input.amountVnd : input.value],
        effectiveFrom: input.effectiveFrom,
        legalSource: input.legalSource,
      },
    });
    return present(row!);
  });
}
