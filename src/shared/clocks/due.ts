/**
 * The statutory clock, pure: a due date from a start date, a rule and a working-day calendar.
 * Dates are legal dates "yyyy-MM-dd" (no time zone). Periods start on the day after the event
 * (Civil Code art. 147); a period in calendar days or months that ends on a day off ends on the next
 * working day instead (art. 148) unless the rule says otherwise.
 */
export const clockUnits = ['working_days', 'calendar_days', 'months'] as const;
export type ClockUnit = (typeof clockUnits)[number];
export type DayKind = 'holiday' | 'day_off' | 'working_day';

export interface CalendarData {
  /** ISO weekdays of weekly rest (6 = Saturday, 7 = Sunday). */
  weekendDays: readonly number[];
  /** Exceptions by date: days off, and weekend days that are worked (swaps). */
  days: ReadonlyMap<string, DayKind>;
}

/**
 * Whether the calendar knows the holidays of the year a date falls in: every year has at least New Year's
 * Day, so a year without one has not been entered, and working days counted in it are a guess.
 */
export function calendarCovers(calendar: CalendarData, date: string): boolean {
  const year = date.slice(0, 4);
  for (const [d, kind] of calendar.days) if (kind === 'holiday' && d.startsWith(year)) return true;
  return false;
}

export interface ExtensionRule {
  code: string;
  times: number;
  length: number;
  unit: ClockUnit;
}

export interface DeadlineRule {
  code: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  length: number;
  unit: ClockUnit;
  rollForward: boolean;
  extensions: readonly ExtensionRule[];
}

const DAY_MS = 86_400_000;

export function parseDate(d: string): number {
  const t = Date.parse(`${d}T00:00:00Z`);
  if (Number.isNaN(t) || d.match(/^\d{4}-\d{2}-\d{2}$/) === null) throw new RangeError(`invalid date ${d}`);
  return t;
}
export const formatDate = (t: number) => new Date(t).toISOString().slice(0, 10);
export const addDays = (d: string, n: number) => formatDate(parseDate(d) + n * DAY_MS);

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(d: string): number {
  const w = new Date(parseDate(d)).getUTCDay();
  return w === 0 ? 7 : w;
}

export function isWorkingDay(cal: CalendarData, d: string): boolean {
  const kind = cal.days.get(d);
  if (kind === 'working_day') return true;
  if (kind === 'holiday' || kind === 'day_off') return false;
  return !cal.weekendDays.includes(isoWeekday(d));
}

export function nextWorkingDayOnOrAfter(cal: CalendarData, d: string): string {
  let cur = d;
  for (let i = 0; i < 400 && !isWorkingDay(cal, cur); i++) cur = addDays(cur, 1);
  return cur;
}

/** Same day N months later; when that month is shorter, its last day. */
export function addMonths(d: string, n: number): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const ty = Math.floor(total / 12);
  const tm = total % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return formatDate(Date.UTC(ty, tm, Math.min(day, last)));
}

export function addPeriod(
  cal: CalendarData,
  start: string,
  length: number,
  unit: ClockUnit,
  rollForward = true,
): string {
  if (!Number.isInteger(length) || length < 0) throw new RangeError('length must be a non-negative integer');
  if (unit === 'working_days') {
    let cur = start;
    for (let counted = 0; counted < length; ) {
      cur = addDays(cur, 1);
      if (isWorkingDay(cal, cur)) counted++;
    }
    return cur;
  }
  const end = unit === 'calendar_days' ? addDays(start, length) : addMonths(start, length);
  return rollForward ? nextWorkingDayOnOrAfter(cal, end) : end;
}

/** The rule version in force on the start date, or undefined. */
export function ruleInForce<R extends Pick<DeadlineRule, 'effectiveFrom' | 'effectiveTo'>>(
  versions: readonly R[],
  start: string,
): R | undefined {
  return versions.find((r) => r.effectiveFrom <= start && (r.effectiveTo === null || start <= r.effectiveTo));
}

/**
 * Due date of a rule from the start event's date, with extensions granted (code → how many times).
 * The period and its extensions are counted together from the start and a day off moves only the end
 * (Civil Code art. 148): an extended deadline is the law's maximum, never a day or two past it as when
 * each extension is added to an already moved date. A rule's extension codes are alternatives (complex,
 * or especially complex): one kind per clock.
 */
export function dueDate(
  start: string,
  rule: DeadlineRule,
  cal: CalendarData,
  extensions: Readonly<Record<string, number>> = {},
): string {
  const granted = Object.entries(extensions).filter(([, times]) => times > 0);
  if (granted.length > 1)
    throw new RangeError(`rule ${rule.code}: extensions ${granted.map(([c]) => c)} are alternatives`);
  let end = addPeriod(cal, start, rule.length, rule.unit, false);
  let unit = rule.unit;
  for (const [code, times] of granted) {
    const ext = rule.extensions.find((e) => e.code === code);
    if (!ext) throw new RangeError(`rule ${rule.code} has no extension ${code}`);
    if (times > ext.times) throw new RangeError(`extension ${code} allows at most ${ext.times}`);
    for (let i = 0; i < times; i++) end = addPeriod(cal, end, ext.length, ext.unit, false);
    unit = ext.unit;
  }
  return rule.rollForward && unit !== 'working_days' ? nextWorkingDayOnOrAfter(cal, end) : end;
}

/**
 * The extensions after one more of `code`: an alternative used before counts towards it (a case first
 * extended as complex and then found especially complex has had one of its two extensions).
 */
export function withExtension(
  rule: Pick<DeadlineRule, 'code' | 'extensions'>,
  used: Readonly<Record<string, number>>,
  code: string,
): Record<string, number> | null {
  const ext = rule.extensions.find((e) => e.code === code);
  if (!ext) throw new RangeError(`rule ${rule.code} has no extension ${code}`);
  const times = Object.values(used).reduce((n, t) => n + t, 0) + 1;
  return times > ext.times ? null : { [code]: times };
}

/** One vocabulary for every clock and deadline in Liêm: open ones are on time, at risk or overdue. */
export const openClockStates = ['on_time', 'at_risk', 'overdue'] as const;
export const clockStates = [...openClockStates, 'done_on_time', 'done_late'] as const;
export type ClockState = (typeof clockStates)[number];
export type OpenClockState = (typeof openClockStates)[number];

/** On time, at risk (within `riskDays` working days of the due date) or overdue, as of `today`. */
export function clockState(
  cal: CalendarData,
  due: string,
  today: string,
  doneOn: string | null = null,
  riskDays = 2,
): ClockState {
  if (doneOn) return doneOn <= due ? 'done_on_time' : 'done_late';
  if (today > due) return 'overdue';
  return addPeriod(cal, today, riskDays, 'working_days') >= due ? 'at_risk' : 'on_time';
}
