import { type Feature, lazyPage } from '#web/app/feature.ts';

const EnterprisesPage = lazyPage(() => import('./EnterprisesPage.tsx'));

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
