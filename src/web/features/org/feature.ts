import { type Feature, lazyPage } from '#web/app/feature.ts';

const UnitsPage = lazyPage(() => import('./UnitsPage.tsx'));

export const orgFeature: Feature = {
  name: 'org',
  routes: [
    { path: 'units', page: UnitsPage },
    { path: 'units/:unitId', page: UnitsPage },
  ],
  nav: [{ path: '/units', label: 'ui.nav.units', group: 'ui.group.admin', needs: 'org.read' }],
};
