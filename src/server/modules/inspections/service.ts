import { randomUUIDv7 } from 'node:crypto';
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import { type Db, rows } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { caseNumber } from '#server/modules/cases/service.ts';
import { cases, recoveryItems } from '#server/modules/cases/tables.ts';
import {
  computeDue,
  ensureRules,
  extendClock,
  finishClocks,
  startClock,
} from '#server/modules/clocks/service.ts';
import { deadlineRules, startedClocks } from '#server/modules/clocks/tables.ts';
import { declaredFamily } from '#server/modules/declarations/family.ts';
import { verificationCases } from '#server/modules/declarations/tables.ts';
import { attachFiles, withEvidence } from '#server/modules/files/service.ts';
import { checkHandler, namesOfUnits } from '#server/modules/org/inspectorate.ts';
import { scopeFilter, searchFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import { sharePeople } from '#server/modules/users/holders.ts';
import { grants, users } from '#server/modules/users/tables.ts';
import { formatLegalDate } from '#shared/dates.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import type {
  InspectionCreate,
  InspectionDocument,
  inspectionSteps,
  PersonResponsible,
  RecommendationInput,
  RecommendationSource,
  RecommendationStatus,
  RecommendationsIssue,
  recheckResults,
} from '#shared/inspections/schemas.ts';
import { type Action, can, canAnywhere, grantCovers, type Role, roleAllows } from '#shared/permissions.ts';
import { inspectionRules } from './seed.ts';
import {
  inspectionMembers,
  inspectionPlanChanges,
  inspectionPlans,
  inspections,
  recommendations,
  recommendationUpdates,
} from './tables.ts';

/**
 * Detection and handling (issue 19; ADR 0028): the inspectorate's yearly plan, each inspection from its
 * decision to the head's direction on the law's clocks (the clock engine), its conclusion and the
 * recommendations it makes, followed to closure by the units that owe them.
 */

export async function ensureInspectionReferenceData(db: Db) {
  await ensureRules(db, inspectionRules);
}

const today = (ctx: Ctx) => vnToday(ctx.clock.now());
const addYears = (d: string, n: number) => `${Number(d.slice(0, 4)) + n}${d.slice(4)}`;
const MANAGE: Action = 'inspections.manage';
const RESPOND: Action = 'inspections.respond';

/** The unit's path if the actor may act there, else "not found" (never say what exists out of scope). */
async function unitPath(ctx: Ctx, db: Db, unitId: string, action: Action, field?: string) {
  const [u] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  if (!u || !can(ctx.actor, action, { unitPath: u.path })) {
    if (field) throw fieldError(field, 'field.unit_out_of_scope');
    throw new AppError('not_found');
  }
  return u.path;
}

/** The law's date for a year's plan: approved by 20 December of the year before (DOMAIN.md). */
const planDueOn = (year: number) => `${year - 1}-12-20`;

// --- Plans -------------------------------------------------------------------------------------------

const planColumns = {
  p: inspectionPlans,
  unitName: units.name,
  inspections: sql<number>`(select count(*)::int from ${inspections} i where i.plan_id = ${inspectionPlans.id} and i.status <> 'cancelled')`,
  done: sql<number>`(select count(*)::int from ${inspections} i where i.plan_id = ${inspectionPlans.id} and i.status in ('concluded', 'directed'))`,
};
type PlanRow = {
  p: typeof inspectionPlans.$inferSelect;
  unitName: string;
  inspections: number;
  done: number;
};
const presentPlan = (ctx: Ctx, r: PlanRow) => ({
  id: r.p.id,
  unitId: r.p.unitId,
  unitName: r.unitName,
  year: r.p.year,
  status: r.p.status,
  decisionNo: r.p.decisionNo,
  decisionDate: r.p.decisionDate,
  dueOn: planDueOn(r.p.year),
  late: (r.p.decisionDate ?? today(ctx)) > planDueOn(r.p.year),
  inspections: r.inspections,
  done: r.done,
  createdBy: r.p.createdBy,
  version: r.p.version,
});

export async function listPlans(ctx: Ctx, year?: number) {
  if (!canAnywhere(ctx.actor, MANAGE)) throw new AppError('not_found');
  const found = await ctx.db
    .select(planColumns)
    .from(inspectionPlans)
    .innerJoin(units, eq(units.id, inspectionPlans.unitId))
    .where(and(scopeFilter(ctx.actor, MANAGE, units.path), year ? eq(inspectionPlans.year, year) : undefined))
    .orderBy(desc(inspectionPlans.year), asc(units.name));
  return found.map((r) => presentPlan(ctx, r));
}

export async function createPlan(ctx: Ctx, input: { unitId: string; year: number }) {
  // Someone who inspects nowhere is told nothing (not even that the unit field is wrong).
  if (!canAnywhere(ctx.actor, MANAGE)) throw new AppError('not_found');
  return ctx.db.transaction(async (tx) => {
    await unitPath(ctx, tx, input.unitId, MANAGE, 'unitId');
    await checkHandler(tx, input.unitId, null);
    const [exists] = await tx
      .select({ id: inspectionPlans.id })
      .from(inspectionPlans)
      .where(and(eq(inspectionPlans.unitId, input.unitId), eq(inspectionPlans.year, input.year)));
    if (exists) throw fieldError('year', 'field.plan_exists');
    const [p] = await tx
      .insert(inspectionPlans)
      .values({ ...input, createdBy: ctx.actor.userId })
      .returning();
    await audit(tx, ctx, {
      action: 'inspection_plan.created',
      entityType: 'inspection_plan',
      entityId: p!.id,
      unitId: input.unitId,
      changes: { year: input.year },
    });
    return { id: p!.id };
  });
}

async function loadPlan(ctx: Ctx, db: Db, id: string, lock = false) {
  const q = db
    .select({ ...planColumns, path: units.path })
    .from(inspectionPlans)
    .innerJoin(units, eq(units.id, inspectionPlans.unitId))
    .where(eq(inspectionPlans.id, id));
  const [r] = await (lock ? q.for('update', { of: inspectionPlans }) : q);
  if (!r || !can(ctx.actor, MANAGE, { unitPath: r.path })) throw new AppError('not_found');
  return r;
}

export async function getPlan(ctx: Ctx, id: string, db: Db = ctx.db) {
  const r = await loadPlan(ctx, db, id);
  const items = await listInspectionRows(ctx, db, eq(inspections.planId, id));
  const changes = await db
    .select({
      at: inspectionPlanChanges.at,
      kind: inspectionPlanChanges.kind,
      reason: inspectionPlanChanges.reason,
      inspectionTitle: inspections.title,
      byName: users.fullName,
    })
    .from(inspectionPlanChanges)
    .innerJoin(inspections, eq(inspections.id, inspectionPlanChanges.inspectionId))
    .leftJoin(users, eq(users.id, inspectionPlanChanges.by))
    .where(eq(inspectionPlanChanges.planId, id))
    .orderBy(asc(inspectionPlanChanges.at));
  return {
    ...presentPlan(ctx, r),
    items,
    changes: changes.map((c) => ({ ...c, at: c.at.toISOString() })),
  };
}

