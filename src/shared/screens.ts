/**
 * antd's breakpoints, named without antd (the server reads them too): the browser keeps the widest its
 * screen holds in a cookie, so that a page drawn on the server is drawn for that width (ADR 0045).
 */
export const breakpoints = ['xs', 'sm', 'md', 'lg', 'xl', 'xxl', 'xxxl'] as const;
export type Breakpoint = (typeof breakpoints)[number];
export type Screens = Partial<Record<Breakpoint, boolean>>;

export const SCREEN_COOKIE = 'liem_screen';

/** Where each breakpoint starts, in CSS pixels (antd's default tokens, which Liêm's theme keeps). */
const minWidths: Record<Exclude<Breakpoint, 'xs'>, number> = {
  sm: 576,
  md: 768,
  lg: 992,
  xl: 1200,
  xxl: 1600,
  xxxl: 1920,
};

/** The media query a breakpoint holds for. */
export function mediaQueryOf(b: Breakpoint): string {
  return b === 'xs' ? `(max-width: ${minWidths.sm - 1}px)` : `(min-width: ${minWidths[b]}px)`;
}

/** The widest breakpoint a screen this many CSS pixels wide holds. */
export function widestAt(width: number): Breakpoint {
  return [...breakpoints].reverse().find((b) => b === 'xs' || width >= minWidths[b]) ?? 'xs';
}

/** The screens that hold for a widest breakpoint (`xl`: sm, md, lg and xl; `xs` only below sm). */
export function screensOf(widest: Breakpoint): Screens {
  const top = breakpoints.indexOf(widest);
  return Object.fromEntries(
    breakpoints.map((b, i) => [b, b === 'xs' ? widest === 'xs' : i <= top]),
  ) as Screens;
}

/** A breakpoint's name as a cookie or a page gives it; anything else is none. */
export function asBreakpoint(value: string | null | undefined): Breakpoint | undefined {
  return breakpoints.find((b) => b === value);
}

/**
 * Where the browser has not said: a phone's or a tablet's browser names itself so (as Lighthouse's and
 * Playwright's phones do); anything else is taken for a desktop screen.
 */
export function guessWidest(userAgent: string | undefined): Breakpoint {
  return /Mobi|Android|iPhone|iPad/.test(userAgent ?? '') ? 'xs' : 'xl';
}
