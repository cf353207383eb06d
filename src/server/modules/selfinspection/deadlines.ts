import { and, asc, eq, sql } from 'drizzle-orm';
import { scopeFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import type { DeadlineSource } from '#server/platform/deadlines.ts';
import { canAnywhere } from '#shared/permissions.ts';
import { selfInspections } from './tables.ts';

/** The unit's handlers: planned self-inspections whose period ends soon or has ended without a result. */
const due: DeadlineSource = async (ctx, w) => {
  if (!canAnywhere(ctx.actor, 'integrity.handle')) return { items: [], total: 0 };
  const where = and(
    scopeFilter(ctx.actor, 'integrity.handle', units.path),
    eq(selfInspections.status, 'planned'),
    sql`${selfInspections.plannedTo} <= ${w.riskEnd}`,
  );
  const found = await ctx.db
    .select({
      id: selfInspections.id,
      area: selfInspections.area,
      dueOn: selfInspections.plannedTo,
      unitId: units.id,
      unitName: units.name,
    })
    .from(selfInspections)
    .innerJoin(units, eq(units.id, selfInspections.unitId))
    .where(where)
    .orderBy(asc(selfInspections.plannedTo))
    .limit(w.limit);
  const [n] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(selfInspections)
    .innerJoin(units, eq(units.id, selfInspections.unitId))
    .where(where);
  return {
    items: found.map((r) => ({
      kind: 'self_inspection' as const,
      id: r.id,
      title: r.area,
      unitId: r.unitId,
      unitName: r.unitName,
      dueOn: r.dueOn,
      state: w.state(r.dueOn),
      link: `/self-inspections?item=${r.id}`,
    })),
    total: n!.n,
  };
};

export const selfInspectionDeadlines: DeadlineSource[] = [due];
