import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import { type Db, rows } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { attachFiles, keepOnlyLinked } from '#server/modules/files/service.ts';
import { HANDLE, OVERSEE } from '#server/modules/integrity/common.ts';
import {
  lockRegisterRow,
  registerReadable,
  registerScope,
  registerUnit,
  requireRegisterReader,
} from '#server/modules/integrity/registers.ts';
import { searchFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import { formatLegalDate } from '#shared/dates.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import type { OutreachCreate as Parsed } from '#shared/outreach/schemas.ts';

/** An event as services take it: files are optional (the demo, the generator and imports give none). */
type OutreachCreate = Omit<Parsed, 'materialFileIds'> & { materialFileIds?: string[] };

import { can, canAnywhere, scopesFor } from '#shared/permissions.ts';
import { listCounts } from './attendees.ts';
import { outreachEvents, outreachStaffCounts } from './tables.ts';

/**
 * Outreach and education (task 3; ADR 0030): a unit's events and campaigns, kept by its handlers, read by
 * the inspectorate; coverage is the share of a unit's staff trained in the year.
 */

function check(ctx: Ctx, input: OutreachCreate) {
  if (input.startedOn > vnToday(ctx.clock.now())) throw fieldError('startedOn', 'field.date_future');
  if (input.startedOn < '2000-01-01') throw fieldError('startedOn', 'field.date_too_far');
  if (input.endedOn && input.endedOn < input.startedOn)
    throw fieldError('endedOn', 'field.date_not_earlier', { date: formatLegalDate(input.startedOn) });
  if (input.staffTrained > input.participants)
    throw fieldError('staffTrained', 'field.trained_above_participants');
}

const values = (input: OutreachCreate) => ({
  unitId: input.unitId,
  title: input.title,
  kind: input.kind,
  startedOn: input.startedOn,
  endedOn: input.endedOn ?? null,
  audiences: input.audiences,
  participants: input.participants,
  staffTrained: input.staffTrained,
  materials: input.materials ?? null,
  materialFileIds: input.materialFileIds ?? [],
  costVnd: input.costVnd,
  note: input.note ?? null,
});

export async function createEvent(ctx: Ctx, input: OutreachCreate) {
  if (!canAnywhere(ctx.actor, HANDLE)) throw new AppError('not_found');
  return ctx.db.transaction(async (tx) => {
    await registerUnit(ctx, tx, input.unitId, true, 'unitId');
    check(ctx, input);
    const [row] = await tx
      .insert(outreachEvents)
      .values({ ...values(input), createdBy: ctx.actor.userId })
      .returning({ id: outreachEvents.id });
    await attachMaterials(ctx, tx, row!.id, input);
    await audit(tx, ctx, {
      action: 'outreach.recorded',
      entityType: 'outreach_event',
      entityId: row!.id,
      unitId: input.unitId,
      changes: { kind: input.kind, participants: input.participants, staffTrained: input.staffTrained },
    });
    return { id: row!.id };
  });
}

export async function updateEvent(ctx: Ctx, id: string, input: OutreachCreate & { version: number }) {
  return ctx.db.transaction(async (tx) => {
    const e = await lockRegisterRow(ctx, tx, outreachEvents, id, input.version);
    await registerUnit(ctx, tx, input.unitId, true, 'unitId');
    check(ctx, input);
    // An event with an attendance list is counted from it (the import sets both figures): a typed
    // figure would contradict the list (rev28).
    if ((await listCounts(tx, id)).all > 0) {
      if (input.participants !== e.participants) throw fieldError('participants', 'field.counted_from_list');
      if (input.staffTrained !== e.staffTrained) throw fieldError('staffTrained', 'field.counted_from_list');
    }
    await attachMaterials(ctx, tx, id, input);
    await keepOnlyLinked(tx, 'outreach_event', id, input.materialFileIds ?? []);
    await tx
      .update(outreachEvents)
      .set({ ...values(input), version: e.version + 1, updatedAt: ctx.clock.now() })
      .where(eq(outreachEvents.id, id));
    await audit(tx, ctx, {
      action: 'outreach.updated',
      entityType: 'outreach_event',
      entityId: id,
      unitId: input.unitId,
      changes: {
        participants: [e.participants, input.participants],
        staffTrained: [e.staffTrained, input.staffTrained],
      },
    });
    return getEvent(ctx, id, tx);
  });
}

/** The materials' files, each one the actor may read, kept with the event in its unit. */
async function attachMaterials(ctx: Ctx, tx: Db, id: string, input: OutreachCreate) {
  const [u] = await tx.select({ path: units.path }).from(units).where(eq(units.id, input.unitId));
  await attachFiles(ctx, tx, {
    ownerType: 'outreach_event',
    ownerId: id,
    fileIds: input.materialFileIds ?? [],
    unitPath: u!.path,
    field: 'materialFileIds',
  });
}

/** Who may read an event's files: whoever may read the event. */
export async function readableOutreach(ctx: Ctx, ids: string[], db: Db) {
  if (ids.length === 0) return new Set<string>();
  const found = await db
    .select({ id: outreachEvents.id, path: units.path })
    .from(outreachEvents)
    .innerJoin(units, eq(units.id, outreachEvents.unitId))
    .where(inArray(outreachEvents.id, ids));
  return new Set(found.filter((r) => registerReadable(ctx, r.path)).map((r) => r.id));
}

const attendeesOf = sql<number>`(select count(*)::int from outreach_attendees a where a.event_id = ${outreachEvents.id})`;

const present = (r: { e: typeof outreachEvents.$inferSelect; unitName: string; attendees: number }) => ({
  id: r.e.id,
  unitId: r.e.unitId,
  unitName: r.unitName,
  title: r.e.title,
  kind: r.e.kind,
  startedOn: r.e.startedOn,
  endedOn: r.e.endedOn,
  audiences: r.e.audiences,
  participants: r.e.participants,
  staffTrained: r.e.staffTrained,
  materials: r.e.materials,
  materialFileIds: r.e.materialFileIds,
  costVnd: r.e.costVnd,
  note: r.e.note,
  version: r.e.version,
  attendees: r.attendees,
});

export async function getEvent(ctx: Ctx, id: string, db: Db = ctx.db) {
  const [r] = await db
    .select({ e: outreachEvents, unitName: units.name, path: units.path, attendees: attendeesOf })
    .from(outreachEvents)
    .innerJoin(units, eq(units.id, outreachEvents.unitId))
    .where(eq(outreachEvents.id, id));
  if (!r || !registerReadable(ctx, r.path)) throw new AppError('not_found');
  return present(r);
}

export async function listEvents(
  ctx: Ctx,
  q: {
    year?: number | undefined;
    kind?: string | undefined;
    audience?: string | undefined;
    unitId?: string | undefined;
    q?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  requireRegisterReader(ctx);
  const path = q.unitId ? await registerUnit(ctx, ctx.db, q.unitId, false) : null;
  const where = and(
    registerScope(ctx),
    path ? sql`${units.path} like ${`${path}%`}` : undefined,
    q.year
      ? sql`${outreachEvents.startedOn} between ${`${q.year}-01-01`} and ${`${q.year}-12-31`}`
      : undefined,
    q.kind ? eq(outreachEvents.kind, q.kind as never) : undefined,
    q.audience ? sql`${q.audience} = any(${outreachEvents.audiences})` : undefined,
    searchFilter(sql`liem_fold(${outreachEvents.title})`, q.q),
  );
  const [n] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(outreachEvents)
    .innerJoin(units, eq(units.id, outreachEvents.unitId))
    .where(where);
  const found = await ctx.db
    .select({ e: outreachEvents, unitName: units.name, attendees: attendeesOf })
    .from(outreachEvents)
    .innerJoin(units, eq(units.id, outreachEvents.unitId))
    .where(where)
    .orderBy(desc(outreachEvents.startedOn), desc(outreachEvents.createdAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: found.map(present), total: n!.n, page: q.page, pageSize: q.pageSize };
}

/** The staff figures units stated for the year, each with its unit's path (it covers the whole subtree). */
export const statedUnder = (year: number) =>
  sql`select h.staff, h.staff_trained, hu.path from outreach_staff_counts h
    join units hu on hu.id = h.unit_id where h.year = ${year}`;

/**
 * Over `counted` (the year's stated figures): the staff and staff trained at or below a path — the unit's
 * own figures, else those of the top-most units below it that state theirs (a figure covers its unit's
 * whole subtree); nulls if none.
 */
const topStated = (path: SQL) =>
  sql`select sum(x.staff)::int as staff, sum(x.staff_trained)::int as trained from counted x
    where x.path like ${path}::text || '%' and not exists (select 1 from counted y
      where x.path like y.path || '%' and y.path <> x.path and y.path like ${path}::text || '%')`;

/** The staff and staff trained under a unit in a year, as stated (`topStated`). */
export const staffUnder = (year: number, unitPath: string) =>
  sql`with counted as (${statedUnder(year)}) ${topStated(sql`${unitPath}`)}`;

/**
 * The year's coverage under a unit (by default the reader's first unit): for each unit directly below it
 * (or the unit itself when it has none), the staff and the different staff trained the unit states for
 * the year — stated by the unit, or else added up from the units below it that state theirs — and the
 * attendances its events counted; the unit's own events (organised at its level) are a row of their own.
 */
export async function coverage(ctx: Ctx, year: number, unitId?: string) {
  requireRegisterReader(ctx);
  const top = unitId ?? [...scopesFor(ctx.actor, HANDLE), ...scopesFor(ctx.actor, OVERSEE)][0]?.unitId;
  if (!top) throw new AppError('not_found');
  const path = await registerUnit(ctx, ctx.db, top, false);
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const unitRows = await rows<{
    unit_id: string;
    unit_name: string;
    path: string;
    own: boolean;
    staff: number | null;
    trained: number | null;
    attendances: number;
    events: number;
  }>(
    ctx.db,
    sql`with targets as (
        select c.id, c.name, c.path, false as own from units c where c.parent_id = ${top} and c.status = 'active'
        union all select u.id, u.name, u.path, exists (select 1 from units c where c.parent_id = u.id
          and c.status = 'active') as own from units u where u.id = ${top}),
      counted as (${statedUnder(year)})
      select t.id as unit_id, t.name as unit_name, t.path, t.own, s.staff, s.trained, ev.attendances, ev.events
      from targets t
      left join lateral (${topStated(sql`t.path`)}) s on not t.own
      cross join lateral (select coalesce(sum(e.staff_trained), 0)::float8 as attendances, count(*)::int as events
        from outreach_events e join units eu on eu.id = e.unit_id
        where (case when t.own then eu.id = t.id else eu.path like t.path || '%' end)
          and e.started_on between ${start}::date and ${end}::date) ev
      order by t.own desc, t.name`,
  );
  const byKind = await rows<{ kind: string; events: number; participants: number; cost: string }>(
    ctx.db,
    sql`select e.kind, count(*)::int as events, sum(e.participants)::float8 as participants, sum(e.cost_vnd)::text as cost
      from outreach_events e join units u on u.id = e.unit_id
      where u.path like ${`${path}%`} and e.started_on between ${start}::date and ${end}::date group by e.kind`,
  );
  const byAudience = await rows<{ audience: string; events: number; participants: number }>(
    ctx.db,
    sql`select a as audience, count(*)::int as events, sum(e.participants)::float8 as participants
      from outreach_events e join units u on u.id = e.unit_id, unnest(e.audiences) a
      where u.path like ${`${path}%`} and e.started_on between ${start}::date and ${end}::date group by a`,
  );
  return {
    year,
    // The level's own row only when it organised something itself; units that stated their figures come
    // before those that have not (by name within each), so the comparable ones are on the first page.
    units: unitRows
      .filter((r) => !r.own || r.events > 0)
      .sort((a, b) => Number(b.own) - Number(a.own) || Number(a.staff === null) - Number(b.staff === null))
      .map((r) => ({
        unitId: r.unit_id,
        unitName: r.unit_name,
        own: r.own,
        staff: r.staff,
        trained: r.trained,
        share: r.staff ? (r.trained ?? 0) / r.staff : null,
        attendances: r.attendances,
        events: r.events,
        canState: can(ctx.actor, HANDLE, { unitPath: r.path }),
      })),
    kinds: byKind.map((k) => ({
      kind: k.kind as never,
      events: k.events,
      participants: k.participants,
      costVnd: Number(k.cost),
    })),
    audiences: byAudience.map((a) => ({
      audience: a.audience as never,
      events: a.events,
      participants: a.participants,
    })),
  };
}

/** A unit states its staff for the year and how many different ones were trained (audited, versioned). */
export async function stateStaffCount(
  ctx: Ctx,
  input: { unitId: string; year: number; staff: number; staffTrained: number },
) {
  if (!canAnywhere(ctx.actor, HANDLE)) throw new AppError('not_found');
  return ctx.db.transaction(async (tx) => {
    await registerUnit(ctx, tx, input.unitId, true, 'unitId');
    if (input.year > Number(vnToday(ctx.clock.now()).slice(0, 4)))
      throw fieldError('year', 'field.year_future');
    const [before] = await tx
      .select()
      .from(outreachStaffCounts)
      .where(and(eq(outreachStaffCounts.unitId, input.unitId), eq(outreachStaffCounts.year, input.year)))
      .for('update');
    const values = {
      staff: input.staff,
      staffTrained: input.staffTrained,
      updatedBy: ctx.actor.userId ?? null,
    };
    if (before)
      await tx
        .update(outreachStaffCounts)
        .set({ ...values, version: before.version + 1, updatedAt: ctx.clock.now() })
        .where(and(eq(outreachStaffCounts.unitId, input.unitId), eq(outreachStaffCounts.year, input.year)));
    else await tx.insert(outreachStaffCounts).values({ unitId: input.unitId, year: input.year, ...values });
    await audit(tx, ctx, {
      action: 'outreach.staff_stated',
      entityType: 'unit',
      entityId: input.unitId,
      unitId: input.unitId,
      changes: {
        year: input.year,
        staff: [before?.staff ?? null, input.staff],
        staffTrained: [before?.staffTrained ?? null, input.staffTrained],
      },
    });
    return { ok: true as const };
  });
}
