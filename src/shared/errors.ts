import type { MessageKey } from './i18n/index.ts';

/** One table: error code → HTTP status and the message shown to the user. */
export const errorTable = {
  bad_request: { status: 400, message: 'error.bad_request' },
  validation: { status: 400, message: 'error.validation' },
  import_invalid: { status: 400, message: 'error.import_invalid' },
  unauthenticated: { status: 401, message: 'error.unauthenticated' },
  invalid_credentials: { status: 401, message: 'error.invalid_credentials' },
  invalid_totp: { status: 401, message: 'error.invalid_totp' },
  totp_used: { status: 401, message: 'error.totp_used' },
  session_expired: { status: 401, message: 'error.session_expired' },
  forbidden: { status: 403, message: 'error.forbidden' },
  csrf: { status: 403, message: 'error.csrf' },
  stage_required: { status: 403, message: 'error.stage_required' },
  separation_of_duties: { status: 403, message: 'error.separation_of_duties' },
  account_disabled: { status: 403, message: 'error.account_disabled' },
  not_found: { status: 404, message: 'error.not_found' },
  conflict: { status: 409, message: 'error.conflict' },
  plan_not_draft: { status: 409, message: 'error.plan_not_draft' },
  plan_not_issued: { status: 409, message: 'error.plan_not_issued' },
  keys_locked: { status: 409, message: 'error.keys_locked' },
  owner_password_pending: { status: 409, message: 'error.owner_password_pending' },
  report_key_missing: { status: 409, message: 'error.report_key_missing' },
  assessment_submitted: { status: 409, message: 'error.assessment_submitted' },
  framework_published: { status: 409, message: 'error.framework_published' },
  framework_draft_open: { status: 409, message: 'error.framework_draft_open' },
  report_closed: { status: 409, message: 'error.report_closed' },
  record_final: { status: 409, message: 'error.record_final' },
  no_recipients: { status: 409, message: 'error.no_recipients' },
  payload_too_large: { status: 413, message: 'error.payload_too_large' },
  unsupported_file_type: { status: 415, message: 'error.unsupported_file_type' },
  locked_out: { status: 423, message: 'error.locked_out' },
  rate_limited: { status: 429, message: 'error.rate_limited' },
  internal: { status: 500, message: 'error.internal' },
  unavailable: { status: 503, message: 'error.unavailable' },
} as const satisfies Record<string, { status: number; message: MessageKey }>;

export type ErrorCode = keyof typeof errorTable;

/** Field errors carry a message key (translated at the edge) and optional values for it. */
export interface FieldError {
  key: MessageKey;
  values?: Record<string, string | number>;
}

/** One problem of an import, already translated: row as the sheet shows it, and the user's column. */
export interface ImportRowError {
  /** Null where the problem is a whole sheet's or the file's. */
  row: number | null;
  /** The sheet, in a workbook with a sheet per part (paper declarations). */
  sheet?: string | null;
  column: string | null;
  field?: string | null;
  message: string;
}

export interface AppErrorDetails {
  fields?: Record<string, FieldError>;
  rowErrors?: ImportRowError[];
  values?: Record<string, string | number>;
  retryAfterSeconds?: number;
  /** Where the record the request collides with is (a second declaration: the first one's page). */
  link?: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: AppErrorDetails;
  constructor(code: ErrorCode, details: AppErrorDetails = {}) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return errorTable[this.code].status;
  }
}

/** Shorthand for a 400 naming one field. */
export function fieldError(
  field: string,
  key: MessageKey,
  values?: Record<string, string | number>,
): AppError {
  return new AppError('validation', { fields: { [field]: { key, values } } });
}
