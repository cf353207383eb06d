import type { z } from 'zod';
import type { FieldError } from './errors.ts';
import type { MessageKey } from './i18n/index.ts';
import { vi } from './i18n/vi.ts';

/** Zod issues become our field messages here, for the server's 400s and the browser's forms alike. */
export type Issue = z.core.$ZodIssue;

const isKey = (s: string): s is MessageKey => Object.hasOwn(vi, s);

/** A Zod issue as one of our field messages. */
export function issueToField(issue: Issue): FieldError {
  if (isKey(issue.message)) {
    const values: Record<string, string | number> = {};
    if ('minimum' in issue) values.min = Number(issue.minimum);
    if ('maximum' in issue) values.max = Number(issue.maximum);
    // A custom issue's words to fill in (the names a sheet's column accepts).
    if (issue.code === 'custom' && typeof issue.params?.options === 'string')
      values.options = issue.params.options;
    return { key: issue.message, values };
  }
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { key: 'field.required' }
        : { key: issue.expected === 'number' ? 'field.number' : 'field.invalid' };
    case 'too_small':
      return issue.origin === 'string'
        ? { key: 'field.too_short', values: { min: Number(issue.minimum) } }
        : { key: 'field.too_small', values: { min: Number(issue.minimum) } };
    case 'too_big':
      return issue.origin === 'string'
        ? { key: 'field.too_long', values: { max: Number(issue.maximum) } }
        : { key: 'field.too_big', values: { max: Number(issue.maximum) } };
    case 'invalid_format':
      return {
        key:
          issue.format === 'email'
            ? 'field.email'
            : issue.format === 'uuid'
              ? 'field.uuid'
              : issue.format === 'date'
                ? 'field.date'
                : 'field.invalid',
      };
    case 'invalid_value':
      return { key: 'field.choice', values: { options: issue.values.map(String).join(', ') } };
    default:
      return { key: 'field.invalid' };
  }
}
