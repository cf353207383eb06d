import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import { type Db, rows } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { enterprises } from '#server/modules/enterprises/tables.ts';
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
import { addMonths } from '#shared/clocks/due.ts';
import { coolingOffRules, type DepartureCreate } from '#shared/departures/schemas.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { canAnywhere } from '#shared/permissions.ts';
import { departures } from './tables.ts';

/**
 * Officials who left office and their cooling-off periods (issue 20; ADR 0036): kept by the unit they
 * left, read by the inspectorate. A new employer the province knows as an enterprise, within the
 * period, is flagged wherever the row is shown.
 */
type Row = typeof departures.$inferSelect;

const MAX_PROJECT_YEARS = 15;

/**
 * The register's rules on a row, and the period's months and last day by the rule: its default or a
 * length within its range. Also tried by the import's dry run.
 */
export function period(ctx: Ctx, input: DepartureCreate) {
  const today = vnToday(ctx.clock.now());
  if (input.leftOn < '2000-01-01') throw fieldError('leftOn', 'field.date_too_far');
  if (input.leftOn > today) throw fieldError('leftOn', 'field.date_future');
  // Sheets reach here unparsed: the form of a tax code is checked where it is stored.
  if (input.newEmployerTaxCode && !/^\d{10}(-\d{3})?$/.test(input.newEmployerTaxCode))
    throw fieldError('newEmployerTaxCode', 'field.tax_code');
  if (input.newEmployerTaxCode && !input.newEmployerName)
    throw fieldError('newEmployerName', 'field.required');
  const rule = coolingOffRules[input.rule];
  if (rule.months === null) {
    if (!input.projectEndsOn) throw fieldError('projectEndsOn', 'field.required');
    if (input.projectEndsOn < input.leftOn) throw fieldError('projectEndsOn', 'field.date_order');
    // A programme lasts years, not centuries: a typo must not make a period that never ends.
    if (input.projectEndsOn > addMonths(input.leftOn, 12 * MAX_PROJECT_YEARS))
      throw fieldError('projectEndsOn', 'field.date_too_far');
    if (input.months) throw fieldError('months', 'field.cooling_off_by_project');
    return { months: null, projectEndsOn: input.projectEndsOn, coolingOffUntil: input.projectEndsOn };
  }
  if (input.projectEndsOn) throw fieldError('projectEndsOn', 'field.cooling_off_by_months');
  const months = input.months ?? rule.months;
  if (months < rule.min || months > rule.max)
    throw fieldError('months', 'field.cooling_off_range', { min: rule.min, max: rule.max });
  return { months, projectEndsOn: null, coolingOffUntil: addMonths(input.leftOn, months) };
}

const values = (ctx: Ctx, input: DepartureCreate) => ({
  unitId: input.unitId,
  personName: input.personName,
  position: input.position,
  leftOn: input.leftOn,
  rule: input.rule,
  field: input.field,
  newEmployerName: input.newEmployerName ?? null,
  newEmployerTaxCode: input.newEmployerTaxCode ?? null,
  note: input.note ?? null,
  ...period(ctx, input),
});

export async function createDeparture(ctx: Ctx, input: DepartureCreate, db: Db = ctx.db) {
  if (!canAnywhere(ctx.actor, HANDLE)) throw new AppError('not_found');
  return db.transaction(async (tx) => {
    await registerUnit(ctx, tx, input.unitId, true, 'unitId');
    const v = values(ctx, input);
    const [row] = await tx
      .insert(departures)
      .values({ ...v, createdBy: ctx.actor.userId })
      .returning({ id: departures.id });
    await audit(tx, ctx, {
      action: 'departure.recorded',
      entityType: 'departure',
      entityId: row!.id,
      unitId: input.unitId,
      changes: { leftOn: v.leftOn, rule: v.rule, coolingOffUntil: v.coolingOffUntil },
    });
    return { id: row!.id };
  });
}

