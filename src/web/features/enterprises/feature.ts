import { lazy } from 'react';
import type { Feature } from '#web/app/feature.ts';

const EnterprisesPage = lazy(() => import('./EnterprisesPage.tsx'));

export const enterprisesFeature: Feature = {
  name: 'enterprises',
  routes: [{ path: 'enterprises', page: EnterprisesPage }],
  nav: [
    {
      path: '/enterprises',
      label: 'ui.nav.enterprises',
      group: 'ui.group.nonState',
      needs: ['enterprises.manage', 'enterprises.edit'],
    },
  ],
};
