import { type Feature, lazyPage } from '#web/app/feature.ts';

const UsersPage = lazyPage(() => import('./UsersPage.tsx'));
const GrantsPage = lazyPage(() => import('./GrantsPage.tsx'));

export const usersFeature: Feature = {
  name: 'users',
  routes: [
    { path: 'users', page: UsersPage },
    { path: 'grants', page: GrantsPage },
  ],
  nav: [
    { path: '/users', label: 'ui.nav.users', group: 'ui.group.admin', needs: 'users.read' },
    {
      path: '/grants',
      label: 'ui.nav.grants',
      group: 'ui.group.admin',
      needs: ['grants.manage', 'reports.handle', 'reports.identity'],
    },
  ],
};
