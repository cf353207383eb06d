import { sql } from 'drizzle-orm';
import type { Module } from '#server/platform/module.ts';
import { userRoutes } from './routes.ts';
import { pendingGrants } from './service.ts';

export const usersModule: Module = {
  name: 'users',
  auditNames: { user: (id) => sql`select x.username from users x where x.id = ${id}` },
  routes: userRoutes,
  deadlines: [
    // A second person's decision: an administrator grant to approve, a colleague's report keys to activate.
    async (ctx, w) => {
      const mine = (await pendingGrants(ctx)).items.filter((g) => g.canDecide);
      return {
        items: mine.slice(0, w.limit).map((g) => ({
          kind: g.kind === 'approval' ? 'grant_approval' : 'key_activation',
          id: g.id,
          title: `${g.userName} (${g.username})`,
          role: g.role,
          unitId: g.unitId,
          unitName: g.unitName,
          dueOn: null,
          state: null,
          link: '/grants',
        })),
        total: mine.length,
      };
    },
  ],
};
