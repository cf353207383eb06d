import type { Ctx } from '#server/context.ts';
import { activeActors } from '#server/modules/auth/service.ts';
import { todayFor } from '#server/modules/clocks/service.ts';
import { notify } from '#server/modules/notifications/service.ts';
import { addDays } from '#shared/clocks/due.ts';
import { formatLegalDate } from '#shared/dates.ts';
import type { DeadlineSource } from './deadlines.ts';

/**
 * Every morning, each user is reminded — in the app and by e-mail — of their open items due within
 * `REMINDER_DAYS` and once more when they are overdue, from every module's deadline sources (the same
 * lists as Home, for the people who answer for them). Each reminder is keyed by item, date and state, so
 * several instances or repeated runs never send one twice; a moved due date is reminded again.
 */
export async function sendDeadlineReminders(
  ctx: Ctx,
  sources: DeadlineSource[],
): Promise<{ notified: number }> {
  const day = await todayFor(ctx);
  const horizon = addDays(day.today, ctx.config.reminderDays);
  let notified = 0;
  for (const actor of await activeActors(ctx.db)) {
    const as: Ctx = { ...ctx, actor };
    const w = { ...day, limit: 200, purpose: 'remind' as const };
    const items = (await Promise.all(sources.map((s) => s(as, w)))).flatMap((r) => r.items);
    for (const d of items) {
      if (!d.dueOn || d.dueOn > horizon) continue;
      const overdue = d.dueOn < day.today;
      const state = overdue ? 'overdue' : 'soon';
      const sent = await ctx.db.transaction((tx) =>
        notify(
          tx,
          {
            userId: actor.userId!,
            messageKey: overdue ? 'notification.deadline_overdue' : 'notification.deadline_due_soon',
            values: {
              kind: `ui.deadline.${d.kind}`,
              title: d.title.slice(0, 100),
              unit: d.unitName ?? '',
              due: formatLegalDate(d.dueOn),
            },
            link: `/app${d.link}`,
            dedupeKey: `remind:${state}:${d.kind}:${d.id}:${d.dueOn}:user:${actor.userId}`,
            email: true,
          },
          ctx,
        ),
      );
      if (sent) notified++;
    }
  }
  return { notified };
}
