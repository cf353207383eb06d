import { COLUMNS_COOKIE, UNIT_COOKIE } from '#shared/choices.ts';

/**
 * A choice of this browser's, kept where the server reads it when it draws a page (the language, the
 * screen's width, the unit, the columns): only under /app, for about a year (browsers allow 400 days),
 * written only when it changed. Not a secret, not personal.
 */
export function tellServer(name: string, value: string) {
  const pair = `${name}=${encodeURIComponent(value)}`;
  if (document.cookie.split('; ').includes(pair)) return;
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser officials use
  document.cookie = `${pair}; path=/app; max-age=${400 * 86_400}; samesite=lax`;
}

let readOnServer: (name: string) => string | undefined = () => undefined;

/** Where the choices are read while the server draws a page: the reader's (`draw.tsx`). */
export function setServerChoices(read: (name: string) => string | undefined) {
  readOnServer = read;
}

/** Such a choice: this browser's, or, while the server draws a page, its reader's; the same either way. */
export function choiceOf(name: string): string | undefined {
  if (typeof document === 'undefined') return readOnServer(name);
  const pair = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  if (pair === undefined) return undefined;
  try {
    return decodeURIComponent(pair.slice(name.length + 1));
  } catch {
    return undefined;
  }
}

/**
 * Choices this browser kept in its storage before the server drew pages by them (ADR 0045), moved to
 * their cookies once, so that nobody finds their unit or columns reset.
 */
export function moveStoredChoices() {
  try {
    const unit = localStorage.getItem('liem.currentUnit');
    if (unit && choiceOf(UNIT_COOKIE) === undefined) tellServer(UNIT_COOKIE, unit);
    localStorage.removeItem('liem.currentUnit');
    const tables = Object.keys(localStorage).filter((k) => k.startsWith('liem.columns.'));
    if (tables.length === 0) return;
    if (choiceOf(COLUMNS_COOKIE) === undefined)
      tellServer(
        COLUMNS_COOKIE,
        JSON.stringify(
          Object.fromEntries(
            tables.map((k) => [k.slice('liem.columns.'.length), JSON.parse(localStorage.getItem(k) ?? '{}')]),
          ),
        ),
      );
    for (const k of tables) localStorage.removeItem(k);
  } catch {
    // A browser that keeps nothing, or a choice no longer readable: the defaults, as on a first visit.
  }
}
