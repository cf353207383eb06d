import { z } from 'zod';
import { en } from '#shared/i18n/en.ts';
import { vi } from '#shared/i18n/vi.ts';
import { foldHeader, parseLegalDate } from './engine.ts';

/**
 * A choice typed as its code, its Vietnamese or English label ("Sở, ban, ngành" → department) or one of
 * the usual spellings given (`ward`, `phường`).
 */
export function choice<T extends string>(
  values: readonly T[],
  labelPrefix: string,
  spellings: Partial<Record<T, readonly string[]>> = {},
) {
  const byName = new Map<string, T>();
  for (const v of values) {
    for (const name of [
      v,
      vi[`${labelPrefix}.${v}` as keyof typeof vi],
      en[`${labelPrefix}.${v}` as keyof typeof en],
      ...(spellings[v] ?? []),
    ]) {
      if (name) byName.set(foldHeader(name), v);
    }
  }
  return z.string().transform((s, ctx) => {
    const v = byName.get(foldHeader(s));
    if (!v) {
      ctx.addIssue({ code: 'invalid_value', values: [...values], input: s });
      return z.NEVER;
    }
    return v;
  });
}

export const legalDate = () =>
  z.string().transform((s, ctx) => {
    const d = parseLegalDate(s);
    if (!d) {
      // Said as people write dates in a sheet (dd/mm/yyyy), not as the API's format.
      ctx.addIssue({ code: 'custom', message: 'import.date', input: s });
      return z.NEVER;
    }
    return d;
  });
