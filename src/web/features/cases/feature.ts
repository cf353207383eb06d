import { type Feature, lazyPage } from '#web/app/feature.ts';

const CasesPage = lazyPage(() => import('./CasesPage.tsx'));
const CasePage = lazyPage(() => import('./CasePage.tsx'));
const DetectionPage = lazyPage(() => import('./DetectionPage.tsx'));

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
