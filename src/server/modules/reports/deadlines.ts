import type { DeadlineSource } from '#server/platform/deadlines.ts';
import { canAnywhere } from '#shared/permissions.ts';
import { listIdentityRequests, listReports } from './service.ts';

/**
 * Reports the actor handles and new ones waiting in their units, by their next statutory due date (titles
 * are opened with the actor's keys, as in the inbox).
 */
const reportClocks: DeadlineSource = async (ctx, w) => {
  if (!canAnywhere(ctx.actor, 'reports.handle')) return { items: [], total: 0 };
  const [mine, waiting] = await Promise.all([
    listReports(ctx, { page: 1, pageSize: w.limit, mine: true, sort: 'nextDueOn' }),
    listReports(ctx, { page: 1, pageSize: w.limit, status: 'received', sort: 'nextDueOn' }),
  ]);
  const seen = new Set<string>();
  const items = [...mine.items, ...waiting.items.filter((r) => !r.handlerName && !r.followUp)]
    .filter((r) => !seen.has(r.id) && seen.add(r.id) && (r.status !== 'closed' || r.nextDueOn))
    .map((r) => ({
      kind: r.handlerName ? ('report_clock' as const) : ('report_triage' as const),
      id: r.id,
      // Reminders are e-mailed: they name the report by its number only, never its content.
      title: r.title && w.purpose === 'home' ? `${r.number} — ${r.title}` : r.number,
      unitId: r.unitId,
      unitName: r.unitName,
      dueOn: r.nextDueOn,
      state: r.nextDueOn ? w.state(r.nextDueOn) : null,
      link: `/reports/${r.id}`,
    }));
  return { items, total: mine.total + waiting.items.filter((r) => !r.handlerName).length };
};

/** Requests to see a reporter's identity that wait for the actor's decision (never their own). */
const identityDecisions: DeadlineSource = async (ctx, w) => {
  if (!canAnywhere(ctx.actor, 'reports.identity')) return { items: [], total: 0 };
  const page = await listIdentityRequests(ctx, { page: 1, pageSize: 100, status: 'pending' });
  const mine = page.items.filter((q) => q.requesterId !== ctx.actor.userId);
  return {
    items: mine.slice(0, w.limit).map((q) => ({
      kind: 'identity_request',
      id: q.id,
      title: `${q.reportNumber} — ${q.requesterName}`,
      unitId: null,
      unitName: q.unitName,
      dueOn: null,
      state: null,
      link: '/identity-requests',
    })),
    total: mine.length,
  };
};

export const reportDeadlines = [reportClocks, identityDecisions];
