import { sql } from 'drizzle-orm';
import type { Module } from '#server/platform/module.ts';
import { seedDemoEnterprises } from './demo.ts';
import { enterpriseRoutes } from './routes.ts';

export const enterprisesModule: Module = {
  name: 'enterprises',
  auditNames: {
    enterprise: (id) => sql`select x.name from units x where x.id = ${id}`,
    enterprise_registration: (id) => sql`select x.name from enterprise_registrations x where x.id = ${id}`,
  },
  routes: enterpriseRoutes,
  // The registry of the demo's enterprises (one with a published commitment) and a registration to approve.
  demo: async (d) => {
    await seedDemoEnterprises(d.ctx);
    return undefined;
  },
};
