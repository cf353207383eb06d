import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { scopeFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import type { DeadlineSource } from '#server/platform/deadlines.ts';
import { canAnywhere } from '#shared/permissions.ts';
import { inspections, recommendations } from './tables.ts';

/** The inspectorate's: inspections whose next step is due (the earliest open clock), soonest first. */
const steps: DeadlineSource = async (ctx, w) => {
  if (!canAnywhere(ctx.actor, 'inspections.manage')) return { items: [], total: 0 };
  const where = and(
    scopeFilter(ctx.actor, 'inspections.manage', units.path),
    isNotNull(inspections.nextDueOn),
    // Reminders are for what is at risk or late; Home shows everything open, soonest first.
    w.purpose === 'remind' ? sql`${inspections.nextDueOn} <= ${w.riskEnd}` : undefined,
  );
  const found = await ctx.db
    .select({
      id: inspections.id,
      title: inspections.title,
      dueOn: inspections.nextDueOn,
      unitId: units.id,
      unitName: units.name,
    })
    .from(inspections)
    .innerJoin(units, eq(units.id, inspections.unitId))
    .where(where)
    .orderBy(asc(inspections.nextDueOn))
    .limit(w.limit);
  const [n] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(inspections)
    .innerJoin(units, eq(units.id, inspections.unitId))
    .where(where);
  return {
    items: found.map((i) => ({
      kind: 'inspection_step' as const,
      id: i.id,
      title: i.title,
      unitId: i.unitId,
      unitName: i.unitName,
      dueOn: i.dueOn,
      state: w.state(i.dueOn!),
      link: `/inspections/${i.id}`,
    })),
    total: n!.n,
  };
};

const owners = alias(units, 'owner_units');
/** The unit's: recommendations it owes that are still open, by their due date. */
const owed: DeadlineSource = async (ctx, w) => {
  if (!canAnywhere(ctx.actor, 'inspections.respond')) return { items: [], total: 0 };
  const where = and(
    scopeFilter(ctx.actor, 'inspections.respond', owners.path),
    sql`${recommendations.status} in ('open', 'in_progress')`,
    w.purpose === 'remind' ? sql`${recommendations.dueOn} <= ${w.riskEnd}` : undefined,
  );
  const found = await ctx.db
    .select({
      id: recommendations.id,
      content: recommendations.content,
      dueOn: recommendations.dueOn,
      unitId: owners.id,
      unitName: owners.name,
    })
    .from(recommendations)
    .innerJoin(owners, eq(owners.id, recommendations.ownerUnitId))
    .where(where)
    .orderBy(asc(recommendations.dueOn))
    .limit(w.limit);
  const [n] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(recommendations)
    .innerJoin(owners, eq(owners.id, recommendations.ownerUnitId))
    .where(where);
  return {
    items: found.map((r) => ({
      kind: 'recommendation_due' as const,
      id: r.id,
      title: r.content.slice(0, 120),
      unitId: r.unitId,
      unitName: r.unitName,
      dueOn: r.dueOn,
      state: w.state(r.dueOn),
      link: `/recommendations/${r.id}`,
    })),
    total: n!.n,
  };
};

export const inspectionDeadlines: DeadlineSource[] = [steps, owed];