/** A second inspector approves the plan drafted (never its author): the decision's number and date. */
export async function approvePlan(
  ctx: Ctx,
  id: string,
  input: { decisionNo: string; decisionDate: string; version: number },
) {
  return ctx.db.transaction(async (tx) => {
    const r = await loadPlan(ctx, tx, id, true);
    if (r.p.version !== input.version) throw new AppError('conflict');
    if (r.p.status !== 'draft') throw new AppError('conflict');
    if (await sharePeople(tx, ctx.actor.userId, [r.p.createdBy])) throw new AppError('separation_of_duties');
    // Nor who wrote any of its inspections: the plan's substance gets a second person (re-test sec23 F4).
    const [wrote] = await tx
      .select({ id: inspections.id })
      .from(inspections)
      .where(and(eq(inspections.planId, id), eq(inspections.createdBy, ctx.actor.userId!)))
      .limit(1);
    if (wrote) throw new AppError('separation_of_duties');
    if (input.decisionDate > today(ctx)) throw fieldError('decisionDate', 'field.date_future');
    if (input.decisionDate < '2000-01-01') throw fieldError('decisionDate', 'field.date_too_far');
    if (r.inspections === 0) throw fieldError('decisionNo', 'field.plan_empty');
    await tx
      .update(inspectionPlans)
      .set({
        status: 'approved',
        decisionNo: input.decisionNo,
        decisionDate: input.decisionDate,
        approvedBy: ctx.actor.userId,
        version: r.p.version + 1,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(inspectionPlans.id, id));
    await audit(tx, ctx, {
      action: 'inspection_plan.approved',
      entityType: 'inspection_plan',
      entityId: id,
      unitId: r.p.unitId,
      changes: {
        decisionNo: input.decisionNo,
        decisionDate: input.decisionDate,
        late: input.decisionDate > planDueOn(r.p.year),
      },
    });
    return getPlan(ctx, id, tx);
  });
}

// --- Inspections -------------------------------------------------------------------------------------

const subjectUnits = alias(units, 'subject_units');
type InspectionRow = typeof inspections.$inferSelect & { unitName: string };
const present = (i: InspectionRow) => ({
  id: i.id,
  planId: i.planId,
  unitId: i.unitId,
  unitName: i.unitName,
  subjectUnitId: i.subjectUnitId,
  subjectName: i.subjectName,
  title: i.title,
  periodFrom: i.periodFrom,
  periodTo: i.periodTo,
  quarter: i.quarter,
  teamSize: i.teamSize,
  legalGround: i.legalGround,
  status: i.status,
  decisionNo: i.decisionNo,
  decisionDate: i.decisionDate,
  onSiteFrom: i.onSiteFrom,
  onSiteExtendedOn: i.onSiteExtendedOn,
  extensionNo: i.extensionNo,
  extensionReason: i.extensionReason,
  resultsOn: i.resultsOn,
  draftAssignedOn: i.draftAssignedOn,
  draftReceivedOn: i.draftReceivedOn,
  conclusionNo: i.conclusionNo,
  concludedOn: i.concludedOn,
  directedOn: i.directedOn,
  summary: i.summary,
  wrongdoingVnd: i.wrongdoingVnd,
  toRecoverVnd: i.toRecoverVnd,
  personsResponsible: i.personsResponsible,
  cancelledReason: i.cancelledReason,
  nextDueOn: i.nextDueOn,
  decisionFileId: i.decisionFileId,
  minutesFileId: i.minutesFileId,
  conclusionFileId: i.conclusionFileId,
  followUpOf: i.followUpOf,
  version: i.version,
});

async function listInspectionRows(ctx: Ctx, db: Db, where: ReturnType<typeof and>) {
  const found = await db
    .select({
      i: inspections,
      unitName: units.name,
      subject: subjectUnits.name,
    })
    .from(inspections)
    .innerJoin(units, eq(units.id, inspections.unitId))
    .leftJoin(subjectUnits, eq(subjectUnits.id, inspections.subjectUnitId))
    .where(and(where, scopeFilter(ctx.actor, MANAGE, units.path)))
    .orderBy(asc(inspections.quarter), asc(inspections.createdAt));
  return found.map((r) =>
    present({ ...r.i, unitName: r.unitName, subjectName: r.i.subjectName ?? r.subject }),
  );
}

export async function listInspections(
  ctx: Ctx,
  q: {
    year?: number | undefined;
    status?: string | undefined;
    q?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  if (!canAnywhere(ctx.actor, MANAGE)) throw new AppError('not_found');
  const where = and(
    scopeFilter(ctx.actor, MANAGE, units.path),
    q.status ? eq(inspections.status, q.status as never) : undefined,
    q.year
      ? sql`coalesce((select p.year from ${inspectionPlans} p where p.id = ${inspections.planId}), extract(year from coalesce(${inspections.decisionDate}, ${inspections.createdAt}::date))::int) = ${q.year}`
      : undefined,
    searchFilter(
      sql`liem_fold(${inspections.title} || ' ' || coalesce(${subjectUnits.name}, ${inspections.subjectName}, ''))`,
      q.q,
    ),
  );
  const base = () =>
    ctx.db
      .select({ i: inspections, unitName: units.name, subject: subjectUnits.name })
      .from(inspections)
      .innerJoin(units, eq(units.id, inspections.unitId))
      .leftJoin(subjectUnits, eq(subjectUnits.id, inspections.subjectUnitId));
  const [n] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(inspections)
    .innerJoin(units, eq(units.id, inspections.unitId))
    .leftJoin(subjectUnits, eq(subjectUnits.id, inspections.subjectUnitId))
    .where(where);
  const found = await base()
    .where(where)
    .orderBy(sql`${inspections.nextDueOn} asc nulls last`, desc(inspections.createdAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    items: found.map((r) =>
      present({ ...r.i, unitName: r.unitName, subjectName: r.i.subjectName ?? r.subject }),
    ),
    total: n!.n,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function loadInspection(ctx: Ctx, db: Db, id: string, lock = false) {
  const q = db
    .select({ i: inspections, unitName: units.name, path: units.path, subject: subjectUnits.name })
    .from(inspections)
    .innerJoin(units, eq(units.id, inspections.unitId))
    .leftJoin(subjectUnits, eq(subjectUnits.id, inspections.subjectUnitId))
    .where(eq(inspections.id, id));
  const [r] = await (lock ? q.for('update', { of: inspections }) : q);
  if (!r || !can(ctx.actor, MANAGE, { unitPath: r.path })) throw new AppError('not_found');
  return { ...r.i, unitName: r.unitName, path: r.path, subjectName: r.i.subjectName ?? r.subject };
}

export async function addInspection(ctx: Ctx, input: InspectionCreate) {
  if (!canAnywhere(ctx.actor, MANAGE)) throw new AppError('not_found');
  return ctx.db.transaction(async (tx) => {
    await unitPath(ctx, tx, input.unitId, MANAGE, 'unitId');
    let plan: typeof inspectionPlans.$inferSelect | undefined;
    if (input.planId) {
      [plan] = await tx
        .select()
        .from(inspectionPlans)
        .where(eq(inspectionPlans.id, input.planId))
        .for('update');
      if (!plan || plan.unitId !== input.unitId) throw fieldError('planId', 'field.invalid');
      if (plan.status === 'approved' && !input.reason) throw fieldError('reason', 'field.plan_change_reason');
    } else if (!input.legalGround) throw fieldError('legalGround', 'field.legal_ground_required');
    if (!input.subjectUnitId && !input.subjectName) throw fieldError('subjectUnitId', 'field.required');
    // A body outside the tree is named; a unit of it is chosen, so the rules below can judge it (sec23 F3).
    if (!input.subjectUnitId && (await namesOfUnits(tx, [input.subjectName!])).size > 0)
      throw fieldError('subjectName', 'field.subject_is_unit');
    if (input.subjectUnitId) await unitPath(ctx, tx, input.subjectUnitId, MANAGE, 'subjectUnitId');
    // Only an inspectorate inspects, and never itself or a unit above it (re-test sec22c C10).
    await checkHandler(tx, input.unitId, input.subjectUnitId, 'unitId', 'subjectUnitId');
    if (input.followUpOf) {
      // Only a concluded inspection the inspector may read has recommendations to re-check.
      const earlier = await loadInspection(ctx, tx, input.followUpOf).catch(() => null);
      if (!earlier || !['concluded', 'directed'].includes(earlier.status))
        throw fieldError('followUpOf', 'field.follow_up_not_concluded');
    }
    if (input.periodFrom && input.periodTo && input.periodFrom > input.periodTo)
      throw fieldError('periodTo', 'field.date_not_earlier', { date: formatLegalDate(input.periodFrom) });
    // The period inspected is a past one: not before 2000, not years ahead (1900 or 9999 are typos).
    for (const f of ['periodFrom', 'periodTo'] as const) {
      const d = input[f];
      if (d && (d < '2000-01-01' || d > addYears(today(ctx), 1))) throw fieldError(f, 'field.date_too_far');
    }
    const [row] = await tx
      .insert(inspections)
      .values({
        planId: input.planId ?? null,
        unitId: input.unitId,
        subjectUnitId: input.subjectUnitId ?? null,
        subjectName: input.subjectUnitId ? null : (input.subjectName ?? null),
        title: input.title,
        periodFrom: input.periodFrom ?? null,
        periodTo: input.periodTo ?? null,
        quarter: input.quarter ?? null,
        teamSize: input.teamSize ?? null,
        legalGround: input.legalGround ?? null,
        followUpOf: input.followUpOf ?? null,
        createdBy: ctx.actor.userId,
      })
      .returning();
    if (plan?.status === 'approved')
      await tx.insert(inspectionPlanChanges).values({
        planId: plan.id,
        inspectionId: row!.id,
        kind: 'added',
        reason: input.reason!,
        by: ctx.actor.userId,
        at: ctx.clock.now(),
      });
    await audit(tx, ctx, {
      action: 'inspection.added',
      entityType: 'inspection',
      entityId: row!.id,
      unitId: input.unitId,
      changes: {
        title: input.title,
        planId: input.planId ?? null,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.followUpOf ? { followUpOf: input.followUpOf } : {}),
      },
    });
    return { id: row!.id };
  });
}

export async function cancelInspection(ctx: Ctx, id: string, input: { reason: string; version: number }) {
  return ctx.db.transaction(async (tx) => {
    const i = await loadInspection(ctx, tx, id, true);
    if (i.version !== input.version) throw new AppError('conflict');
    if (i.status !== 'planned' && i.status !== 'decided') throw new AppError('conflict');
    await tx
      .update(inspections)
      .set({ status: 'cancelled', cancelledReason: input.reason, nextDueOn: null, version: i.version + 1 })
      .where(eq(inspections.id, id));
    await finishClocks(tx, id, today(ctx));
    if (i.planId) {
      const [plan] = await tx.select().from(inspectionPlans).where(eq(inspectionPlans.id, i.planId));
      if (plan?.status === 'approved')
        await tx.insert(inspectionPlanChanges).values({
          planId: plan.id,
          inspectionId: id,
          kind: 'cancelled',
          reason: input.reason,
          by: ctx.actor.userId,
          at: ctx.clock.now(),
        });
    }
    await audit(tx, ctx, {
      action: 'inspection.cancelled',
      entityType: 'inspection',
      entityId: id,
      unitId: i.unitId,
      changes: { reason: input.reason },
    });
    return getInspection(ctx, id, tx);
  });
}

type Conflict = { fullName: string; reason: 'works_there' | 'worked_there' | 'relative_there' };

/**
 * A team member with a conflict of interest in the inspected unit: working in it (or below it), or
 * moved out of it or losing a role held there within the last two years (read from the audit log).
 */
async function conflicts(
  db: Db,
  memberIds: string[],
  subjectPath: string,
  on: string,
  held: ReadonlyArray<{ userId: string; unitPath: string }>,
) {
  const found = await db
    .select({ id: users.id, fullName: users.fullName, path: units.path })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .where(inArray(users.id, memberIds));
  const out = new Map<string, Conflict>();
  for (const u of found)
    if (u.path?.startsWith(subjectPath)) out.set(u.id, { fullName: u.fullName, reason: 'works_there' });
  // A role held in the inspected unit (or below it) is working there too, whatever the home unit.
  for (const g of held.filter((h) => h.unitPath.startsWith(subjectPath))) {
    const u = found.find((f) => f.id === g.userId);
    if (u && !out.has(u.id)) out.set(u.id, { fullName: u.fullName, reason: 'works_there' });
  }
  // Moved out of the unit (its unit changed), or a role held there removed, within two years: a role
  // revoked minutes before the decision was a way around the check (issue-15 re-test, L1).
  const moved = await rows<{ id: string }>(
    db,
    sql`select distinct a.entity_id as id from audit_events a
      join units u on u.id::text = case when a.action = 'grant.removed' then a.changes ->> 'unitId'
        else a.changes -> 'unitId' ->> 0 end
      where a.action in ('user.updated', 'grant.removed') and a.entity_type = 'user'
        and a.entity_id in (${sql.join(
          memberIds.map((m) => sql`${m}`),
          sql`, `,
        )})
        and a.at >= (${on}::date - interval '2 years') and u.path like ${`${subjectPath}%`}`,
  );
  for (const r of moved) {
    const u = found.find((f) => f.id === r.id);
    if (u && !out.has(u.id)) out.set(u.id, { fullName: u.fullName, reason: 'worked_there' });
  }
  // A spouse or child the member declared (asset declaration) working in the inspected unit: matched by
  // name, the only thing Liêm knows of them; the decider learns that a relative works there, not who.
  const family = await declaredFamily(db, memberIds);
  const names = [...new Set([...family.values()].flatMap((f) => [...f]))];
  if (names.length > 0) {
    const there = new Set(
      (
        await db
          .select({ name: sql<string>`btrim(liem_fold(${users.fullName}))` })
          .from(users)
          .innerJoin(units, eq(units.id, users.unitId))
          .where(
            and(
              sql`${units.path} like ${`${subjectPath}%`}`,
              inArray(
                sql`btrim(liem_fold(${users.fullName}))`,
                names.map((n) => n.trim()),
              ),
            ),
          )
      ).map((r) => r.name),
    );
    for (const u of found)
      if (!out.has(u.id) && [...(family.get(u.id) ?? [])].some((n) => there.has(n.trim())))
        out.set(u.id, { fullName: u.fullName, reason: 'relative_there' });
  }
  return { found, conflicting: out };
}

/** The decision: its number and date, the team (one lead; nobody with a conflict), the on-site start. */
export async function decide(
  ctx: Ctx,
  id: string,
  input: {
    decisionNo: string;
    decisionDate: string;
    onSiteFrom: string;
    members: Array<{ userId: string; role: 'lead' | 'member' }>;
    version: number;
  },
) {
  return ctx.db.transaction(async (tx) => {
    const i = await loadInspection(ctx, tx, id, true);
    if (i.version !== input.version) throw new AppError('conflict');
    if (i.status !== 'planned') throw new AppError('conflict');
    if (input.decisionDate > today(ctx)) throw fieldError('decisionDate', 'field.date_future');
    if (input.onSiteFrom < input.decisionDate)
      throw fieldError('onSiteFrom', 'field.date_not_earlier', { date: formatLegalDate(input.decisionDate) });
    // The on-site work starts within a year of the decision (a typo of 2099 would freeze the timeline).
    if (input.onSiteFrom > addYears(input.decisionDate, 1))
      throw fieldError('onSiteFrom', 'field.date_too_far');
    const ids = [...new Set(input.members.map((m) => m.userId))];
    if (ids.length !== input.members.length) throw fieldError('members', 'field.duplicate');
    if (input.members.filter((m) => m.role === 'lead').length !== 1)
      throw fieldError('members', 'field.one_lead');
    // Only inspectors of the inspectorate make up the team: a team of names picked from anyone would
    // let one inspector stand outside their own inspection and conclude it (the review's H1).
    const memberGrants = await tx
      .select({ userId: grants.userId, role: grants.role, subtree: grants.subtree, unitPath: units.path })
      .from(grants)
      .innerJoin(units, eq(units.id, grants.unitId))
      // Grants in force only: one awaiting a second administrator makes no inspector (re-test N4).
      .where(and(inArray(grants.userId, ids), eq(grants.status, 'active')));
    // Whether each member is an inspector here, and whether the dates have a rule, are settled before the
    // conflicts are looked at: a refusal for a relative is then the only thing between the decider and a
    // decision recorded in the log — never an answer to a question asked with a date that cannot be
    // (re-test sec30 F4, F6).
    const notInspector = input.members.findIndex(
      (m) =>
        !memberGrants.some(
          (g) =>
            g.userId === m.userId &&
            roleAllows(g.role as Role, MANAGE) &&
            grantCovers({ ...g, role: g.role as Role, unitId: '' }, i.path),
        ),
    );
    if (notInspector >= 0) throw fieldError(`members.${notInspector}`, 'field.member_not_inspector');
    await computeDue(tx, 'inspection.on_site', input.onSiteFrom).catch(() => {
      throw fieldError('onSiteFrom', 'field.no_rule_in_force');
    });
    const subjectPath = i.subjectUnitId
      ? (await tx.select({ path: units.path }).from(units).where(eq(units.id, i.subjectUnitId)))[0]?.path
      : undefined;
    const { found, conflicting } = subjectPath
      ? await conflicts(tx, ids, subjectPath, input.decisionDate, memberGrants)
      : {
          found: await tx.select({ id: users.id }).from(users).where(inArray(users.id, ids)),
          conflicting: new Map<string, Conflict>(),
        };
    if (found.length !== ids.length) throw fieldError('members', 'field.invalid');
    const first = input.members.findIndex((m) => conflicting.has(m.userId));
    if (first >= 0) {
      const c = conflicting.get(input.members[first]!.userId)!;
      throw fieldError(`members.${first}`, `field.member_${c.reason}`, { name: c.fullName });
    }
    await tx.insert(inspectionMembers).values(input.members.map((m) => ({ inspectionId: id, ...m })));
    const clock = await clockFrom(tx, id, 'inspection.on_site', input.onSiteFrom, 'onSiteFrom');
    await tx
      .update(inspections)
      .set({
        status: 'decided',
        decisionNo: input.decisionNo,
        decisionDate: input.decisionDate,
        onSiteFrom: input.onSiteFrom,
        nextDueOn: clock.due,
        version: i.version + 1,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(inspections.id, id));
    await audit(tx, ctx, {
      action: 'inspection.decided',
      entityType: 'inspection',
      entityId: id,
      unitId: i.unitId,
      changes: { decisionNo: input.decisionNo, decisionDate: input.decisionDate, members: input.members },
    });
    return getInspection(ctx, id, tx);
  });
}

/**
 * Starts one of the inspection's clocks; a date before any rule was in force (the 2025 Law applies from
 * 01/07/2025) is refused on the form's own field.
 */
async function clockFrom(tx: Db, id: string, code: string, start: string, field: string) {
  try {
    return await startClock(tx, { kind: 'inspection', id }, code, start);
  } catch (e) {
    if (e instanceof AppError && e.code === 'validation') throw fieldError(field, 'field.no_rule_in_force');
    throw e;
  }
}

/** The earliest open clock's date, kept on the record for its lists. */
async function refreshNextDue(tx: Db, id: string) {
  await tx
    .update(inspections)
    .set({
      nextDueOn: sql`(select min(c.due_on) from ${startedClocks} c where c.subject_id = ${id} and c.done_on is null)`,
    })
    .where(eq(inspections.id, id));
}

/**
 * The on-site period extended, once, by a decision before it ends (the rule's extension, counted from the
 * on-site start). Whoever is on the team asks for it; someone else of the inspectorate decides it.
 */
export async function extendOnSite(
  ctx: Ctx,
  id: string,
  input: { decisionNo: string; on: string; reason: string; version: number },
) {
  return ctx.db.transaction(async (tx) => {
    const i = await loadInspection(ctx, tx, id, true);
    if (i.version !== input.version) throw new AppError('conflict');
    if (i.status !== 'decided') throw new AppError('conflict');
    if (i.onSiteExtendedOn) throw fieldError('decisionNo', 'field.extended_once');
    const team = await tx.select().from(inspectionMembers).where(eq(inspectionMembers.inspectionId, id));
    if (
      await sharePeople(
        tx,
        ctx.actor.userId,
        team.map((m) => m.userId),
      )
    )
      throw new AppError('separation_of_duties');
    if (input.on > today(ctx)) throw fieldError('on', 'field.date_future');
    if (input.on < i.onSiteFrom!)
      throw fieldError('on', 'field.date_not_before', { date: formatLegalDate(i.onSiteFrom!) });
    const [running] = await tx
      .select({ dueOn: startedClocks.dueOn })
      .from(startedClocks)
      .where(
        and(
          eq(startedClocks.subjectId, id),
          eq(startedClocks.code, 'inspection.on_site'),
          sql`${startedClocks.doneOn} is null`,
        ),
      );
    // An extension is decided — and recorded — while the period runs, not to cover one already overrun: a
    // decision dated on the last day but entered after it would wipe an overrun from the record (sec30 F3).
    if (running && (input.on > running.dueOn || today(ctx) > running.dueOn))
      throw fieldError('on', 'field.extension_after_due', { date: formatLegalDate(running.dueOn) });
    await extendClock(tx, id, 'inspection.on_site', { complex: 1 });
    await tx
      .update(inspections)
      .set({
        onSiteExtendedOn: input.on,
        extensionNo: input.decisionNo,
        extensionReason: input.reason,
        version: i.version + 1,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(inspections.id, id));
    await refreshNextDue(tx, id);
    await audit(tx, ctx, {
      action: 'inspection.extended',
      entityType: 'inspection',
      entityId: id,
      unitId: i.unitId,
      changes: { decisionNo: input.decisionNo, on: input.on },
    });
    return getInspection(ctx, id, tx);
  });
}

type Step = (typeof inspectionSteps)[number];
/**
 * A step of the timeline on its date, in order: the results report (the team's on-site work ends, and the
 * 5 working days to assign the draft start), the draft assigned, the draft received (15 days to conclude),
 * and the head's direction once the conclusion is out.
 */
export async function recordStep(ctx: Ctx, id: string, input: { step: Step; on: string; version: number }) {
  return ctx.db.transaction(async (tx) => {
    const i = await loadInspection(ctx, tx, id, true);
    if (i.version !== input.version) throw new AppError('conflict');
    if (input.on > today(ctx)) throw fieldError('on', 'field.date_future');
    // The message names the date it must not precede (issue-19 review: "the previous step's" said too little).
    const after = (d: string | null) => {
      if (d && input.on < d) throw fieldError('on', 'field.date_not_before', { date: formatLegalDate(d) });
    };
    const set: Partial<typeof inspections.$inferInsert> = {};
    if (input.step === 'results') {
      if (i.status !== 'decided') throw new AppError('conflict');
      after(i.onSiteFrom);
      await finishClocks(tx, id, input.on, ['inspection.on_site']);
      await clockFrom(tx, id, 'inspection.draft_assignment', input.on, 'on');
      Object.assign(set, { resultsOn: input.on, status: 'reported' });
    } else if (input.step === 'draft_assigned') {
      if (i.status !== 'reported' || i.draftAssignedOn) throw new AppError('conflict');
      after(i.resultsOn);
      await finishClocks(tx, id, input.on, ['inspection.draft_assignment']);
      set.draftAssignedOn = input.on;
    } else if (input.step === 'draft_received') {
      if (i.status !== 'reported' || !i.draftAssignedOn || i.draftReceivedOn) throw new AppError('conflict');
      after(i.draftAssignedOn);
      // The team hands its draft in (its lead sends it to whoever decided the inspection): recorded by a
      // member, so whoever concludes — never on the team — is always someone else, and an inspector
      // outside it can no longer record every step and conclude alone, nor leave no one able to conclude.
      if (ctx.actor.kind !== 'system') {
        const [member] = await tx
          .select({ id: inspectionMembers.userId })
          .from(inspectionMembers)
          .where(
            and(eq(inspectionMembers.inspectionId, id), eq(inspectionMembers.userId, ctx.actor.userId!)),
          );
        if (!member) throw fieldError('step', 'field.draft_by_team');
      }
      await clockFrom(tx, id, 'inspection.conclusion', input.on, 'on');
      Object.assign(set, { draftReceivedOn: input.on, draftBy: ctx.actor.userId });
    } else {
      if (i.status !== 'concluded') throw new AppError('conflict');
      after(i.concludedOn);
      await finishClocks(tx, id, input.on, ['inspection.direction']);
      Object.assign(set, { directedOn: input.on, status: 'directed' });
    }
    await tx
      .update(inspections)
      .set({ ...set, version: i.version + 1, updatedAt: ctx.clock.now() })
      .where(eq(inspections.id, id));
    await refreshNextDue(tx, id);
    await audit(tx, ctx, {
      action: 'inspection.step',
      entityType: 'inspection',
      entityId: id,
      unitId: i.unitId,
      changes: { step: input.step, on: input.on },
    });
    return getInspection(ctx, id, tx);
  });
}

/**
 * The conclusion: number, date, findings and amounts, and its recommendations, each owed by a unit or an
 * outside body by a date. Issued by someone outside the team (the team drafts it).
 */
export async function conclude(
  ctx: Ctx,
  id: string,
  input: {
    conclusionNo: string;
    concludedOn: string;
    summary: string;
    wrongdoingVnd: number;
    toRecoverVnd: number;
    persons?: PersonResponsible[] | undefined;
    recommendations: RecommendationInput[];
    version: number;
  },
) {
  return ctx.db.transaction(async (tx) => {
    const i = await loadInspection(ctx, tx, id, true);
    if (i.version !== input.version) throw new AppError('conflict');
    if (i.status !== 'reported' || !i.draftReceivedOn) throw new AppError('conflict');
    const team = await tx.select().from(inspectionMembers).where(eq(inspectionMembers.inspectionId, id));
    // The team, and whoever recorded the draft as received (the drafting side), never conclude it.
    if (await sharePeople(tx, ctx.actor.userId, [...team.map((m) => m.userId), i.draftBy]))
      throw new AppError('separation_of_duties');
    if (input.concludedOn > today(ctx)) throw fieldError('concludedOn', 'field.date_future');
    if (input.concludedOn < i.draftReceivedOn)
      throw fieldError('concludedOn', 'field.date_not_earlier', { date: formatLegalDate(i.draftReceivedOn) });
    await checkRecommendations(ctx, tx, input.recommendations, input.concludedOn, MANAGE);
    const recovery = input.recommendations
      .filter((r) => r.kind === 'recovery')
      .reduce((sum, r) => sum + (r.amountVnd ?? 0), 0);
    // What is to be recovered comes from the wrongdoing found: never more than it.
    if (input.toRecoverVnd > input.wrongdoingVnd)
      throw fieldError('toRecoverVnd', 'field.recover_above_wrongdoing');
    // What the recommendations ask to recover cannot exceed what the conclusion found to recover.
    if (recovery > input.toRecoverVnd) throw fieldError('toRecoverVnd', 'field.recovery_below_recommended');
    if (input.recommendations.length > 0)
      await tx
        .insert(recommendations)
        .values(
          input.recommendations.map((r) =>
            recommendationRow(r, { kind: 'inspection', id, ref: null }, i.unitId, input.concludedOn),
          ),
        );
    await finishClocks(tx, id, input.concludedOn, ['inspection.conclusion']);
    await clockFrom(tx, id, 'inspection.direction', input.concludedOn, 'concludedOn');
    await tx
      .update(inspections)
      .set({
        status: 'concluded',
        conclusionNo: input.conclusionNo,
        concludedOn: input.concludedOn,
        summary: input.summary,
        wrongdoingVnd: input.wrongdoingVnd,
        toRecoverVnd: input.toRecoverVnd,
        personsResponsible: input.persons ?? [],
        version: i.version + 1,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(inspections.id, id));
    await refreshNextDue(tx, id);
    await audit(tx, ctx, {
      action: 'inspection.concluded',
      entityType: 'inspection',
      entityId: id,
      unitId: i.unitId,
      changes: {
        conclusionNo: input.conclusionNo,
        concludedOn: input.concludedOn,
        wrongdoingVnd: input.wrongdoingVnd,
        toRecoverVnd: input.toRecoverVnd,
        // Who is held responsible is named in the conclusion itself; the log keeps how many.
        persons: (input.persons ?? []).length,
        recommendations: input.recommendations.length,
      },
    });
    return getInspection(ctx, id, tx);
  });
}

export async function getInspection(ctx: Ctx, id: string, db: Db = ctx.db) {
  const i = await loadInspection(ctx, db, id);
  const members = await db
    .select({
      userId: inspectionMembers.userId,
      role: inspectionMembers.role,
      fullName: users.fullName,
      unitName: units.name,
    })
    .from(inspectionMembers)
    .innerJoin(users, eq(users.id, inspectionMembers.userId))
    .leftJoin(units, eq(units.id, users.unitId))
    .where(eq(inspectionMembers.inspectionId, id))
    .orderBy(asc(inspectionMembers.role), asc(users.fullName));
  const clocks = await db
    .select({
      code: startedClocks.code,
      startOn: startedClocks.startOn,
      dueOn: startedClocks.dueOn,
      doneOn: startedClocks.doneOn,
      confirmed: deadlineRules.confirmed,
    })
    .from(startedClocks)
    .innerJoin(deadlineRules, eq(deadlineRules.id, startedClocks.ruleId))
    .where(eq(startedClocks.subjectId, id))
    .orderBy(asc(startedClocks.startOn), asc(startedClocks.createdAt));
  const recs = await recommendationRows(ctx, db, fromInspection(id), 'issued');
  const followUp = i.followUpOf ? await loadInspection(ctx, db, i.followUpOf).catch(() => null) : null;
  const rechecked = new Set(
    (
      await db
        .selectDistinct({ id: recommendationUpdates.recommendationId })
        .from(recommendationUpdates)
        .where(eq(recommendationUpdates.recheckedBy, id))
    ).map((r) => r.id),
  );
  const toRecheck = followUp
    ? (await recommendationRows(ctx, db, fromInspection(followUp.id), 'issued')).map((r) => ({
        ...r,
        recheckedHere: rechecked.has(r.id),
      }))
    : [];
  const opened = await db
    .select({
      id: cases.id,
      seq: cases.seq,
      detectedOn: cases.detectedOn,
      title: cases.title,
      stage: cases.stage,
    })
    .from(cases)
    .innerJoin(units, eq(units.id, cases.unitId))
    .where(and(eq(cases.inspectionId, id), scopeFilter(ctx.actor, MANAGE, units.path)))
    .orderBy(asc(cases.seq));
  const onTeam = members.some((m) => m.userId === ctx.actor.userId);
  const recovery = recs.filter((r) => r.kind === 'recovery').map((r) => r.id);
  return {
    ...present(i),
    members,
    clocks,
    cases: opened.map((c) => ({
      id: c.id,
      number: caseNumber(c.seq, c.detectedOn),
      title: c.title,
      stage: c.stage,
    })),
    canExtend: i.status === 'decided' && !i.onSiteExtendedOn && !onTeam,
    carried: recovery.length
      ? (
          await db
            .select({ id: recoveryItems.recommendationId })
            .from(recoveryItems)
            .where(inArray(recoveryItems.recommendationId, recovery))
        ).map((r) => r.id!)
      : [],
    recommendations: recs,
    followUp: followUp
      ? { id: followUp.id, title: followUp.title, conclusionNo: followUp.conclusionNo }
      : null,
    toRecheck,
    canConclude:
      i.status === 'reported' &&
      !!i.draftReceivedOn &&
      i.draftBy !== ctx.actor.userId &&
      !members.some((m) => m.userId === ctx.actor.userId),
  };
}

// --- Recommendations ---------------------------------------------------------------------------------

const ownerUnits = alias(units, 'owner_units');
const issuerUnits = alias(units, 'issuer_units');
const closedStatuses: RecommendationStatus[] = ['closed', 'not_done'];
const fromInspection = (id: string) =>
  and(eq(recommendations.sourceKind, 'inspection'), eq(recommendations.sourceId, id));

/**
 * Who issues and decides on a recommendation, by its source: the control agency for a verification of
 * declarations, the inspectorate for everything else (one rule for the lists, the page and the files).
 */
const issuerAction = (kind: RecommendationSource): Action =>
  kind === 'verification' ? 'declarations.control' : MANAGE;
const ISSUER_ACTIONS = [MANAGE, 'declarations.control'] as const satisfies Action[];

/**
 * The date before which an open recommendation is "open too long": the review rule in force on `on` (the
 * clock engine's data; working days counted as calendar weeks — a review period, not a legal deadline).
 * One SQL expression, read by the lists here and inside the dashboard's statement.
 */
export const openReviewCutoff = (on: string) =>
  sql<string>`coalesce((select (${on}::date - case r.unit
      when 'months' then make_interval(months => r.length)
      when 'working_days' then make_interval(days => ceil(r.length * 7 / 5.0)::int)
      else make_interval(days => r.length) end)::date
    from deadline_rules r where r.code = 'recommendation.open_review' and r.effective_from <= ${on}
      and (r.effective_to is null or r.effective_to >= ${on})
    order by r.effective_from desc limit 1), ${on}::date - 180)::text`;

async function tooLongBefore(db: Db, on: string) {
  const [r] = await rows<{ d: string }>(db, sql`select ${openReviewCutoff(on)} as d`);
  return r!.d;
}

const recommendationColumns = {
  r: recommendations,
  ownerUnitName: ownerUnits.name,
  ownerPath: ownerUnits.path,
  issuerUnitName: issuerUnits.name,
  issuerPath: issuerUnits.path,
  sourceTitle: inspections.title,
  sourceRef: sql<string | null>`coalesce(${recommendations.sourceRef}, ${inspections.conclusionNo})`,
};

async function recommendationRows(ctx: Ctx, db: Db, where: ReturnType<typeof and>, view: 'owed' | 'issued') {
  const on = today(ctx);
  const cutoff = await tooLongBefore(db, on);
  const found = await db
    .select(recommendationColumns)
    .from(recommendations)
    .innerJoin(issuerUnits, eq(issuerUnits.id, recommendations.issuerUnitId))
    .leftJoin(ownerUnits, eq(ownerUnits.id, recommendations.ownerUnitId))
    .leftJoin(inspections, sourceInspection)
    .where(and(where, viewFilter(ctx, view)))
    .orderBy(asc(recommendations.dueOn), asc(recommendations.id));
  return found.map((f) => presentRecommendation(f, on, cutoff));
}

const sourceInspection = and(
  eq(recommendations.sourceKind, 'inspection'),
  eq(inspections.id, recommendations.sourceId),
);

function viewFilter(ctx: Ctx, view: 'owed' | 'issued') {
  if (view === 'owed') return scopeFilter(ctx.actor, RESPOND, ownerUnits.path);
  const verification = eq(recommendations.sourceKind, 'verification');
  return or(
    and(sql`not (${verification})`, scopeFilter(ctx.actor, MANAGE, issuerUnits.path)),
    and(verification, scopeFilter(ctx.actor, 'declarations.control', issuerUnits.path)),
  );
}

type RecRow = {
  r: typeof recommendations.$inferSelect;
  ownerUnitName: string | null;
  issuerUnitName: string;
  sourceTitle: string | null;
  sourceRef: string | null;
};
function presentRecommendation(f: RecRow, on: string, cutoff: string) {
  const open = !closedStatuses.includes(f.r.status);
  return {
    id: f.r.id,
    sourceKind: f.r.sourceKind,
    sourceId: f.r.sourceId,
    sourceTitle: f.sourceTitle,
    sourceRef: f.sourceRef,
    issuerUnitId: f.r.issuerUnitId,
    issuerUnitName: f.issuerUnitName,
    kind: f.r.kind as RecommendationInput['kind'],
    content: f.r.content,
    ownerUnitId: f.r.ownerUnitId,
    ownerUnitName: f.ownerUnitName,
    ownerOutside: f.r.ownerOutside,
    ownerContact: f.r.ownerContact,
    amountVnd: f.r.amountVnd,
    issuedOn: f.r.issuedOn,
    dueOn: f.r.dueOn,
    status: f.r.status,
    closedOn: f.r.closedOn,
    pastDue: open && f.r.dueOn < on,
    openTooLong: open && f.r.issuedOn <= cutoff,
    version: f.r.version,
  };
}

export async function listRecommendations(
  ctx: Ctx,
  q: {
    view: 'owed' | 'issued';
    status?: 'open' | 'closed' | 'past_due' | 'too_long' | undefined;
    q?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  const may = q.view === 'owed' ? [RESPOND] : ISSUER_ACTIONS;
  if (!may.some((a) => canAnywhere(ctx.actor, a))) throw new AppError('not_found');
  const on = today(ctx);
  const cutoff = await tooLongBefore(ctx.db, on);
  const open = sql`${recommendations.status} not in ('closed', 'not_done')`;
  const where = and(
    viewFilter(ctx, q.view),
    q.status === 'open' ? open : undefined,
    q.status === 'closed' ? sql`not (${open})` : undefined,
    q.status === 'past_due' ? and(open, sql`${recommendations.dueOn} < ${on}`) : undefined,
    q.status === 'too_long' ? and(open, sql`${recommendations.issuedOn} <= ${cutoff}`) : undefined,
    searchFilter(
      sql`liem_fold(${recommendations.content} || ' ' || coalesce(${ownerUnits.name}, ${recommendations.ownerOutside}, ''))`,
      q.q,
    ),
  );
  const from = () =>
    ctx.db
      .select(recommendationColumns)
      .from(recommendations)
      .innerJoin(issuerUnits, eq(issuerUnits.id, recommendations.issuerUnitId))
      .leftJoin(ownerUnits, eq(ownerUnits.id, recommendations.ownerUnitId))
      .leftJoin(inspections, sourceInspection);
  const [n] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(recommendations)
    .innerJoin(issuerUnits, eq(issuerUnits.id, recommendations.issuerUnitId))
    .leftJoin(ownerUnits, eq(ownerUnits.id, recommendations.ownerUnitId))
    .where(where);
  const found = await from()
    .where(where)
    .orderBy(asc(recommendations.dueOn), asc(recommendations.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    items: found.map((f) => presentRecommendation(f, on, cutoff)),
    total: n!.n,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** A recommendation, for its owner (may respond) or its issuer (may decide); anyone else: not found. */
async function loadRecommendation(ctx: Ctx, db: Db, id: string, lock = false) {
  const q = db
    .select(recommendationColumns)
    .from(recommendations)
    .innerJoin(issuerUnits, eq(issuerUnits.id, recommendations.issuerUnitId))
    .leftJoin(ownerUnits, eq(ownerUnits.id, recommendations.ownerUnitId))
    .leftJoin(inspections, sourceInspection)
    .where(eq(recommendations.id, id));
  const [f] = await (lock ? q.for('update', { of: recommendations }) : q);
  if (!f) throw new AppError('not_found');
  const canRespond = !!f.ownerPath && can(ctx.actor, RESPOND, { unitPath: f.ownerPath });
  const canDecide = can(ctx.actor, issuerAction(f.r.sourceKind), { unitPath: f.issuerPath });
  if (!canRespond && !canDecide) throw new AppError('not_found');
  return { f, canRespond, canDecide };
}

export async function getRecommendation(ctx: Ctx, id: string, db: Db = ctx.db) {
  const { f, canRespond, canDecide } = await loadRecommendation(ctx, db, id);
  const on = today(ctx);
  const updates = await db
    .select({
      id: recommendationUpdates.id,
      status: recommendationUpdates.status,
      note: recommendationUpdates.note,
      evidenceFileIds: recommendationUpdates.evidenceFileIds,
      recheckedBy: recommendationUpdates.recheckedBy,
      recheckedByTitle: inspections.title,
      byName: users.fullName,
      at: recommendationUpdates.at,
    })
    .from(recommendationUpdates)
    .leftJoin(users, eq(users.id, recommendationUpdates.by))
    .leftJoin(inspections, eq(inspections.id, recommendationUpdates.recheckedBy))
    .where(eq(recommendationUpdates.recommendationId, id))
    .orderBy(asc(recommendationUpdates.at), asc(recommendationUpdates.id));
  // What the case ledger holds for it (recovery recommendations): the same money, typed once, so what
  // the owner reports can be read beside what was decided and paid. Case numbers only within scope.
  const items = await db
    .select({
      caseId: cases.id,
      seq: cases.seq,
      detectedOn: cases.detectedOn,
      path: units.path,
      decidedVnd: recoveryItems.decidedVnd,
      recoveredVnd: recoveryItems.recoveredVnd,
    })
    .from(recoveryItems)
    .innerJoin(cases, eq(cases.id, recoveryItems.caseId))
    .innerJoin(units, eq(units.id, cases.unitId))
    .where(eq(recoveryItems.recommendationId, id));
  return {
    ...presentRecommendation(f, on, await tooLongBefore(db, on)),
    ledger:
      items.length === 0
        ? null
        : {
            decidedVnd: items.reduce((n, x) => n + (x.decidedVnd ?? 0), 0),
            recoveredVnd: items.reduce((n, x) => n + x.recoveredVnd, 0),
            cases: items
              .filter((x) => can(ctx.actor, MANAGE, { unitPath: x.path }))
              .map((x) => ({ id: x.caseId, number: caseNumber(x.seq, x.detectedOn) })),
          },
    updates: await withEvidence(db, updates).then((list) =>
      list.map((u) => ({ ...u, at: u.at.toISOString() })),
    ),
    canRespond,
    canDecide,
  };
}

/**
 * The owner reports progress or completion with evidence; the issuer closes it, records it as not done,
 * or reopens it. Nobody closes what they themselves reported done (four eyes).
 */
export async function updateRecommendation(
  ctx: Ctx,
  id: string,
  input: { status: RecommendationStatus; note: string; evidenceFileIds: string[]; version: number },
) {
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadRecommendation(ctx, tx, id, true);
    const r = loaded.f.r;
    if (r.version !== input.version) throw new AppError('conflict');
    const closed = closedStatuses.includes(r.status);
    const byOwner = ['in_progress', 'reported_done'].includes(input.status);
    if (byOwner && closed) throw fieldError('status', 'field.recommendation_closed');
    if (input.status === 'open' && !closed) throw fieldError('status', 'field.invalid');
    if (closedStatuses.includes(input.status) && closed) throw fieldError('status', 'field.invalid');
    await writeUpdate(ctx, tx, loaded, { ...input, byOwner, recheckedBy: null });
    return getRecommendation(ctx, id, tx);
  });
}

/**
 * One update of a recommendation with its rules: the owner's side answers, the issuer's side decides;
 * someone on both sides never decides (M1), nobody closes what they reported done; the update, its
 * files, the new status and the audit event in the caller's transaction.
 */
async function writeUpdate(
  ctx: Ctx,
  tx: Db,
  { f, canRespond, canDecide }: Awaited<ReturnType<typeof loadRecommendation>>,
  input: {
    status: RecommendationStatus;
    note: string;
    evidenceFileIds: string[];
    byOwner: boolean;
    recheckedBy: string | null;
  },
) {
  const r = f.r;
  if (input.byOwner ? !canRespond : !canDecide) throw new AppError('forbidden');
  if (!input.byOwner && canRespond && ctx.actor.kind !== 'system') throw new AppError('separation_of_duties');
  if (input.status === 'closed' && ctx.actor.userId) {
    const [mine] = await tx
      .select({ id: recommendationUpdates.id })
      .from(recommendationUpdates)
      .where(
        and(
          eq(recommendationUpdates.recommendationId, r.id),
          eq(recommendationUpdates.status, 'reported_done'),
          eq(recommendationUpdates.by, ctx.actor.userId),
        ),
      )
      .limit(1);
    if (mine) throw new AppError('separation_of_duties');
  }
  const [u] = await tx
    .insert(recommendationUpdates)
    .values({
      // Time-ordered: the history reads in the order it was written, even within one second.
      id: randomUUIDv7(),
      recommendationId: r.id,
      status: input.status,
      note: input.note,
      evidenceFileIds: input.evidenceFileIds,
      recheckedBy: input.recheckedBy,
      by: ctx.actor.userId,
      at: ctx.clock.now(),
    })
    .returning({ id: recommendationUpdates.id });
  await attachFiles(ctx, tx, {
    ownerType: 'recommendation',
    ownerId: r.id,
    fileIds: input.evidenceFileIds,
    unitPath: input.byOwner ? f.ownerPath! : f.issuerPath,
    field: 'evidenceFileIds',
  });
  await tx
    .update(recommendations)
    .set({
      status: input.status,
      closedOn: closedStatuses.includes(input.status) ? today(ctx) : null,
      version: r.version + 1,
      updatedAt: ctx.clock.now(),
    })
    .where(eq(recommendations.id, r.id));
  await audit(tx, ctx, {
    action: input.recheckedBy ? 'recommendation.rechecked' : 'recommendation.updated',
    entityType: 'recommendation',
    entityId: r.id,
    unitId: r.ownerUnitId ?? r.issuerUnitId,
    changes: {
      status: [r.status, input.status],
      update: u!.id,
      files: input.evidenceFileIds.length,
      ...(input.recheckedBy ? { inspection: input.recheckedBy } : {}),
    },
  });
}

/**
 * A case sends its file to the investigators: the inspection's own recommendations to refer it are done
 * by that act (issue-19 review: they stayed "not done"). Reported done, naming the referral; someone
 * other than the sender closes them, as for any recommendation.
 */
export async function referralMade(ctx: Ctx, tx: Db, inspectionId: string, note: string) {
  const open = await tx
    .select()
    .from(recommendations)
    .where(
      and(
        fromInspection(inspectionId),
        eq(recommendations.kind, 'referral'),
        inArray(recommendations.status, ['open', 'in_progress']),
      ),
    )
    .for('update');
  for (const r of open) {
    await tx.insert(recommendationUpdates).values({
      recommendationId: r.id,
      status: 'reported_done',
      note,
      by: ctx.actor.userId,
      at: ctx.clock.now(),
    });
    await tx
      .update(recommendations)
      .set({ status: 'reported_done', version: r.version + 1, updatedAt: ctx.clock.now() })
      .where(eq(recommendations.id, r.id));
    await audit(tx, ctx, {
      action: 'recommendation.updated',
      entityType: 'recommendation',
      entityId: r.id,
      unitId: r.ownerUnitId ?? r.issuerUnitId,
      changes: { status: [r.status, 'reported_done'], referral: true },
    });
  }
  return open.length;
}

/** What a follow-up's finding makes of a recommendation: done closes it, partly keeps it open. */
const recheckStatus: Record<(typeof recheckResults)[number], RecommendationStatus> = {
  done: 'closed',
  partly: 'in_progress',
  not_done: 'not_done',
};

/**
 * A follow-up inspection re-checks the recommendations of the inspection it follows up (issue 19): each
 * finding is an update of the recommendation naming the follow-up, under the issuer's rules (M1, four
 * eyes) — also on one already closed, which a re-check may find was not done after all.
 */
export async function recheck(
  ctx: Ctx,
  inspectionId: string,
  input: {
    recommendationId: string;
    result: (typeof recheckResults)[number];
    note: string;
    version: number;
  },
) {
  return ctx.db.transaction(async (tx) => {
    const i = await loadInspection(ctx, tx, inspectionId, true);
    if (!i.followUpOf) throw new AppError('not_found');
    // The team re-checks while at work: from the decision until its own conclusion is issued.
    if (!['decided', 'reported'].includes(i.status)) throw new AppError('conflict');
    const loaded = await loadRecommendation(ctx, tx, input.recommendationId, true);
    const r = loaded.f.r;
    if (r.sourceKind !== 'inspection' || r.sourceId !== i.followUpOf)
      throw fieldError('recommendationId', 'field.invalid');
    if (r.version !== input.version) throw new AppError('conflict');
    await writeUpdate(ctx, tx, loaded, {
      status: recheckStatus[input.result],
      note: input.note,
      evidenceFileIds: [],
      byOwner: false,
      recheckedBy: inspectionId,
    });
    return getInspection(ctx, inspectionId, tx);
  });
}

/**
 * Owners named by recommendations are in the issuer's scope (or outside bodies), due on or after they
 * are issued and within ten years: checked field by field for a conclusion and for other sources alike.
 */
async function checkRecommendations(
  ctx: Ctx,
  tx: Db,
  list: RecommendationInput[],
  issuedOn: string,
  action: Action,
) {
  for (const [n, r] of list.entries()) {
    const at = (f: string) => `recommendations.${n}.${f}`;
    if (!r.ownerUnitId && !r.ownerOutside) throw fieldError(at('ownerUnitId'), 'field.owner_required');
    if (r.ownerUnitId) await unitPath(ctx, tx, r.ownerUnitId, action, at('ownerUnitId'));
    if (r.dueOn < issuedOn)
      throw fieldError(at('dueOn'), 'field.date_not_earlier', { date: formatLegalDate(issuedOn) });
    if (r.dueOn > addYears(issuedOn, 10)) throw fieldError(at('dueOn'), 'field.date_too_far');
  }
}

const recommendationRow = (
  r: RecommendationInput,
  source: { kind: RecommendationSource; id: string | null; ref: string | null },
  issuerUnitId: string,
  issuedOn: string,
) => ({
  sourceKind: source.kind,
  sourceId: source.id,
  sourceRef: source.ref,
  issuerUnitId,
  kind: r.kind,
  content: r.content,
  ownerUnitId: r.ownerUnitId ?? null,
  ownerOutside: r.ownerUnitId ? null : (r.ownerOutside ?? null),
  ownerContact: r.ownerContact ?? null,
  amountVnd: r.amountVnd ?? null,
  issuedOn,
  dueOn: r.dueOn,
});

/**
 * Recommendations from a verification of declarations (by the control agency that concluded it), a state
 * audit or a citizen's report (by the inspectorate, naming the document): followed to closure like an
 * inspection's. A citizen's report is named by its conclusion's reference only: it stays sealed.
 */
export async function issueRecommendations(ctx: Ctx, input: RecommendationsIssue) {
  const action = issuerAction(input.sourceKind);
  if (!canAnywhere(ctx.actor, action)) throw new AppError('not_found');
  return ctx.db.transaction(async (tx) => {
    await unitPath(ctx, tx, input.issuerUnitId, action, 'issuerUnitId');
    if (input.issuedOn > today(ctx)) throw fieldError('issuedOn', 'field.date_future');
    if (input.sourceKind === 'verification') {
      if (!input.sourceId) throw fieldError('sourceId', 'field.required');
      const [v] = await tx
        .select({ unitId: verificationCases.controlUnitId, concludedOn: verificationCases.concludedOn })
        .from(verificationCases)
        .where(eq(verificationCases.id, input.sourceId));
      // Another agency's verification is as unknown as one that does not exist.
      if (!v || v.unitId !== input.issuerUnitId) throw fieldError('sourceId', 'field.invalid');
      if (!v.concludedOn) throw fieldError('sourceId', 'field.verification_not_concluded');
      if (input.issuedOn < v.concludedOn)
        throw fieldError('issuedOn', 'field.date_not_earlier', { date: formatLegalDate(v.concludedOn) });
    } else {
      if (input.sourceId) throw fieldError('sourceId', 'field.invalid');
      if (!input.sourceRef) throw fieldError('sourceRef', 'field.required');
    }
    await checkRecommendations(ctx, tx, input.recommendations, input.issuedOn, action);
    const source = {
      kind: input.sourceKind,
      id: input.sourceId ?? null,
      ref: input.sourceRef ?? null,
    };
    const made = await tx
      .insert(recommendations)
      .values(
        input.recommendations.map((r) => recommendationRow(r, source, input.issuerUnitId, input.issuedOn)),
      )
      .returning({ id: recommendations.id, ownerUnitId: recommendations.ownerUnitId });
    for (const m of made)
      await audit(tx, ctx, {
        action: 'recommendation.issued',
        entityType: 'recommendation',
        entityId: m.id,
        unitId: m.ownerUnitId ?? input.issuerUnitId,
        changes: { source: input.sourceKind, sourceId: source.id, sourceRef: source.ref },
      });
    return { ids: made.map((m) => m.id) };
  });
}

/** Who may read a recommendation's evidence: whoever may read the recommendation (ADR 0020). */
export async function readableRecommendations(ctx: Ctx, ids: string[], db: Db) {
  if (ids.length === 0) return new Set<string>();
  const found = await db
    .select({
      id: recommendations.id,
      kind: recommendations.sourceKind,
      owner: ownerUnits.path,
      issuer: issuerUnits.path,
    })
    .from(recommendations)
    .innerJoin(issuerUnits, eq(issuerUnits.id, recommendations.issuerUnitId))
    .leftJoin(ownerUnits, eq(ownerUnits.id, recommendations.ownerUnitId))
    .where(inArray(recommendations.id, ids));
  return new Set(
    found
      .filter(
        (r) =>
          (r.owner && can(ctx.actor, RESPOND, { unitPath: r.owner })) ||
          can(ctx.actor, issuerAction(r.kind), { unitPath: r.issuer }),
      )
      .map((r) => r.id),
  );
}

/**
 * The signed decision or conclusion filed with the inspection (the office's scan or signed PDF): once the
 * step exists, one file each; filing again replaces it, and the audit log names the file it replaced.
 */
export async function fileSigned(
  ctx: Ctx,
  id: string,
  input: { kind: InspectionDocument; fileId: string; version: number },
) {
  return ctx.db.transaction(async (tx) => {
    const i = await loadInspection(ctx, tx, id, true);
    if (i.version !== input.version) throw new AppError('conflict');
    if (!documentExists(i, input.kind)) throw fieldError('kind', 'field.invalid');
    await attachFiles(ctx, tx, {
      ownerType: 'inspection',
      ownerId: id,
      fileIds: [input.fileId],
      unitPath: i.path,
      field: 'fileId',
    });
    const column = signedColumn[input.kind];
    await tx
      .update(inspections)
      .set({ [column]: input.fileId, version: i.version + 1, updatedAt: ctx.clock.now() })
      .where(eq(inspections.id, id));
    await audit(tx, ctx, {
      action: 'inspection.signed_filed',
      entityType: 'inspection',
      entityId: id,
      unitId: i.unitId,
      changes: { kind: input.kind, file: input.fileId, replaced: i[column] ?? null },
    });
    return getInspection(ctx, id, tx);
  });
}

/** Where each signed document is kept on the inspection. */
const signedColumn = {
  decision: 'decisionFileId',
  minutes: 'minutesFileId',
  conclusion: 'conclusionFileId',
} as const satisfies Record<InspectionDocument, keyof typeof inspections.$inferSelect>;

/** A document exists once its step does: the decision and its minutes once decided, the conclusion once concluded. */
export const documentExists = (
  i: { decisionNo: string | null; conclusionNo: string | null },
  kind: InspectionDocument,
) => (kind === 'conclusion' ? !!i.conclusionNo : !!i.decisionNo);

/** Who may read an inspection's filed documents: whoever may read the inspection (ADR 0020). */
export async function readableInspections(ctx: Ctx, ids: string[], db: Db) {
  if (ids.length === 0) return new Set<string>();
  const found = await db
    .select({ id: inspections.id, path: units.path })
    .from(inspections)
    .innerJoin(units, eq(units.id, inspections.unitId))
    .where(inArray(inspections.id, ids));
  return new Set(found.filter((i) => can(ctx.actor, MANAGE, { unitPath: i.path })).map((i) => i.id));
}
