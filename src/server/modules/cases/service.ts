import { randomUUIDv7 } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import { type Db, rows } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { ensureRules, finishClocks, startClock } from '#server/modules/clocks/service.ts';
import { withEvidence } from '#server/modules/files/service.ts';
import { inspections, recommendations } from '#server/modules/inspections/tables.ts';
import { checkHandler, namesOfUnits } from '#server/modules/org/inspectorate.ts';
import { scopeFilter, searchFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import { sharePeople } from '#server/modules/users/holders.ts';
import { users } from '#server/modules/users/tables.ts';
import type { CaseCreate, caseStages, PersonInput } from '#shared/cases/schemas.ts';
import { formatLegalDate } from '#shared/dates.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { type Action, can, canAnywhere } from '#shared/permissions.ts';
import { caseRules } from './seed.ts';
import { caseEvents, casePersons, cases, recoveryItems, recoveryPayments, referrals } from './tables.ts';

/**
 * Corruption cases (issue 19; ADR 0029): the register every source feeds, handled by an inspectorate in
 * its scope; the referral of signs of crime on the investigating body's clock; the recovery ledger.
 */

export async function ensureCaseReferenceData(db: Db) {
  await ensureRules(db, caseRules);
}

export const MANAGE: Action = 'inspections.manage';
export const today = (ctx: Ctx) => vnToday(ctx.clock.now());
export type Stage = (typeof caseStages)[number];

export const caseNumber = (seq: number, detectedOn: string) =>
  `VV-${detectedOn.slice(0, 4)}-${String(seq).padStart(5, '0')}`;
export const parseCaseNumber = (s: string) => {
  const m = /^VV-(\d{4})-(\d{1,9})$/i.exec(s.trim());
  return m ? { year: Number(m[1]), seq: Number(m[2]) } : null;
};

/** The unit's path if the actor may act there; a field error (or 404) when not. */
export async function unitPath(ctx: Ctx, db: Db, unitId: string, field?: string) {
  const [u] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  if (!u || !can(ctx.actor, MANAGE, { unitPath: u.path })) {
    if (field) throw fieldError(field, 'field.unit_out_of_scope');
    throw new AppError('not_found');
  }
  return u.path;
}

export function checkDate(ctx: Ctx, field: string, on: string, notBefore?: string | null) {
  if (on > today(ctx)) throw fieldError(field, 'field.date_future');
  if (on < '2000-01-01') throw fieldError(field, 'field.date_too_far');
  if (notBefore && on < notBefore)
    throw fieldError(field, 'field.date_not_earlier', { date: formatLegalDate(notBefore) });
}

export async function addEvent(
  ctx: Ctx,
  db: Db,
  caseId: string,
  e: { kind: string; note?: string | null; fromUnitId?: string; toUnitId?: string },
) {
  await db.insert(caseEvents).values({
    // Time-ordered: the history reads in the order it was written, even within one second.
    id: randomUUIDv7(),
    caseId,
    kind: e.kind,
    note: e.note ?? null,
    fromUnitId: e.fromUnitId ?? null,
    toUnitId: e.toUnitId ?? null,
    by: ctx.actor.userId,
    at: ctx.clock.now(),
  });
}

/** The case's earliest open clock (its own, or a referral's answer), for lists and Home. */
export async function refreshNextDue(db: Db, caseId: string) {
  await db.execute(sql`update cases set next_due_on = (
      select min(c.due_on) from started_clocks c
      where c.done_on is null and (c.subject_id = ${caseId}
        or c.subject_id in (select id from referrals where case_id = ${caseId})))
    where id = ${caseId}`);
}

// --- Cases ---------------------------------------------------------------------------------------------

const subjectUnits = alias(units, 'subject_units');
const headUnits = alias(units, 'head_units');
const caseColumns = {
  c: cases,
  unitName: units.name,
  path: units.path,
  subject: subjectUnits.name,
  headUnitName: headUnits.name,
  inspectionTitle: inspections.title,
  persons: sql<number>`(select count(*)::int from ${casePersons} p where p.case_id = ${cases.id})`,
  waiting: sql<number>`(select count(*)::int from ${referrals} r where r.case_id = ${cases.id} and (r.decision is null or r.decision = 'verify_further'))`,
};
type CaseRow = {
  c: typeof cases.$inferSelect;
  unitName: string;
  path: string;
  subject: string | null;
  headUnitName: string | null;
  inspectionTitle: string | null;
  persons: number;
  waiting: number;
};
const from = (db: Db) =>
  db
    .select(caseColumns)
    .from(cases)
    .innerJoin(units, eq(units.id, cases.unitId))
    .leftJoin(subjectUnits, eq(subjectUnits.id, cases.subjectUnitId))
    .leftJoin(headUnits, eq(headUnits.id, cases.headUnitId))
    .leftJoin(inspections, eq(inspections.id, cases.inspectionId));

const present = (ctx: Ctx, r: CaseRow) => ({
  id: r.c.id,
  number: caseNumber(r.c.seq, r.c.detectedOn),
  unitId: r.c.unitId,
  unitName: r.unitName,
  subjectUnitId: r.c.subjectUnitId,
  subjectName: r.c.subjectName ?? r.subject,
  title: r.c.title,
  summary: r.c.summary,
  kind: r.c.kind,
  urgent: r.c.kind === 'retaliation',
  source: r.c.source,
  inspectionId: r.c.inspectionId,
  inspectionTitle: r.inspectionTitle,
  detectedOn: r.c.detectedOn,
  stage: r.c.stage,
  damageVnd: r.c.damageVnd,
  seriousness: r.c.seriousness,
  headResponsibility: r.c.headResponsibility,
  headUnitId: r.c.headUnitId,
  headUnitName: r.headUnitName,
  persons: r.persons,
  waiting: r.waiting,
  nextDueOn: r.c.nextDueOn,
  /** The next step's day has passed (the register and the case page flag it, as the filter does). */
  nextDueOverdue: r.c.nextDueOn !== null && r.c.nextDueOn < today(ctx),
  closedOn: r.c.closedOn,
  version: r.c.version,
});

export async function listCases(
  ctx: Ctx,
  q: {
    year?: number | undefined;
    stage?: string | undefined;
    source?: string | undefined;
    kind?: string | undefined;
    waiting?: 'any' | 'overdue' | undefined;
    q?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  if (!canAnywhere(ctx.actor, MANAGE)) throw new AppError('not_found');
  const on = today(ctx);
  const where = and(
    scopeFilter(ctx.actor, MANAGE, units.path),
    q.year ? sql`${cases.detectedOn} between ${`${q.year}-01-01`} and ${`${q.year}-12-31`}` : undefined,
    q.stage ? eq(cases.stage, q.stage as Stage) : undefined,
    q.source ? eq(cases.source, q.source as never) : undefined,
    q.kind ? eq(cases.kind, q.kind as never) : undefined,
    q.waiting
      ? sql`exists (select 1 from ${referrals} r where r.case_id = ${cases.id}
          and (r.decision is null or r.decision = 'verify_further')
          ${q.waiting === 'overdue' ? sql`and r.answer_due_on < ${on}` : sql``})`
      : undefined,
    searchFilter(
      sql`liem_fold(${cases.title} || ' ' || coalesce(${subjectUnits.name}, ${cases.subjectName}, ''))`,
      q.q,
    ),
  );
  const [n] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(cases)
    .innerJoin(units, eq(units.id, cases.unitId))
    .leftJoin(subjectUnits, eq(subjectUnits.id, cases.subjectUnitId))
    .where(where);
  const found = await from(ctx.db)
    .where(where)
    // Retaliation against a reporter first: it has its own urgency.
    .orderBy(
      sql`(${cases.kind} = 'retaliation' and ${cases.stage} <> 'closed') desc`,
      sql`${cases.nextDueOn} asc nulls last`,
      desc(cases.detectedOn),
      desc(cases.seq),
    )
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: found.map((r) => present(ctx, r)), total: n!.n, page: q.page, pageSize: q.pageSize };
}

export async function loadCase(ctx: Ctx, db: Db, id: string, lock = false) {
  const q = from(db).where(eq(cases.id, id));
  const [r] = await (lock ? q.for('update', { of: cases }) : q);
  if (!r || !can(ctx.actor, MANAGE, { unitPath: r.path })) throw new AppError('not_found');
  return r;
}

/**
 * A person's unit must be one the handler may act in (a case person outside scope is refused): named
 * `persons.N.unitId` in a case's list, plain `unitId` for one person added or edited (its form's field).
 */
async function checkPersons(ctx: Ctx, db: Db, persons: readonly PersonInput[], list: boolean) {
  for (const [n, p] of persons.entries())
    if (p.unitId) await unitPath(ctx, db, p.unitId, list ? `persons.${n}.unitId` : 'unitId');
}

const personValues = (caseId: string, p: PersonInput) => ({
  caseId,
  fullName: p.fullName,
  position: p.position ?? null,
  rank: p.rank ?? null,
  sector: p.sector ?? null,
  unitId: p.unitId ?? null,
  disciplineForm: p.disciplineForm ?? null,
  administrative: p.administrative ?? null,
  criminal: p.criminal ?? null,
});

/** Writes a case (from the register's form, an inspection, or a citizen's report) with its clocks. */
export async function insertCase(ctx: Ctx, tx: Db, input: CaseCreate) {
  const [row] = await tx
    .insert(cases)
    .values({
      unitId: input.unitId,
      subjectUnitId: input.subjectUnitId ?? null,
      subjectName: input.subjectUnitId ? null : (input.subjectName ?? null),
      title: input.title,
      summary: input.summary ?? null,
      kind: input.kind,
      source: input.source,
      inspectionId: input.inspectionId ?? null,
      detectedOn: input.detectedOn,
      damageVnd: input.damageVnd ?? null,
      createdBy: ctx.actor.userId,
    })
    .returning();
  const id = row!.id;
  if (input.persons.length > 0)
    await tx.insert(casePersons).values(input.persons.map((p) => personValues(id, p)));
  // A staff report is handled within 15 days (Law Art. 66(2)); retaliation has its own urgency.
  if (input.source === 'staff_report')
    await startClock(tx, { kind: 'case', id }, 'case.staff_report', input.detectedOn).catch(rangeField);
  if (input.kind === 'retaliation')
    await startClock(tx, { kind: 'case', id }, 'case.retaliation', input.detectedOn).catch(rangeField);
  await refreshNextDue(tx, id);
  await addEvent(ctx, tx, id, { kind: 'opened', toUnitId: input.unitId });
  return row!;
}

/** A date before a rule was in force has no clock: said on the field, not computed by a law not yet in force. */
function rangeField(e: unknown): never {
  if (e instanceof AppError && e.details.fields?.start)
    throw fieldError('detectedOn', 'field.clock_not_in_force');
  throw e;
}

/**
 * A recovery recommendation of the inspection a case came from, not yet carried into any ledger item: what
 * an item may carry out (each once, so the same money is never counted twice). Refused on `field`.
 */
export async function carriable(
  ctx: Ctx,
  tx: Db,
  inspectionId: string | null | undefined,
  recId: string,
  field: string,
) {
  const [r] = inspectionId
    ? await tx
        .select({
          id: recommendations.id,
          content: recommendations.content,
          amountVnd: recommendations.amountVnd,
          path: units.path,
        })
        .from(recommendations)
        .innerJoin(inspections, eq(inspections.id, recommendations.sourceId))
        .innerJoin(units, eq(units.id, inspections.unitId))
        .where(
          and(
            eq(recommendations.id, recId),
            eq(recommendations.sourceKind, 'inspection'),
            eq(recommendations.sourceId, inspectionId),
            eq(recommendations.kind, 'recovery'),
            sql`not exists (select 1 from ${recoveryItems} x where x.recommendation_id = ${recommendations.id})`,
          ),
        )
    : [];
  // Only whoever handles the inspection's inspectorate carries what it recommended (sec30 F2).
  if (!r || !can(ctx.actor, MANAGE, { unitPath: r.path }))
    throw fieldError(field, 'field.recommendation_not_carriable');
  return r;
}

export async function createCase(ctx: Ctx, input: CaseCreate) {
  if (!canAnywhere(ctx.actor, MANAGE)) throw new AppError('not_found');
  return ctx.db.transaction(async (tx) => {
    await unitPath(ctx, tx, input.unitId, 'unitId');
    if (!input.subjectUnitId && !input.subjectName) throw fieldError('subjectUnitId', 'field.required');
    if (input.subjectUnitId) await unitPath(ctx, tx, input.subjectUnitId, 'subjectUnitId');
    // A unit of the tree is chosen, never typed, so the handler rule can judge it (sec23b N3).
    if (!input.subjectUnitId && (await namesOfUnits(tx, [input.subjectName!])).size > 0)
      throw fieldError('subjectName', 'field.subject_is_unit');
    await checkHandler(tx, input.unitId, input.subjectUnitId);
    checkDate(ctx, 'detectedOn', input.detectedOn);
    if (input.inspectionId) {
      const [i] = await tx
        .select({ path: units.path, unitId: inspections.unitId })
        .from(inspections)
        .innerJoin(units, eq(units.id, inspections.unitId))
        .where(eq(inspections.id, input.inspectionId));
      if (!i || !can(ctx.actor, MANAGE, { unitPath: i.path }))
        throw fieldError('inspectionId', 'field.invalid');
      // A case from an inspection opens at the inspectorate that conducted it (it may move the case on):
      // another inspectorate would read the inspection through it (sec30 F2).
      if (input.unitId !== i.unitId) throw fieldError('unitId', 'field.case_at_inspectorate');
    } else if (input.source === 'inspection') throw fieldError('inspectionId', 'field.required');
    await checkPersons(ctx, tx, input.persons, true);
    // The conclusion's recovery recommendations chosen enter the case's ledger as recommended (the
    // issue-19 review: the same amounts were typed two or three times and could diverge).
    const carried = [];
    for (const [n, recId] of (input.recoveryFrom ?? []).entries()) {
      // The same recommendation twice would count its money twice (sec30 F1).
      if ((input.recoveryFrom ?? []).indexOf(recId) !== n)
        throw fieldError(`recoveryFrom.${n}`, 'field.duplicate');
      carried.push(await carriable(ctx, tx, input.inspectionId, recId, `recoveryFrom.${n}`));
    }
    // Only once all holds is the case written: a refused save uses up no case number (re-review N1).
    const row = await insertCase(ctx, tx, input);
    if (carried.length > 0)
      await tx.insert(recoveryItems).values(
        carried.map((r) => ({
          caseId: row.id,
          kind: 'money' as const,
          description: r.content,
          measure: 'administrative' as const,
          returnTo: 'budget' as const,
          recommendedVnd: r.amountVnd ?? 0,
          recommendationId: r.id,
        })),
      );
    await audit(tx, ctx, {
      action: 'case.opened',
      entityType: 'case',
      entityId: row.id,
      unitId: input.unitId,
      changes: {
        number: caseNumber(row.seq, row.detectedOn),
        source: input.source,
        kind: input.kind,
        persons: input.persons.length,
        recoveryCarried: carried.length,
      },
    });
    return { id: row.id };
  });
}

export async function getCase(ctx: Ctx, id: string, db: Db = ctx.db) {
  const r = await loadCase(ctx, db, id);
  const fromUnits = alias(units, 'from_units');
  const [personList, refs, items, reportLinks, events] = await Promise.all([
    db
      .select({ p: casePersons, unitName: units.name })
      .from(casePersons)
      .leftJoin(units, eq(units.id, casePersons.unitId))
      .where(eq(casePersons.caseId, id))
      .orderBy(asc(casePersons.createdAt), asc(casePersons.id)),
    db.select().from(referrals).where(eq(referrals.caseId, id)).orderBy(asc(referrals.sentOn)),
    db.select().from(recoveryItems).where(eq(recoveryItems.caseId, id)).orderBy(asc(recoveryItems.createdAt)),
    rows<{ seq: number; received_on: string; joined_on: string }>(
      db,
      sql`select r.seq, r.received_on::text, l.joined_on::text from case_reports l
        join reports r on r.id = l.report_id where l.case_id = ${id} order by l.joined_on, r.seq`,
    ),
    db
      .select({
        id: caseEvents.id,
        kind: caseEvents.kind,
        note: caseEvents.note,
        fromUnitName: fromUnits.name,
        toUnitName: units.name,
        byName: users.fullName,
        at: caseEvents.at,
      })
      .from(caseEvents)
      .leftJoin(fromUnits, eq(fromUnits.id, caseEvents.fromUnitId))
      .leftJoin(units, eq(units.id, caseEvents.toUnitId))
      .leftJoin(users, eq(users.id, caseEvents.by))
      .where(eq(caseEvents.caseId, id))
      .orderBy(asc(caseEvents.id)),
  ]);
  const payments =
    items.length === 0
      ? []
      : await db
          .select({ p: recoveryPayments, byName: users.fullName })
          .from(recoveryPayments)
          .leftJoin(users, eq(users.id, recoveryPayments.by))
          .where(
            inArray(
              recoveryPayments.itemId,
              items.map((i) => i.id),
            ),
          )
          .orderBy(asc(recoveryPayments.paidOn), asc(recoveryPayments.id));
  const on = today(ctx);
  // The next due date says what it is for (issue-19 review: a referral's receipt notice, 09/12, read as
  // matching neither date the referral showed).
  const [nextRule] = r.c.nextDueOn
    ? await rows<{ vi: string; en: string }>(
        db,
        sql`select d.name_vi as vi, d.name_en as en from started_clocks sc
          join deadline_rules d on d.id = sc.rule_id
          where sc.done_on is null and sc.due_on = ${r.c.nextDueOn}
            and (sc.subject_id = ${id} or sc.subject_id in (select f.id from referrals f where f.case_id = ${id}))
          order by sc.created_at limit 1`,
      )
    : [];
  const paid = await withEvidence(
    db,
    payments.map(({ p, byName }) => ({ ...p, byName })),
  );
  return {
    ...present(ctx, r),
    personList: personList.map(({ p, unitName }) => ({
      id: p.id,
      fullName: p.fullName,
      position: p.position,
      rank: p.rank,
      sector: p.sector,
      unitId: p.unitId,
      unitName,
      disciplineForm: p.disciplineForm,
      administrative: p.administrative,
      criminal: p.criminal,
      version: p.version,
    })),
    referrals: refs.map((f) => presentReferral(f, on)),
    recovery: items.map((i) => ({
      id: i.id,
      kind: i.kind,
      description: i.description,
      measure: i.measure,
      returnTo: i.returnTo,
      recommendedVnd: i.recommendedVnd,
      recommendationId: i.recommendationId,
      decidedVnd: i.decidedVnd,
      decidedOn: i.decidedOn,
      decisionNo: i.decisionNo,
      recoveredVnd: i.recoveredVnd,
      payments: paid
        .filter((p) => p.itemId === i.id)
        .map((p) => ({
          id: p.id,
          paidOn: p.paidOn,
          amountVnd: p.amountVnd,
          note: p.note,
          evidenceFileIds: p.evidenceFileIds,
          evidence: p.evidence,
          byName: p.byName,
        })),
      version: i.version,
    })),
    reports: reportLinks.map((l) => ({
      number: `${l.received_on.slice(0, 4)}-${String(l.seq).padStart(6, '0')}`,
      joinedOn: l.joined_on,
    })),
    events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
    nextDueRule: nextRule ?? null,
  };
}

export const stageOrder: Stage[] = ['verifying', 'handling', 'referred', 'concluded', 'closed'];

export async function updateCase(
  ctx: Ctx,
  id: string,
  input: {
    stage?: Stage | undefined;
    damageVnd?: number | null | undefined;
    seriousness?: (typeof cases.$inferSelect)['seriousness'] | undefined;
    headResponsibility?: (typeof cases.$inferSelect)['headResponsibility'] | undefined;
    headUnitId?: string | null | undefined;
    note?: string | null | undefined;
    version: number;
  },
) {
  return ctx.db.transaction(async (tx) => {
    const r = await loadCase(ctx, tx, id, true);
    const c = r.c;
    if (c.version !== input.version) throw new AppError('conflict');
    // A closed case stays as it was closed (payments of its recovery go on: recovery.ts).
    if (c.stage === 'closed') throw fieldError('stage', 'field.case_closed');
    // A case closes from its conclusion, and not by whoever opened it (four eyes; issue-15 re-test, L3).
    if (input.stage === 'closed') {
      if (c.stage !== 'concluded') throw fieldError('stage', 'field.case_close_order');
      // Nor by whoever concluded it: a case a desk opened from a report is otherwise one person's alone.
      const [concluded] = await tx
        .select({ by: caseEvents.by })
        .from(caseEvents)
        .where(and(eq(caseEvents.caseId, id), eq(caseEvents.kind, 'stage.concluded')))
        .orderBy(desc(caseEvents.id))
        .limit(1);
      const me = ctx.actor.userId;
      if (me && (await sharePeople(tx, me, [c.createdBy, concluded?.by])))
        throw new AppError('separation_of_duties');
    }
    if (input.stage === 'referred' && r.waiting === 0 && c.stage !== 'referred') {
      const [any] = await tx
        .select({ id: referrals.id })
        .from(referrals)
        .where(eq(referrals.caseId, id))
        .limit(1);
      if (!any) throw fieldError('stage', 'field.case_no_referral');
    }
    if (input.headUnitId) await unitPath(ctx, tx, input.headUnitId, 'headUnitId');
    const responsibility = input.headResponsibility ?? c.headResponsibility;
    const headUnitId = input.headUnitId === undefined ? c.headUnitId : input.headUnitId;
    if (responsibility !== 'none' && !headUnitId) throw fieldError('headUnitId', 'field.required');
    const stage = input.stage ?? c.stage;
    const changes: Record<string, [unknown, unknown]> = {};
    const set = <K extends string>(k: K, before: unknown, after: unknown) => {
      if (after !== undefined && after !== before) changes[k] = [before, after];
    };
    set('stage', c.stage, input.stage);
    set('damageVnd', c.damageVnd, input.damageVnd);
    set('seriousness', c.seriousness, input.seriousness);
    set('headResponsibility', c.headResponsibility, input.headResponsibility);
    set('headUnitId', c.headUnitId, input.headUnitId);
    if (Object.keys(changes).length === 0 && !input.note) throw fieldError('stage', 'field.no_change');
    const closing = stage === 'closed';
    await tx
      .update(cases)
      .set({
        stage,
        damageVnd: input.damageVnd === undefined ? c.damageVnd : input.damageVnd,
        seriousness: input.seriousness === undefined ? c.seriousness : input.seriousness,
        headResponsibility: responsibility,
        headUnitId: responsibility === 'none' ? null : headUnitId,
        closedOn: closing ? today(ctx) : null,
        version: c.version + 1,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(cases.id, id));
    if (closing || (input.stage && stageOrder.indexOf(input.stage) >= stageOrder.indexOf('concluded')))
      await finishClocks(tx, id, today(ctx), ['case.staff_report', 'case.retaliation']);
    await refreshNextDue(tx, id);
    // A stage change names the stage in its kind (stage.handling): the note stays the user's words.
    await addEvent(ctx, tx, id, { kind: changes.stage ? `stage.${stage}` : 'updated', note: input.note });
    await audit(tx, ctx, {
      action: 'case.updated',
      entityType: 'case',
      entityId: id,
      unitId: c.unitId,
      changes: { ...changes, ...(input.note ? { note: true } : {}) },
    });
    return getCase(ctx, id, tx);
  });
}

/** Another inspectorate takes the case over: its history and audit trail go with it. */
export async function moveCase(
  ctx: Ctx,
  id: string,
  input: { unitId: string; reason: string; version: number },
) {
  return ctx.db.transaction(async (tx) => {
    const r = await loadCase(ctx, tx, id, true);
    if (r.c.version !== input.version) throw new AppError('conflict');
    if (r.c.stage === 'closed') throw fieldError('unitId', 'field.case_closed');
    if (input.unitId === r.c.unitId) throw fieldError('unitId', 'field.same_unit');
    await unitPath(ctx, tx, input.unitId, 'unitId');
    await checkHandler(tx, input.unitId, r.c.subjectUnitId);
    await tx
      .update(cases)
      .set({ unitId: input.unitId, version: r.c.version + 1, updatedAt: ctx.clock.now() })
      .where(eq(cases.id, id));
    await addEvent(ctx, tx, id, {
      kind: 'moved',
      note: input.reason,
      fromUnitId: r.c.unitId,
      toUnitId: input.unitId,
    });
    await audit(tx, ctx, {
      action: 'case.moved',
      entityType: 'case',
      entityId: id,
      unitId: input.unitId,
      changes: { unitId: [r.c.unitId, input.unitId], reason: input.reason },
    });
    return getCase(ctx, id, tx);
  });
}

export async function addPerson(ctx: Ctx, id: string, input: PersonInput & { version: number }) {
  return ctx.db.transaction(async (tx) => {
    const r = await loadCase(ctx, tx, id, true);
    if (r.c.version !== input.version) throw new AppError('conflict');
    if (r.c.stage === 'closed') throw fieldError('fullName', 'field.case_closed');
    await checkPersons(ctx, tx, [input], false);
    const { version: _v, ...person } = input;
    const [p] = await tx
      .insert(casePersons)
      .values(personValues(id, person))
      .returning({ id: casePersons.id });
    await bump(ctx, tx, r.c);
    await addEvent(ctx, tx, id, { kind: 'person_added', note: input.fullName });
    await audit(tx, ctx, {
      action: 'case.person_added',
      entityType: 'case',
      entityId: id,
      unitId: r.c.unitId,
      changes: { person: p!.id },
    });
    return getCase(ctx, id, tx);
  });
}

/** A person's handling: discipline, administrative sanction, criminal status (Decree 59 Art. 16). */
export async function updatePerson(
  ctx: Ctx,
  id: string,
  personId: string,
  input: PersonInput & { version: number },
) {
  return ctx.db.transaction(async (tx) => {
    const r = await loadCase(ctx, tx, id, true);
    const [p] = await tx
      .select()
      .from(casePersons)
      .where(and(eq(casePersons.id, personId), eq(casePersons.caseId, id)))
      .for('update');
    if (!p) throw new AppError('not_found');
    if (p.version !== input.version) throw new AppError('conflict');
    if (r.c.stage === 'closed') throw fieldError('fullName', 'field.case_closed');
    await checkPersons(ctx, tx, [input], false);
    const { version: _v, ...person } = input;
    const values = personValues(id, person);
    await tx
      .update(casePersons)
      .set({ ...values, version: p.version + 1 })
      .where(eq(casePersons.id, personId));
    await bump(ctx, tx, r.c);
    const changed = Object.fromEntries(
      Object.entries(values)
        .filter(([k, v]) => k !== 'caseId' && v !== p[k as keyof typeof p])
        .map(([k]) => [k, true]),
    );
    await addEvent(ctx, tx, id, { kind: 'person_updated', note: input.fullName });
    await audit(tx, ctx, {
      action: 'case.person_updated',
      entityType: 'case',
      entityId: id,
      unitId: r.c.unitId,
      changes: { person: personId, ...changed },
    });
    return getCase(ctx, id, tx);
  });
}

/** Any change to a case's parts moves its version (two people editing the same case see the conflict). */
export async function bump(ctx: Ctx, tx: Db, c: typeof cases.$inferSelect) {
  await tx
    .update(cases)
    .set({ version: c.version + 1, updatedAt: ctx.clock.now() })
    .where(eq(cases.id, c.id));
}

export type ReferralRow = typeof referrals.$inferSelect;
export const waitingFor = (f: ReferralRow) => f.decision === null || f.decision === 'verify_further';
export function presentReferral(f: ReferralRow, on: string) {
  return {
    id: f.id,
    caseId: f.caseId,
    bodyKind: f.bodyKind,
    bodyName: f.bodyName,
    bodyContact: f.bodyContact,
    stage: f.stage,
    sentOn: f.sentOn,
    sendBy: f.sendBy,
    sentLate: !!f.sendBy && f.sentOn > f.sendBy,
    documentNo: f.documentNo,
    procuracyNotifiedOn: f.procuracyNotifiedOn,
    receivedOn: f.receivedOn,
    complex: f.complex,
    extended: f.extended,
    answerDueOn: f.answerDueOn,
    followUps: f.followUps,
    lastFollowUpOn: f.lastFollowUpOn,
    decision: f.decision,
    decisionOn: f.decisionOn,
    decisionNo: f.decisionNo,
    note: f.note,
    overdue: waitingFor(f) && !!f.answerDueOn && f.answerDueOn < on,
    version: f.version,
  };
}

/** Who may read a case's evidence: whoever may read the case (ADR 0020). */
export async function readableCases(ctx: Ctx, ids: string[], db: Db) {
  if (ids.length === 0) return new Set<string>();
  const found = await db
    .select({ id: cases.id, path: units.path })
    .from(cases)
    .innerJoin(units, eq(units.id, cases.unitId))
    .where(inArray(cases.id, ids));
  return new Set(found.filter((c) => can(ctx.actor, MANAGE, { unitPath: c.path })).map((c) => c.id));
}
