import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { MessageKey } from '#shared/i18n/index.ts';
import type { Action, Role } from '#shared/permissions.ts';
import type { navGroups } from './nav.ts';

export interface NavItem {
  path: string;
  label: MessageKey;
  group: (typeof navGroups)[number] | null;
  /** Shown only to users who may do this somewhere; absent = every signed-in user. */
  needs?: Action | readonly Action[];
  /** Shown also to holders of these roles whatever their grants allow now (keys locked after a reset). */
  roles?: readonly Role[];
}

/** A page of the staff app under /app, loaded when first visited. */
export interface FeatureRoute {
  /** Relative to /app ('' is Home). */
  path: string;
  page: LazyPage;
}

/** A page loaded when first shown, whose download can also be started earlier (`preload`). */
export type LazyPage = LazyExoticComponent<ComponentType> & { preload: () => Promise<unknown> };

export function lazyPage(load: () => Promise<{ default: ComponentType }>): LazyPage {
  let loading: Promise<{ default: ComponentType }> | undefined;
  const once = () => {
    loading ??= load();
    return loading;
  };
  return Object.assign(lazy(once), { preload: once });
}

/**
 * What a web feature brings to the staff app (issue 16 §9), declared once beside its pages:
 * `features/index.ts` lists them and the router and the sidebar are built from that list.
 */
export interface Feature {
  name: string;
  routes: FeatureRoute[];
  /** Its sidebar entries, in the task's group. */
  nav?: NavItem[];
}
