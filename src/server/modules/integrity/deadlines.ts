import { and, asc, eq, isNotNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Ctx } from '#server/context.ts';
import { scopeFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import type { DeadlineSource, DeadlineWindow } from '#server/platform/deadlines.ts';
import type { DeadlineKind } from '#shared/deadlines.ts';
import { canAnywhere } from '#shared/permissions.ts';
import { HANDLE } from './common.ts';
import { conflicts, gifts } from './tables.ts';

interface Listed {
  id: string;
  title: string;
  dueOn: string | null;
  unitId: string;
  unitName: string;
}

/** One query shape for every integrity list on Home: open clocks, soonest first, with the total. */
async function due(
  ctx: Ctx,
  w: DeadlineWindow,
  table: PgTable,
  columns: { id: SQL; title: SQL; dueOn: SQL; unitId: SQL },
  where: SQL | undefined,
  kind: DeadlineKind,
  link: (id: string) => string,
) {
  const filter = and(where, w.purpose === 'remind' ? sql`${columns.dueOn} <= ${w.riskEnd}` : undefined);
  const found = (await ctx.db
    .select({ ...columns, unitName: units.name })
    .from(table)
    .innerJoin(units, sql`${units.id} = ${columns.unitId}`)
    .where(filter)
    .orderBy(asc(columns.dueOn))
    .limit(w.limit)) as Listed[];
  const [n] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(table)
    .innerJoin(units, sql`${units.id} = ${columns.unitId}`)
    .where(filter);
  return {
    items: found.map((r) => ({
      kind,
      id: r.id,
      title: r.title,
      unitId: r.unitId,
      unitName: r.unitName,
      dueOn: r.dueOn,
      state: r.dueOn ? w.state(r.dueOn) : null,
      link: link(r.id),
    })),
    total: n!.n,
  };
}

const giftColumns = {
  id: sql<string>`${gifts.id}`,
  title: sql<string>`'QT-' || extract(year from ${gifts.receivedOn}) || '-' || lpad(${gifts.seq}::text, greatest(5, length(${gifts.seq}::text)), '0') || ' · ' || ${gifts.recipientName} || ' · ' || ${gifts.description}`,
  dueOn: sql<string>`${gifts.nextDueOn}`,
  unitId: sql<string>`${gifts.unitId}`,
};
const conflictColumns = {
  id: sql<string>`${conflicts.id}`,
  title: sql<string>`'XDLI-' || extract(year from ${conflicts.reportedOn}) || '-' || lpad(${conflicts.seq}::text, greatest(5, length(${conflicts.seq}::text)), '0') || ' · ' || ${conflicts.personName} || ' · ' || ${conflicts.task}`,
  dueOn: sql<string>`${conflicts.nextDueOn}`,
  unitId: sql<string>`${conflicts.unitId}`,
};

/** The unit's handlers: gifts to receive, sell, pay in and notify — never their own. */
const giftSteps: DeadlineSource = async (ctx, w) => {
  if (!canAnywhere(ctx.actor, HANDLE)) return { items: [], total: 0 };
  const me = ctx.actor.userId ?? '';
  const where = and(
    scopeFilter(ctx.actor, HANDLE, units.path),
    isNotNull(gifts.nextDueOn),
    or(sql`${gifts.recipientId} is null`, ne(gifts.recipientId, me)),
  );
  return due(ctx, w, gifts, giftColumns, where, 'gift_step', (id) => `/gifts/${id}`);
};

/** The official: a gift they reported and have not handed over yet (5 working days from receipt). */
const handOver: DeadlineSource = async (ctx, w) => {
  if (!ctx.actor.userId) return { items: [], total: 0 };
  const where = and(eq(gifts.recipientId, ctx.actor.userId), eq(gifts.stage, 'reported'));
  return due(ctx, w, gifts, giftColumns, where, 'gift_hand_over', (id) => `/gifts/${id}`);
};

/** The head (and the unit's handlers): conflicts to decide, notify, end and publish. */
const conflictSteps: DeadlineSource = async (ctx, w) => {
  if (!canAnywhere(ctx.actor, HANDLE)) return { items: [], total: 0 };
  const me = ctx.actor.userId ?? '';
  const where = and(
    scopeFilter(ctx.actor, HANDLE, units.path),
    isNotNull(conflicts.nextDueOn),
    or(sql`${conflicts.personId} is null`, ne(conflicts.personId, me)),
    sql`not (${conflicts.reporter} <> 'head' and ${conflicts.reportedBy} is not distinct from ${me}::uuid)`,
  );
  return due(ctx, w, conflicts, conflictColumns, where, 'conflict_step', (id) => `/conflicts/${id}`);
};

export const integrityDeadlines: DeadlineSource[] = [giftSteps, handOver, conflictSteps];
