import { importOf } from '#server/platform/imports.ts';
import type { Module } from '#server/platform/module.ts';
import { seedDemoDepartures } from './demo.ts';
import { departuresGenerator } from './generate.ts';
import { departureImport } from './import.ts';
import { departureRoutes } from './routes.ts';

/** Officials who left office and their cooling-off periods (task 4; issue 20; ADR 0036). */
export const departuresModule: Module = {
  name: 'departures',
  routes: departureRoutes,
  imports: [importOf(departureImport)],
  generate: departuresGenerator,
  demo: async (d) => {
    await seedDemoDepartures(d);
    return undefined;
  },
};
