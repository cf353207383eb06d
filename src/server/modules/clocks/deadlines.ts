import type { DeadlineSource } from '#server/platform/deadlines.ts';
import { calendarCovers } from '#shared/clocks/due.ts';
import { canAtRoot } from '#shared/permissions.ts';

/** From this day of the year, next year's holidays are asked for (they are announced in the autumn). */
const ASK_FROM = '10-01';
/** Wanted before the first reporting period of the year opens, on 15 December. */
const WANTED_BY = '12-15';

/**
 * Years whose holidays the working-day calendar does not have, for those who keep it: this year's at once,
 * next year's from October. Without them every working-day deadline in that year is a guess.
 */
export const calendarDeadlines: DeadlineSource = async (ctx, w) => {
  if (!canAtRoot(ctx.actor, 'clocks.manage')) return { items: [], total: 0 };
  const year = Number(w.today.slice(0, 4));
  const missing = [
    ...(calendarCovers(w.calendar, `${year}-01-01`) ? [] : [{ year, dueOn: `${year - 1}-${WANTED_BY}` }]),
    ...(w.today.slice(5) >= ASK_FROM && !calendarCovers(w.calendar, `${year + 1}-01-01`)
      ? [{ year: year + 1, dueOn: `${year}-${WANTED_BY}` }]
      : []),
  ];
  return {
    items: missing.slice(0, w.limit).map((m) => ({
      kind: 'calendar_year' as const,
      id: `calendar-${m.year}`,
      title: String(m.year),
      unitId: null,
      unitName: null,
      dueOn: m.dueOn,
      state: w.state(m.dueOn),
      link: '/clocks?tab=holidays',
    })),
    total: missing.length,
  };
};
