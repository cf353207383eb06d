import type { Module } from '#server/platform/module.ts';
import { seedDemoEnterprises } from './demo.ts';
import { enterpriseRoutes } from './routes.ts';

export const enterprisesModule: Module = {
  name: 'enterprises',
  routes: enterpriseRoutes,
  // The registry of the demo's enterprises (one with a published commitment) and a registration to approve.
  demo: async (d) => {
    await seedDemoEnterprises(d.ctx);
    return undefined;
  },
};
