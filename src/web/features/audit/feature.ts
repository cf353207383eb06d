import { type Feature, lazyPage } from '#web/app/feature.ts';

const AuditPage = lazyPage(() => import('./AuditPage.tsx'));

export const auditFeature: Feature = {
  name: 'audit',
  routes: [{ path: 'audit', page: AuditPage }],
  nav: [{ path: '/audit', label: 'ui.nav.audit', group: 'ui.group.admin', needs: 'audit.read' }],
};
