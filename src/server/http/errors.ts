import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from '@fastify/type-provider-zod';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorTable, type FieldError } from '#shared/errors.ts';
import { type Language, pickLanguage, translate } from '#shared/i18n/index.ts';
import { type Issue, issueToField } from '#shared/zod-messages.ts';

/** Zod issues → { field path: message }, with each unknown key named as its own field. */
export function issuesToFields(issues: readonly Issue[], sent?: unknown): Record<string, FieldError> {
  const fields: Record<string, FieldError> = {};
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] = { key: 'field.unknown' };
      continue;
    }
    const path = issue.path.join('.') || '_';
    const given = sent !== undefined && issue.path.length > 0 ? valueAt(sent, issue.path) : undefined;
    const missing = sent !== undefined && issue.path.length > 0 && given === undefined;
    // Zod keeps no value in its issues: a value of the wrong type ("1" for a number) is not "required".
    fields[path] ??= missing
      ? { key: 'field.required' }
      : issueToField(
          given !== undefined && issue.code === 'invalid_type' ? { ...issue, input: given } : issue,
        );
  }
  return fields;
}

export function errorBody(lang: Language, requestId: string, err: AppError) {
  const fields = err.details.fields
    ? Object.fromEntries(
        Object.entries(err.details.fields).map(([k, f]) => [k, translate(lang, f.key, f.values)]),
      )
    : undefined;
  return {
    code: err.code,
    message: translate(lang, errorTable[err.code].message, err.details.values),
    ...(fields ? { fields } : {}),
    ...(err.details.rowErrors ? { rows: err.details.rowErrors } : {}),
    ...(err.details.link ? { link: err.details.link } : {}),
    requestId,
  };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** Maps anything thrown to our one error shape; unknown errors become 500 with no detail. */
export function toAppError(err: unknown, req?: FastifyRequest): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const context = (err as { validationContext?: string }).validationContext;
    const sent =
      req && context
        ? (req as unknown as Record<string, unknown>)[context === 'querystring' ? 'query' : context]
        : undefined;
    const issues = err.validation.map(
      (v) =>
        ({
          ...(v.params as object),
          code: v.keyword,
          message: v.message,
          path: v.instancePath.split('/').filter(Boolean),
        }) as unknown as Issue,
    );
    return new AppError('validation', { fields: issuesToFields(issues, sent ?? {}) });
  }
  const fe = err as FastifyError & { statusCode?: number };
  if (
    fe &&
    typeof fe === 'object' &&
    !isResponseSerializationError(err) &&
    typeof fe.statusCode === 'number'
  ) {
    if (fe.statusCode === 413 || fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.code === 'FST_FILES_LIMIT')
      return new AppError('payload_too_large');
    if (fe.statusCode === 429) return new AppError('rate_limited');
    if (fe.statusCode === 415) return new AppError('bad_request');
    if (fe.statusCode >= 400 && fe.statusCode < 500)
      return new AppError(fe.statusCode === 404 ? 'not_found' : 'bad_request');
  }
  // Postgres: bad input that slipped through (e.g. invalid text encoding) is the client's fault. Drizzle
  // wraps the driver's error (its code is on the cause): a duplicate met in a race is a conflict, not a 500.
  const pgCode = (err as { code?: string })?.code ?? (err as { cause?: { code?: string } })?.cause?.code;
  if (
    pgCode === '22021' ||
    pgCode === '22P02' ||
    pgCode === '22001' ||
    pgCode === '22007' ||
    pgCode === '22008' ||
    pgCode === '22003'
  )
    return new AppError('bad_request');
  if (pgCode === '23505') return new AppError('conflict');
  if (pgCode === '40001' || pgCode === '40P01') return new AppError('conflict');
  return new AppError('internal');
}

export function sendError(req: FastifyRequest, reply: FastifyReply, err: unknown) {
  const appErr = toAppError(err, req);
  if (appErr.code === 'internal') req.log.error({ err }, 'unhandled error');
  if (appErr.details.retryAfterSeconds) reply.header('retry-after', String(appErr.details.retryAfterSeconds));
  return reply
    .status(appErr.status)
    .send(errorBody(req.lang ?? pickLanguage(req.headers['accept-language']), req.id, appErr));
}
