import { type Feature, lazyPage } from '#web/app/feature.ts';

const OutreachPage = lazyPage(() => import('./OutreachPage.tsx'));

/** Task 3: outreach and education, kept by units, read by the inspectorate. */
export const outreachFeature: Feature = {
  name: 'outreach',
  routes: [{ path: 'outreach', page: OutreachPage }],
  nav: [
    {
      path: '/outreach',
      label: 'ui.nav.outreach',
      group: 'ui.group.propaganda',
      needs: ['integrity.handle', 'integrity.oversee'],
    },
  ],
};
