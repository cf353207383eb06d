import type { MessageKey } from './vi.ts';

/**
 * English messages that count something, in the singular: said when the count (`count` names the
 * message's value) is 1 — "1 row", not "1 rows". Vietnamese nouns do not change with number, so
 * Vietnamese has no such list. A message that counts several things says each as "label: n" instead.
 */
export const singularEn: Partial<Record<MessageKey, { count: string; one: string }>> = {
  'ui.common.total': { count: 'total', one: '{{total}} row' },
  'ui.audit.intact': { count: 'count', one: 'The audit chain is intact: {{count}} event checked.' },
  'ui.import.errors': {
    count: 'count',
    one: '{{count}} error. Nothing was written; fix the file and try again.',
  },
  'ui.import.confirm.move': { count: 'count', one: 'I confirm moving {{count}} unit under a new parent' },
  'ui.import.confirm.retype': { count: 'count', one: 'I confirm changing the type of {{count}} unit' },
  'ui.import.movesAwaitingApproval': {
    count: 'count',
    one: '{{count}} unit will move under its new parent once another administrator approves (Approvals page).',
  },
  'ui.decl.handOverConfirm': { count: 'n', one: 'Hand {{n}} declaration over to the control agency?' },
  'ui.ver.ranked': { count: 'n', one: '{{n}} declaration ranked again.' },
  'ui.pub.title': { count: 'n', one: 'Publish {{n}} declaration at the workplace' },
  'ui.decl.handedOver': { count: 'handedOver', one: '{{handedOver}} declaration handed over.' },
  'ui.decl.acknowledged': {
    count: 'acknowledged',
    one: 'Receipt of {{acknowledged}} declaration acknowledged.',
  },
  'ui.decl.stillMissing': { count: 'n', one: '{{n}} item to complete before submitting' },
  'ui.assess.max': { count: 'n', one: 'Max {{n}} point' },
  'ui.assess.submitBlocked': { count: 'n', one: 'Not submitted: {{n}} criterion is incomplete.' },
  'ui.assess.unsaved': { count: 'n', one: '{{n}} unsaved change' },
  'ui.assess.suggestion': { count: 'score', one: 'Suggested from data: {{score}} point' },
  'ui.rot.periodShort': { count: 'n', one: '{{n}} year' },
  'ui.rot.periodConfirm': { count: 'n', one: 'Set the period to {{n}} year?' },
  'ui.rot.periodFixed': { count: 'n', one: '{{n}} year (fixed)' },
  'ui.dep.monthsN': { count: 'n', one: '{{n}} month' },
  'error.locked_out': {
    count: 'minutes',
    one: 'The account is locked after repeated failed sign-ins. Try again in {{minutes}} minute.',
  },
  'field.too_many_files': { count: 'max', one: 'At most {{max}} file at a time.' },
};

/** i18next's `count` for a message that has a singular (its `_one` form, added to English's resources). */
export function withCount(
  key: string,
  values: Record<string, string | number> | undefined,
): Record<string, string | number> {
  const plural = singularEn[key as MessageKey];
  const n = plural && values ? Number(values[plural.count]) : Number.NaN;
  return Number.isFinite(n) ? { ...values, count: n } : (values ?? {});
}

/** The singular forms as i18next reads them: `key_one`. */
export const singularResources = Object.fromEntries(
  Object.entries(singularEn).map(([k, v]) => [`${k}_one`, v!.one]),
);
