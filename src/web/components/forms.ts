import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form/index.js';
import type { z } from 'zod';
import type { MessageKey } from '#shared/i18n/index.ts';
import { issueToField } from '#shared/zod-messages.ts';
import { ApiError } from '#web/app/api.ts';

type T = (key: MessageKey, values?: Record<string, string | number>) => string;

/** An antd rule that runs the field's shared Zod schema: the browser says what the server would. */
export function zodRule(schema: z.ZodType, t: T): Rule {
  return {
    validator: async (_rule, value) => {
      const r = schema.safeParse(value === '' ? undefined : value);
      if (!r.success) {
        const issue = r.error.issues[0]!;
        const required: { key: MessageKey; values?: undefined } = { key: 'field.required' };
        const fe = value === undefined || value === '' ? required : issueToField(issue);
        throw new Error(t(fe.key, fe.values));
      }
    },
  };
}

/** Puts the server's field messages under their fields; returns the message for the rest. */
export function applyServerErrors(form: FormInstance, err: unknown, t: T): string {
  if (!(err instanceof ApiError)) return t('error.internal');
  if (err.network) return t('ui.common.networkError');
  // The fields on screen (an empty one too: it has no value in the store) and any value the form holds.
  const names = new Set([
    ...Object.keys(form.getFieldsValue() ?? {}),
    ...Object.keys(form.getFieldsValue(true) ?? {}),
  ]);
  const known = Object.entries(err.fields).filter(([name]) => names.has(name.split('.')[0]!));
  form.setFields(known.map(([name, message]) => ({ name: name.split('.'), errors: [message] })));
  const rest = Object.entries(err.fields).filter(([name]) => !names.has(name.split('.')[0]!));
  const requestId =
    err.status >= 500 && err.requestId ? ` ${t('ui.common.requestId', { id: err.requestId })}` : '';
  return [err.message, ...rest.map(([, m]) => m)].join(' ') + requestId;
}
