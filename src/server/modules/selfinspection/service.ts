import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import { type Db, rows } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { HANDLE } from '#server/modules/integrity/common.ts';
import {
  lockRegisterRow,
  registerReadable,
  registerScope,
  registerUnit,
  requireRegisterReader,
} from '#server/modules/integrity/registers.ts';
import { searchFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { canAnywhere } from '#shared/permissions.ts';
import type { SelfInspectionCreate } from '#shared/selfinspection/schemas.ts';
import { selfInspections } from './tables.ts';

/**
 * Self-inspection (Law Art. 56; ADR 0030): a unit's handlers plan, for a year, checks of the staff who deal
 * with citizens and enterprises, by work area, and record what each found and how it was handled; the
 * inspectorate reads them. A planned check whose period is over without a result is late (Home says so).
 */
type Row = typeof selfInspections.$inferSelect;
const today = (ctx: Ctx) => vnToday(ctx.clock.now());

function checkPlan(input: SelfInspectionCreate) {
  // Planned inside its year; the period runs forwards.
  if (!input.plannedFrom.startsWith(String(input.year))) throw fieldError('plannedFrom', 'field.date_range');
  if (input.plannedTo < input.plannedFrom) throw fieldError('plannedTo', 'field.date_order');
  // A year's check is carried out within its year (ADR 0031; re-test sec22 F9: one ran into the next).
  if (!input.plannedTo.startsWith(String(input.year))) throw fieldError('plannedTo', 'field.date_range');
}

const planValues = (input: SelfInspectionCreate) => ({
  unitId: input.unitId,
  year: input.year,
  area: input.area,
  staffCount: input.staffCount ?? null,
  plannedFrom: input.plannedFrom,
  plannedTo: input.plannedTo,
  note: input.note ?? null,
});

export async function createSelfInspection(ctx: Ctx, input: SelfInspectionCreate) {
  if (!canAnywhere(ctx.actor, HANDLE)) throw new AppError('not_found');
  return ctx.db.transaction(async (tx) => {
    await registerUnit(ctx, tx, input.unitId, true, 'unitId');
    checkPlan(input);
    const [row] = await tx
      .insert(selfInspections)
      .values({ ...planValues(input), createdBy: ctx.actor.userId })
      .returning({ id: selfInspections.id });
    await audit(tx, ctx, {
      action: 'self_inspection.planned',
      entityType: 'self_inspection',
      entityId: row!.id,
      unitId: input.unitId,
      changes: { year: input.year, area: input.area, plannedTo: input.plannedTo },
    });
    return { id: row!.id };
  });
}

const lock = (ctx: Ctx, tx: Db, id: string, version: number) =>
  lockRegisterRow(ctx, tx, selfInspections, id, version);

/** The plan is edited while it is planned; a result or a cancellation is history. */
export async function updateSelfInspection(
  ctx: Ctx,
  id: string,
  input: SelfInspectionCreate & { version: number },
) {
  return ctx.db.transaction(async (tx) => {
    const r = await lock(ctx, tx, id, input.version);
    if (r.status !== 'planned') throw fieldError('area', 'field.step_not_now');
    await registerUnit(ctx, tx, input.unitId, true, 'unitId');
    checkPlan(input);
    await tx
      .update(selfInspections)
      .set({ ...planValues(input), version: r.version + 1, updatedAt: ctx.clock.now() })
      .where(eq(selfInspections.id, id));
    await audit(tx, ctx, {
      action: 'self_inspection.updated',
      entityType: 'self_inspection',
      entityId: id,
      unitId: input.unitId,
      changes: { plannedTo: [r.plannedTo, input.plannedTo], area: [r.area, input.area] },
    });
    return getSelfInspection(ctx, id, tx);
  });
}

export async function recordResult(
  ctx: Ctx,
  id: string,
  input: {
    doneOn: string;
    checkedCount: number;
    violationsFound: number;
    staffHandled: number;
    referred: number;
    findings?: string | null | undefined;
    measures?: string | null | undefined;
    version: number;
  },
) {
  return ctx.db.transaction(async (tx) => {
    const r = await lock(ctx, tx, id, input.version);
    if (r.status !== 'planned') throw fieldError('doneOn', 'field.step_not_now');
    if (input.doneOn < r.plannedFrom) throw fieldError('doneOn', 'field.date_order');
    if (input.doneOn > today(ctx)) throw fieldError('doneOn', 'field.date_future');
    if (r.staffCount !== null && input.checkedCount > r.staffCount)
      throw fieldError('checkedCount', 'field.at_most', { max: r.staffCount });
    // Those handled or sent on are among the violations found; violations found are said.
    if (input.staffHandled > input.violationsFound)
      throw fieldError('staffHandled', 'field.at_most', { max: input.violationsFound });
    if (input.referred > input.violationsFound)
      throw fieldError('referred', 'field.at_most', { max: input.violationsFound });
    if (input.violationsFound > 0 && !input.findings) throw fieldError('findings', 'field.required');
    await tx
      .update(selfInspections)
      .set({
        status: 'done',
        doneOn: input.doneOn,
        checkedCount: input.checkedCount,
        violationsFound: input.violationsFound,
        staffHandled: input.staffHandled,
        referred: input.referred,
        findings: input.findings ?? null,
        measures: input.measures ?? null,
        version: r.version + 1,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(selfInspections.id, id));
    await audit(tx, ctx, {
      action: 'self_inspection.done',
      entityType: 'self_inspection',
      entityId: id,
      unitId: r.unitId,
      changes: {
        doneOn: input.doneOn,
        checked: input.checkedCount,
        violations: input.violationsFound,
        referred: input.referred,
      },
    });
    return getSelfInspection(ctx, id, tx);
  });
}

export async function cancelSelfInspection(ctx: Ctx, id: string, input: { reason: string; version: number }) {
  return ctx.db.transaction(async (tx) => {
    const r = await lock(ctx, tx, id, input.version);
    if (r.status !== 'planned') throw fieldError('reason', 'field.step_not_now');
    await tx
      .update(selfInspections)
      .set({
        status: 'cancelled',
        cancelReason: input.reason,
        version: r.version + 1,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(selfInspections.id, id));
    await audit(tx, ctx, {
      action: 'self_inspection.cancelled',
      entityType: 'self_inspection',
      entityId: id,
      unitId: r.unitId,
      changes: { reason: input.reason },
    });
    return getSelfInspection(ctx, id, tx);
  });
}

const present = (ctx: Ctx, r: { r: Row; unitName: string }) => ({
  id: r.r.id,
  unitId: r.r.unitId,
  unitName: r.unitName,
  year: r.r.year,
  area: r.r.area,
  staffCount: r.r.staffCount,
  plannedFrom: r.r.plannedFrom,
  plannedTo: r.r.plannedTo,
  note: r.r.note,
  status: r.r.status,
  late: r.r.status === 'planned' && r.r.plannedTo < today(ctx),
  doneOn: r.r.doneOn,
  checkedCount: r.r.checkedCount,
  violationsFound: r.r.violationsFound,
  staffHandled: r.r.staffHandled,
  referred: r.r.referred,
  findings: r.r.findings,
  measures: r.r.measures,
  cancelReason: r.r.cancelReason,
  version: r.r.version,
});

export async function getSelfInspection(ctx: Ctx, id: string, db: Db = ctx.db) {
  const [r] = await db
    .select({ r: selfInspections, unitName: units.name, path: units.path })
    .from(selfInspections)
    .innerJoin(units, eq(units.id, selfInspections.unitId))
    .where(eq(selfInspections.id, id));
  if (!r || !registerReadable(ctx, r.path)) throw new AppError('not_found');
  return present(ctx, r);
}

export async function listSelfInspections(
  ctx: Ctx,
  q: {
    year?: number | undefined;
    status?: string | undefined;
    late?: string | undefined;
    unitId?: string | undefined;
    q?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  requireRegisterReader(ctx);
  const path = q.unitId ? await registerUnit(ctx, ctx.db, q.unitId, false) : null;
  const now = today(ctx);
  const lateSql = sql`(${selfInspections.status} = 'planned' and ${selfInspections.plannedTo} < ${now})`;
  const where = and(
    registerScope(ctx),
    path ? sql`${units.path} like ${`${path}%`}` : undefined,
    q.year ? eq(selfInspections.year, q.year) : undefined,
    q.status ? eq(selfInspections.status, q.status as never) : undefined,
    q.late ? lateSql : undefined,
    searchFilter(sql`liem_fold(${selfInspections.area} || ' ' || ${units.name})`, q.q),
  );
  const [s] = await rows<{
    total: number;
    planned: number;
    done: number;
    late: number;
    checked: number;
    violations: number;
  }>(
    ctx.db,
    sql`select count(*)::int as total,
        count(*) filter (where ${selfInspections.status} <> 'cancelled')::int as planned,
        count(*) filter (where ${selfInspections.status} = 'done')::int as done,
        count(*) filter (where ${lateSql})::int as late,
        coalesce(sum(${selfInspections.checkedCount}), 0)::int as checked,
        coalesce(sum(${selfInspections.violationsFound}), 0)::int as violations
      from ${selfInspections} join ${units} on ${units.id} = ${selfInspections.unitId} where ${where ?? sql`true`}`,
  );
  const found = await ctx.db
    .select({ r: selfInspections, unitName: units.name })
    .from(selfInspections)
    .innerJoin(units, eq(units.id, selfInspections.unitId))
    .where(where)
    .orderBy(desc(selfInspections.year), asc(selfInspections.plannedFrom), asc(selfInspections.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const { total, ...summary } = s!;
  return { items: found.map((r) => present(ctx, r)), total, page: q.page, pageSize: q.pageSize, summary };
}
