import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '#server/context.ts';
import { type Today, todayFor } from '#server/modules/clocks/service.ts';
import { calendarCovers } from '#shared/clocks/due.ts';
import { type Deadline, DeadlinePage, DeadlineQuery } from '#shared/deadlines.ts';

/**
 * What every source is given: today and how a due date stands on it, how many items to return, and what
 * for: Home (`home`: everything the user may act on) or reminders (`remind`: what they answer for — a
 * coordinator overseeing every unit's tasks is not reminded of each; no report content is read).
 */
export type DeadlineWindow = Today & { limit: number; purpose: 'home' | 'remind' };

/**
 * One module's open items for the signed-in user, soonest first, at most `limit`, with how many there are
 * in all. Scope is the module's own: a source lists only what the actor may act on.
 */
export type DeadlineSource = (ctx: Ctx, w: DeadlineWindow) => Promise<{ items: Deadline[]; total: number }>;

/** Everything the user must act on, from every module, soonest first; items without a date come last. */
export async function myDeadlines(ctx: Ctx, sources: DeadlineSource[], limit: number) {
  const w: DeadlineWindow = { ...(await todayFor(ctx)), limit, purpose: 'home' };
  const all = await Promise.all(sources.map((s) => s(ctx, w)));
  const items = all
    .flatMap((r) => r.items)
    .sort((a, b) =>
      a.dueOn === b.dueOn
        ? a.id.localeCompare(b.id)
        : !a.dueOn
          ? 1
          : !b.dueOn
            ? -1
            : a.dueOn < b.dueOn
              ? -1
              : 1,
    );
  return {
    items: items
      .slice(0, limit)
      .map((d) => (d.dueOn ? { ...d, calendarKnown: calendarCovers(w.calendar, d.dueOn) } : d)),
    total: all.reduce((n, r) => n + r.total, 0),
  };
}

export function deadlineRoutes(sources: DeadlineSource[]) {
  return async (app: FastifyInstance) => {
    app
      .withTypeProvider<ZodTypeProvider>()
      .get(
        '/api/me/deadlines',
        { schema: { tags: ['home'], querystring: DeadlineQuery, response: { 200: DeadlinePage } } },
        (req) => myDeadlines(req.ctx, sources, req.query.limit),
      );
  };
}
