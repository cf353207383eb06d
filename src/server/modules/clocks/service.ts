import { and, asc, desc, eq, gte, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import { insertRows } from '#server/db/bulk.ts';
import { type Db, rows } from '#server/db/client.ts';
import { diff } from '#server/modules/audit/chain.ts';
import { audit } from '#server/modules/audit/service.ts';
import {
  addPeriod,
  type CalendarData,
  type ClockUnit,
  calendarCovers,
  clockState,
  type DayKind,
  type DeadlineRule,
  dueDate,
  type OpenClockState,
  ruleInForce,
} from '#shared/clocks/due.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { canAtRoot } from '#shared/permissions.ts';
import { duePeriodsOf } from '#shared/plans/periods.ts';
import { publicServiceDays, type SeedRule, seedRegimes, seedRules } from './seed.ts';
import { calendarDays, calendars, deadlineRules, reportingRegimes, startedClocks } from './tables.ts';

export const DEFAULT_CALENDAR = 'vn-public-service';

/** Idempotent: inserts the reference calendar and rules that are missing, never overwrites edits. */
export async function ensureClockReferenceData(db: Db): Promise<void> {
  await db
    .insert(calendars)
    .values({ code: DEFAULT_CALENDAR, name: 'Lịch làm việc cơ quan hành chính nhà nước' })
    .onConflictDoNothing();
  const [cal] = await db.select().from(calendars).where(eq(calendars.code, DEFAULT_CALENDAR));
  await db
    .insert(calendarDays)
    .values(publicServiceDays.map((d) => ({ ...d, calendarId: cal!.id })))
    .onConflictDoNothing();
  await ensureRules(db, seedRules);
  await db.insert(reportingRegimes).values(seedRegimes).onConflictDoNothing();
}

/**
 * Inserts the deadline rules a module brings that are missing (on the default calendar); a rule edited
 * here is never overwritten. Domains give their clocks to the engine this way (their manifest's
 * reference data), so the clock engine never imports a domain.
 */
export async function ensureRules(db: Db, rules: readonly SeedRule[]): Promise<void> {
  const [cal] = await db.select().from(calendars).where(eq(calendars.code, DEFAULT_CALENDAR));
  if (!cal) throw new Error('the clock reference data is seeded first');
  await db
    .insert(deadlineRules)
    .values(rules.map((r) => ({ ...r, extensions: r.extensions ?? [], calendarId: cal.id })))
    .onConflictDoNothing();
}

/** Every reporting regime, oldest first. */
export async function listRegimes(db: Db) {
  return db.select().from(reportingRegimes).orderBy(asc(reportingRegimes.effectiveFrom));
}

/**
 * Changes a reporting regime's deadlines, end or legal source (a new circular): the periods it sets stay
 * as they are. Regimes in force must not overlap, or "the regime of a date" would be ambiguous.
 */
export async function updateRegime(
  ctx: Ctx,
  id: string,
  input: {
    version: number;
    legalSource?: string | undefined;
    effectiveTo?: string | null | undefined;
    unitDueDay?: number | null | undefined;
    provinceDueDay?: number | null | undefined;
  },
) {
  assertManage(ctx);
  return ctx.db.transaction(async (tx) => {
    const [regime] = await tx
      .select()
      .from(reportingRegimes)
      .where(eq(reportingRegimes.id, id))
      .for('update');
    if (!regime) throw new AppError('not_found');
    if (regime.version !== input.version) throw new AppError('conflict');
    const { version: _v, ...fields } = input;
    const to = fields.effectiveTo === undefined ? regime.effectiveTo : fields.effectiveTo;
    checkPeriod(regime.effectiveFrom, to);
    for (const other of await tx.select().from(reportingRegimes)) {
      if (other.id === id) continue;
      if (
        other.effectiveFrom <= (to ?? '9999-12-31') &&
        regime.effectiveFrom <= (other.effectiveTo ?? '9999-12-31')
      )
        throw fieldError('effectiveTo', 'field.date_range');
    }
    const changes = diff(regime, fields);
    const [row] = await tx
      .update(reportingRegimes)
      .set({ ...fields, version: regime.version + 1 })
      .where(eq(reportingRegimes.id, id))
      .returning();
    await audit(tx, ctx, { action: 'regime.updated', entityType: 'reporting_regime', entityId: id, changes });
    return row!;
  });
}

/**
 * The year's reporting periods with their due dates, each marked where the working-day calendar has no
 * data for the year it is due in (its holidays are not known yet, so neither is what the date means).
 */
export async function reportingPeriods(db: Db, year: number) {
  const [regimes, calendar] = await Promise.all([listRegimes(db), defaultCalendar(db)]);
  return duePeriodsOf(year, regimes).map((p) => ({
    ...p,
    calendarKnown: calendarCovers(calendar, p.provinceDueOn ?? p.unitDueOn ?? p.to),
  }));
}

/** The public-service calendar every deadline without a rule of its own is counted on. */
export async function defaultCalendar(db: Db): Promise<CalendarData> {
  const [cal] = await db
    .select({ id: calendars.id })
    .from(calendars)
    .where(eq(calendars.code, DEFAULT_CALENDAR));
  if (!cal) throw new Error('reference data missing: the default calendar');
  return loadCalendar(db, cal.id);
}

/** How many working days before its date an open deadline counts as at risk, everywhere in Liêm. */
export const RISK_DAYS = 2;

/** Today in Vietnam and how an open due date stands on it: one vocabulary for every module's clocks. */
export interface Today {
  today: string;
  calendar: CalendarData;
  /** The last date that is at risk today (for filters in SQL: due between today and riskEnd). */
  riskEnd: string;
  state: (dueOn: string) => OpenClockState;
}

export async function todayFor(ctx: Pick<Ctx, 'db' | 'clock'>): Promise<Today> {
  const calendar = await defaultCalendar(ctx.db);
  const today = vnToday(ctx.clock.now());
  return {
    today,
    calendar,
    riskEnd: addPeriod(calendar, today, RISK_DAYS, 'working_days'),
    state: (dueOn) => clockState(calendar, dueOn, today, null, RISK_DAYS) as OpenClockState,
  };
}

export async function loadCalendar(db: Db, calendarId: string): Promise<CalendarData> {
  const [cal] = await db.select().from(calendars).where(eq(calendars.id, calendarId));
  if (!cal) throw new AppError('not_found');
  const days = await db
    .select({ date: calendarDays.date, kind: calendarDays.kind })
    .from(calendarDays)
    .where(eq(calendarDays.calendarId, calendarId));
  return { weekendDays: cal.weekendDays, days: new Map(days.map((d) => [d.date, d.kind as DayKind])) };
}

type RuleRow = typeof deadlineRules.$inferSelect;
const presentRule = (r: RuleRow) => ({
  ...r,
  createdAt: undefined,
  updatedAt: undefined,
  version: r.version,
});

export async function listRules(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(deadlineRules)
    .orderBy(asc(deadlineRules.code), asc(deadlineRules.effectiveFrom))
    .limit(1000);
  return rows.map(presentRule);
}

function assertManage(ctx: Ctx) {
  if (!canAtRoot(ctx.actor, 'clocks.manage')) throw new AppError('forbidden');
}

function checkPeriod(from: string, to: string | null | undefined) {
  if (to && to < from) throw fieldError('effectiveTo', 'field.valid_to_before_from');
}

/** Overlapping versions of one code would make "the rule in force" ambiguous. */
async function assertNoOverlap(db: Db, code: string, from: string, to: string | null, exceptId?: string) {
  const versions = await db.select().from(deadlineRules).where(eq(deadlineRules.code, code));
  for (const v of versions) {
    if (v.id === exceptId) continue;
    const overlaps = v.effectiveFrom <= (to ?? '9999-12-31') && from <= (v.effectiveTo ?? '9999-12-31');
    if (overlaps) throw fieldError('effectiveFrom', 'field.date_range');
  }
}

export async function createRule(
  ctx: Ctx,
  input: {
    code: string;
    nameVi: string;
    nameEn: string;
    legalSource: string;
    effectiveFrom: string;
    effectiveTo?: string | null;
    length: number;
    unit: ClockUnit;
    startEvent: string;
    rollForward: boolean;
    calendarCode: string;
    extensions: RuleRow['extensions'];
  },
) {
  assertManage(ctx);
  checkPeriod(input.effectiveFrom, input.effectiveTo);
  return ctx.db.transaction(async (tx) => {
    const [cal] = await tx.select().from(calendars).where(eq(calendars.code, input.calendarCode));
    if (!cal) throw fieldError('calendarCode', 'field.invalid');
    await assertNoOverlap(tx, input.code, input.effectiveFrom, input.effectiveTo ?? null);
    const { calendarCode: _c, ...fields } = input;
    const [row] = await tx
      .insert(deadlineRules)
      .values({ ...fields, effectiveTo: input.effectiveTo ?? null, calendarId: cal.id })
      .returning();
    await audit(tx, ctx, {
      action: 'rule.created',
      entityType: 'deadline_rule',
      entityId: row!.id,
      changes: fields,
    });
    return presentRule(row!);
  });
}

export async function updateRule(
  ctx: Ctx,
  id: string,
  input: Partial<Omit<RuleRow, 'id' | 'code' | 'calendarId' | 'createdAt' | 'updatedAt' | 'version'>> & {
    version: number;
  },
) {
  assertManage(ctx);
  return ctx.db.transaction(async (tx) => {
    const [rule] = await tx.select().from(deadlineRules).where(eq(deadlineRules.id, id));
    if (!rule) throw new AppError('not_found');
    if (rule.version !== input.version) throw new AppError('conflict');
    const { version: _v, ...fields } = input;
    const from = fields.effectiveFrom ?? rule.effectiveFrom;
    const to = fields.effectiveTo === undefined ? rule.effectiveTo : fields.effectiveTo;
    checkPeriod(from, to);
    await assertNoOverlap(tx, rule.code, from, to ?? null, id);
    const changes = diff(rule, fields);
    const [row] = await tx
      .update(deadlineRules)
      .set({ ...fields, version: rule.version + 1, updatedAt: ctx.clock.now() })
      .where(eq(deadlineRules.id, id))
      .returning();
    await audit(tx, ctx, { action: 'rule.updated', entityType: 'deadline_rule', entityId: id, changes });
    return presentRule(row!);
  });
}

/** A rule's versions with their calendars, as dueInputs reads them. */
export type DueInputs = Array<
  DeadlineRule & { id: string; legalSource: string; weekendDays: number[]; days: Array<[string, DayKind]> }
>;

/**
 * Everything a due date for `code` needs (the rule's versions with their calendars) as one JSON value,
 * so it can be read beside other things in one statement: every intake and triage computes a due date.
 */
export function dueInputs(code: string): SQL<DueInputs> {
  return sql<DueInputs>`(select coalesce(json_agg(json_build_object(
      'id', r.id, 'code', r.code, 'effectiveFrom', r.effective_from, 'effectiveTo', r.effective_to,
      'length', r.length, 'unit', r.unit, 'rollForward', r.roll_forward, 'extensions', r.extensions,
      'legalSource', r.legal_source, 'weekendDays', c.weekend_days,
      'days', coalesce((select json_agg(json_build_array(d.date, d.kind)) from calendar_days d
        where d.calendar_id = r.calendar_id), '[]'::json))), '[]'::json)
    from deadline_rules r join calendars c on c.id = r.calendar_id where r.code = ${code})`;
}

/** Due date for a rule code from a start date; the version in force on that date is used and named. */
export function dueFrom(
  inputs: DueInputs,
  code: string,
  start: string,
  extensions: Record<string, number> = {},
) {
  if (inputs.length === 0) throw fieldError('code', 'field.invalid');
  const rule = ruleInForce(inputs, start);
  if (!rule) throw fieldError('start', 'field.date_range');
  const cal: CalendarData = { weekendDays: rule.weekendDays, days: new Map(rule.days) };
  try {
    const due = dueDate(start, rule, cal, extensions);
    return { code, ruleId: rule.id, start, due, legalSource: rule.legalSource };
  } catch (e) {
    if (e instanceof RangeError) throw fieldError('extensions', 'field.invalid');
    throw e;
  }
}

export async function computeDue(
  db: Db,
  code: string,
  start: string,
  extensions: Record<string, number> = {},
) {
  const [row] = await rows<{ inputs: DueInputs }>(db, sql`select ${dueInputs(code)} as inputs`);
  return dueFrom(row!.inputs, code, start, extensions);
}

/** The record a clock runs for (started_clocks' subject). */
export interface ClockSubject {
  kind:
    | 'report'
    | 'plan'
    | 'assessment'
    | 'declaration'
    | 'verification_case'
    | 'verification_plan'
    | 'verification_request'
    | 'inspection'
    | 'case'
    | 'referral'
    | 'gift'
    | 'conflict';
  id: string;
}

/**
 * Starts a rule's clock for a record: due by the rule in force on `start`, recorded with the rule in the
 * one table of started clocks (ADR 0026). The caller may keep a copy of the date on its record.
 */
export async function startClock(
  db: Db,
  subject: ClockSubject,
  code: string,
  start: string,
  extensions: Record<string, number> = {},
) {
  const due = await computeDue(db, code, start, extensions);
  const [row] = await db
    .insert(startedClocks)
    .values({
      subjectKind: subject.kind,
      subjectId: subject.id,
      code,
      ruleId: due.ruleId,
      startOn: start,
      dueOn: due.due,
      extensions,
    })
    .returning({ id: startedClocks.id });
  return { ...due, clockId: row!.id };
}

/** One rule's clock started on one day for many records (a plan issued to a thousand units). */
export async function startClocks(
  db: Db,
  kind: ClockSubject['kind'],
  ids: readonly string[],
  code: string,
  start: string,
  /** The due date already computed for them by computeDue (same code and start). */
  computed?: { due: string; ruleId: string },
) {
  const due = computed ?? (await computeDue(db, code, start));
  await insertRows(
    db,
    startedClocks,
    ids.map((subjectId) => ({
      subjectKind: kind,
      subjectId,
      code,
      ruleId: due.ruleId,
      startOn: start,
      dueOn: due.due,
    })),
  );
  return due;
}

/**
 * A running clock extended (a complex case): its due date again from its own start with these
 * extensions, by the rule in force on that start. Returns the new due date, or null when none is open.
 */
export async function extendClock(
  db: Db,
  subjectId: string,
  code: string,
  extensions: Record<string, number>,
) {
  const [open] = await db
    .select()
    .from(startedClocks)
    .where(
      and(eq(startedClocks.subjectId, subjectId), eq(startedClocks.code, code), isNull(startedClocks.doneOn)),
    );
  if (!open) return null;
  const due = await computeDue(db, code, open.startOn, extensions);
  await db.update(startedClocks).set({ extensions, dueOn: due.due }).where(eq(startedClocks.id, open.id));
  return due;
}

/**
 * A record's clock of this rule started again from a corrected start date (a mistyped date on its
 * record): due by the rule in force on the new start, its extensions kept, open or done. Returns the new
 * due date, or null when the record has no such clock.
 */
export async function moveClockStart(db: Db, subjectId: string, code: string, start: string) {
  const [clock] = await db
    .select()
    .from(startedClocks)
    .where(and(eq(startedClocks.subjectId, subjectId), eq(startedClocks.code, code)))
    .orderBy(desc(startedClocks.startOn))
    .limit(1);
  if (!clock) return null;
  const due = await computeDue(db, code, start, clock.extensions);
  await db
    .update(startedClocks)
    .set({ startOn: start, dueOn: due.due, ruleId: due.ruleId })
    .where(eq(startedClocks.id, clock.id));
  return due;
}

/** The open clocks of these records (of these rules only, when given) are done on `on`. */
export async function finishClocks(
  db: Db,
  subjectIds: string | readonly string[],
  on: string,
  codes?: string[],
) {
  const ids = typeof subjectIds === 'string' ? [subjectIds] : [...subjectIds];
  if (ids.length === 0) return;
  await db
    .update(startedClocks)
    .set({ doneOn: on })
    .where(
      and(
        inArray(startedClocks.subjectId, ids),
        isNull(startedClocks.doneOn),
        codes ? inArray(startedClocks.code, codes) : undefined,
      ),
    );
}

export async function getCalendars(db: Db) {
  return db
    .select({
      id: calendars.id,
      code: calendars.code,
      name: calendars.name,
      weekendDays: calendars.weekendDays,
    })
    .from(calendars)
    .orderBy(asc(calendars.code));
}

export async function listDays(db: Db, calendarId: string, year?: number) {
  return db
    .select({
      date: calendarDays.date,
      kind: calendarDays.kind,
      name: calendarDays.name,
      source: calendarDays.source,
      noticeNo: calendarDays.noticeNo,
      noticeDate: calendarDays.noticeDate,
    })
    .from(calendarDays)
    .where(
      and(
        eq(calendarDays.calendarId, calendarId),
        year ? gte(calendarDays.date, `${year}-01-01`) : undefined,
        year ? lte(calendarDays.date, `${year}-12-31`) : undefined,
      ),
    )
    .orderBy(asc(calendarDays.date));
}

export async function putDay(
  ctx: Ctx,
  calendarId: string,
  body: {
    date: string;
    kind: DayKind;
    name: string;
    source: string;
    noticeNo?: string | null | undefined;
    noticeDate?: string | null | undefined;
  },
) {
  assertManage(ctx);
  const input = { ...body, noticeNo: body.noticeNo ?? null, noticeDate: body.noticeDate ?? null };
  // A notice sets days after it is issued: one dated after the day it sets is a typing error.
  if (input.noticeDate && input.noticeDate > input.date)
    throw new AppError('validation', { fields: { noticeDate: { key: 'field.notice_after_day' } } });
  if (input.noticeDate && !input.noticeNo)
    throw new AppError('validation', { fields: { noticeNo: { key: 'field.required' } } });
  return ctx.db.transaction(async (tx) => {
    const [cal] = await tx.select().from(calendars).where(eq(calendars.id, calendarId));
    if (!cal) throw new AppError('not_found');
    const [before] = await tx
      .select()
      .from(calendarDays)
      .where(and(eq(calendarDays.calendarId, calendarId), eq(calendarDays.date, input.date)));
    await tx
      .insert(calendarDays)
      .values({ calendarId, ...input })
      .onConflictDoUpdate({
        target: [calendarDays.calendarId, calendarDays.date],
        set: {
          kind: input.kind,
          name: input.name,
          source: input.source,
          noticeNo: input.noticeNo,
          noticeDate: input.noticeDate,
        },
      });
    await audit(tx, ctx, {
      action: before ? 'calendar_day.updated' : 'calendar_day.added',
      entityType: 'calendar',
      entityId: calendarId,
      changes: { date: input.date, ...(before ? diff(before, input) : input) },
    });
    return input;
  });
}

export async function deleteDay(ctx: Ctx, calendarId: string, date: string) {
  assertManage(ctx);
  await ctx.db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(calendarDays)
      .where(and(eq(calendarDays.calendarId, calendarId), eq(calendarDays.date, date)))
      .returning();
    if (!gone) throw new AppError('not_found');
    await audit(tx, ctx, {
      action: 'calendar_day.removed',
      entityType: 'calendar',
      entityId: calendarId,
      changes: { date, kind: gone.kind, name: gone.name },
    });
  });
}
