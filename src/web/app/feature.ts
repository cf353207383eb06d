import { type ComponentType, createElement, lazy } from 'react';
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
  /** Its group for someone who holds only these roles (an enterprise's self-assessment is task 6's). */
  groupFor?: { roles: readonly Role[]; group: (typeof navGroups)[number] };
}

/** A page of the staff app under /app, loaded when first visited. */
export interface FeatureRoute {
  /** Relative to /app ('' is Home). */
  path: string;
  page: LazyPage;
}

/** A page loaded when first shown, whose download can also be started earlier (`preload`). */
export type LazyPage = ComponentType & {
  preload: () => Promise<unknown>;
  /** Its file under src/web, named by the build (vite.config.ts `namedPages`). */
  file?: string;
};

export function lazyPage(load: () => Promise<{ default: ComponentType }>, file?: string): LazyPage {
  let loading: Promise<{ default: ComponentType }> | undefined;
  let loaded: ComponentType | undefined;
  const once = () => {
    loading ??= load().then((m) => {
      loaded = m.default;
      return m;
    });
    return loading;
  };
  const Lazy = lazy(once);
  // Once its code is here the page is drawn at once: React's lazy suspends on its first render even
  // then, which showed a spinner for a moment (and blanked the sign-in page the server had drawn).
  // biome-ignore lint/correctness/noComponentHookFactories: made once per page at module load, as lazy() is
  const Page = () => (loaded ? createElement(loaded) : createElement(Lazy));
  return Object.assign(Page, { preload: once, file });
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
