import { type Feature, lazyPage } from '#web/app/feature.ts';

const ReportsPage = lazyPage(() => import('./ReportsPage.tsx'));
const ReportDetailPage = lazyPage(() => import('./ReportDetailPage.tsx'));
const IdentityRequestsPage = lazyPage(() => import('./IdentityRequestsPage.tsx'));
const KeysPage = lazyPage(() => import('./KeysPage.tsx'));
const InternalReportPage = lazyPage(() => import('./InternalReportPage.tsx'));

export const reportsFeature: Feature = {
  name: 'reports',
  routes: [
    { path: 'reports', page: ReportsPage },
    { path: 'reports/:id', page: ReportDetailPage },
    { path: 'identity-requests', page: IdentityRequestsPage },
    { path: 'keys', page: KeysPage },
    { path: 'internal-report', page: InternalReportPage },
  ],
  nav: [
    // Task 4: every official may report corruption in their own unit (Law Art. 66).
    {
      path: '/internal-report',
      label: 'ui.nav.internalReport',
      group: 'ui.group.prevention',
      needs: 'integrity.declare',
    },
    { path: '/reports', label: 'ui.nav.reports', group: 'ui.group.citizens', needs: 'reports.handle' },
    {
      path: '/identity-requests',
      label: 'ui.nav.identityRequests',
      group: 'ui.group.citizens',
      needs: 'reports.identity',
    },
    {
      path: '/keys',
      label: 'ui.nav.keys',
      group: 'ui.group.citizens',
      needs: ['reports.handle', 'reports.identity'],
      // Where keys are locked (the account's password was reset) this page is the way to open them.
      roles: ['intake_officer', 'custodian'],
    },
  ],
};
