import type { ImportAdapter } from '#server/modules/imports/engine.ts';
import { importOf } from '#server/platform/imports.ts';
import type { Module } from '#server/platform/module.ts';
import { importRoutes } from './routes.ts';
import { unitImport } from './units.ts';
import { userImport } from './users.ts';

export const importsModule: Module = {
  name: 'imports',
  routes: importRoutes,
  // The organisation's own records: new units go under the unit the wizard names.
  imports: [
    { entity: 'units', adapter: (t) => unitImport(t.underUnitId) as ImportAdapter<never> },
    importOf(userImport),
  ],
};
