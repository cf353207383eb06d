import { createInstance, type i18n } from 'i18next';
import { en } from './en.ts';
import { singularResources, withCount } from './plurals.en.ts';
import { vi } from './vi.ts';

export type { MessageKey } from './vi.ts';

import type { MessageKey } from './vi.ts';

export const languages = ['vi', 'en'] as const;
export type Language = (typeof languages)[number];

let instance: i18n | undefined;

function i18nInstance(): i18n {
  if (!instance) {
    instance = createInstance();
    void instance.init({
      initAsync: false,
      lng: 'vi',
      fallbackLng: 'vi',
      keySeparator: false,
      nsSeparator: false,
      interpolation: { escapeValue: false },
      resources: { vi: { translation: vi }, en: { translation: { ...en, ...singularResources } } },
    });
  }
  return instance;
}

export function translate(lang: Language, key: MessageKey, values?: Record<string, string | number>): string {
  return i18nInstance().getFixedT(lang)(key, withCount(key, values));
}

/** Picks vi or en from an Accept-Language header; Vietnamese is the default. */
export function pickLanguage(header: string | undefined | null): Language {
  if (!header) return 'vi';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.trim(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (base === 'vi' || base === 'en') return base;
  }
  return 'vi';
}
