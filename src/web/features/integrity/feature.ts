import { type Feature, lazyPage } from '#web/app/feature.ts';

const GiftsPage = lazyPage(() => import('./GiftsPage.tsx'));
const GiftPage = lazyPage(() => import('./GiftPage.tsx'));
const ConflictsPage = lazyPage(() => import('./ConflictsPage.tsx'));
const ConflictPage = lazyPage(() => import('./ConflictPage.tsx'));

/** Task 4's integrity registers: every official reports; the unit handles; the inspectorate reads. */
export const integrityFeature: Feature = {
  name: 'integrity',
  routes: [
    { path: 'gifts', page: GiftsPage },
    { path: 'gifts/:id', page: GiftPage },
    { path: 'conflicts', page: ConflictsPage },
    { path: 'conflicts/:id', page: ConflictPage },
  ],
  nav: [
    { path: '/gifts', label: 'ui.nav.gifts', group: 'ui.group.prevention', needs: 'integrity.declare' },
    {
      path: '/conflicts',
      label: 'ui.nav.conflicts',
      group: 'ui.group.prevention',
      needs: 'integrity.declare',
    },
  ],
};
