import type { MessageKey } from '#shared/i18n/index.ts';
import type { Action } from '#shared/permissions.ts';

/** The eight key tasks of a provincial plan, then administration: the sidebar's groups, in order. */
export const navGroups = [
  'ui.group.leadership',
  'ui.group.regulations',
  'ui.group.propaganda',
  'ui.group.prevention',
  'ui.group.accountability',
  'ui.group.nonState',
  'ui.group.detection',
  'ui.group.citizens',
  'ui.group.admin',
] as const satisfies readonly MessageKey[];

export interface NavItem {
  path: string;
  label: MessageKey;
  group: (typeof navGroups)[number] | null;
  /** Shown only to users who may do this somewhere; absent = every signed-in user. */
  needs?: Action | readonly Action[];
}

/** Every page of the app. A group appears in the sidebar only when one of its pages is visible. */
export const navItems: NavItem[] = [
  { path: '/', label: 'ui.nav.home', group: null },
  { path: '/plans', label: 'ui.nav.plans', group: 'ui.group.leadership', needs: 'plans.read' },
  {
    path: '/assessments',
    label: 'ui.nav.assessments',
    group: 'ui.group.leadership',
    needs: ['assessments.manage', 'assessments.review', 'assessments.self'],
  },
  {
    path: '/frameworks',
    label: 'ui.nav.frameworks',
    group: 'ui.group.leadership',
    needs: 'assessments.manage',
  },
  {
    path: '/declarations',
    label: 'ui.nav.declarations',
    group: 'ui.group.prevention',
    needs: ['declarations.declare', 'declarations.receive', 'declarations.control'],
  },
  {
    path: '/enterprises',
    label: 'ui.nav.enterprises',
    group: 'ui.group.nonState',
    needs: ['enterprises.manage', 'enterprises.edit'],
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
  },
  { path: '/units', label: 'ui.nav.units', group: 'ui.group.admin', needs: 'org.read' },
  { path: '/users', label: 'ui.nav.users', group: 'ui.group.admin', needs: 'users.read' },
  {
    path: '/grants',
    label: 'ui.nav.grants',
    group: 'ui.group.admin',
    needs: ['grants.manage', 'reports.handle', 'reports.identity'],
  },
  { path: '/audit', label: 'ui.nav.audit', group: 'ui.group.admin', needs: 'audit.read' },
  { path: '/clocks', label: 'ui.nav.clocks', group: 'ui.group.admin' },
];
