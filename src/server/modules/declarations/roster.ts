import { and, asc, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { positions, units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import type { RosterChange, RoundOpen } from '#shared/declarations/schemas.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { leadershipLevels } from '#shared/org/schemas.ts';
import { type Action, can, scopesFor } from '#shared/permissions.ts';
import { parameterOn } from './service.ts';
import { declarationRoster, declarationRosterSends, declarationRounds, declarations } from './tables.ts';

type RoundRow = typeof declarationRounds.$inferSelect & { path: string; unitName: string };

/**
 * A round concerns the actor when its subtree and one of their scopes for `action` overlap: an officer
 * granted on a department sees the province's round, a controller sees the rounds under them.
 */
const overlaps = (ctx: Ctx, action: Action, path: string) =>
  ctx.actor.kind === 'system' ||
  scopesFor(ctx.actor, action).some((g) => g.unitPath.startsWith(path) || path.startsWith(g.unitPath));
const mayReadRound = (ctx: Ctx, path: string) =>
  overlaps(ctx, 'declarations.receive', path) || overlaps(ctx, 'declarations.control', path);

async function loadRound(ctx: Ctx, db: Db, id: string): Promise<RoundRow> {
  const [row] = await db
    .select({ r: declarationRounds, path: units.path, unitName: units.name })
    .from(declarationRounds)
    .innerJoin(units, eq(units.id, declarationRounds.unitId))
    .where(eq(declarationRounds.id, id));
  if (!row || !mayReadRound(ctx, row.path)) throw new AppError('not_found');
  return { ...row.r, path: row.path, unitName: row.unitName };
}

const presentRound = (r: RoundRow, counts?: { declarants: number; submitted: number }) => ({
  id: r.id,
  unitId: r.unitId,
  unitName: r.unitName,
  year: r.year,
  rosterDueOn: r.rosterDueOn,
  declareDueOn: r.declareDueOn,
  handoverDueOn: r.handoverDueOn,
  status: r.status as 'open' | 'closed',
  declarants: counts?.declarants ?? 0,
  submitted: counts?.submitted ?? 0,
});

/** The levels that declare yearly under the parameter in force on a date: that level and every one above. */
async function declaringLevels(db: Db, on: string): Promise<string[]> {
  const lowest = (await parameterOn(db, 'leadership_level', on)).value;
  const i = leadershipLevels.indexOf(lowest as (typeof leadershipLevels)[number]);
  return leadershipLevels.slice(0, i < 0 ? leadershipLevels.length : i + 1);
}

/**
 * Adds to a round's roster everyone in `path`'s subtree whose position declares yearly (its title or
 * sector, or a leadership level the parameter covers), with the reason; people already on it (also those
 * taken off) are left as they are. Returns how many were added.
 */
async function deriveRoster(ctx: Ctx, tx: Db, round: { id: string; year: number }, path: string) {
  const levels = await declaringLevels(tx, `${round.year}-12-31`);
  const found = await tx
    .select({
      userId: users.id,
      unitId: users.unitId,
      positionName: positions.name,
      duty: positions.declarationDuty,
    })
    .from(users)
    .innerJoin(positions, eq(positions.id, users.positionId))
    .innerJoin(units, eq(units.id, users.unitId))
    .where(
      and(
        like(units.path, `${path}%`),
        eq(users.status, 'active'),
        isNull(positions.archivedAt),
        sql`(${positions.declarationDuty} or ${inArray(positions.leadershipLevel, levels)})`,
      ),
    );
  if (found.length === 0) return 0;
  const added = await tx
    .insert(declarationRoster)
    .values(
      found.map((f) => ({
        roundId: round.id,
        unitId: f.unitId,
        userId: f.userId,
        reason: f.duty ? 'position_duty' : 'leadership_level',
        positionName: f.positionName,
        changedBy: ctx.actor.userId,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: declarationRoster.id });
  return added.length;
}

/** The control agency opens the yearly round over its subtree with the plan's dates; the roster follows. */
export async function openRound(ctx: Ctx, input: RoundOpen) {
  return ctx.db.transaction(async (tx) => {
    const [unit] = await tx.select().from(units).where(eq(units.id, input.unitId));
    if (!unit || !can(ctx.actor, 'declarations.control', { unitPath: unit.path }))
      throw fieldError('unitId', 'field.unit_out_of_scope');
    if (input.rosterDueOn > input.declareDueOn) throw fieldError('rosterDueOn', 'field.date_range');
    const [taken] = await tx
      .select({ id: declarationRounds.id })
      .from(declarationRounds)
      .where(and(eq(declarationRounds.unitId, unit.id), eq(declarationRounds.year, input.year)));
    if (taken) throw fieldError('year', 'field.round_exists');
    const [round] = await tx
      .insert(declarationRounds)
      .values({ ...input, openedBy: ctx.actor.userId })
      .returning();
    const added = await deriveRoster(ctx, tx, round!, unit.path);
    await audit(tx, ctx, {
      action: 'declaration_round.opened',
      entityType: 'declaration_round',
      entityId: round!.id,
      unitId: unit.id,
      changes: { year: input.year, declareDueOn: input.declareDueOn, declarants: added },
    });
    return presentRound(
      { ...round!, path: unit.path, unitName: unit.name },
      { declarants: added, submitted: 0 },
    );
  });
}

/** The rounds that concern the actor, newest first, with how many declare and how many have submitted. */
export async function listRounds(ctx: Ctx) {
  const rows = await ctx.db
    .select({ r: declarationRounds, path: units.path, unitName: units.name })
    .from(declarationRounds)
    .innerJoin(units, eq(units.id, declarationRounds.unitId))
    .orderBy(sql`${declarationRounds.year} desc`, asc(units.name));
  const mine = rows.filter((row) => mayReadRound(ctx, row.path));
  if (mine.length === 0) {
    if (!overlaps(ctx, 'declarations.receive', '/') && !overlaps(ctx, 'declarations.control', '/'))
      throw new AppError('not_found');
    return [];
  }
  const counts = await ctx.db
    .select({
      roundId: declarationRoster.roundId,
      declarants: sql<number>`count(*)::int`,
      submitted: sql<number>`count(${declarations.submittedAt})::int`,
    })
    .from(declarationRoster)
    .leftJoin(
      declarations,
      and(
        eq(declarations.roundId, declarationRoster.roundId),
        eq(declarations.userId, declarationRoster.userId),
      ),
    )
    .where(
      and(
        inArray(
          declarationRoster.roundId,
          mine.map((m) => m.r.id),
        ),
        isNull(declarationRoster.removedReason),
      ),
    )
    .groupBy(declarationRoster.roundId);
  const byRound = new Map(counts.map((c) => [c.roundId, c]));
  return mine.map((m) => presentRound({ ...m.r, path: m.path, unitName: m.unitName }, byRound.get(m.r.id)));
}

/** A unit in the round's subtree that the actor keeps the roster of (officer) or controls. */
async function rosterUnit(ctx: Ctx, db: Db, round: RoundRow, unitId: string, write: boolean) {
  const [unit] = await db.select().from(units).where(eq(units.id, unitId));
  const inRound = unit?.path.startsWith(round.path);
  const allowed =
    unit &&
    (can(ctx.actor, 'declarations.receive', { unitPath: unit.path }) ||
      (!write && can(ctx.actor, 'declarations.control', { unitPath: unit.path })));
  if (!unit || !inRound || !allowed) throw new AppError('not_found');
  return unit;
}

/**
 * A unit's roster in a round (its subtree), each person with why they declare, whether they have, and the
 * reminders recorded; late once the round's date has passed without a submission.
 */
export async function roster(ctx: Ctx, roundId: string, unitId: string) {
  const round = await loadRound(ctx, ctx.db, roundId);
  const unit = await rosterUnit(ctx, ctx.db, round, unitId, false);
  const rows = await ctx.db
    .select({
      e: declarationRoster,
      fullName: users.fullName,
      unitName: units.name,
      declarationId: declarations.id,
      status: declarations.status,
      submittedAt: declarations.submittedAt,
    })
    .from(declarationRoster)
    .innerJoin(users, eq(users.id, declarationRoster.userId))
    .innerJoin(units, eq(units.id, declarationRoster.unitId))
    .leftJoin(
      declarations,
      and(
        eq(declarations.roundId, declarationRoster.roundId),
        eq(declarations.userId, declarationRoster.userId),
      ),
    )
    .where(and(eq(declarationRoster.roundId, round.id), like(units.path, `${unit.path}%`)))
    .orderBy(asc(units.name), sql`liem_fold(${users.fullName})`)
    .limit(5000);
  const today = vnToday(ctx.clock.now());
  const [sent] = await ctx.db
    .select()
    .from(declarationRosterSends)
    .where(and(eq(declarationRosterSends.roundId, round.id), eq(declarationRosterSends.unitId, unit.id)));
  return {
    round: presentRound(round),
    unitId: unit.id,
    unitName: unit.name,
    sentAt: sent?.sentAt.toISOString() ?? null,
    entries: rows.map(({ e, fullName, unitName, declarationId, status, submittedAt }) => ({
      id: e.id,
      userId: e.userId,
      fullName,
      unitId: e.unitId,
      unitName,
      positionName: e.positionName,
      reason: e.reason as 'position_duty' | 'leadership_level' | 'added',
      note: e.note,
      removedReason: e.removedReason,
      // Drafts are the declarant's own: the roster only shows whether one was submitted.
      declarationId: submittedAt ? declarationId : null,
      declarationStatus: submittedAt ? status : null,
      late: !e.removedReason && !submittedAt && today > round.declareDueOn,
      firstReminderOn: e.firstReminderOn,
      firstReminderRef: e.firstReminderRef,
      secondReminderOn: e.secondReminderOn,
      secondReminderRef: e.secondReminderRef,
    })),
  };
}

/** People newly in a declaring position since the round opened join the roster (nobody is taken off). */
export async function refreshRoster(ctx: Ctx, roundId: string, unitId: string) {
  return ctx.db.transaction(async (tx) => {
    const round = await loadRound(ctx, tx, roundId);
    const unit = await rosterUnit(ctx, tx, round, unitId, true);
    if (round.status !== 'open') throw new AppError('conflict');
    const added = await deriveRoster(ctx, tx, round, unit.path);
    await audit(tx, ctx, {
      action: 'declaration_roster.refreshed',
      entityType: 'declaration_round',
      entityId: round.id,
      unitId: unit.id,
      changes: { added },
    });
    return { added };
  });
}

/** The officer adds a person the rules did not find, with the reason (e.g. a duty the position table lacks). */
export async function addToRoster(ctx: Ctx, roundId: string, input: { userId: string; note: string }) {
  return ctx.db.transaction(async (tx) => {
    const round = await loadRound(ctx, tx, roundId);
    // The control agency reads rosters; only a unit's officer changes them.
    if (!overlaps(ctx, 'declarations.receive', round.path)) throw new AppError('not_found');
    const [person] = await tx
      .select({ id: users.id, unitId: users.unitId, path: units.path, positionName: positions.name })
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .leftJoin(positions, eq(positions.id, users.positionId))
      .where(eq(users.id, input.userId));
    if (
      !person ||
      !person.path.startsWith(round.path) ||
      !can(ctx.actor, 'declarations.receive', { unitPath: person.path })
    )
      throw fieldError('userId', 'field.unit_out_of_scope');
    if (round.status !== 'open') throw new AppError('conflict');
    const [entry] = await tx
      .insert(declarationRoster)
      .values({
        roundId: round.id,
        unitId: person.unitId,
        userId: person.id,
        reason: 'added',
        positionName: person.positionName,
        note: input.note,
        changedBy: ctx.actor.userId,
      })
      .onConflictDoNothing()
      .returning();
    if (!entry) throw fieldError('userId', 'field.already_on_roster');
    await audit(tx, ctx, {
      action: 'declaration_roster.added',
      entityType: 'declaration_roster',
      entityId: entry.id,
      unitId: person.unitId,
      changes: { userId: person.id, note: input.note },
    });
    return { id: entry.id };
  });
}

/**
 * A change to one person's line: taken off (with the recorded reason) or put back, a note, or one of the
 * two written reminders (in order, and only while nothing was submitted).
 */
export async function changeRosterEntry(ctx: Ctx, id: string, input: RosterChange) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ e: declarationRoster, path: units.path })
      .from(declarationRoster)
      .innerJoin(units, eq(units.id, declarationRoster.unitId))
      .where(eq(declarationRoster.id, id))
      .for('update', { of: declarationRoster });
    if (!row || !can(ctx.actor, 'declarations.receive', { unitPath: row.path }))
      throw new AppError('not_found');
    const round = await loadRound(ctx, tx, row.e.roundId);
    if (round.status !== 'open') throw new AppError('conflict');
    const set: Partial<typeof declarationRoster.$inferInsert> = {};
    if (input.removedReason !== undefined) set.removedReason = input.removedReason;
    if (input.note !== undefined) set.note = input.note;
    if (input.reminder) {
      const [submitted] = await tx
        .select({ id: declarations.id })
        .from(declarations)
        .where(
          and(
            eq(declarations.roundId, round.id),
            eq(declarations.userId, row.e.userId),
            sql`${declarations.submittedAt} is not null`,
          ),
        );
      if (submitted || row.e.removedReason) throw fieldError('reminder', 'field.reminder_not_needed');
      if (!row.e.firstReminderOn) {
        set.firstReminderOn = input.reminder.on;
        set.firstReminderRef = input.reminder.ref;
      } else if (!row.e.secondReminderOn) {
        if (input.reminder.on < row.e.firstReminderOn) throw fieldError('reminder.on', 'field.date_range');
        set.secondReminderOn = input.reminder.on;
        set.secondReminderRef = input.reminder.ref;
      } else throw fieldError('reminder', 'field.reminders_done');
    }
    await tx
      .update(declarationRoster)
      .set({ ...set, changedBy: ctx.actor.userId, updatedAt: ctx.clock.now() })
      .where(eq(declarationRoster.id, id));
    await audit(tx, ctx, {
      action: input.reminder ? 'declaration_roster.reminded' : 'declaration_roster.changed',
      entityType: 'declaration_roster',
      entityId: id,
      unitId: row.e.unitId,
      changes: set,
    });
    return { id };
  });
}

