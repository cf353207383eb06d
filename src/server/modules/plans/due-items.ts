import { and, asc, eq, or, sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import { DEFAULT_CALENDAR, loadCalendar } from '#server/modules/clocks/service.ts';
import { calendars } from '#server/modules/clocks/tables.ts';
import { scopeFilter, subtreeFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import { addPeriod, clockState } from '#shared/clocks/due.ts';
import { planItems, plans } from './tables.ts';

export async function deadlineItems(
  ctx: Ctx,
  q: {
    page: number;
    pageSize: number;
    state?: 'overdue' | 'at_risk';
    mine?: boolean;
    year?: number;
    unitId?: string;
    groupCode?: string;
  },
) {
  const [cal] = await ctx.db
    .select({ id: calendars.id })
    .from(calendars)
    .where(eq(calendars.code, DEFAULT_CALENDAR));
  const calendar = await loadCalendar(ctx.db, cal!.id);
  const today = vnToday(ctx.clock.now());
  const riskEnd = addPeriod(calendar, today, 2, 'working_days');
  const scope = q.mine
    ? or(scopeFilter(ctx.actor, 'plans.edit', units.path), scopeFilter(ctx.actor, 'plans.manage', units.path))
    : scopeFilter(ctx.actor, 'plans.read', units.path);
  const where = and(
    scope,
    eq(plans.status, 'issued'),
    q.year ? eq(plans.year, q.year) : undefined,
    q.groupCode ? eq(planItems.groupCode, q.groupCode) : undefined,
    await subtreeFilter(ctx, q.unitId, 'plans.read'),
    // A task handed down to units is tracked on their copies, not twice.
    sql`not exists (select 1 from plan_items c where c.source_item_id = ${planItems.id})`,
    sql`${planItems.deadline} is not null`,
    sql`${planItems.status} not in ('done', 'cancelled')`,
    q.state === 'overdue'
      ? sql`${planItems.deadline} < ${today}`
      : q.state === 'at_risk'
        ? sql`${planItems.deadline} between ${today} and ${riskEnd}`
        : undefined,
  );
  const [rows, [count]] = await Promise.all([
    ctx.db
      .select({ item: planItems, planId: plans.id, unitName: units.name })
      .from(planItems)
      .innerJoin(plans, eq(plans.id, planItems.planId))
      .innerJoin(units, eq(units.id, plans.unitId))
      .where(where)
      .orderBy(asc(planItems.deadline), asc(planItems.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(planItems)
      .innerJoin(plans, eq(plans.id, planItems.planId))
      .innerJoin(units, eq(units.id, plans.unitId))
      .where(where),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.item.id,
      planId: r.planId,
      unitName: r.unitName,
      content: r.item.content,
      groupCode: r.item.groupCode,
      deadline: r.item.deadline!,
      progress: r.item.progress,
      state: clockState(calendar, r.item.deadline!, today),
    })),
    total: count?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}
