import { and, asc, desc, eq, or, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { diff } from '#server/modules/audit/chain.ts';
import { audit } from '#server/modules/audit/service.ts';
import { computeDue, finishClocks, startClock } from '#server/modules/clocks/service.ts';
import { scopeFilter, searchFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import { samePeopleAs } from '#server/modules/users/holders.ts';
import { users } from '#server/modules/users/tables.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import {
  type ConflictCreate,
  type ConflictEdit,
  type ConflictStep,
  type ConflictStepKind,
  temporaryMeasures,
} from '#shared/integrity/schemas.ts';
import { can, canAnywhere, grantCovers } from '#shared/permissions.ts';
import {
  addEvent,
  checkDate,
  DECLARE,
  eventsOf,
  HANDLE,
  type Held,
  handlingUnit,
  mayHandle,
  OVERSEE,
  rangeField,
  readable,
  recordNumber,
  recordNumberSql,
  refreshNextDue,
  today,
} from './common.ts';
import { conflicts } from './tables.ts';

/**
 * Conflicts of interest (Law Art. 23; Decree 59 Arts. 29–35, 46–49; ADR 0030): reported within 5 working
 * days of arising, by the official or a colleague; the head decides a measure within 5 working days and
 * notifies within 5 more; a temporary transfer or suspension lasts 90 days, is cancelled within 5 working
 * days of its end and the cancellation published within 5 more.
 */

type ConflictRow = typeof conflicts.$inferSelect;
const number = (c: Pick<ConflictRow, 'seq' | 'reportedOn'>) => recordNumber('XDLI', c.seq, c.reportedOn);

function present(ctx: Ctx, c: ConflictRow, unitName: string, reportedByName: string | null) {
  return {
    id: c.id,
    number: number(c),
    unitId: c.unitId,
    unitName,
    personId: c.personId,
    personName: c.personName,
    personPosition: c.personPosition,
    reporter: c.reporter,
    // A colleague's report: the official concerned does not learn from Liêm who reported them.
    reportedByName: c.reporter === 'colleague' && c.personId === ctx.actor.userId ? null : reportedByName,
    situation: c.situation,
    task: c.task,
    description: c.description,
    arisenOn: c.arisenOn,
    reportedOn: c.reportedOn,
    reportedLate: c.reportBy !== null && c.reportedOn > c.reportBy,
    impact: c.impact,
    proposedMeasure: c.proposedMeasure,
    stage: c.stage,
    measure: c.measure,
    decidedOn: c.decidedOn,
    decisionNo: c.decisionNo,
    supervisor: c.supervisor,
    decideBy: c.decideBy,
    notifyBy: c.notifyBy,
    notifiedOn: c.notifiedOn,
    measureUntil: c.measureUntil,
    endedOn: c.endedOn,
    endReason: c.endReason,
    publishBy: c.publishBy,
    publishedOn: c.publishedOn,
    publishedHow: c.publishedHow,
    nextDueOn: c.nextDueOn,
    late: c.nextDueOn !== null && c.nextDueOn < today(ctx),
    mine: c.personId !== null && c.personId === ctx.actor.userId,
    version: c.version,
  };
}

function visible(ctx: Ctx): SQL | undefined {
  if (ctx.actor.kind === 'system') return undefined;
  const me = ctx.actor.userId;
  return or(
    me ? or(eq(conflicts.personId, me), eq(conflicts.reportedBy, me)) : undefined,
    scopeFilter(ctx.actor, HANDLE, units.path),
    scopeFilter(ctx.actor, OVERSEE, units.path),
  );
}

/** Who must not decide: the official concerned, and whoever reported them unless the head detected it. */
const notBy = (c: ConflictRow) => [c.personId, c.reporter === 'head' ? null : c.reportedBy];

/** A head detects a conflict: someone holding the unit-head role over the official's unit. */
const headsOver = (ctx: Ctx, path: string) =>
  ctx.actor.grants.some((g) => g.role === 'unit_head' && !g.awaitingKeys && grantCovers(g, path));

export async function createConflict(ctx: Ctx, input: ConflictCreate) {
  if (!canAnywhere(ctx.actor, DECLARE) && !canAnywhere(ctx.actor, HANDLE)) throw new AppError('not_found');
  const me = ctx.actor.userId;
  // Someone else's own report, made on paper, is registered by a handler over their unit (with its date).
  const paperSelf = input.reporter === 'self' && !!input.personId && input.personId !== me;
  const personId = input.reporter === 'self' && !paperSelf ? me : input.personId;
  if (!personId) throw fieldError('personId', 'field.required');
  if (input.reporter !== 'self' && personId === me)
    throw fieldError('reporter', 'field.own_conflict_is_self');
  return ctx.db.transaction(async (tx) => {
    const person = await handlingUnit(tx, personId);
    if (!person) throw fieldError('personId', 'field.invalid');
    const [home] = await tx.select({ path: units.path }).from(units).where(eq(units.id, person.homeUnitId));
    if (paperSelf) {
      if (!can(ctx.actor, HANDLE, { unitPath: home!.path }))
        throw fieldError('personId', 'field.self_report_is_own');
      if (!input.reportedOn) throw fieldError('reportedOn', 'field.required');
    } else if (input.reporter === 'head') {
      if (!can(ctx.actor, HANDLE, { unitPath: home!.path }))
        throw fieldError('personId', 'field.unit_out_of_scope');
      if (!headsOver(ctx, home!.path)) throw fieldError('reporter', 'field.not_the_head');
    } else if (input.reporter === 'colleague') {
      // A colleague reports within their own unit (to the direct manager), or as a handler over it.
      const [mine] = await tx
        .select({ unitId: users.unitId })
        .from(users)
        .where(eq(users.id, me ?? ''));
      if (mine?.unitId !== person.homeUnitId && !can(ctx.actor, HANDLE, { unitPath: home!.path }))
        throw fieldError('personId', 'field.unit_out_of_scope');
    } else if (
      !can(ctx.actor, DECLARE, { unitPath: home!.path }) &&
      !can(ctx.actor, HANDLE, { unitPath: home!.path })
    )
      throw new AppError('not_found');
    checkDate(ctx, 'arisenOn', input.arisenOn);
    // A past report date only for someone else's paper report registered by a handler over them.
    if (
      input.reportedOn &&
      ((input.reporter === 'self' && !paperSelf) || !can(ctx.actor, HANDLE, { unitPath: home!.path }))
    )
      throw fieldError('reportedOn', 'field.reported_on_paper_only');
    if (input.reportedOn) checkDate(ctx, 'reportedOn', input.reportedOn, input.arisenOn);
    const reportedOn = input.reportedOn ?? today(ctx);
    const reportBy = await computeDue(tx, 'coi.report', input.arisenOn).catch(rangeField('arisenOn'));
    const [row] = await tx
      .insert(conflicts)
      .values({
        unitId: person.unitId,
        personId,
        personName: person.name,
        personPosition: person.position,
        reporter: input.reporter,
        reportedBy: me,
        situation: input.situation,
        task: input.task,
        description: input.description,
        arisenOn: input.arisenOn,
        reportedOn,
        reportBy: reportBy.due,
        impact: input.impact,
        proposedMeasure: input.proposedMeasure ?? null,
      })
      .returning();
    const c = row!;
    const decide = await startClock(tx, { kind: 'conflict', id: c.id }, 'coi.decide', reportedOn);
    await tx
      .update(conflicts)
      .set({ decideBy: decide.due, nextDueOn: decide.due })
      .where(eq(conflicts.id, c.id));
    await addEvent(ctx, tx, c.id, 'reported');
    await audit(tx, ctx, {
      action: 'conflict.reported',
      entityType: 'conflict',
      entityId: c.id,
      unitId: c.unitId,
      changes: {
        number: number(c),
        situation: c.situation,
        reporter: c.reporter,
        late: reportedOn > reportBy.due,
      },
    });
    return { id: c.id };
  });
}

async function loadConflict(ctx: Ctx, db: Db, id: string, lock = false) {
  const q = db
    .select({ c: conflicts, unitName: units.name, path: units.path, reportedByName: users.fullName })
    .from(conflicts)
    .innerJoin(units, eq(units.id, conflicts.unitId))
    .leftJoin(users, eq(users.id, conflicts.reportedBy))
    .where(eq(conflicts.id, id));
  const [r] = await (lock ? q.for('update', { of: conflicts }) : q);
  if (!r || !readable(ctx, r.path, [r.c.personId, r.c.reportedBy])) throw new AppError('not_found');
  return { ...r, people: await samePeopleAs(db, ctx.actor.userId, [r.c.personId, r.c.reportedBy]) };
}

/**
 * The measure is the head's to decide and to end (Decree 59/2019 Arts. 31-35: the person with authority
 * to manage the official); a focal officer records the notice, the supervision reports and the
 * publication (review rev20 P6: a colleague could suspend a colleague).
 */
function stepsFor(ctx: Ctx, c: ConflictRow, at: Held): ConflictStepKind[] {
  if (!mayHandle(ctx, at, notBy(c))) return [];
  const head = headsOver(ctx, at.path);
  switch (c.stage) {
    case 'reported':
      return head ? ['decide'] : [];
    case 'decided':
      return ['notify'];
    case 'in_force':
      return [
        ...(c.measure === 'supervision' ? (['supervision_report'] as const) : []),
        ...(head ? (['end'] as const) : []),
      ];
    case 'ended':
      return ['publish'];
    default:
      return [];
  }
}

/**
 * May the actor correct the report now: until the head has decided a measure, its reporter, or a handler
 * over the unit who is not the official concerned. The decision is based on the report as it then stood.
 */
function mayCorrect(ctx: Ctx, c: ConflictRow, at: Held) {
  if (c.stage !== 'reported') return false;
  return (ctx.actor.userId !== null && c.reportedBy === ctx.actor.userId) || mayHandle(ctx, at, [c.personId]);
}

/** When it arose decides whether it was reported late: moved by a handler, neither the official nor the reporter. */
const mayRedate = (ctx: Ctx, c: ConflictRow, at: Held) => mayHandle(ctx, at, [c.personId, c.reportedBy]);

export async function correctConflict(ctx: Ctx, id: string, input: ConflictEdit) {
  return ctx.db.transaction(async (tx) => {
    const r = await loadConflict(ctx, tx, id, true);
    const c = r.c;
    if (!mayCorrect(ctx, c, r)) {
      const me = ctx.actor.userId;
      const concerned = me !== null && (c.reportedBy === me || c.personId === me);
      if (!concerned && !can(ctx.actor, HANDLE, { unitPath: r.path })) throw new AppError('forbidden');
      if (c.stage === 'reported') throw new AppError('separation_of_duties');
      throw new AppError('record_final');
    }
    if (c.version !== input.version) throw new AppError('conflict');
    checkDate(ctx, 'arisenOn', input.arisenOn);
    if (input.arisenOn > c.reportedOn) throw fieldError('arisenOn', 'field.after_reported_on');
    // When it arose decides whether it was reported within 5 working days: the reporter does not move it
    // alone (sec31 F2: a self-report's 'late' was cleared that way). A handler corrects it, audited.
    if (input.arisenOn !== c.arisenOn && !mayRedate(ctx, c, r))
      throw fieldError('arisenOn', 'field.date_by_unit');
    const next = {
      situation: input.situation,
      task: input.task,
      description: input.description,
      arisenOn: input.arisenOn,
      impact: input.impact,
      proposedMeasure: input.proposedMeasure ?? null,
    };
    const changes = diff(c, next);
    if (Object.keys(changes).length === 0) return getConflict(ctx, id, tx);
    // The 5 working days to report run from when it arose: whether it was reported late follows the date.
    const reportBy =
      next.arisenOn === c.arisenOn
        ? c.reportBy
        : (await computeDue(tx, 'coi.report', next.arisenOn).catch(rangeField('arisenOn'))).due;
    await tx
      .update(conflicts)
      .set({ ...next, reportBy, version: c.version + 1 })
      .where(eq(conflicts.id, id));
    await addEvent(ctx, tx, id, 'corrected', Object.keys(changes).join(', '));
    await audit(tx, ctx, {
      action: 'conflict.corrected',
      entityType: 'conflict',
      entityId: id,
      unitId: c.unitId,
      changes,
    });
    return getConflict(ctx, id, tx);
  });
}

export async function getConflict(ctx: Ctx, id: string, db: Db = ctx.db) {
  const r = await loadConflict(ctx, db, id);
  // The official concerned never learns from Liêm which colleague reported them, not even by the history.
  const hideReporter = r.c.reporter === 'colleague' && r.c.personId === ctx.actor.userId;
  const events = await eventsOf(db, id, hideReporter ? r.c.reportedBy : null);
  return {
    ...present(ctx, r.c, r.unitName, r.reportedByName),
    events,
    can: stepsFor(ctx, r.c, r),
    canCorrect: mayCorrect(ctx, r.c, r),
    canRedate: mayCorrect(ctx, r.c, r) && mayRedate(ctx, r.c, r),
  };
}

export async function listConflicts(
  ctx: Ctx,
  q: {
    year?: number | undefined;
    stage?: string | undefined;
    situation?: string | undefined;
    measure?: string | undefined;
    mine?: '1' | undefined;
    late?: '1' | undefined;
    unitId?: string | undefined;
    q?: string | undefined;
    sort?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  if (!canAnywhere(ctx.actor, DECLARE) && !canAnywhere(ctx.actor, HANDLE) && !canAnywhere(ctx.actor, OVERSEE))
    throw new AppError('not_found');
  let unitPath: string | undefined;
  if (q.unitId) {
    const [u] = await ctx.db.select({ path: units.path }).from(units).where(eq(units.id, q.unitId));
    // A unit out of the reader's scope is not found, as in every register (not an empty list).
    if (
      !u ||
      !(can(ctx.actor, HANDLE, { unitPath: u.path }) || can(ctx.actor, OVERSEE, { unitPath: u.path }))
    )
      throw new AppError('not_found');
    unitPath = u.path;
  }
  const where = and(
    visible(ctx),
    q.mine ? eq(conflicts.personId, ctx.actor.userId ?? '') : undefined,
    unitPath ? sql`${units.path} like ${`${unitPath}%`}` : undefined,
    q.year ? sql`${conflicts.reportedOn} between ${`${q.year}-01-01`} and ${`${q.year}-12-31`}` : undefined,
    q.stage ? eq(conflicts.stage, q.stage as never) : undefined,
    q.situation ? eq(conflicts.situation, q.situation as never) : undefined,
    q.measure ? eq(conflicts.measure, q.measure as never) : undefined,
    q.late ? sql`${conflicts.nextDueOn} < ${today(ctx)}` : undefined,
    searchFilter(
      sql`liem_fold(${recordNumberSql('XDLI', sql`${conflicts.seq}`, sql`${conflicts.reportedOn}`)} || ' ' || ${conflicts.personName} || ' ' || ${conflicts.task})`,
      q.q,
    ),
  );
  const order =
    q.sort === 'reportedOn'
      ? [asc(conflicts.reportedOn), asc(conflicts.seq)]
      : q.sort === 'nextDueOn' || q.sort === '-nextDueOn'
        ? [
            sql`${conflicts.nextDueOn} ${sql.raw(q.sort === 'nextDueOn' ? 'asc' : 'desc')} nulls last`,
            desc(conflicts.seq),
          ]
        : [desc(conflicts.reportedOn), desc(conflicts.seq)];
  const [n] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(conflicts)
    .innerJoin(units, eq(units.id, conflicts.unitId))
    .where(where);
  const found = await ctx.db
    .select({ c: conflicts, unitName: units.name, reportedByName: users.fullName })
    .from(conflicts)
    .innerJoin(units, eq(units.id, conflicts.unitId))
    .leftJoin(users, eq(users.id, conflicts.reportedBy))
    .where(where)
    .orderBy(...order)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    items: found.map((r) => present(ctx, r.c, r.unitName, r.reportedByName)),
    total: n!.n,
    page: q.page,
    pageSize: q.pageSize,
  };
}

const required = (field: string, v: unknown) => {
  if (v === null || v === undefined) throw fieldError(field, 'field.required');
};

export async function recordConflictStep(ctx: Ctx, id: string, input: ConflictStep) {
  return ctx.db.transaction(async (tx) => {
    const r = await loadConflict(ctx, tx, id, true);
    const c = r.c;
    if (c.version !== input.version) throw new AppError('conflict');
    if (!can(ctx.actor, HANDLE, { unitPath: r.path })) throw new AppError('forbidden');
    if (!mayHandle(ctx, r, notBy(c))) throw new AppError('separation_of_duties');
    if ((input.step === 'decide' || input.step === 'end') && !headsOver(ctx, r.path))
      throw new AppError('forbidden');
    if (!stepsFor(ctx, c, r).includes(input.step)) throw fieldError('step', 'field.step_not_now');
    const subject = { kind: 'conflict' as const, id };
    const set: Partial<ConflictRow> = {};
    let note = input.note ?? null;
    switch (input.step) {
      case 'decide': {
        checkDate(ctx, 'on', input.on, c.reportedOn);
        required('measure', input.measure);
        if (input.measure !== 'none') required('documentNo', input.documentNo);
        else required('note', input.note);
        if (input.measure === 'supervision') required('supervisor', input.supervisor);
        await finishClocks(tx, id, input.on, ['coi.decide']);
        const notify = await startClock(tx, subject, 'coi.notify', input.on).catch(rangeField('on'));
        Object.assign(set, {
          stage: 'decided',
          measure: input.measure,
          decidedOn: input.on,
          decisionNo: input.documentNo ?? null,
          supervisor: input.measure === 'supervision' ? input.supervisor : null,
          notifyBy: notify.due,
        });
        if (temporaryMeasures.includes(input.measure!)) {
          // 90 days (Art. 47); then cancelled within 5 working days of its end (Art. 48).
          const until = await computeDue(tx, 'coi.temporary_measure', input.on);
          await startClock(tx, subject, 'coi.cancel', until.due);
          set.measureUntil = until.due;
        }
        note = [input.documentNo, input.supervisor, input.note].filter(Boolean).join(' — ') || null;
        break;
      }
      case 'notify':
        checkDate(ctx, 'on', input.on, c.decidedOn);
        await finishClocks(tx, id, input.on, ['coi.notify']);
        Object.assign(set, { notifiedOn: input.on, stage: c.measure === 'none' ? 'closed' : 'in_force' });
        break;
      case 'supervision_report':
        checkDate(ctx, 'on', input.on, c.decidedOn);
        required('note', input.note);
        break;
      case 'end': {
        checkDate(ctx, 'on', input.on, c.notifiedOn);
        required('reason', input.reason);
        await finishClocks(tx, id, input.on, ['coi.cancel']);
        const temporary = temporaryMeasures.includes(c.measure!);
        Object.assign(set, {
          endedOn: input.on,
          endReason: input.reason,
          stage: temporary ? 'ended' : 'closed',
        });
        if (temporary) {
          const publish = await startClock(tx, subject, 'coi.publish_cancel', input.on).catch(
            rangeField('on'),
          );
          set.publishBy = publish.due;
        }
        note = [input.documentNo, input.note].filter(Boolean).join(' — ') || null;
        break;
      }
      case 'publish':
        checkDate(ctx, 'on', input.on, c.endedOn);
        required('how', input.how);
        await finishClocks(tx, id, input.on, ['coi.publish_cancel']);
        Object.assign(set, { publishedOn: input.on, publishedHow: input.how, stage: 'closed' });
        break;
    }
    await tx
      .update(conflicts)
      .set({ ...set, version: c.version + 1, updatedAt: ctx.clock.now() })
      .where(eq(conflicts.id, id));
    await refreshNextDue(tx, 'conflicts', id);
    await addEvent(ctx, tx, id, input.step, note);
    await audit(tx, ctx, {
      action: `conflict.${input.step}`,
      entityType: 'conflict',
      entityId: id,
      unitId: c.unitId,
      changes: {
        on: input.on,
        ...(set.stage ? { stage: set.stage } : {}),
        ...(input.measure ? { measure: input.measure } : {}),
      },
    });
    return getConflict(ctx, id, tx);
  });
}

/**
 * The colleagues an official may report (Decree 59/2019 Art. 30): the active people of their own unit,
 * by name without accents — what a report by a colleague accepts, for someone who may not read the
 * users list (rev20 P3: a declarant could only report themselves).
 */
export async function colleagues(ctx: Ctx, q: string | undefined) {
  if (!canAnywhere(ctx.actor, DECLARE) && !canAnywhere(ctx.actor, HANDLE)) throw new AppError('not_found');
  const me = ctx.actor.userId ?? '';
  const [mine] = await ctx.db.select({ unitId: users.unitId }).from(users).where(eq(users.id, me));
  if (!mine?.unitId) return { items: [] };
  const items = await ctx.db
    .select({ id: users.id, fullName: users.fullName })
    .from(users)
    .where(
      and(
        eq(users.unitId, mine.unitId),
        eq(users.status, 'active'),
        sql`${users.id} <> ${me}`,
        searchFilter(sql`liem_fold(${users.fullName})`, q),
      ),
    )
    .orderBy(asc(users.fullName))
    .limit(20);
  return { items };
}
