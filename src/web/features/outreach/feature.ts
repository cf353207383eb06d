import { lazy } from 'react';
import type { Feature } from '#web/app/feature.ts';

const OutreachPage = lazy(() => import('./OutreachPage.tsx'));

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
