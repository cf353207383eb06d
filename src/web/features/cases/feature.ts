import { lazy } from 'react';
import type { Feature } from '#web/app/feature.ts';

const CasesPage = lazy(() => import('./CasesPage.tsx'));
const CasePage = lazy(() => import('./CasePage.tsx'));
const DetectionPage = lazy(() => import('./DetectionPage.tsx'));

export const casesFeature: Feature = {
  name: 'cases',
  routes: [
    { path: 'cases', page: CasesPage },
    { path: 'cases/:id', page: CasePage },
    { path: 'detection', page: DetectionPage },
  ],
  nav: [
    {
      path: '/detection',
      label: 'ui.nav.detection',
      group: 'ui.group.detection',
      needs: 'inspections.manage',
    },
    { path: '/cases', label: 'ui.nav.cases', group: 'ui.group.detection', needs: 'inspections.manage' },
  ],
};
