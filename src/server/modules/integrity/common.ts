import { randomUUIDv7 } from 'node:crypto';
import { asc, eq, type SQL, sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import { type Db, rows } from '#server/db/client.ts';
import { units } from '#server/modules/org/tables.ts';
import { grants, users } from '#server/modules/users/tables.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { type Action, can } from '#shared/permissions.ts';
import { integrityEvents } from './tables.ts';

export const DECLARE: Action = 'integrity.declare';
export const HANDLE: Action = 'integrity.handle';
export const OVERSEE: Action = 'integrity.oversee';
export const today = (ctx: Ctx) => vnToday(ctx.clock.now());

export const recordNumber = (prefix: string, seq: number, on: string) =>
  `${prefix}-${on.slice(0, 4)}-${String(seq).padStart(5, '0')}`;

/** `recordNumber` in SQL (search, suggestions' labels); lpad alone would cut a sequence past 99999. */
export const recordNumberSql = (prefix: string, seq: SQL, on: SQL) =>
  sql`${prefix} || '-' || extract(year from ${on})::int || '-' || lpad(${seq}::text, greatest(5, length(${seq}::text)), '0')`;

export function checkDate(ctx: Ctx, field: string, on: string, notBefore?: string | null) {
  if (on > today(ctx)) throw fieldError(field, 'field.date_future');
  if (on < '2000-01-01') throw fieldError(field, 'field.date_too_far');
  if (notBefore && on < notBefore) throw fieldError(field, 'field.date_order');
}

/**
 * Where an official's gift or conflict is handled: their own unit, or its parent when they head it — a
 * head reports to the head of the superior unit (Decree 59 Art. 26(1), Art. 30), never to themselves.
 */
export async function handlingUnit(db: Db, personId: string) {
  const [r] = await rows<{
    unit_id: string;
    parent_id: string | null;
    heads: boolean;
    name: string;
    position: string | null;
  }>(
    db,
    sql`select u.unit_id, un.parent_id, u.full_name as name, p.name as position,
        exists (select 1 from ${grants} g join ${units} gu on gu.id = g.unit_id
          where g.user_id = u.id and g.role = 'unit_head' and g.status = 'active'
            and (gu.id = u.unit_id or (g.subtree and un.path like gu.path || '%'))) as heads
      from ${users} u join ${units} un on un.id = u.unit_id
      left join positions p on p.id = u.position_id
      where u.id = ${personId} and u.status = 'active'`,
  );
  if (!r) return null;
  return {
    unitId: r.heads && r.parent_id ? r.parent_id : r.unit_id,
    homeUnitId: r.unit_id,
    name: r.name,
    position: r.position,
  };
}

export async function unitPathOf(db: Db, unitId: string) {
  const [u] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  return u?.path ?? null;
}

/** May the actor read the record: its own official or reporter, or a handler or overseer in scope. */
export function readable(ctx: Ctx, path: string, own: Array<string | null>) {
  const me = ctx.actor.userId;
  return (
    (me !== null && own.includes(me)) ||
    can(ctx.actor, HANDLE, { unitPath: path }) ||
    can(ctx.actor, OVERSEE, { unitPath: path })
  );
}

/**
 * A record as its handling rules see it: where it sits, and which of the people it names share someone
 * with the actor (`samePeopleAs`): an administrator acting through an account whose password they know is
 * still the official concerned (sec31 F2).
 */
export interface Held {
  path: string;
  people: ReadonlySet<string>;
}

/** A handler in scope who is not the official concerned (no one handles their own gift or conflict). */
export function mayHandle(ctx: Ctx, at: Held, notBy: Array<string | null>) {
  if (!can(ctx.actor, HANDLE, { unitPath: at.path })) return false;
  return ctx.actor.kind === 'system' || !notBy.some((id) => id !== null && at.people.has(id));
}

export function requireHandler(ctx: Ctx, at: Held, notBy: Array<string | null>) {
  if (!can(ctx.actor, HANDLE, { unitPath: at.path })) throw new AppError('forbidden');
  if (!mayHandle(ctx, at, notBy)) throw new AppError('separation_of_duties');
}

export async function addEvent(ctx: Ctx, db: Db, recordId: string, kind: string, note?: string | null) {
  await db.insert(integrityEvents).values({
    id: randomUUIDv7(),
    recordId,
    kind,
    note: note ?? null,
    by: ctx.actor.userId,
    at: ctx.clock.now(),
  });
}

/**
 * A record's history. `unnamed`: someone whose name the reader may not learn from it (the colleague who
 * reported a conflict, to the official concerned): every step they took shows no name (sec31 F1: their
 * correction named them).
 */
export async function eventsOf(db: Db, recordId: string, unnamed: string | null = null) {
  const found = await db
    .select({
      id: integrityEvents.id,
      kind: integrityEvents.kind,
      note: integrityEvents.note,
      by: integrityEvents.by,
      byName: users.fullName,
      at: integrityEvents.at,
    })
    .from(integrityEvents)
    .leftJoin(users, eq(users.id, integrityEvents.by))
    .where(eq(integrityEvents.recordId, recordId))
    .orderBy(asc(integrityEvents.id));
  return found.map(({ by, ...e }) => ({
    ...e,
    byName: unnamed !== null && by === unnamed ? null : e.byName,
    at: e.at.toISOString(),
  }));
}

/** The record's earliest open clock, for lists and Home. */
export async function refreshNextDue(db: Db, table: 'gifts' | 'conflicts', id: string) {
  await db.execute(sql`update ${sql.raw(table)} set next_due_on = (
      select min(c.due_on) from started_clocks c where c.done_on is null and c.subject_id = ${id})
    where id = ${id}`);
}

/** A date before a rule was in force has no clock: said on the field. */
export function rangeField(field: string) {
  return (e: unknown): never => {
    if (e instanceof AppError && e.details.fields?.start) throw fieldError(field, 'field.clock_not_in_force');
    throw e;
  };
}
