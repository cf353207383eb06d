import type { MessageKey } from '#shared/i18n/index.ts';
import type { Action, Role } from '#shared/permissions.ts';
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

/** Whether a sidebar entry is for this user: their grants allow what it needs somewhere, or their role. */
export function navVisible(
  i: NavItem,
  canAnywhere: (a: Action) => boolean,
  roles: readonly string[],
): boolean {
  return (
    !i.needs ||
    [i.needs].flat().some((a) => canAnywhere(a)) ||
    roles.some((r) => i.roles?.includes(r as Role))
  );
}

/** The entry's group for this user: its own, or the one it has for someone holding only certain roles. */
export function navGroupOf(i: NavItem, roles: readonly string[]): NavItem['group'] {
  if (i.groupFor && roles.length > 0 && roles.every((r) => i.groupFor!.roles.includes(r as Role)))
    return i.groupFor.group;
  return i.group;
}

/**
 * The sidebar entry a page belongs to (the longest entry path it is under: /rotation/plans/:id is the
 * rotation register's), or none (Home, the user's own pages).
 */
export function navEntryOf(path: string): NavItem | undefined {
  const p = `/${path}`;
  return navItems
    .filter((i) => i.path !== '/' && (p === i.path || p.startsWith(`${i.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
}
