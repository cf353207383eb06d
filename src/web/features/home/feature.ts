import { lazy } from 'react';
import type { Feature } from '#web/app/feature.ts';

const HomePage = lazy(() => import('./HomePage.tsx'));

export const homeFeature: Feature = {
  name: 'home',
  routes: [{ path: '', page: HomePage }],
  nav: [{ path: '/', label: 'ui.nav.home', group: null }],
};
