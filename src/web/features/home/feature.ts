import { type Feature, lazyPage } from '#web/app/feature.ts';

const HomePage = lazyPage(() => import('./HomePage.tsx'));

export const homeFeature: Feature = {
  name: 'home',
  routes: [{ path: '', page: HomePage }],
  nav: [{ path: '/', label: 'ui.nav.home', group: null }],
};
