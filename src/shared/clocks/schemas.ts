import { z } from 'zod';
import { isoDate, text } from '#shared/validation.ts';
import { clockUnits } from './due.ts';

export const dayKinds = ['holiday', 'day_off', 'working_day'] as const;

export const CalendarDayBody = z.strictObject({
  date: isoDate(),
  kind: z.enum(dayKinds),
  name: text(200),
  source: text(500),
  /** The official notice's number and date ("6150/TB-BLĐTBXH", 2024-11-12), where known. */
  noticeNo: text(60).nullable().optional(),
  noticeDate: isoDate().nullable().optional(),
});
export const CalendarDay = z.object({
  date: z.string(),
  kind: z.string(),
  name: z.string(),
  source: z.string(),
  noticeNo: z.string().nullable(),
  noticeDate: z.string().nullable(),
});
export const Calendar = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  weekendDays: z.array(z.number()),
});
export const CalendarDaysQuery = z.strictObject({
  year: z.coerce.number().int().min(1990).max(2100).optional(),
});

const Extension = z.strictObject({
  code: z.string().min(1).max(64),
  times: z.number().int().min(1).max(10),
  length: z.number().int().min(1).max(3650),
  unit: z.enum(clockUnits),
});

export const RuleBody = z.strictObject({
  code: z
    .string()
    .regex(/^[a-z0-9_.]+$/, { message: 'field.invalid' })
    .max(100),
  nameVi: text(300),
  nameEn: text(300),
  legalSource: text(500),
  effectiveFrom: isoDate(),
  effectiveTo: isoDate().nullish(),
  length: z.number().int().min(1).max(3650),
  unit: z.enum(clockUnits),
  startEvent: text(200),
  rollForward: z.boolean().default(true),
  calendarCode: z.string().max(64).default('vn-public-service'),
  extensions: z.array(Extension).max(10).default([]),
});
export const RuleUpdate = RuleBody.omit({ code: true, calendarCode: true })
  .partial()
  .extend({ version: z.number().int().min(1) })
  .strict();

export const Rule = z.object({
  id: z.string(),
  code: z.string(),
  version: z.number(),
  nameVi: z.string(),
  nameEn: z.string(),
  legalSource: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  length: z.number(),
  unit: z.string(),
  startEvent: z.string(),
  rollForward: z.boolean(),
  /** False for a placeholder figure the law's text has not confirmed (shown as unconfirmed). */
  confirmed: z.boolean(),
  calendarId: z.string(),
  extensions: z.array(
    z.object({ code: z.string(), times: z.number(), length: z.number(), unit: z.string() }),
  ),
});

export const DueQuery = z.strictObject({
  code: z.string().max(100),
  start: isoDate(),
  /** e.g. "complex:1" or "especially_complex:2". */
  extensions: z.string().max(200).optional(),
});
export const DueAnswer = z.object({
  code: z.string(),
  ruleId: z.string(),
  start: z.string(),
  due: z.string(),
  legalSource: z.string(),
});

export const PeriodsQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
export const DuePeriod = z.object({
  code: z.string(),
  from: z.string(),
  to: z.string(),
  /** Units report to the province by then; null where the regime's text is not known. */
  unitDueOn: z.string().nullable(),
  provinceDueOn: z.string().nullable(),
  regime: z.string(),
  legalSource: z.string(),
  /** False when the calendar has no holidays for the year the report is due in. */
  calendarKnown: z.boolean(),
});
/** What an administrator may change in a reporting regime: its deadlines, its end, its legal source. */
export const RegimeUpdate = z.strictObject({
  version: z.number().int().min(1),
  legalSource: z.string().trim().min(1, { message: 'field.required' }).max(500).optional(),
  effectiveTo: isoDate().nullable().optional(),
  unitDueDay: z.number().int().min(1).max(28).nullable().optional(),
  provinceDueDay: z.number().int().min(1).max(28).nullable().optional(),
});
export const Regime = z.object({
  id: z.string(),
  code: z.string(),
  version: z.number(),
  nameVi: z.string(),
  nameEn: z.string(),
  legalSource: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  unitDueDay: z.number().nullable(),
  provinceDueDay: z.number().nullable(),
  periods: z.array(
    z.object({
      suffix: z.string(),
      from: z.object({ month: z.number(), day: z.number(), prevYear: z.boolean().optional() }),
      to: z.object({ month: z.number(), day: z.number() }),
    }),
  ),
});