export async function updateDeparture(ctx: Ctx, id: string, input: DepartureCreate & { version: number }) {
  return ctx.db.transaction(async (tx) => {
    const r = await lockRegisterRow(ctx, tx, departures, id, input.version);
    await registerUnit(ctx, tx, input.unitId, true, 'unitId');
    const v = values(ctx, input);
    await tx
      .update(departures)
      .set({ ...v, version: r.version + 1, updatedAt: ctx.clock.now() })
      .where(eq(departures.id, id));
    await audit(tx, ctx, {
      action: 'departure.updated',
      entityType: 'departure',
      entityId: id,
      unitId: input.unitId,
      changes: {
        coolingOffUntil: [r.coolingOffUntil, v.coolingOffUntil],
        newEmployerTaxCode: [r.newEmployerTaxCode, v.newEmployerTaxCode],
      },
    });
    return getDeparture(ctx, id, tx);
  });
}

const employer = alias(units, 'employer');
const selection = {
  r: departures,
  unitName: units.name,
  path: units.path,
  employerId: enterprises.unitId,
  employerName: employer.name,
  employerSector: enterprises.sector,
};

function present(today: string) {
  return (x: {
    r: Row;
    unitName: string;
    employerId: string | null;
    employerName: string | null;
    employerSector: string | null;
  }) => ({
    id: x.r.id,
    unitId: x.r.unitId,
    unitName: x.unitName,
    personName: x.r.personName,
    position: x.r.position,
    leftOn: x.r.leftOn,
    rule: x.r.rule,
    months: x.r.months,
    projectEndsOn: x.r.projectEndsOn,
    coolingOffUntil: x.r.coolingOffUntil,
    field: x.r.field,
    newEmployerName: x.r.newEmployerName,
    newEmployerTaxCode: x.r.newEmployerTaxCode,
    note: x.r.note,
    coolingOff: x.r.coolingOffUntil >= today,
    employer: x.employerId
      ? { unitId: x.employerId, name: x.employerName!, sector: x.employerSector! }
      : null,
    version: x.r.version,
  });
}

function base(db: Db) {
  return db
    .select(selection)
    .from(departures)
    .innerJoin(units, eq(units.id, departures.unitId))
    .leftJoin(enterprises, eq(enterprises.taxCode, departures.newEmployerTaxCode))
    .leftJoin(employer, eq(employer.id, enterprises.unitId));
}

export async function getDeparture(ctx: Ctx, id: string, db: Db = ctx.db) {
  const [r] = await base(db).where(eq(departures.id, id));
  if (!r || !registerReadable(ctx, r.path)) throw new AppError('not_found');
  return present(vnToday(ctx.clock.now()))(r);
}

export async function listDepartures(
  ctx: Ctx,
  q: {
    year?: number | undefined;
    state?: 'cooling' | 'flagged' | 'ended' | undefined;
    unitId?: string | undefined;
    q?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  requireRegisterReader(ctx);
  const today = vnToday(ctx.clock.now());
  const path = q.unitId ? await registerUnit(ctx, ctx.db, q.unitId, false) : null;
  const cooling = sql`${departures.coolingOffUntil} >= ${today}`;
  const known = sql`exists (select 1 from ${enterprises} e where e.tax_code = ${departures.newEmployerTaxCode})`;
  const state: Record<string, SQL> = {
    cooling,
    flagged: sql`${cooling} and ${known}`,
    ended: sql`${departures.coolingOffUntil} < ${today}`,
  };
  const where = and(
    registerScope(ctx),
    path ? sql`${units.path} like ${`${path}%`}` : undefined,
    q.year ? sql`${departures.leftOn} between ${`${q.year}-01-01`} and ${`${q.year}-12-31`}` : undefined,
    q.state ? state[q.state] : undefined,
    searchFilter(
      sql`liem_fold(${departures.personName} || ' ' || ${departures.position} || ' ' || coalesce(${departures.newEmployerName}, ''))`,
      q.q,
    ),
  );
  const [s] = await rows<{ total: number; cooling: number; flagged: number }>(
    ctx.db,
    sql`select count(*)::int as total,
        count(*) filter (where ${cooling})::int as cooling,
        count(*) filter (where ${cooling} and ${known})::int as flagged
      from ${departures} join ${units} on ${units.id} = ${departures.unitId} where ${where ?? sql`true`}`,
  );
  const found = await base(ctx.db)
    .where(where)
    .orderBy(desc(departures.leftOn), desc(departures.createdAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    items: found.map(present(today)),
    total: s!.total,
    page: q.page,
    pageSize: q.pageSize,
    summary: s!,
  };
}
