import { lazy } from 'react';
import type { Feature } from '#web/app/feature.ts';

const ClocksPage = lazy(() => import('./ClocksPage.tsx'));

export const clocksFeature: Feature = {
  name: 'clocks',
  routes: [{ path: 'clocks', page: ClocksPage }],
  nav: [{ path: '/clocks', label: 'ui.nav.clocks', group: 'ui.group.admin' }],
};
