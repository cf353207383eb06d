import { lazy } from 'react';
import type { Feature } from '#web/app/feature.ts';

const DeclarationsPage = lazy(() => import('./DeclarationsPage.tsx'));
const DeclarationPage = lazy(() => import('./DeclarationPage.tsx'));
const HistoryPage = lazy(() => import('./HistoryPage.tsx'));

export const declarationsFeature: Feature = {
  name: 'declarations',
  routes: [
    { path: 'declarations', page: DeclarationsPage },
    { path: 'declarations/:id', page: DeclarationPage },
    { path: 'declarants/:id/history', page: HistoryPage },
  ],
  nav: [
    {
      path: '/declarations',
      label: 'ui.nav.declarations',
      group: 'ui.group.prevention',
      needs: ['declarations.declare', 'declarations.receive', 'declarations.control'],
    },
  ],
};
