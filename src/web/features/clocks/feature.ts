import { type Feature, lazyPage } from '#web/app/feature.ts';

const ClocksPage = lazyPage(() => import('./ClocksPage.tsx'));

export const clocksFeature: Feature = {
  name: 'clocks',
  routes: [{ path: 'clocks', page: ClocksPage }],
  nav: [{ path: '/clocks', label: 'ui.nav.clocks', group: 'ui.group.admin' }],
};
