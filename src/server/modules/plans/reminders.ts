import { and, eq, gte, isNotNull, lte, notInArray } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { notify } from '#server/modules/notifications/service.ts';
import { units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import { addDays } from '#shared/clocks/due.ts';
import { formatLegalDate } from '#shared/dates.ts';
import { type MessageKey, translate } from '#shared/i18n/index.ts';
import { responsibleUsers } from './service.ts';
import { planItems, plans } from './tables.ts';

/**
 * Reminds the heads and focal officers of a unit N days before a deadline and once it is overdue, in the
 * app and by e-mail. Each event is keyed, so several instances or repeated runs never send it twice.
 */
export async function sendPlanReminders(ctx: Ctx): Promise<{ notified: number }> {
  const today = vnToday(ctx.clock.now());
  const horizon = addDays(today, ctx.config.reminderDays);
  let notified = 0;
  const remind = async (
    tx: Db,
    unitPath: string,
    key: MessageKey,
    values: Record<string, string>,
    link: string,
    dedupe: string,
  ) => {
    for (const userId of await responsibleUsers(tx, unitPath)) {
      if (
        !(await notify(tx, { userId, messageKey: key, values, link, dedupeKey: `${dedupe}:user:${userId}` }))
      )
        continue;
      notified++;
      const [u] = await tx
        .select({ email: users.email, language: users.language, status: users.status })
        .from(users)
        .where(eq(users.id, userId));
      if (u?.email && u.status === 'active') {
        const lang = u.language === 'en' ? 'en' : 'vi';
        const message = translate(lang, key, values);
        await ctx.jobs.send(
          'mail.send',
          {
            to: u.email,
            subject: translate(lang, 'mail.reminder.subject', { message: message.slice(0, 80) }),
            text: `${message}\n\n${ctx.config.publicUrl}${link}`,
          },
          tx,
        );
      }
    }
  };

  // Tasks of issued plans, not finished, due within the horizon or already past.
  const due = await ctx.db
    .select({ item: planItems, planId: plans.id, unitName: units.name, unitPath: units.path })
    .from(planItems)
    .innerJoin(plans, eq(plans.id, planItems.planId))
    .innerJoin(units, eq(units.id, plans.unitId))
    .where(
      and(
        eq(plans.status, 'issued'),
        isNotNull(planItems.deadline),
        lte(planItems.deadline, horizon),
        notInArray(planItems.status, ['done', 'cancelled']),
      ),
    );
  for (const d of due) {
    const overdue = d.item.deadline! < today;
    const values = {
      item: d.item.content.slice(0, 100),
      unit: d.unitName,
      due: formatLegalDate(d.item.deadline!),
    };
    await ctx.db.transaction((tx) =>
      remind(
        tx,
        d.unitPath,
        overdue ? 'notification.item_overdue' : 'notification.item_due_soon',
        values,
        `/app/plans/${d.planId}`,
        `remind:${overdue ? 'overdue' : 'soon'}:item:${d.item.id}:${d.item.deadline}`,
      ),
    );
  }

  // Cascaded unit plans still in draft as their due date nears or passes.
  const drafts = await ctx.db
    .select({ plan: plans, unitName: units.name, unitPath: units.path })
    .from(plans)
    .innerJoin(units, eq(units.id, plans.unitId))
    .where(
      and(
        eq(plans.status, 'draft'),
        isNotNull(plans.dueDate),
        lte(plans.dueDate, horizon),
        gte(plans.year, Number(today.slice(0, 4)) - 1),
      ),
    );
  for (const d of drafts) {
    const overdue = d.plan.dueDate! < today;
    await ctx.db.transaction((tx) =>
      remind(
        tx,
        d.unitPath,
        overdue ? 'notification.plan_overdue' : 'notification.plan_due_soon',
        { unit: d.unitName, due: formatLegalDate(d.plan.dueDate!) },
        `/app/plans/${d.plan.id}`,
        `remind:${overdue ? 'overdue' : 'soon'}:plan:${d.plan.id}:${d.plan.dueDate}`,
      ),
    );
  }
  return { notified };
}
