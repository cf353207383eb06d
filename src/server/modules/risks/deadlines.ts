import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { scopeFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import type { DeadlineSource } from '#server/platform/deadlines.ts';
import { canAnywhere } from '#shared/permissions.ts';
import { corruptionRisks } from './tables.ts';

/** The unit's handlers: risks whose review date has come or is near, soonest first. */
const reviews: DeadlineSource = async (ctx, w) => {
  if (!canAnywhere(ctx.actor, 'integrity.handle')) return { items: [], total: 0 };
  const where = and(
    scopeFilter(ctx.actor, 'integrity.handle', units.path),
    ne(corruptionRisks.status, 'closed'),
    // A review far ahead is not yet work: Home lists what is due within the risk window or past it.
    sql`${corruptionRisks.reviewBy} <= ${w.riskEnd}`,
  );
  const found = await ctx.db
    .select({
      id: corruptionRisks.id,
      process: corruptionRisks.process,
      dueOn: corruptionRisks.reviewBy,
      unitId: units.id,
      unitName: units.name,
    })
    .from(corruptionRisks)
    .innerJoin(units, eq(units.id, corruptionRisks.unitId))
    .where(where)
    .orderBy(asc(corruptionRisks.reviewBy))
    .limit(w.limit);
  const [n] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(corruptionRisks)
    .innerJoin(units, eq(units.id, corruptionRisks.unitId))
    .where(where);
  return {
    items: found.map((r) => ({
      kind: 'risk_review' as const,
      id: r.id,
      title: r.process,
      unitId: r.unitId,
      unitName: r.unitName,
      dueOn: r.dueOn,
      state: w.state(r.dueOn),
      link: `/risks?risk=${r.id}`,
    })),
    total: n!.n,
  };
};

export const riskDeadlines: DeadlineSource[] = [reviews];
