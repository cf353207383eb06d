import { and, asc, count, eq, gte, isNotNull, or } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import { scopeFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import type { DeadlineSource } from '#server/platform/deadlines.ts';
import { deadlineItems } from './service.ts';
import { plans } from './tables.ts';

/** Reminders go to those who answer for a unit's plan, its head and focal officers, not to all who may edit it. */
const answering = (ctx: Ctx): Ctx => ({
  ...ctx,
  actor: {
    ...ctx.actor,
    grants: ctx.actor.grants.filter((g) => g.role === 'unit_head' || g.role === 'focal_officer'),
  },
});

/** Open tasks of issued plans the actor answers for (their units' heads and focal officers, coordinators). */
export const planTaskDeadlines: DeadlineSource = async (ctx, w) => {
  const page = await deadlineItems(w.purpose === 'remind' ? answering(ctx) : ctx, {
    page: 1,
    pageSize: w.limit,
    mine: true,
  });
  return {
    items: page.items.map((d) => ({
      kind: 'plan_task',
      id: d.id,
      title: d.content,
      unitId: null,
      unitName: d.unitName,
      dueOn: d.deadline,
      state: w.state(d.deadline),
      link: `/plans/${d.planId}`,
    })),
    total: page.total,
  };
};

/** Unit plans handed down from the province that are still drafts, due by the rule that cascaded them. */
export const planIssueDeadlines: DeadlineSource = async (ctx, w) => {
  const { actor } = w.purpose === 'remind' ? answering(ctx) : ctx;
  const where = and(
    w.purpose === 'remind'
      ? scopeFilter(actor, 'plans.edit', units.path)
      : or(scopeFilter(actor, 'plans.edit', units.path), scopeFilter(actor, 'plans.manage', units.path)),
    eq(plans.status, 'draft'),
    isNotNull(plans.dueDate),
    gte(plans.year, Number(w.today.slice(0, 4)) - 1),
  );
  const [rows, [n]] = await Promise.all([
    ctx.db
      .select({
        id: plans.id,
        title: plans.title,
        dueDate: plans.dueDate,
        unitId: units.id,
        unitName: units.name,
      })
      .from(plans)
      .innerJoin(units, eq(units.id, plans.unitId))
      .where(where)
      .orderBy(asc(plans.dueDate), asc(plans.id))
      .limit(w.limit),
    ctx.db.select({ n: count() }).from(plans).innerJoin(units, eq(units.id, plans.unitId)).where(where),
  ]);
  return {
    items: rows.map((p) => ({
      kind: 'plan_issue',
      id: p.id,
      title: p.title,
      unitId: p.unitId,
      unitName: p.unitName,
      dueOn: p.dueDate,
      state: w.state(p.dueDate!),
      link: `/plans/${p.id}`,
    })),
    total: n?.n ?? 0,
  };
};
