import { type Feature, lazyPage } from '#web/app/feature.ts';

const RegulationsPage = lazyPage(() => import('./RegulationsPage.tsx'));

/** Task 2: documents reviewed, gaps found and proposals to amend, kept by units, read by the inspectorate. */
export const regulationsFeature: Feature = {
  name: 'regulations',
  routes: [{ path: 'regulations', page: RegulationsPage }],
  nav: [
    {
      path: '/regulations',
      label: 'ui.nav.regulations',
      group: 'ui.group.regulations',
      needs: ['integrity.handle', 'integrity.oversee'],
    },
  ],
};
