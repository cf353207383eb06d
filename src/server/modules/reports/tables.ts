import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea, createdAt, id, inList, type Of, tstz, updatedAt } from '#server/db/columns.ts';
import { units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import {
  type messageKinds,
  reportChannels,
  reportKinds,
  type reportOutcomes,
  reportStatuses,
} from '#shared/reports/schemas.ts';

/** What can be reported: data, so an inspectorate can add or retire categories. */
export const reportCategories = pgTable('report_categories', {
  code: text('code').primaryKey(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  sort: integer('sort').notNull().default(0),
  active: boolean('active').notNull().default(true),
});

/**
 * A citizen's report. Only metadata needed to route, count and time it is in clear; what was said and who
 * said it are ciphertexts under the report's own key (DESIGN §7).
 */
export const reports = pgTable(
  'reports',
  {
    id: id(),
    /** Numbers the report (YYYY-NNNNNN); intake draws it before writing, so it is "by default". */
    seq: bigint('seq', { mode: 'number' }).generatedByDefaultAsIdentity().notNull(),
    /** The unit the report was sent to; it keeps a follow-up when the report is forwarded. */
    receivedUnitId: uuid('received_unit_id')
      .notNull()
      .references(() => units.id),
    /** The unit handling it now. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    concernedUnitId: uuid('concerned_unit_id').references(() => units.id),
    /**
     * A report about a unit's head: kept from everyone who belongs to this unit (independence.ts) — no key
     * is sealed to them, ever, and it is in none of their inboxes.
     */
    independentOfUnitId: uuid('independent_of_unit_id').references(() => units.id),
    categoryCode: text('category_code')
      .notNull()
      .references(() => reportCategories.code),
    channel: text('channel').$type<Of<typeof reportChannels>>().notNull(),
    /** The reporter gave their identity: a denunciation with its legal clock rather than information. */
    named: boolean('named').notNull(),
    kind: text('kind').$type<Of<typeof reportKinds>>().notNull().default('unclassified'),
    status: text('status').$type<Of<typeof reportStatuses>>().notNull().default('received'),
    handlerId: uuid('handler_id').references(() => users.id),
    outcome: text('outcome').$type<Of<typeof reportOutcomes>>(),
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => reports.id),
    forwardedAt: tstz('forwarded_at'),
    receivedAt: tstz('received_at').notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    closedAt: tstz('closed_at'),
    closedOn: date('closed_on', { mode: 'string' }),
    /** Earliest due date among open clocks: the inbox sorts and filters on it without a join. */
    nextDueOn: date('next_due_on', { mode: 'string' }),
    /**
     * A second-instance complaint: the first-instance decision it is about (Law on Complaints Art. 33, 37),
     * its number, date and issuer — sealed with the report's content key, as it can point to the person.
     */
    firstDecision: bytea('first_decision'),
    /** Whether the resolution finished within its clock (for statistics after content is deleted). */
    onTime: boolean('on_time'),
    /** Written for publication; contains nothing that identifies anyone. */
    publicSummary: text('public_summary'),
    lastReporterAt: tstz('last_reporter_at'),
    lastStaffReplyAt: tstz('last_staff_reply_at'),
    content: bytea('content'),
    identity: bytea('identity'),
    /** BLAKE2b sub-key of the receipt's Argon2id key: finds the report, reveals nothing. */
    receiptLookup: bytea('receipt_lookup').notNull(),
    receiptKey: bytea('receipt_key'),
    /** Hash of the form's one-time token: a second submission of the same form finds the first. */
    submissionHash: text('submission_hash'),
    purgedAt: tstz('purged_at'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('reports_receipt_idx').on(t.receiptLookup),
    uniqueIndex('reports_seq_idx').on(t.seq),
    uniqueIndex('reports_submission_idx').on(t.submissionHash),
    index('reports_unit_idx').on(t.unitId, t.receivedAt),
    index('reports_received_unit_idx').on(t.receivedUnitId),
    index('reports_status_idx').on(t.status, t.receivedAt),
    index('reports_received_at_idx').on(t.receivedAt),
    index('reports_next_due_idx').on(t.nextDueOn),
    index('reports_closed_idx').on(t.closedAt),
    check('reports_channel_check', inList(t.channel, reportChannels)),
    check('reports_kind_check', inList(t.kind, reportKinds)),
    check('reports_status_check', inList(t.status, reportStatuses)),
  ],
);

/** The report key sealed to one recipient's public key; `purpose` is the content or the identity key. */
export const reportKeys = pgTable(
  'report_keys',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    purpose: text('purpose').notNull(),
    publicKey: bytea('public_key').notNull(),
    sealed: bytea('sealed').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.userId, t.purpose] }),
    index('report_keys_user_idx').on(t.userId),
  ],
);

