import { eq, inArray } from 'drizzle-orm';
import { units } from '#server/modules/org/tables.ts';
import type { FileOwner } from '#server/platform/file-owners.ts';
import { can } from '#shared/permissions.ts';
import { planItems, plans, progressReports } from './tables.ts';

/** A plan's signed copy and a progress report's evidence are read by whoever reads the plan. */
export const planFileOwners: FileOwner[] = [
  {
    type: 'plan',
    readable: async (ctx, ids, db) => {
      const rows = await db
        .select({ id: plans.id, path: units.path })
        .from(plans)
        .innerJoin(units, eq(units.id, plans.unitId))
        .where(inArray(plans.id, ids));
      return new Set(rows.filter((r) => can(ctx.actor, 'plans.read', { unitPath: r.path })).map((r) => r.id));
    },
  },
  {
    type: 'progress_report',
    readable: async (ctx, ids, db) => {
      const rows = await db
        .select({ id: progressReports.id, path: units.path })
        .from(progressReports)
        .innerJoin(planItems, eq(planItems.id, progressReports.itemId))
        .innerJoin(plans, eq(plans.id, planItems.planId))
        .innerJoin(units, eq(units.id, plans.unitId))
        .where(inArray(progressReports.id, ids));
      return new Set(rows.filter((r) => can(ctx.actor, 'plans.read', { unitPath: r.path })).map((r) => r.id));
    },
  },
];
