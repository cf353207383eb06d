import { sql } from 'drizzle-orm';
import type { Module } from '#server/platform/module.ts';
import { pendingMoves } from './moves.ts';
import { orgRoutes } from './routes.ts';

export const orgModule: Module = {
  name: 'org',
  auditNames: {
    unit: (id) => sql`select x.name from units x where x.id = ${id}`,
    position: (id) => sql`select x.name from positions x where x.id = ${id}`,
  },
  routes: orgRoutes,
  deadlines: [
    // A second administrator's decision: a unit's move another administrator asked for.
    async (ctx, w) => {
      const mine = (await pendingMoves(ctx)).items.filter((m) => m.canDecide);
      return {
        items: mine.slice(0, w.limit).map((m) => ({
          kind: 'unit_move',
          id: m.id,
          title: `${m.unitName} → ${m.toName}`,
          unitId: m.unitId,
          unitName: m.unitName,
          dueOn: null,
          state: null,
          link: '/grants',
        })),
        total: mine.length,
      };
    },
  ],
};
