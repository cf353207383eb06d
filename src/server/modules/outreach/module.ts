import { sql } from 'drizzle-orm';
import type { ImportAdapter } from '#server/modules/imports/engine.ts';
import { importOf } from '#server/platform/imports.ts';
import type { Module } from '#server/platform/module.ts';
import { attendeeImport } from './attendees.ts';
import { seedDemoOutreach } from './demo.ts';
import { outreachGenerator } from './generate.ts';
import { outreachImport } from './import.ts';
import { outreachMetrics } from './metrics.ts';
import { outreachRoutes } from './routes.ts';
import { readableOutreach } from './service.ts';

/** Outreach and education on anti-corruption law (task 3; issue 20; ADR 0030). */
export const outreachModule: Module = {
  name: 'outreach',
  auditNames: {
    outreach_event: (id) => sql`select left(x.title, 80) from outreach_events x where x.id = ${id}`,
  },
  imports: [
    importOf(outreachImport),
    // An event's attendance sheet goes into the event the wizard was opened from.
    {
      entity: 'outreach_attendees',
      needs: 'eventId',
      adapter: (t) => attendeeImport(t.eventId!) as ImportAdapter<never>,
    },
  ],
  routes: outreachRoutes,
  metrics: outreachMetrics,
  fileOwners: [{ type: 'outreach_event', readable: readableOutreach }],
  generate: outreachGenerator,
  demo: async (d) => {
    await seedDemoOutreach(d);
    return undefined;
  },
};
