import { type Feature, lazyPage } from '#web/app/feature.ts';

const RisksPage = lazyPage(() => import('./RisksPage.tsx'));

/** Task 4: the corruption-risk register with its heat map. */
export const risksFeature: Feature = {
  name: 'risks',
  routes: [{ path: 'risks', page: RisksPage }],
  nav: [
    {
      path: '/risks',
      label: 'ui.nav.risks',
      group: 'ui.group.prevention',
      needs: ['integrity.handle', 'integrity.oversee'],
    },
  ],
};
