import { lazy } from 'react';
import type { Feature } from '#web/app/feature.ts';

const AuditPage = lazy(() => import('./AuditPage.tsx'));

export const auditFeature: Feature = {
  name: 'audit',
  routes: [{ path: 'audit', page: AuditPage }],
  nav: [{ path: '/audit', label: 'ui.nav.audit', group: 'ui.group.admin', needs: 'audit.read' }],
};