export const reportMessages = pgTable(
  'report_messages',
  {
    id: id(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    author: text('author').notNull(),
    userId: uuid('user_id').references(() => users.id),
    /** message (to/from the reporter), question (asks the reporter), note (internal). */
    kind: text('kind').$type<Of<typeof messageKinds>>().notNull(),
    body: bytea('body'),
    answeredAt: tstz('answered_at'),
    createdAt: createdAt(),
  },
  (t) => [index('report_messages_report_idx').on(t.reportId, t.createdAt)],
);

export const reportFiles = pgTable(
  'report_files',
  {
    id: id(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    messageId: uuid('message_id').references(() => reportMessages.id),
    author: text('author').notNull(),
    /** Encrypted {name, mime}. */
    meta: bytea('meta'),
    content: bytea('content'),
    size: integer('size').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('report_files_report_idx').on(t.reportId)],
);

/**
 * A step of a report's handling recorded by staff, with its document: the verification started, a notice
 * sent, the conclusion published, or the decision number of an acceptance or a conclusion. One per step.
 * Not sensitive (numbers and dates of official documents); the document itself is one of the report's
 * encrypted staff files (no foreign key: purging a report's files keeps its history).
 */
export const reportStepRecords = pgTable(
  'report_step_records',
  {
    id: id(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    code: text('code').notNull(),
    on: date('on', { mode: 'string' }).notNull(),
    documentNo: text('document_no'),
    documentDate: date('document_date', { mode: 'string' }),
    fileId: uuid('file_id'),
    recordedBy: uuid('recorded_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('report_step_records_report_code_idx').on(t.reportId, t.code)],
);

export const reportTasks = pgTable(
  'report_tasks',
  {
    id: id(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    title: bytea('title'),
    assigneeId: uuid('assignee_id').references(() => users.id),
    dueOn: date('due_on', { mode: 'string' }),
    doneAt: tstz('done_at'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('report_tasks_report_idx').on(t.reportId)],
);

export const identityRequests = pgTable(
  'identity_requests',
  {
    id: id(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('pending'),
    deciderId: uuid('decider_id').references(() => users.id),
    decisionNote: text('decision_note'),
    decidedAt: tstz('decided_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('identity_requests_report_idx').on(t.reportId),
    index('identity_requests_status_idx').on(t.status),
    check('identity_requests_status_check', sql`${t.status} in ('pending', 'approved', 'refused')`),
  ],
);

/** A reporter signed in with their receipt; the report key is held encrypted under the cookie token. */
export const reporterSessions = pgTable('reporter_sessions', {
  id: text('id').primaryKey(),
  reportId: uuid('report_id')
    .notNull()
    .references(() => reports.id),
  wrappedKey: bytea('wrapped_key').notNull(),
  lastSeenAt: tstz('last_seen_at').notNull(),
  expiresAt: tstz('expires_at').notNull(),
});

/**
 * Files a reporter attached to a form that came back with an error, kept so they need not be chosen again
 * (a browser cannot refill a file input). Encrypted under a key that exists only in the reporter's page;
 * deleted on submission or after two hours.
 */
export const reportDraftFiles = pgTable(
  'report_draft_files',
  {
    id: id(),
    lookup: text('lookup').notNull(),
    meta: bytea('meta').notNull(),
    content: bytea('content').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('report_draft_files_lookup_idx').on(t.lookup),
    index('report_draft_files_created_idx').on(t.createdAt),
  ],
);

/**
 * Public statistics as published, one row per month (the last day they count to). What was published
 * stays so: the page serves it unchanged, and the next month's tables are suppressed knowing it (ADR 0017).
 */
export const statisticsReleases = pgTable('statistics_releases', {
  through: date('through', { mode: 'string' }).primaryKey(),
  /** The published cells (null where hidden) and the counts behind them, for the next release's audit. */
  tables: jsonb('tables').notNull(),
  createdAt: tstz('created_at').notNull().defaultNow(),
});

/**
 * Who a report about a unit's head was kept from when it arrived (independence.ts): kept from them for
 * good, also once they leave the unit (re-test sec22c C1: the head moved out, then read it).
 */
export const reportExclusions = pgTable(
  'report_exclusions',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    userId: uuid('user_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.userId] })],
);
