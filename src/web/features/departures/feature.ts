import { type Feature, lazyPage } from '#web/app/feature.ts';

const DeparturesPage = lazyPage(() => import('./DeparturesPage.tsx'));

/** Task 4: officials who left office and their cooling-off periods, kept by units, read by the inspectorate. */
export const departuresFeature: Feature = {
  name: 'departures',
  routes: [{ path: 'departures', page: DeparturesPage }],
  nav: [
    {
      path: '/departures',
      label: 'ui.nav.departures',
      group: 'ui.group.prevention',
      needs: ['integrity.handle', 'integrity.oversee'],
    },
  ],
};
