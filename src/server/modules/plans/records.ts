import { asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { units } from '#server/modules/org/tables.ts';
import { AppError } from '#shared/errors.ts';
import { can } from '#shared/permissions.ts';
import { mayWritePlan } from '#shared/plans/policy.ts';
import type { planStatuses } from '#shared/plans/schemas.ts';

type PlanStatus = (typeof planStatuses)[number];

import { planItems, plans } from './tables.ts';

export type PlanRow = typeof plans.$inferSelect;
export type ItemRow = typeof planItems.$inferSelect;

export async function planInScope(ctx: Ctx, id: string, db: Db = ctx.db) {
  const [row] = await db
    .select({ p: plans, unitPath: units.path, unitName: units.name })
    .from(plans)
    .innerJoin(units, eq(units.id, plans.unitId))
    .where(eq(plans.id, id));
  if (!row || !can(ctx.actor, 'plans.read', { unitPath: row.unitPath })) throw new AppError('not_found');
  return row;
}

export async function writablePlan(ctx: Ctx, id: string, db: Db) {
  const row = await planInScope(ctx, id, db);
  if (!mayWritePlan(ctx.actor, row.unitPath)) throw new AppError('forbidden');
  return row;
}

export function requireDraft(p: PlanRow) {
  if (p.status !== 'draft') throw new AppError('plan_not_draft');
}

/** Own progress, or the mean of the children's (recursively), rounded. */
export function rollUp(
  items: Array<Pick<ItemRow, 'id' | 'parentId' | 'progress' | 'status'>>,
): Map<string, number> {
  const children = new Map<string | null, typeof items>();
  for (const i of items) {
    const list = children.get(i.parentId) ?? [];
    list.push(i);
    children.set(i.parentId, list);
  }
  const out = new Map<string, number>();
  const visit = (i: (typeof items)[number]): number => {
    const kids = (children.get(i.id) ?? []).filter((k) => k.status !== 'cancelled');
    const value =
      kids.length === 0 ? i.progress : Math.round(kids.reduce((s, k) => s + visit(k), 0) / kids.length);
    out.set(i.id, value);
    return value;
  };
  for (const root of children.get(null) ?? []) visit(root);
  return out;
}

export function planProgress(items: Array<Pick<ItemRow, 'id' | 'parentId' | 'progress' | 'status'>>): number {
  const rolled = rollUp(items);
  const top = items.filter((i) => i.parentId === null && i.status !== 'cancelled');
  return top.length === 0 ? 0 : Math.round(top.reduce((s, i) => s + (rolled.get(i.id) ?? 0), 0) / top.length);
}

export function presentPlan(p: PlanRow, unitName: string, today: string, progress: number) {
  return {
    id: p.id,
    unitId: p.unitId,
    unitName,
    year: p.year,
    sourcePlanId: p.sourcePlanId,
    title: p.title,
    docNumber: p.docNumber,
    docDate: p.docDate,
    signer: p.signer,
    signedFileId: p.signedFileId,
    status: p.status as PlanStatus,
    issuedVersion: p.issuedVersion,
    issuedAt: p.issuedAt?.toISOString() ?? null,
    dueDate: p.dueDate,
    late: p.status === 'draft' && !!p.dueDate && p.dueDate < today,
    progress,
    version: p.version,
  };
}

/**
 * Items of these plans. An item assigned to units takes its progress from their copies (unit plans roll up
 * into the province plan), unless it has children of its own.
 */
export async function itemsOf(db: Db, planIds: string[]) {
  if (planIds.length === 0) return [];
  const rows = await db
    .select()
    .from(planItems)
    .where(inArray(planItems.planId, planIds))
    .orderBy(asc(planItems.ordinal), asc(planItems.createdAt));
  // Units' copies of these tasks, found through the plans' ids (never a list of every task id).
  const source = alias(planItems, 'source');
  const copies = rows.length
    ? await db
        .select({
          sourceItemId: planItems.sourceItemId,
          progress: sql<number>`avg(${planItems.progress})::float`,
        })
        .from(planItems)
        .innerJoin(source, eq(source.id, planItems.sourceItemId))
        .where(inArray(source.planId, planIds))
        .groupBy(planItems.sourceItemId)
    : [];
  const fromUnits = new Map(copies.map((c) => [c.sourceItemId, Math.round(c.progress)]));
  return rows.map((r) => (fromUnits.has(r.id) ? { ...r, progress: fromUnits.get(r.id)! } : r));
}
