import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { scopeFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import type { DeadlineSource } from '#server/platform/deadlines.ts';
import { canAnywhere } from '#shared/permissions.ts';
import { caseNumber } from './service.ts';
import { cases } from './tables.ts';

/**
 * The inspectorate's open cases with a clock: a staff report's handling, a retaliation's review, or a
 * referral whose investigating body has not answered (past it, the inspectorate asks why and escalates).
 */
const open: DeadlineSource = async (ctx, w) => {
  if (!canAnywhere(ctx.actor, 'inspections.manage')) return { items: [], total: 0 };
  const where = and(
    scopeFilter(ctx.actor, 'inspections.manage', units.path),
    isNotNull(cases.nextDueOn),
    sql`${cases.stage} <> 'closed'`,
    w.purpose === 'remind' ? sql`${cases.nextDueOn} <= ${w.riskEnd}` : undefined,
  );
  const found = await ctx.db
    .select({
      id: cases.id,
      seq: cases.seq,
      detectedOn: cases.detectedOn,
      title: cases.title,
      dueOn: cases.nextDueOn,
      // The earliest clock is a referral's (the body's receipt or answer): waiting for investigators.
      waiting: sql<boolean>`exists (select 1 from started_clocks sc join referrals r on r.id = sc.subject_id
        where r.case_id = ${cases.id} and sc.done_on is null and sc.due_on = ${cases.nextDueOn})`,
      unitId: units.id,
      unitName: units.name,
    })
    .from(cases)
    .innerJoin(units, eq(units.id, cases.unitId))
    .where(where)
    .orderBy(asc(cases.nextDueOn))
    .limit(w.limit);
  const [n] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(cases)
    .innerJoin(units, eq(units.id, cases.unitId))
    .where(where);
  return {
    items: found.map((c) => ({
      kind: c.waiting ? ('referral_answer' as const) : ('case_due' as const),
      id: c.id,
      title: `${caseNumber(c.seq, c.detectedOn)} — ${c.title}`,
      unitId: c.unitId,
      unitName: c.unitName,
      dueOn: c.dueOn,
      state: w.state(c.dueOn!),
      link: `/cases/${c.id}`,
    })),
    total: n!.n,
  };
};

export const caseDeadlines: DeadlineSource[] = [open];