/** The officer sends the unit's roster up to the control agency (again after a change: the latest counts). */
export async function sendRoster(ctx: Ctx, roundId: string, unitId: string) {
  return ctx.db.transaction(async (tx) => {
    const round = await loadRound(ctx, tx, roundId);
    const unit = await rosterUnit(ctx, tx, round, unitId, true);
    const [n] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(declarationRoster)
      .innerJoin(units, eq(units.id, declarationRoster.unitId))
      .where(
        and(
          eq(declarationRoster.roundId, round.id),
          like(units.path, `${unit.path}%`),
          isNull(declarationRoster.removedReason),
        ),
      );
    const values = { sentAt: ctx.clock.now(), sentBy: ctx.actor.userId, declarants: n!.n };
    await tx
      .insert(declarationRosterSends)
      .values({ roundId: round.id, unitId: unit.id, ...values })
      .onConflictDoUpdate({
        target: [declarationRosterSends.roundId, declarationRosterSends.unitId],
        set: values,
      });
    await audit(tx, ctx, {
      action: 'declaration_roster.sent',
      entityType: 'declaration_round',
      entityId: round.id,
      unitId: unit.id,
      changes: { declarants: n!.n },
    });
    return { sentAt: values.sentAt.toISOString(), declarants: n!.n };
  });
}

/** The open rounds these people are on the roster of (not taken off), with the round's year. */
export function openRosterRounds(db: Db, userIds: string[], year?: number) {
  return db
    .select({ userId: declarationRoster.userId, year: declarationRounds.year, roundId: declarationRounds.id })
    .from(declarationRoster)
    .innerJoin(declarationRounds, eq(declarationRounds.id, declarationRoster.roundId))
    .where(
      and(
        inArray(declarationRoster.userId, userIds),
        isNull(declarationRoster.removedReason),
        eq(declarationRounds.status, 'open'),
        year === undefined ? undefined : eq(declarationRounds.year, year),
      ),
    );
}
