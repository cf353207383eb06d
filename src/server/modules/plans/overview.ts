import { and, asc, eq, sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { scopeFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import { planInScope, planProgress, presentPlan } from './records.ts';
import { keyTaskGroups, planItems, plans } from './tables.ts';

export async function cascadeSummary(ctx: Ctx, planId: string) {
  await planInScope(ctx, planId);
  const rows = await ctx.db
    .select({ p: plans, unitName: units.name, unitPath: units.path })
    .from(plans)
    .innerJoin(units, eq(units.id, plans.unitId))
    .where(and(eq(plans.sourcePlanId, planId), scopeFilter(ctx.actor, 'plans.read', units.path)))
    .orderBy(asc(units.name));
  // Only what progress needs, found through the source plan (a province cascades to 1,000 plans and
  // 40,000 tasks: whole rows and a list of ids took seconds), each task's progress taken from the copies
  // of it further down where there are any, as `itemsOf` does.
  const [lean, copies] = await Promise.all([
    ctx.db
      .select({
        id: planItems.id,
        planId: planItems.planId,
        parentId: planItems.parentId,
        progress: planItems.progress,
        status: planItems.status,
      })
      .from(planItems)
      .innerJoin(plans, eq(plans.id, planItems.planId))
      .where(eq(plans.sourcePlanId, planId)),
    ctx.db.execute(sql`select i.source_item_id as id, round(avg(i.progress))::int as progress
      from plan_items i join plan_items s on s.id = i.source_item_id join plans p on p.id = s.plan_id
      where p.source_plan_id = ${planId} group by 1`),
  ]);
  const fromUnits = new Map(
    (copies as unknown as { rows: Array<{ id: string; progress: number }> }).rows.map((c) => [
      c.id,
      c.progress,
    ]),
  );
  const byPlan = new Map<string, typeof lean>();
  for (const i of lean) {
    const list = byPlan.get(i.planId) ?? [];
    list.push(fromUnits.has(i.id) ? { ...i, progress: fromUnits.get(i.id)! } : i);
    byPlan.set(i.planId, list);
  }
  const today = vnToday(ctx.clock.now());
  return rows.map((r) => presentPlan(r.p, r.unitName, today, planProgress(byPlan.get(r.p.id) ?? [])));
}

/** Units × key-task groups: mean progress of each unit's items in each group, for the heat map. */
/** One collator for every sort: `localeCompare` with a locale builds one per call (slow over 1,000 units). */
const byVietnameseName = new Intl.Collator('vi');

export async function heatmap(ctx: Ctx, planId: string) {
  await planInScope(ctx, planId);
  // One row per unit with its groups' average progress: 1,000 rows for a province, not 8,000.
  const rows = await ctx.db
    .select({
      unitId: units.id,
      unitName: units.name,
      progress: sql<Record<string, number>>`(select jsonb_object_agg(g.group_code, g.progress) from (
        select i.group_code, round(avg(i.progress))::int as progress from plan_items i
        where i.plan_id = ${plans.id} group by i.group_code) g)`,
    })
    .from(plans)
    .innerJoin(units, eq(units.id, plans.unitId))
    .where(and(eq(plans.sourcePlanId, planId), scopeFilter(ctx.actor, 'plans.read', units.path)));
  const groups = await ctx.db.select().from(keyTaskGroups).orderBy(asc(keyTaskGroups.ordinal));
  const withItems = rows.filter((r) => r.progress !== null);
  withItems.sort((a, b) => byVietnameseName.compare(a.unitName, b.unitName));
  // A matrix, each unit's row in the groups' order (null: no task of that group): a province's 1,000
  // units × 8 groups as cells naming their unit and group was 830 KB of JSON, most of the request's time.
  return {
    groups: groups.map((g) => ({ code: g.code, nameVi: g.nameVi, nameEn: g.nameEn })),
    units: withItems.map((r) => ({
      id: r.unitId,
      name: r.unitName,
      progress: groups.map((g) => r.progress[g.code] ?? null),
    })),
  };
}

export async function listGroups(db: Db) {
  return db.select().from(keyTaskGroups).orderBy(asc(keyTaskGroups.ordinal));
}

/**
 * Open tasks of issued plans with a deadline, soonest first, each with its clock state. `mine` keeps
 * the tasks the actor answers for (plans they may write) rather than all they may read.
 */
