import { lazy } from 'react';
import type { Feature } from '#web/app/feature.ts';

const GiftsPage = lazy(() => import('./GiftsPage.tsx'));
const GiftPage = lazy(() => import('./GiftPage.tsx'));
const ConflictsPage = lazy(() => import('./ConflictsPage.tsx'));
const ConflictPage = lazy(() => import('./ConflictPage.tsx'));

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
