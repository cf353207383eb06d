import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import { type Db, rows } from '#server/db/client.ts';
import { diff } from '#server/modules/audit/chain.ts';
import { audit } from '#server/modules/audit/service.ts';
import { HANDLE } from '#server/modules/integrity/common.ts';
import {
  registerReadable,
  registerScope,
  registerUnit,
  requireRegisterReader,
  requireRegisterWrite,
} from '#server/modules/integrity/registers.ts';
import { searchFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import { sharePeople } from '#server/modules/users/holders.ts';
import { users } from '#server/modules/users/tables.ts';
import { addDays } from '#shared/clocks/due.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { can, canAnywhere, canAtRoot } from '#shared/permissions.ts';
import type {
  AssignmentCreate,
  AssignmentEdit,
  DeferralReason,
  DueStatus,
} from '#shared/rotation/schemas.ts';
import {
  rotationAssignments,
  rotationDeferrals,
  rotationPlanItems,
  rotationPlans,
  rotationPositions,
} from './tables.ts';

/**
 * Job rotation (Law Arts. 24–26; Decree 59 Arts. 36–39; ADR 0030). The unit's handlers keep who holds a
 * position subject to rotation and since when; the due list says, for a year, who has completed the
 * period and who is deferred (Art. 38), exempt (under 18 months to retirement, Art. 39(2)) or planned.
 */
const today = (ctx: Ctx) => vnToday(ctx.clock.now());

/**
 * An official's own post is recorded, deferred, ended and carried out by someone else. A post kept by name
 * only (a paper list, an import) is the actor's own when it is in their unit under their name (re-test of
 * issue 15, M1: such a post escaped the rule).
 */
async function notOwn(ctx: Ctx, tx: Db, a: { userId: string | null; unitId: string; personName: string }) {
  const me = ctx.actor.userId;
  if (!me) return;
  if (a.userId) {
    // By person, not account id: an administrator acting through an account they set is still them (sec31 F2).
    if (await sharePeople(tx, me, [a.userId])) throw new AppError('separation_of_duties');
    return;
  }
  // The post's unit and the official's are the same, or one holds the other (a team of the unit).
  const [mine] = await rows<{ same: boolean }>(
    tx,
    sql`select ${personKey(sql`u.full_name`)} = ${personKey(sql`${a.personName}`)} as same
      from ${users} u join ${units} h on h.id = u.unit_id join ${units} p on p.id = ${a.unitId}
      where u.id = ${me} and (p.path like h.path || '%' or h.path like p.path || '%')`,
  );
  if (mine?.same) throw new AppError('separation_of_duties');
}

/** The same, for a post named by its id (a draft plan's line: nobody moves their own, rev28). */
async function notOwnPost(ctx: Ctx, tx: Db, assignmentId: string) {
  const [a] = await tx
    .select({
      userId: rotationAssignments.userId,
      unitId: rotationAssignments.unitId,
      personName: rotationAssignments.personName,
    })
    .from(rotationAssignments)
    .where(eq(rotationAssignments.id, assignmentId));
  if (a) await notOwn(ctx, tx, a);
}

/**
 * A person's name as compared: folded (case, accents), a bracketed note left out ("(TP)"), then its letters
 * and digits only — no spaces, punctuation or invisible characters (re-test M1: a doubled or no-break
 * space escaped; sec31 F4: a trailing dot, a zero-width space, a note in brackets). A letter of another
 * script (a Cyrillic "е") is refused where the name is typed (`personName` in shared/validation.ts).
 */
const personKey = (name: SQL) =>
  sql`regexp_replace(liem_fold(regexp_replace(${name}, '\\([^)]*\\)', '', 'g')), '[^a-z0-9]', '', 'g')`;

/**
 * The holder of a post given by name: their account when the unit has exactly one by that name, so the
 * rules that follow people (one post at a time, nobody handles their own) hold for it too; never the
 * actor, by account or by a name that reads as theirs.
 */
async function holderNamed(ctx: Ctx, tx: Db, unitId: string, name: string) {
  const userId = await accountNamed(tx, unitId, name);
  if (userId && (await sharePeople(tx, ctx.actor.userId, [userId])))
    throw new AppError('separation_of_duties');
  if (!userId) await notOwn(ctx, tx, { userId: null, unitId, personName: name });
  return userId;
}

/** One position at a time: the previous one ends (rotated or not) before another starts. */
async function oneAtATime(tx: Db, userId: string, field: string) {
  const [open] = await tx
    .select({ id: rotationAssignments.id })
    .from(rotationAssignments)
    .where(and(eq(rotationAssignments.userId, userId), isNull(rotationAssignments.endedOn)));
  if (open) throw fieldError(field, 'field.assignment_open');
}

/** Posts that may be the actor's own: linked to their account, or kept by a name that reads as theirs. */
const mineOrNamed = (ctx: Ctx) =>
  ctx.actor.userId
    ? sql`(${rotationAssignments.userId} = ${ctx.actor.userId} or (${rotationAssignments.userId} is null
        and ${personKey(sql`${rotationAssignments.personName}`)} =
          (select ${personKey(sql`full_name`)} from ${users} where id = ${ctx.actor.userId})))`
    : sql`false`;

/** The one active account in the unit with this name, to link a post recorded by name; else none. */
async function accountNamed(tx: Db, unitId: string, name: string): Promise<string | null> {
  const found = await rows<{ id: string }>(
    tx,
    sql`select id from ${users} where unit_id = ${unitId} and status = 'active'
      and ${personKey(sql`full_name`)} = ${personKey(sql`${name}`)} limit 2`,
  );
  return found.length === 1 ? found[0]!.id : null;
}

export async function listPositions(ctx: Ctx) {
  requireRegisterReader(ctx);
  return ctx.db
    .select()
    .from(rotationPositions)
    .orderBy(asc(rotationPositions.sector), asc(rotationPositions.code));
}

/**
 * The province sets a position's period within the law's range for its sector (Decree 59 Art. 37; the
 * sector circulars): every post still held of that position is due again by the new period, at once.
 */
export async function setPositionPeriod(ctx: Ctx, code: string, periodYears: number) {
  // Set by the province's own keeper of the registers (the coordinator at its top); read by the units'.
  if (!canAtRoot(ctx.actor, HANDLE)) {
    requireRegisterReader(ctx);
    throw new AppError('forbidden');
  }
  return ctx.db.transaction(async (tx) => {
    const [p] = await tx
      .select()
      .from(rotationPositions)
      .where(eq(rotationPositions.code, code))
      .for('update');
    if (!p) throw new AppError('not_found');
    if (periodYears < p.minYears || periodYears > p.maxYears)
      throw fieldError('periodYears', 'field.period_range', { min: p.minYears, max: p.maxYears });
    // The period re-dates every post of the position: nobody sets it while holding one (sec31 F3).
    const held = await tx
      .select({
        userId: rotationAssignments.userId,
        unitId: rotationAssignments.unitId,
        personName: rotationAssignments.personName,
      })
      .from(rotationAssignments)
      .where(
        and(
          eq(rotationAssignments.positionCode, code),
          isNull(rotationAssignments.endedOn),
          mineOrNamed(ctx),
        ),
      );
    for (const a of held) await notOwn(ctx, tx, a);
    await tx.update(rotationPositions).set({ periodYears }).where(eq(rotationPositions.code, code));
    const moved = await rows<{ id: string }>(
      tx,
      sql`update ${rotationAssignments}
        set due_on = (assigned_on + make_interval(months => probation_months, years => ${periodYears}))::date,
          version = version + 1, updated_at = ${ctx.clock.now()}
        where position_code = ${code} and ended_on is null returning id`,
    );
    await audit(tx, ctx, {
      action: 'rotation.period_set',
      entityType: 'rotation_position',
      entityId: code,
      unitId: null,
      // Which posts moved, not only how many: each one's due date changed with it.
      changes: { periodYears: [p.periodYears, periodYears], postsRedated: moved.map((m) => m.id) },
    });
    const [after] = await tx.select().from(rotationPositions).where(eq(rotationPositions.code, code));
    return after!;
  });
}

// --- Assignments -----------------------------------------------------------------------------------------

/** A position's name in the reader's language (the reference data holds both). */
const positionName = (ctx: Ctx) => (ctx.lang === 'en' ? rotationPositions.nameEn : rotationPositions.nameVi);
const assignmentColumns = (ctx: Ctx) => ({
  a: rotationAssignments,
  unitName: units.name,
  path: units.path,
  positionName: positionName(ctx),
  periodYears: rotationPositions.periodYears,
});

async function presentAssignments(
  ctx: Ctx,
  db: Db,
  found: Array<{
    a: typeof rotationAssignments.$inferSelect;
    unitName: string;
    path: string;
    positionName: string;
    periodYears: number;
  }>,
) {
  const ids = found.map((r) => r.a.id);
  const deferrals = ids.length
    ? await db
        .select()
        .from(rotationDeferrals)
        .where(inArray(rotationDeferrals.assignmentId, ids))
        .orderBy(asc(rotationDeferrals.fromOn))
    : [];
  const on = today(ctx);
  return found.map((r) => ({
    id: r.a.id,
    unitId: r.a.unitId,
    unitName: r.unitName,
    userId: r.a.userId,
    personName: r.a.personName,
    positionCode: r.a.positionCode,
    positionName: r.positionName,
    periodYears: r.periodYears,
    assignedOn: r.a.assignedOn,
    decisionNo: r.a.decisionNo,
    probationMonths: r.a.probationMonths,
    retiresOn: r.a.retiresOn,
    dueOn: r.a.dueOn,
    monthsInPosition: monthsBetween(r.a.assignedOn, r.a.endedOn ?? on) - r.a.probationMonths,
    endedOn: r.a.endedOn,
    rotated: r.a.rotated,
    endDecisionNo: r.a.endDecisionNo,
    endNote: r.a.endNote,
    // One's own post (by account) is not offered for change: the server would refuse it (rev29).
    canChange: can(ctx.actor, HANDLE, { unitPath: r.path }) && r.a.userId !== ctx.actor.userId,
    deferrals: deferrals
      .filter((d) => d.assignmentId === r.a.id)
      .map((d) => ({ id: d.id, reason: d.reason, from: d.fromOn, until: d.untilOn, note: d.note })),
    version: r.a.version,
  }));
}

/** Whole months from one day to another (the period counts in full months and years). */
export function monthsBetween(from: string, to: string) {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return Math.max(0, (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0));
}

export async function listAssignments(
  ctx: Ctx,
  q: {
    unitId?: string | undefined;
    positionCode?: string | undefined;
    active?: '1' | '0' | undefined;
    q?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  requireRegisterReader(ctx);
  const unit = q.unitId ? { path: await registerUnit(ctx, ctx.db, q.unitId, false) } : null;
  const where = and(
    registerScope(ctx),
    unit ? sql`${units.path} like ${`${unit.path}%`}` : undefined,
    q.positionCode ? eq(rotationAssignments.positionCode, q.positionCode) : undefined,
    q.active === '1'
      ? sql`${rotationAssignments.endedOn} is null`
      : q.active === '0'
        ? sql`${rotationAssignments.endedOn} is not null`
        : undefined,
    searchFilter(sql`liem_fold(${rotationAssignments.personName})`, q.q),
  );
  const [n] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(rotationAssignments)
    .innerJoin(units, eq(units.id, rotationAssignments.unitId))
    .where(where);
  const found = await ctx.db
    .select(assignmentColumns(ctx))
    .from(rotationAssignments)
    .innerJoin(units, eq(units.id, rotationAssignments.unitId))
    .innerJoin(rotationPositions, eq(rotationPositions.code, rotationAssignments.positionCode))
    .where(where)
    .orderBy(asc(rotationAssignments.dueOn), asc(rotationAssignments.personName))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    items: await presentAssignments(ctx, ctx.db, found),
    total: n!.n,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function loadAssignment(ctx: Ctx, db: Db, id: string, lock = false) {
  const q = db
    .select(assignmentColumns(ctx))
    .from(rotationAssignments)
    .innerJoin(units, eq(units.id, rotationAssignments.unitId))
    .innerJoin(rotationPositions, eq(rotationPositions.code, rotationAssignments.positionCode))
    .where(eq(rotationAssignments.id, id));
  const [r] = await (lock ? q.for('update', { of: rotationAssignments }) : q);
  if (!r || !registerReadable(ctx, r.path)) throw new AppError('not_found');
  return r;
}

export async function getAssignment(ctx: Ctx, id: string, db: Db = ctx.db) {
  const r = await loadAssignment(ctx, db, id);
  return (await presentAssignments(ctx, db, [r]))[0]!;
}

/** The date the period is complete: assignment, plus probation, plus the period (SQL, one rule). */
const dueOnSql = (assignedOn: string, probation: number, years: number) =>
  sql<string>`(${assignedOn}::date + make_interval(months => ${probation}, years => ${years}))::date::text`;

export async function createAssignment(ctx: Ctx, input: AssignmentCreate) {
  if (!canAnywhere(ctx.actor, HANDLE)) throw new AppError('not_found');
  return ctx.db.transaction(async (tx) => {
    await registerUnit(ctx, tx, input.unitId, true, 'unitId');
    const [p] = await tx
      .select()
      .from(rotationPositions)
      .where(eq(rotationPositions.code, input.positionCode));
    if (!p) throw fieldError('positionCode', 'field.invalid');
    let name = input.personName ?? null;
    // Nobody records their own post: its date decides when they must move (separation of duties).
    if (input.userId && (await sharePeople(tx, ctx.actor.userId, [input.userId])))
      throw new AppError('separation_of_duties');
    if (input.userId) {
      const [u] = await tx
        .select({ name: users.fullName, path: units.path })
        .from(users)
        .innerJoin(units, eq(units.id, users.unitId))
        .where(eq(users.id, input.userId));
      if (!u || !can(ctx.actor, HANDLE, { unitPath: u.path }))
        throw fieldError('userId', 'field.unit_out_of_scope');
      name = u.name;
    }
    if (!name) throw fieldError('personName', 'field.required');
    const userId = input.userId ?? (await holderNamed(ctx, tx, input.unitId, name));
    if (input.assignedOn > today(ctx)) throw fieldError('assignedOn', 'field.date_future');
    if (input.assignedOn < '1980-01-01') throw fieldError('assignedOn', 'field.date_too_far');
    if (input.retiresOn && input.retiresOn < input.assignedOn)
      throw fieldError('retiresOn', 'field.before_assigned');
    if (userId) await oneAtATime(tx, userId, input.userId ? 'userId' : 'personName');
    // The same post of the same person, still held, is there already (a second save of one dialog, a
    // sheet imported twice): refused, or the due list counts the person twice (review rev20 P2).
    const [same] = await rows<{ id: string }>(
      tx,
      sql`select id from ${rotationAssignments} where unit_id = ${input.unitId}
        and position_code = ${input.positionCode} and ended_on is null
        and ${personKey(sql`person_name`)} = ${personKey(sql`${name}`)}`,
    );
    if (same) throw fieldError(input.userId ? 'userId' : 'personName', 'field.assignment_open');
    const [due] = await rows<{ d: string }>(
      tx,
      sql`select ${dueOnSql(input.assignedOn, input.probationMonths, p.periodYears)} as d`,
    );
    const [row] = await tx
      .insert(rotationAssignments)
      .values({
        unitId: input.unitId,
        userId,
        personName: name,
        positionCode: input.positionCode,
        assignedOn: input.assignedOn,
        decisionNo: input.decisionNo ?? null,
        probationMonths: input.probationMonths,
        retiresOn: input.retiresOn ?? null,
        dueOn: due!.d,
      })
      .returning({ id: rotationAssignments.id });
    await audit(tx, ctx, {
      action: 'rotation.assigned',
      entityType: 'rotation_assignment',
      entityId: row!.id,
      unitId: input.unitId,
      changes: { position: input.positionCode, assignedOn: input.assignedOn, dueOn: due!.d },
    });
    return { id: row!.id };
  });
}

export async function correctAssignment(ctx: Ctx, id: string, input: AssignmentEdit) {
  return ctx.db.transaction(async (tx) => {
    const r = await loadAssignment(ctx, tx, id, true);
    const a = r.a;
    if (!can(ctx.actor, HANDLE, { unitPath: r.path })) throw new AppError('forbidden');
    await notOwn(ctx, tx, a);
    if (a.version !== input.version) throw new AppError('conflict');
    // An ended post is history: what it says was the basis of the plan that moved the person.
    if (a.endedOn) throw new AppError('record_final');
    const [p] = await tx
      .select()
      .from(rotationPositions)
      .where(eq(rotationPositions.code, input.positionCode));
    if (!p) throw fieldError('positionCode', 'field.invalid');
    const name = input.personName ?? a.personName;
    // The holder's name comes from their account when one is linked.
    if (a.userId && name !== a.personName) throw fieldError('personName', 'field.name_from_account');
    // A name corrected on a post kept by name is checked and linked as a new post's would be (sec31 F4):
    // not the actor's own, and to its holder's account when the unit has exactly one by that name.
    let userId = a.userId;
    if (!a.userId && name !== a.personName) {
      userId = await holderNamed(ctx, tx, a.unitId, name);
      if (userId) await oneAtATime(tx, userId, 'personName');
    }
    if (input.assignedOn > today(ctx)) throw fieldError('assignedOn', 'field.date_future');
    if (input.assignedOn < '1980-01-01') throw fieldError('assignedOn', 'field.date_too_far');
    if (input.retiresOn && input.retiresOn < input.assignedOn)
      throw fieldError('retiresOn', 'field.before_assigned');
    const [deferred] = await rows<{ from_on: string }>(
      tx,
      sql`select min(from_on)::text as from_on from ${rotationDeferrals} where assignment_id = ${id}`,
    );
    if (deferred?.from_on && input.assignedOn > deferred.from_on)
      throw fieldError('assignedOn', 'field.after_deferral');
    const [same] = await rows<{ id: string }>(
      tx,
      sql`select id from ${rotationAssignments} where unit_id = ${a.unitId} and id <> ${id}
        and position_code = ${input.positionCode} and ended_on is null
        and ${personKey(sql`person_name`)} = ${personKey(sql`${name}`)}`,
    );
    if (same) throw fieldError('personName', 'field.assignment_open');
    const [due] = await rows<{ d: string }>(
      tx,
      sql`select ${dueOnSql(input.assignedOn, input.probationMonths, p.periodYears)} as d`,
    );
    const next = {
      personName: name,
      userId,
      positionCode: input.positionCode,
      assignedOn: input.assignedOn,
      decisionNo: input.decisionNo ?? null,
      probationMonths: input.probationMonths,
      retiresOn: input.retiresOn ?? null,
      dueOn: due!.d,
    };
    const changes = diff(a, next);
    if (Object.keys(changes).length > 0) {
      await tx
        .update(rotationAssignments)
        .set({ ...next, version: a.version + 1, updatedAt: ctx.clock.now() })
        .where(eq(rotationAssignments.id, id));
      await audit(tx, ctx, {
        action: 'rotation.corrected',
        entityType: 'rotation_assignment',
        entityId: id,
        unitId: a.unitId,
        changes,
      });
    }
    return getAssignment(ctx, id, tx);
  });
}

export async function addDeferral(
  ctx: Ctx,
  id: string,
  input: {
    reason: DeferralReason;
    from: string;
    until?: string | null | undefined;
    note?: string | null | undefined;
    version: number;
  },
) {
  return ctx.db.transaction(async (tx) => {
    const r = await loadAssignment(ctx, tx, id, true);
    if (!can(ctx.actor, HANDLE, { unitPath: r.path })) throw new AppError('forbidden');
    await notOwn(ctx, tx, r.a);
    if (r.a.version !== input.version) throw new AppError('conflict');
    if (r.a.endedOn) throw fieldError('reason', 'field.assignment_ended');
    if (input.until && input.until < input.from) throw fieldError('until', 'field.until_before_from');
    if (input.from < r.a.assignedOn) throw fieldError('from', 'field.before_assigned');
    await tx.insert(rotationDeferrals).values({
      assignmentId: id,
      reason: input.reason,
      fromOn: input.from,
      untilOn: input.until ?? null,
      note: input.note ?? null,
      createdBy: ctx.actor.userId,
    });
    await tx
      .update(rotationAssignments)
      .set({ version: r.a.version + 1, updatedAt: ctx.clock.now() })
      .where(eq(rotationAssignments.id, id));
    await audit(tx, ctx, {
      action: 'rotation.deferred',
      entityType: 'rotation_assignment',
      entityId: id,
      unitId: r.a.unitId,
      changes: { reason: input.reason, from: input.from, until: input.until ?? null },
    });
    return getAssignment(ctx, id, tx);
  });
}

export async function endAssignment(
  ctx: Ctx,
  id: string,
  input: {
    endedOn: string;
    rotated: boolean;
    decisionNo?: string | null | undefined;
    note?: string | null | undefined;
    version: number;
  },
) {
  return ctx.db.transaction(async (tx) => {
    const r = await loadAssignment(ctx, tx, id, true);
    if (!can(ctx.actor, HANDLE, { unitPath: r.path })) throw new AppError('forbidden');
    await notOwn(ctx, tx, r.a);
    if (r.a.version !== input.version) throw new AppError('conflict');
    if (r.a.endedOn) throw fieldError('endedOn', 'field.assignment_ended');
    if (input.endedOn < r.a.assignedOn) throw fieldError('endedOn', 'field.before_assigned');
    if (input.endedOn > today(ctx)) throw fieldError('endedOn', 'field.date_future');
    await tx
      .update(rotationAssignments)
      .set({
        endedOn: input.endedOn,
        rotated: input.rotated,
        endDecisionNo: input.decisionNo ?? null,
        endNote: input.note ?? null,
        version: r.a.version + 1,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(rotationAssignments.id, id));
    await audit(tx, ctx, {
      action: 'rotation.ended',
      entityType: 'rotation_assignment',
      entityId: id,
      unitId: r.a.unitId,
      changes: { endedOn: input.endedOn, rotated: input.rotated, decisionNo: input.decisionNo ?? null },
    });
    return getAssignment(ctx, id, tx);
  });
}

// --- The due list --------------------------------------------------------------------------------------

/**
 * The year's due list as one statement: officials in scope whose period is complete by 31/12, each with
 * where they stand. Exempt (under 18 months to retirement) comes first; then `planned`, on an issued plan
 * of the year and not recorded there as not carried out; then deferred, by a deferral that lasts the
 * rest of the year; else due — with what is known of why: a deferral that ends within the year (the
 * person is due after it), or the plan's reason for not carrying it out (review rev20 P8).
 */
export function dueListSql(year: number, scope: SQL | undefined, unitPath: string | null) {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  return sql`select a.id as assignment_id, a.unit_id, u.name as unit_name, a.person_name, a.position_code,
      p.name_vi as position_name, p.name_en as position_name_en, a.assigned_on::text, a.due_on::text, a.retires_on::text,
      case when a.retires_on is not null and a.retires_on < greatest(a.due_on, ${start}::date) + interval '18 months' then 'exempt'
        when pi.planned then 'planned'
        when d.reason is not null and (d.until_on is null or d.until_on >= ${end}::date) then 'deferred'
        else 'due' end as status,
      d.reason, d.until_on::text as deferred_until, pi.not_done_reason, dr.id is not null as on_draft_plan
    from rotation_assignments a
    join units u on u.id = a.unit_id
    join rotation_positions p on p.code = a.position_code
    -- Hash-joined sets rather than a lookup per official: the list reads every official in post.
    left join (select distinct on (x.assignment_id) x.assignment_id, x.reason, x.until_on from rotation_deferrals x
      where x.from_on <= ${end}::date and (x.until_on is null or x.until_on >= ${start}::date)
      order by x.assignment_id, x.from_on desc) d on d.assignment_id = a.id
    left join (select i.assignment_id as id, bool_or(i.status <> 'not_done') as planned,
        max(i.reason) filter (where i.status = 'not_done') as not_done_reason
      from rotation_plan_items i join rotation_plans pl on pl.id = i.plan_id
      where pl.year = ${year} and pl.stage <> 'draft' group by i.assignment_id) pi on pi.id = a.id
    -- On a plan still being drafted: shown beside "due", the plan not being issued yet (rev28).
    left join (select distinct i.assignment_id as id from rotation_plan_items i join rotation_plans pl on pl.id = i.plan_id
      where pl.year = ${year} and pl.stage = 'draft') dr on dr.id = a.id
    where a.ended_on is null and a.due_on <= ${end}::date
      ${unitPath ? sql`and u.path like ${`${unitPath}%`}` : sql``}
      ${scope ? sql`and ${scope}` : sql``}`;
}

/** One statement for a page of the due list and the counts of every status over the whole list. */
export function duePageSql(q: {
  year: number;
  scope: SQL | undefined;
  unitPath: string | null;
  status?: DueStatus | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}) {
  return sql`with l as (${dueListSql(q.year, q.scope, q.unitPath)}),
      f as (select * from l where true
        ${q.status ? sql`and status = ${q.status}` : sql``}
        ${q.q ? sql`and ${searchFilter(sql`liem_fold(person_name)`, q.q)}` : sql``})
      select f.*, (select count(*)::int from f) as total, c.*
      from f cross join (select ${statusCounts} from l) c order by array_position(array['due','deferred','exempt','planned']::text[], f.status), f.due_on, f.person_name, f.assignment_id
      limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`;
}

/** The counts of every status over a whole due list `l` (the page's filters aside), named as `countsOf` reads. */
const statusCounts = sql`count(*) filter (where status = 'due')::int as due,
  count(*) filter (where status = 'deferred')::int as deferred,
  count(*) filter (where status = 'exempt')::int as exempt,
  count(*) filter (where status = 'planned')::int as planned,
  count(*) filter (where status = 'due' and on_draft_plan)::int as on_draft`;
type StatusCounts = { due: number; deferred: number; exempt: number; planned: number; on_draft: number };
const countsOf = (c: StatusCounts) => ({
  due: c.due,
  deferred: c.deferred,
  exempt: c.exempt,
  planned: c.planned,
  onDraft: c.on_draft,
});

type DueRowDb = StatusCounts & {
  assignment_id: string;
  unit_id: string;
  unit_name: string;
  person_name: string;
  position_code: string;
  position_name: string;
  position_name_en: string;
  assigned_on: string;
  due_on: string;
  retires_on: string | null;
  status: DueStatus;
  reason: DeferralReason | null;
  deferred_until: string | null;
  not_done_reason: string | null;
  on_draft_plan: boolean;
  total: number;
};

export async function dueList(
  ctx: Ctx,
  q: {
    year: number;
    unitId?: string | undefined;
    status?: DueStatus | undefined;
    q?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  requireRegisterReader(ctx);
  const unit = q.unitId ? { path: await registerUnit(ctx, ctx.db, q.unitId, false) } : null;
  const scope = registerScope(ctx, sql`u.path`);
  const found = await rows<DueRowDb>(
    ctx.db,
    duePageSql({ ...q, q: q.q?.normalize('NFC').trim(), scope, unitPath: unit?.path ?? null }),
  );
  const first = found[0];
  const counts = first ? countsOf(first) : await countsOnly(ctx, q.year, scope, unit?.path ?? null);
  return {
    items: found.map((r) => dueRow(ctx, r)),
    total: first?.total ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    counts,
  };
}

function dueRow(ctx: Ctx, r: Omit<DueRowDb, 'total' | keyof StatusCounts>) {
  return {
    assignmentId: r.assignment_id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    personName: r.person_name,
    positionCode: r.position_code,
    positionName: ctx.lang === 'en' ? r.position_name_en : r.position_name,
    assignedOn: r.assigned_on,
    dueOn: r.due_on,
    status: r.status,
    reason: r.reason,
    deferredUntil: r.deferred_until,
    notDoneReason: r.not_done_reason,
    onDraftPlan: r.on_draft_plan,
    retiresOn: r.retires_on,
  };
}

async function countsOnly(ctx: Ctx, year: number, scope: SQL | undefined, path: string | null) {
  const [c] = await rows<StatusCounts>(
    ctx.db,
    sql`with l as (${dueListSql(year, scope, path)}) select ${statusCounts} from l`,
  );
  return countsOf(c!);
}

// --- Plans ---------------------------------------------------------------------------------------------

const issueBy = (year: number) => `${year}-03-31`;

async function presentPlan(ctx: Ctx, db: Db, id: string) {
  const [p] = await db
    .select({ p: rotationPlans, unitName: units.name, path: units.path })
    .from(rotationPlans)
    .innerJoin(units, eq(units.id, rotationPlans.unitId))
    .where(eq(rotationPlans.id, id));
  if (!p || !registerReadable(ctx, p.path)) throw new AppError('not_found');
  const items = await db
    .select({
      i: rotationPlanItems,
      personName: rotationAssignments.personName,
      positionName: positionName(ctx),
      unitName: units.name,
    })
    .from(rotationPlanItems)
    .innerJoin(rotationAssignments, eq(rotationAssignments.id, rotationPlanItems.assignmentId))
    .innerJoin(rotationPositions, eq(rotationPositions.code, rotationAssignments.positionCode))
    .innerJoin(units, eq(units.id, rotationAssignments.unitId))
    .where(eq(rotationPlanItems.planId, id))
    .orderBy(asc(rotationPlanItems.plannedOn), asc(rotationAssignments.personName));
  // Who is due this year in the unit but not planned, and why: the plan states them (Law Art. 25; rev20 P9).
  const exceptions = await rows<DueRowDb>(
    db,
    // Everyone due in the year who is not on this plan — deferred, exempt, or due and left off it (rev28:
    // one taken off vanished from the page) — and never someone who is on it.
    sql`select * from (${dueListSql(p.p.year, undefined, p.path)}) l
      where status in ('due', 'deferred', 'exempt')
        and not exists (select 1 from ${rotationPlanItems} i where i.plan_id = ${p.p.id} and i.assignment_id = l.assignment_id)
      order by array_position(array['due','deferred','exempt']::text[], status), unit_name, person_name`,
  );
  return {
    ...planSummary(
      p.p,
      p.unitName,
      items.map((x) => x.i),
    ),
    itemList: items.map((x) => ({
      id: x.i.id,
      assignmentId: x.i.assignmentId,
      personName: x.personName,
      positionName: x.positionName,
      unitName: x.unitName,
      plannedOn: x.i.plannedOn,
      toPosition: x.i.toPosition,
      status: x.i.status,
      doneOn: x.i.doneOn,
      decisionNo: x.i.decisionNo,
      reason: x.i.reason,
      version: x.i.version,
    })),
    exceptions: exceptions.map((r) => dueRow(ctx, r)),
  };
}

function planSummary(
  p: typeof rotationPlans.$inferSelect,
  unitName: string,
  items: Array<{ status: string }>,
) {
  return {
    id: p.id,
    unitId: p.unitId,
    unitName,
    year: p.year,
    stage: p.stage,
    content: p.content,
    issuedOn: p.issuedOn,
    decisionNo: p.decisionNo,
    publishedOn: p.publishedOn,
    issueBy: issueBy(p.year),
    items: items.length,
    done: items.filter((i) => i.status === 'done').length,
    notDone: items.filter((i) => i.status === 'not_done').length,
    version: p.version,
  };
}

export async function listPlans(ctx: Ctx, year?: number) {
  requireRegisterReader(ctx);
  const found = await ctx.db
    .select({ p: rotationPlans, unitName: units.name })
    .from(rotationPlans)
    .innerJoin(units, eq(units.id, rotationPlans.unitId))
    .where(and(registerScope(ctx), year ? eq(rotationPlans.year, year) : undefined))
    .orderBy(desc(rotationPlans.year), asc(units.name))
    .limit(500);
  const ids = found.map((f) => f.p.id);
  const items = ids.length
    ? await ctx.db
        .select({ planId: rotationPlanItems.planId, status: rotationPlanItems.status })
        .from(rotationPlanItems)
        .where(inArray(rotationPlanItems.planId, ids))
    : [];
  return found.map((f) =>
    planSummary(
      f.p,
      f.unitName,
      items.filter((i) => i.planId === f.p.id),
    ),
  );
}

export const getPlan = (ctx: Ctx, id: string) => presentPlan(ctx, ctx.db, id);

export async function createPlan(
  ctx: Ctx,
  input: { unitId: string; year: number; content: string; includeDue: boolean },
) {
  if (!canAnywhere(ctx.actor, HANDLE)) throw new AppError('not_found');
  return ctx.db.transaction(async (tx) => {
    const u = { path: await registerUnit(ctx, tx, input.unitId, true, 'unitId') };
    const [exists] = await tx
      .select({ id: rotationPlans.id })
      .from(rotationPlans)
      .where(and(eq(rotationPlans.unitId, input.unitId), eq(rotationPlans.year, input.year)));
    if (exists) throw fieldError('year', 'field.rotation_plan_exists');
    const [p] = await tx
      .insert(rotationPlans)
      .values({ unitId: input.unitId, year: input.year, content: input.content })
      .returning();
    let added = 0;
    if (input.includeDue) {
      // Everyone due in the unit's subtree (not deferred, not exempt), planned for the year's first day.
      const due = await rows<{ assignment_id: string; status: string; deferred_until: string | null }>(
        tx,
        dueListSql(input.year, undefined, u.path),
      );
      // One deferred until within the year is planned for the day after the deferral ends.
      const items = due
        .filter((d) => d.status === 'due')
        .map((d) => ({
          planId: p!.id,
          assignmentId: d.assignment_id,
          plannedOn:
            d.deferred_until && d.deferred_until >= `${input.year}-01-01`
              ? addDays(d.deferred_until, 1)
              : `${input.year}-01-01`,
        }));
      if (items.length) {
        await tx.insert(rotationPlanItems).values(items);
        added = items.length;
      }
    }
    await audit(tx, ctx, {
      action: 'rotation.plan_created',
      entityType: 'rotation_plan',
      entityId: p!.id,
      unitId: input.unitId,
      changes: { year: input.year, items: added },
    });
    return { id: p!.id };
  });
}

async function lockPlan(ctx: Ctx, tx: Db, id: string, version: number) {
  const [p] = await tx
    .select({ p: rotationPlans, path: units.path })
    .from(rotationPlans)
    .innerJoin(units, eq(units.id, rotationPlans.unitId))
    .where(eq(rotationPlans.id, id))
    .for('update', { of: rotationPlans });
  requireRegisterWrite(ctx, p, p?.p.version, version);
  return p;
}

export async function addPlanItem(
  ctx: Ctx,
  planId: string,
  input: { assignmentId: string; plannedOn: string; toPosition?: string | null | undefined; version: number },
) {
  return ctx.db.transaction(async (tx) => {
    const p = await lockPlan(ctx, tx, planId, input.version);
    if (p.p.stage !== 'draft') throw fieldError('assignmentId', 'field.plan_not_draft');
    const [a] = await tx
      .select({ id: rotationAssignments.id, path: units.path, endedOn: rotationAssignments.endedOn })
      .from(rotationAssignments)
      .innerJoin(units, eq(units.id, rotationAssignments.unitId))
      .where(eq(rotationAssignments.id, input.assignmentId));
    if (!a || !a.path.startsWith(p.path) || a.endedOn) throw fieldError('assignmentId', 'field.invalid');
    await notOwnPost(ctx, tx, a.id);
    if (!input.plannedOn.startsWith(String(p.p.year))) throw fieldError('plannedOn', 'field.date_range');
    await checkPlannable(tx, p.p.year, p.path, input.assignmentId, input.plannedOn);
    const added = await tx
      .insert(rotationPlanItems)
      .values({
        planId,
        assignmentId: input.assignmentId,
        plannedOn: input.plannedOn,
        toPosition: input.toPosition ?? null,
      })
      .onConflictDoNothing()
      .returning({ id: rotationPlanItems.id });
    // Already on it: said, and neither the plan's version nor the log moves (sec31 F6).
    if (added.length === 0) throw fieldError('assignmentId', 'field.already_on_plan');
    await tx
      .update(rotationPlans)
      .set({ version: p.p.version + 1, updatedAt: ctx.clock.now() })
      .where(eq(rotationPlans.id, planId));
    await audit(tx, ctx, {
      action: 'rotation.plan_item_added',
      entityType: 'rotation_plan',
      entityId: planId,
      unitId: p.p.unitId,
      changes: { assignment: input.assignmentId, plannedOn: input.plannedOn },
    });
    return presentPlan(ctx, tx, planId);
  });
}

/** A draft's text corrected before it is issued; once issued, the plan is what the head signed. */
export async function updatePlanDraft(ctx: Ctx, planId: string, input: { content: string; version: number }) {
  return ctx.db.transaction(async (tx) => {
    const p = await lockPlan(ctx, tx, planId, input.version);
    if (p.p.stage !== 'draft') throw new AppError('plan_not_draft');
    await tx
      .update(rotationPlans)
      .set({ content: input.content, version: p.p.version + 1, updatedAt: ctx.clock.now() })
      .where(eq(rotationPlans.id, planId));
    await audit(tx, ctx, {
      action: 'rotation.plan_updated',
      entityType: 'rotation_plan',
      entityId: planId,
      unitId: p.p.unitId,
      changes: diff(p.p, { content: input.content }),
    });
    return presentPlan(ctx, tx, planId);
  });
}

/** A draft's item, with its plan locked at the version the user read (the plan is edited as one). */
async function lockDraftItem(ctx: Ctx, tx: Db, itemId: string, version: number) {
  const [i] = await tx.select().from(rotationPlanItems).where(eq(rotationPlanItems.id, itemId));
  if (!i) throw new AppError('not_found');
  const p = await lockPlan(ctx, tx, i.planId, version);
  if (p.p.stage !== 'draft') throw new AppError('plan_not_draft');
  return { i, p };
}

/** A draft plan changed as a whole: its version moves on (the user edits it as one) and the change is audited. */
async function draftChanged(
  ctx: Ctx,
  tx: Db,
  plan: typeof rotationPlans.$inferSelect,
  action: 'rotation.plan_item_changed' | 'rotation.plan_item_removed',
  changes: Record<string, unknown>,
) {
  await tx
    .update(rotationPlans)
    .set({ version: plan.version + 1, updatedAt: ctx.clock.now() })
    .where(eq(rotationPlans.id, plan.id));
  await audit(tx, ctx, {
    action,
    entityType: 'rotation_plan',
    entityId: plan.id,
    unitId: plan.unitId,
    changes,
  });
  return presentPlan(ctx, tx, plan.id);
}

/**
 * Someone the law does not rotate this year is not put on the plan (rev28: an exempt official was listed
 * both as planned and as exempt): under 18 months to retirement, or deferred the whole year; one deferred
 * part of the year is planned after the deferral ends.
 */
async function checkPlannable(tx: Db, year: number, path: string, assignmentId: string, plannedOn: string) {
  const [r] = await rows<{ status: string; deferred_until: string | null }>(
    tx,
    sql`select status, deferred_until from (${dueListSql(year, sql`a.id = ${assignmentId}`, path)}) l`,
  );
  if (r?.status === 'exempt') throw fieldError('assignmentId', 'field.rotation_exempt');
  if (r?.status === 'deferred') throw fieldError('assignmentId', 'field.rotation_deferred');
  if (r?.deferred_until && plannedOn <= r.deferred_until)
    throw fieldError('plannedOn', 'field.rotation_deferred_until', {
      date: r.deferred_until.split('-').reverse().join('/'),
    });
}

/** When and where a person on a draft plan moves. */
export async function changePlanItem(
  ctx: Ctx,
  itemId: string,
  input: { plannedOn: string; toPosition?: string | null | undefined; version: number },
) {
  return ctx.db.transaction(async (tx) => {
    const { i, p } = await lockDraftItem(ctx, tx, itemId, input.version);
    await notOwnPost(ctx, tx, i.assignmentId);
    if (!input.plannedOn.startsWith(String(p.p.year))) throw fieldError('plannedOn', 'field.date_range');
    await checkPlannable(tx, p.p.year, p.path, i.assignmentId, input.plannedOn);
    const next = { plannedOn: input.plannedOn, toPosition: input.toPosition ?? null };
    await tx
      .update(rotationPlanItems)
      .set({ ...next, version: i.version + 1 })
      .where(eq(rotationPlanItems.id, itemId));
    return draftChanged(ctx, tx, p.p, 'rotation.plan_item_changed', {
      assignment: i.assignmentId,
      ...diff(i, next),
    });
  });
}

/** A person taken off a draft plan: they are on the due list again, where a deferral can say why. */
export async function removePlanItem(ctx: Ctx, itemId: string, version: number) {
  return ctx.db.transaction(async (tx) => {
    const { i, p } = await lockDraftItem(ctx, tx, itemId, version);
    await notOwnPost(ctx, tx, i.assignmentId);
    await tx.delete(rotationPlanItems).where(eq(rotationPlanItems.id, itemId));
    return draftChanged(ctx, tx, p.p, 'rotation.plan_item_removed', {
      assignment: i.assignmentId,
      plannedOn: i.plannedOn,
    });
  });
}

/** Issued by the head (and published, Law Art. 26): a draft's items are then the year's commitments. */
export async function planStep(
  ctx: Ctx,
  planId: string,
  input: { step: 'issue' | 'publish'; on: string; decisionNo?: string | null | undefined; version: number },
) {
  return ctx.db.transaction(async (tx) => {
    const p = await lockPlan(ctx, tx, planId, input.version);
    if (input.on > today(ctx)) throw fieldError('on', 'field.date_future');
    // A year's plan is issued from the year before it at the earliest.
    if (input.on < `${p.p.year - 1}-01-01`) throw fieldError('on', 'field.date_too_far');
    if (input.step === 'issue') {
      if (p.p.stage !== 'draft') throw fieldError('step', 'field.step_not_now');
      if (!input.decisionNo) throw fieldError('decisionNo', 'field.required');
      await tx
        .update(rotationPlans)
        .set({
          stage: 'issued',
          issuedOn: input.on,
          decisionNo: input.decisionNo,
          version: p.p.version + 1,
          updatedAt: ctx.clock.now(),
        })
        .where(eq(rotationPlans.id, planId));
    } else {
      if (p.p.stage !== 'issued') throw fieldError('step', 'field.step_not_now');
      if (input.on < p.p.issuedOn!) throw fieldError('on', 'field.date_order');
      await tx
        .update(rotationPlans)
        .set({
          stage: 'published',
          publishedOn: input.on,
          version: p.p.version + 1,
          updatedAt: ctx.clock.now(),
        })
        .where(eq(rotationPlans.id, planId));
    }
    await audit(tx, ctx, {
      action: input.step === 'issue' ? 'rotation.plan_issued' : 'rotation.plan_published',
      entityType: 'rotation_plan',
      entityId: planId,
      unitId: p.p.unitId,
      changes: { on: input.on },
    });
    return presentPlan(ctx, tx, planId);
  });
}

/** A planned rotation carried out (the assignment ends as rotated) or not, with the reason for the exception. */
export async function recordItem(
  ctx: Ctx,
  itemId: string,
  input: {
    status: 'done' | 'not_done';
    on: string;
    decisionNo?: string | null | undefined;
    reason?: string | null | undefined;
    version: number;
  },
) {
  return ctx.db.transaction(async (tx) => {
    const [i] = await tx
      .select()
      .from(rotationPlanItems)
      .where(eq(rotationPlanItems.id, itemId))
      .for('update');
    if (!i) throw new AppError('not_found');
    const [plan] = await tx
      .select({ version: rotationPlans.version })
      .from(rotationPlans)
      .where(eq(rotationPlans.id, i.planId));
    const p = await lockPlan(ctx, tx, i.planId, plan!.version);
    if (i.version !== input.version) throw new AppError('conflict');
    if (p.p.stage === 'draft') throw fieldError('status', 'field.plan_not_issued');
    if (i.status !== 'planned') throw fieldError('status', 'field.step_not_now');
    const [a] = await tx
      .select({
        userId: rotationAssignments.userId,
        unitId: rotationAssignments.unitId,
        personName: rotationAssignments.personName,
        assignedOn: rotationAssignments.assignedOn,
      })
      .from(rotationAssignments)
      .where(eq(rotationAssignments.id, i.assignmentId));
    await notOwn(ctx, tx, a!);
    if (input.on > today(ctx)) throw fieldError('on', 'field.date_future');
    // Carried out after the plan was issued, and never before the post began.
    if (input.on < p.p.issuedOn! || input.on < a!.assignedOn) throw fieldError('on', 'field.date_order');
    if (input.status === 'done' && !input.decisionNo) throw fieldError('decisionNo', 'field.required');
    if (input.status === 'not_done' && !input.reason) throw fieldError('reason', 'field.required');
    await tx
      .update(rotationPlanItems)
      .set({
        status: input.status,
        doneOn: input.on,
        decisionNo: input.decisionNo ?? null,
        reason: input.reason ?? null,
        version: i.version + 1,
      })
      .where(eq(rotationPlanItems.id, itemId));
    if (input.status === 'done')
      await tx
        .update(rotationAssignments)
        .set({
          endedOn: input.on,
          rotated: true,
          endDecisionNo: input.decisionNo ?? null,
          version: sql`${rotationAssignments.version} + 1`,
          updatedAt: ctx.clock.now(),
        })
        .where(and(eq(rotationAssignments.id, i.assignmentId), sql`${rotationAssignments.endedOn} is null`));
    await tx
      .update(rotationPlans)
      .set({ version: p.p.version + 1, updatedAt: ctx.clock.now() })
      .where(eq(rotationPlans.id, i.planId));
    await audit(tx, ctx, {
      action: 'rotation.plan_item_recorded',
      entityType: 'rotation_plan',
      entityId: i.planId,
      unitId: p.p.unitId,
      changes: { item: itemId, status: input.status, on: input.on },
    });
    return presentPlan(ctx, tx, i.planId);
  });
}
