import type { MessageKey } from '#shared/i18n/index.ts';
import { features } from '#web/features/index.ts';
import type { NavItem } from './feature.ts';

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

export type { NavItem } from './feature.ts';

/** Every page in the sidebar, from the features' manifests. A group appears once one of its pages is visible. */
export const navItems: NavItem[] = features.flatMap((f) => f.nav ?? []);
