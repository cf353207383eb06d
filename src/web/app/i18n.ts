import i18next from 'i18next';
import { useMemo } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import { LANGUAGE_COOKIE } from '#shared/i18n/cookie.ts';
import type { Language, MessageKey } from '#shared/i18n/index.ts';
import { withCount } from '#shared/i18n/plurals.en.ts';
import { vi } from '#shared/i18n/vi.ts';
import { setApiLanguage } from './api.ts';
import { choiceOf, tellServer } from './cookies.ts';

const STORAGE_KEY = 'liem.language';

export function storedLanguage(): Language {
  if (typeof localStorage === 'undefined') return 'vi';
  // The cookie the server drew the sign-in page by, where this browser's storage has no choice (yet).
  const saved = localStorage.getItem(STORAGE_KEY) ?? choiceOf(LANGUAGE_COOKIE);
  return saved === 'en' ? 'en' : 'vi';
}

// Vietnamese is in the first download; English is its own chunk, fetched only by someone who reads it
// (half of the dictionaries' bytes off every Vietnamese user's first page).
const english = () =>
  import('#shared/i18n/en.ts').then((m) => ({ translation: { ...m.en, ...m.singularResources } }));

void i18next.use(initReactI18next).init({
  lng: storedLanguage(),
  fallbackLng: 'vi',
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  resources: { vi: { translation: vi }, ...(storedLanguage() === 'en' ? { en: await english() } : {}) },
});
setApiLanguage(storedLanguage());
if (typeof document !== 'undefined') {
  document.documentElement.lang = storedLanguage();
  tellServer(LANGUAGE_COOKIE, storedLanguage());
}

export async function changeLanguage(lang: Language) {
  if (!i18next.hasResourceBundle(lang, 'translation')) {
    i18next.addResourceBundle(lang, 'translation', (await english()).translation);
  }
  localStorage.setItem(STORAGE_KEY, lang);
  tellServer(LANGUAGE_COOKIE, lang);
  setApiLanguage(lang);
  document.documentElement.lang = lang;
  void i18next.changeLanguage(lang);
}

/** Typed translation: only keys of the shared dictionaries compile. */
export function useT() {
  const { t, i18n } = useTranslation();
  const lang: Language = i18n.language === 'en' ? 'en' : 'vi';
  // Stable while the language stays, so effects and memos that use it do not re-run every render.
  return useMemo(
    () => ({
      t: (key: MessageKey, values?: Record<string, string | number>) =>
        t(key, withCount(key, values)) as string,
      lang,
    }),
    [t, lang],
  );
}

/** A label for a code that has one in the dictionaries (`prefix.code`), or the code itself. */
export function labelOf(t: (key: MessageKey) => string, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return Object.hasOwn(vi, key) ? t(key as MessageKey) : code;
}
