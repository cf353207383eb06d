import { randomUUIDv7 } from 'node:crypto';
import { asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import { type Db, rows } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { attachFiles } from '#server/modules/files/service.ts';
import { scopeFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import type { recoveryMeasures } from '#shared/cases/schemas.ts';
import { formatLegalDate } from '#shared/dates.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { canAnywhere } from '#shared/permissions.ts';
import { addEvent, bump, carriable, checkDate, getCase, loadCase, MANAGE } from './service.ts';
import { recoveryItems, recoveryPayments } from './tables.ts';

/**
 * The asset-recovery ledger (issue 19; Law Art. 93, Decree 59 Art. 20): what a case asks, what is
 * decided and what is paid back, by administrative or judicial measures; it always reconciles.
 */

export async function addRecoveryItem(
  ctx: Ctx,
  caseId: string,
  input: {
    kind: 'money' | 'asset';
    description: string;
    measure: (typeof recoveryMeasures)[number];
    returnTo: 'budget' | 'owner';
    recommendedVnd: number;
    recommendationId?: string | null | undefined;
    decidedVnd?: number | null | undefined;
    decidedOn?: string | null | undefined;
    decisionNo?: string | null | undefined;
  },
) {
  return ctx.db.transaction(async (tx) => {
    const r = await loadCase(ctx, tx, caseId, true);
    // A closed case's ledger is what it was closed with; only payments go on (re-test F4).
    if (r.c.stage === 'closed') throw fieldError('description', 'field.case_closed');
    const decided = input.decidedVnd ?? null;
    if ((decided === null) !== !input.decidedOn)
      throw fieldError(decided === null ? 'decidedVnd' : 'decidedOn', 'field.required');
    if (input.decidedOn) checkDate(ctx, 'decidedOn', input.decidedOn, r.c.detectedOn);
    if (input.recommendationId)
      await carriable(ctx, tx, r.c.inspectionId, input.recommendationId, 'recommendationId');
    const [item] = await tx
      .insert(recoveryItems)
      .values({
        caseId,
        kind: input.kind,
        description: input.description,
        measure: input.measure,
        returnTo: input.returnTo,
        recommendedVnd: input.recommendedVnd,
        recommendationId: input.recommendationId ?? null,
        decidedVnd: decided,
        decidedOn: input.decidedOn ?? null,
        decisionNo: input.decisionNo ?? null,
      })
      .returning({ id: recoveryItems.id });
    await bump(ctx, tx, r.c);
    await addEvent(ctx, tx, caseId, { kind: 'recovery_added', note: input.description });
    await audit(tx, ctx, {
      action: 'recovery.item_added',
      entityType: 'case',
      entityId: caseId,
      unitId: r.c.unitId,
      changes: {
        item: item!.id,
        measure: input.measure,
        recommendedVnd: input.recommendedVnd,
        decidedVnd: decided,
      },
    });
    return getCase(ctx, caseId, tx);
  });
}

async function loadItem(ctx: Ctx, tx: Db, id: string) {
  const [item] = await tx.select().from(recoveryItems).where(eq(recoveryItems.id, id)).for('update');
  if (!item) throw new AppError('not_found');
  const r = await loadCase(ctx, tx, item.caseId, true);
  return { item, r };
}

/** The competent decision on what is recovered (it may differ from what was asked). */
export async function decideRecovery(
  ctx: Ctx,
  id: string,
  input: { decidedVnd: number; decidedOn: string; decisionNo: string; version: number },
) {
  return ctx.db.transaction(async (tx) => {
    const { item, r } = await loadItem(ctx, tx, id);
    if (item.version !== input.version) throw new AppError('conflict');
    if (r.c.stage === 'closed') throw fieldError('decidedVnd', 'field.case_closed');
    checkDate(ctx, 'decidedOn', input.decidedOn, r.c.detectedOn);
    if (input.decidedVnd < item.recoveredVnd) throw fieldError('decidedVnd', 'field.decided_below_recovered');
    const [first] = await tx
      .select({ paidOn: recoveryPayments.paidOn })
      .from(recoveryPayments)
      .where(eq(recoveryPayments.itemId, id))
      .orderBy(asc(recoveryPayments.paidOn))
      .limit(1);
    if (first && first.paidOn < input.decidedOn)
      throw fieldError('decidedOn', 'field.date_not_after_payment', { date: formatLegalDate(first.paidOn) });
    await tx
      .update(recoveryItems)
      .set({
        decidedVnd: input.decidedVnd,
        decidedOn: input.decidedOn,
        decisionNo: input.decisionNo,
        version: item.version + 1,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(recoveryItems.id, id));
    await bump(ctx, tx, r.c);
    await addEvent(ctx, tx, item.caseId, {
      kind: 'recovery_decided',
      note: `${item.description} — ${input.decisionNo}`,
    });
    await audit(tx, ctx, {
      action: 'recovery.decided',
      entityType: 'case',
      entityId: item.caseId,
      unitId: r.c.unitId,
      changes: { item: id, decidedVnd: [item.decidedVnd, input.decidedVnd], decidedOn: input.decidedOn },
    });
    return getCase(ctx, item.caseId, tx);
  });
}

/**
 * A payment (or an asset handed over, at its value) against a decided item, with evidence. What is
 * recovered never exceeds what was decided, and the item's total is written with the payment.
 */
export async function addPayment(
  ctx: Ctx,
  id: string,
  input: {
    paidOn: string;
    amountVnd: number;
    note?: string | null | undefined;
    evidenceFileIds: string[];
    version: number;
  },
) {
  return ctx.db.transaction(async (tx) => {
    const { item, r } = await loadItem(ctx, tx, id);
    if (item.version !== input.version) throw new AppError('conflict');
    if (item.decidedVnd === null || !item.decidedOn)
      throw fieldError('amountVnd', 'field.recovery_not_decided');
    checkDate(ctx, 'paidOn', input.paidOn, item.decidedOn);
    if (item.recoveredVnd + input.amountVnd > item.decidedVnd)
      throw fieldError('amountVnd', 'field.recovery_above_decided', {
        left: item.decidedVnd - item.recoveredVnd,
      });
    const paymentId = randomUUIDv7();
    await tx.insert(recoveryPayments).values({
      id: paymentId,
      itemId: id,
      paidOn: input.paidOn,
      amountVnd: input.amountVnd,
      note: input.note ?? null,
      evidenceFileIds: input.evidenceFileIds,
      by: ctx.actor.userId,
      at: ctx.clock.now(),
    });
    await attachFiles(ctx, tx, {
      ownerType: 'case',
      ownerId: item.caseId,
      fileIds: input.evidenceFileIds,
      unitPath: r.path,
      field: 'evidenceFileIds',
    });
    await tx
      .update(recoveryItems)
      .set({
        recoveredVnd: sql`${recoveryItems.recoveredVnd} + ${input.amountVnd}`,
        version: item.version + 1,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(recoveryItems.id, id));
    await bump(ctx, tx, r.c);
    await addEvent(ctx, tx, item.caseId, {
      kind: 'recovery_paid',
      note: `${item.description} — ${input.amountVnd.toLocaleString('vi-VN')} đ (${input.paidOn.split('-').reverse().join('/')})`,
    });
    await audit(tx, ctx, {
      action: 'recovery.payment',
      entityType: 'case',
      entityId: item.caseId,
      unitId: r.c.unitId,
      changes: { item: id, payment: paymentId, amountVnd: input.amountVnd, paidOn: input.paidOn },
    });
    return getCase(ctx, item.caseId, tx);
  });
}

/**
 * The ledger's totals for a year (Decree 59 Art. 20): items of the year — decided in it, or, not yet
 * decided, of a case found in it — by measure, over the cases in scope. Recovered is the payments' sum.
 */
/** The ledger totals' statement (also the benchmark's raw-SQL reference). */
export const recoveryTotalsSql = (scope: SQL | undefined, year: number) =>
  sql`select i.measure, sum(i.recommended_vnd)::text as recommended,
      coalesce(sum(i.decided_vnd), 0)::text as decided, sum(i.recovered_vnd)::text as recovered,
      count(*)::int as items
    from recovery_items i join cases c on c.id = i.case_id join units on units.id = c.unit_id
    where coalesce(i.decided_on, c.detected_on) between ${`${year}-01-01`} and ${`${year}-12-31`}
      and ${scope ?? sql`true`}
    group by i.measure`;

export async function recoveryTotals(ctx: Ctx, year: number, db: Db = ctx.db) {
  if (!canAnywhere(ctx.actor, MANAGE)) throw new AppError('not_found');
  const found = await rows<{
    measure: (typeof recoveryMeasures)[number];
    recommended: string;
    decided: string;
    recovered: string;
    items: number;
  }>(db, recoveryTotalsSql(scopeFilter(ctx.actor, MANAGE, units.path), year));
  return {
    year,
    measures: (['administrative', 'judicial'] as const).map((measure) => {
      const f = found.find((x) => x.measure === measure);
      return {
        measure,
        recommendedVnd: Number(f?.recommended ?? 0),
        decidedVnd: Number(f?.decided ?? 0),
        recoveredVnd: Number(f?.recovered ?? 0),
        items: f?.items ?? 0,
      };
    }),
  };
}
