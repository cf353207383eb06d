import { auditFieldLabel } from '#shared/audit/fields.ts';
import type { Language } from '#shared/i18n/index.ts';
import { isUuid } from '#shared/validation.ts';
import { formatDate, formatDateTime, formatNumber } from '#web/app/format.ts';

/**
 * A value of an audit event's changes as people read it: a record by its name (the server looks up the
 * ids of each page, `valueNames`), yes/no, dates and numbers as the rest of the app writes them.
 */
export function auditValueText(
  v: unknown,
  names: Record<string, string>,
  lang: Language,
  yesNo: [string, string],
  /** A code's label where the field holds codes (a unit's type, a role): the code itself otherwise. */
  code?: (value: string) => string,
): string {
  const text = (x: unknown): string => {
    if (x === null || x === undefined || x === '') return '—';
    if (typeof x === 'boolean') return x ? yesNo[0] : yesNo[1];
    if (typeof x === 'number') return formatNumber(x, lang);
    if (typeof x === 'string') {
      if (isUuid(x)) return names[x] ?? x;
      if (/^\d{4}-\d{2}-\d{2}$/.test(x)) return formatDate(x);
      if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(x) && !Number.isNaN(Date.parse(x))) return formatDateTime(x);
      return code ? code(x) : x;
    }
    if (Array.isArray(x)) return x.length === 0 ? '—' : x.map(text).join(', ');
    if (typeof x === 'object')
      return Object.entries(x as Record<string, unknown>)
        .map(([k, y]) => `${auditFieldLabel(lang, k)}: ${text(y)}`)
        .join('; ');
    return String(x);
  };
  return text(v);
}

/** Where the labels of a field's codes are (`labelOf`'s prefix), for the fields that hold codes. */
export function auditCodePrefix(entityType: string, field: string): string | undefined {
  if (field === 'type' && (entityType === 'unit' || entityType === 'enterprise')) return 'unitType';
  if (field === 'role' || field === 'roles') return 'role';
  if (field === 'status' && entityType === 'plan') return 'ui.plans.status';
  if (field === 'status' && entityType === 'report') return 'reportStatus';
  return undefined;
}
