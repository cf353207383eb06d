import { type Feature, lazyPage } from '#web/app/feature.ts';

const DeclarationsPage = lazyPage(() => import('./DeclarationsPage.tsx'));
const DeclarationPage = lazyPage(() => import('./DeclarationPage.tsx'));
const HistoryPage = lazyPage(() => import('./HistoryPage.tsx'));

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
