import { sql } from 'drizzle-orm';
import {
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
import { createdAt, id, updatedAt } from '#server/db/columns.ts';
import type { PeriodDef } from '#shared/plans/periods.ts';

export const calendars = pgTable('calendars', {
  id: id(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** ISO weekdays that are weekly rest days (6 = Saturday, 7 = Sunday). */
  weekendDays: integer('weekend_days').array().notNull().default(sql`'{6,7}'::integer[]`),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const calendarDays = pgTable(
  'calendar_days',
  {
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => calendars.id),
    date: date('date', { mode: 'string' }).notNull(),
    /** holiday / day_off: not worked; working_day: a weekend day that is worked (swap). */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    source: text('source').notNull(),
    /** The official notice that set the day (e.g. "6150/TB-BLĐTBXH") and its date, where known. */
    noticeNo: text('notice_no'),
    noticeDate: date('notice_date', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.calendarId, t.date] }),
    check('calendar_days_kind_check', sql`${t.kind} in ('holiday', 'day_off', 'working_day')`),
  ],
);

export interface RuleExtension {
  code: string;
  times: number;
  length: number;
  unit: 'working_days' | 'calendar_days' | 'months';
}

export const deadlineRules = pgTable(
  'deadline_rules',
  {
    id: id(),
    code: text('code').notNull(),
    version: integer('version').notNull().default(1),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    legalSource: text('legal_source').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveTo: date('effective_to', { mode: 'string' }),
    length: integer('length').notNull(),
    unit: text('unit').notNull(),
    startEvent: text('start_event').notNull(),
    rollForward: boolean('roll_forward').notNull().default(true),
    /**
     * False for a duration the law sets but whose figure is not known here yet (the 2025 Inspection Law's
     * inspection periods): a configurable rule, shown as unconfirmed wherever its date is.
     */
    confirmed: boolean('confirmed').notNull().default(true),
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => calendars.id),
    extensions: jsonb('extensions').$type<RuleExtension[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('deadline_rules_code_from_idx').on(t.code, t.effectiveFrom),
    check('deadline_rules_unit_check', sql`${t.unit} in ('working_days', 'calendar_days', 'months')`),
    check('deadline_rules_length_check', sql`${t.length} > 0`),
  ],
);

/**
 * The statutory reporting regime (Circular 06/2025/TT-TTCP and its predecessors) as dated data: periods
 * and the day of each period's last month reports are due, so a change of circular is a new row.
 */
export const reportingRegimes = pgTable(
  'reporting_regimes',
  {
    id: id(),
    code: text('code').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    legalSource: text('legal_source').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveTo: date('effective_to', { mode: 'string' }),
    periods: jsonb('periods').$type<PeriodDef[]>().notNull(),
    /** Units (communes, departments) report to the province by this day of the period's last month. */
    unitDueDay: integer('unit_due_day'),
    /** The province reports to the Government Inspectorate by this day. */
    provinceDueDay: integer('province_due_day'),
    /** Edited by the platform's administrators when a new circular changes a deadline (optimistic lock). */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('reporting_regimes_code_idx').on(t.code),
    check(
      'reporting_regimes_days_check',
      sql`coalesce(${t.unitDueDay}, 1) between 1 and 28 and coalesce(${t.provinceDueDay}, 1) between 1 and 28`,
    ),
  ],
);

/**
 * Every clock the engine started (issue 16 §3; ADR 0026): for which record (`subjectKind`, `subjectId`),
 * by which rule in force on its start, until when, extended how, done when. One table and one vocabulary
 * for every module: a record may keep a copy of its due date for its own lists (reports' next due date,
 * a plan's due date), but the running clocks are known here.
 */
export const startedClocks = pgTable(
  'started_clocks',
  {
    id: id(),
    /** The record's kind: report, plan, assessment, declaration, verification_case, verification_plan. */
    subjectKind: text('subject_kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    code: text('code').notNull(),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => deadlineRules.id),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    extensions: jsonb('extensions').$type<Record<string, number>>().notNull().default({}),
    doneOn: date('done_on', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('started_clocks_subject_idx').on(t.subjectId),
    index('started_clocks_rule_open_idx').on(t.ruleId).where(sql`done_on is null`),
  ],
);
