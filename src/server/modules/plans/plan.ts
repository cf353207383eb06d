import { and, asc, eq, sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import { diff } from '#server/modules/audit/chain.ts';
import { audit } from '#server/modules/audit/service.ts';
import { attachFiles } from '#server/modules/files/service.ts';
import { scopeFilter, subtreeFilter } from '#server/modules/org/scope.ts';
import { writableUnit } from '#server/modules/org/service.ts';
import { units } from '#server/modules/org/tables.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { can } from '#shared/permissions.ts';
import { mayWritePlan, planAbilities, readOnly } from '#shared/plans/policy.ts';
import { presentItems } from './items.ts';
import { itemsOf, planInScope, planProgress, presentPlan, writablePlan } from './records.ts';
import { plans } from './tables.ts';

export async function getPlan(ctx: Ctx, id: string) {
  const assigned = await assignedView(ctx, id);
  if (assigned) {
    const items = await itemsOf(ctx.db, [id]);
    const keep = assigned.keep(await presentItems(ctx.db, items));
    const mine = items.filter((i) => keep.has(i.id));
    return {
      ...presentPlan(assigned.row.p, assigned.row.unitName, vnToday(ctx.clock.now()), planProgress(mine)),
      assignedOnly: true,
      abilities: readOnly,
    };
  }
  const { p, unitName, unitPath } = await planInScope(ctx, id);
  return {
    ...presentPlan(p, unitName, vnToday(ctx.clock.now()), planProgress(await itemsOf(ctx.db, [id]))),
    abilities: planAbilities(ctx.actor, unitPath),
  };
}

/**
 * A plan the actor may not read, but which a plan of theirs implements (the province plan above a
 * department's): they read the tasks assigned to their units in it — with the tasks above those, for
 * context — and nothing else. Null where the actor reads the whole plan, or has no such plan.
 */
export async function assignedView(ctx: Ctx, id: string) {
  const [row] = await ctx.db
    .select({ p: plans, unitPath: units.path, unitName: units.name })
    .from(plans)
    .innerJoin(units, eq(units.id, plans.unitId))
    .where(eq(plans.id, id));
  if (!row || can(ctx.actor, 'plans.read', { unitPath: row.unitPath })) return null;
  const children = await ctx.db
    .select({ unitId: plans.unitId, path: units.path })
    .from(plans)
    .innerJoin(units, eq(units.id, plans.unitId))
    .where(eq(plans.sourcePlanId, id));
  const mine = new Set(
    children.filter((c) => can(ctx.actor, 'plans.read', { unitPath: c.path })).map((c) => c.unitId),
  );
  if (mine.size === 0) return null;
  const keep = (
    items: Array<{ id: string; parentId: string | null; leadUnitId: string | null; coUnitIds: string[] }>,
  ) => {
    const byId = new Map(items.map((i) => [i.id, i]));
    const out = new Set<string>();
    for (const i of items)
      if ((i.leadUnitId && mine.has(i.leadUnitId)) || i.coUnitIds.some((u) => mine.has(u)))
        for (let at: typeof i | undefined = i; at && !out.has(at.id); at = byId.get(at.parentId ?? ''))
          out.add(at.id);
    return out;
  };
  return { row, keep };
}

export async function listPlans(
  ctx: Ctx,
  q: {
    page: number;
    pageSize: number;
    year?: number;
    unitId?: string;
    status?: string;
    sourcePlanId?: string;
    sort?: 'unitName' | '-unitName' | 'title' | '-title' | 'status' | '-status' | 'dueDate' | '-dueDate';
  },
) {
  const order = q.sort
    ? (() => {
        const desc = q.sort.startsWith('-');
        const key = q.sort.replace(/^-/, '');
        const column = {
          unitName: sql`liem_fold(${units.name})`,
          title: sql`liem_fold(${plans.title})`,
          status: sql`${plans.status}`,
          dueDate: sql`${plans.dueDate}`,
        }[key]!;
        return [sql`${column} ${sql.raw(desc ? 'desc nulls last' : 'asc nulls last')}`, asc(plans.id)];
      })()
    : [asc(units.path), asc(plans.year)];
  const where = and(
    scopeFilter(ctx.actor, 'plans.read', units.path),
    await subtreeFilter(ctx, q.unitId, 'plans.read'),
    q.year ? eq(plans.year, q.year) : undefined,
    q.status ? eq(plans.status, q.status) : undefined,
    q.sourcePlanId ? eq(plans.sourcePlanId, q.sourcePlanId) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    ctx.db
      .select({ p: plans, unitName: units.name })
      .from(plans)
      .innerJoin(units, eq(units.id, plans.unitId))
      .where(where)
      .orderBy(...order)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(plans)
      .innerJoin(units, eq(units.id, plans.unitId))
      .where(where),
  ]);
  const items = await itemsOf(
    ctx.db,
    rows.map((r) => r.p.id),
  );
  const today = vnToday(ctx.clock.now());
  return {
    items: rows.map((r) =>
      presentPlan(r.p, r.unitName, today, planProgress(items.filter((i) => i.planId === r.p.id))),
    ),
    total: count?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function createPlan(
  ctx: Ctx,
  input: {
    unitId: string;
    year: number;
    title: string;
    docNumber?: string | null;
    docDate?: string | null;
    signer?: string | null;
  },
) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(units).where(eq(units.id, input.unitId));
    const unit = writableUnit(ctx, row, (u) => mayWritePlan(ctx.actor, u.path));
    if (unit.status !== 'active') throw fieldError('unitId', 'field.unit_archived');
    const [exists] = await tx
      .select({ id: plans.id })
      .from(plans)
      .where(and(eq(plans.unitId, unit.id), eq(plans.year, input.year)));
    if (exists) throw fieldError('year', 'error.conflict');
    const [p] = await tx
      .insert(plans)
      .values({
        unitId: unit.id,
        year: input.year,
        title: input.title,
        docNumber: input.docNumber ?? null,
        docDate: input.docDate ?? null,
        signer: input.signer ?? null,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'plan.created',
      entityType: 'plan',
      entityId: p!.id,
      unitId: unit.id,
      changes: { year: input.year, title: input.title },
    });
    return presentPlan(p!, unit.name, vnToday(ctx.clock.now()), 0);
  });
}

export async function updatePlan(
  ctx: Ctx,
  id: string,
  input: {
    title?: string;
    docNumber?: string | null;
    docDate?: string | null;
    signer?: string | null;
    signedFileId?: string | null;
    version: number;
  },
) {
  return ctx.db.transaction(async (tx) => {
    const { p, unitName, unitPath } = await writablePlan(ctx, id, tx);
    if (p.version !== input.version) throw new AppError('conflict');
    if (input.signedFileId)
      await attachFiles(ctx, tx, {
        ownerType: 'plan',
        ownerId: id,
        fileIds: [input.signedFileId],
        unitPath,
        field: 'signedFileId',
      });
    const { version: _v, ...fields } = input;
    const changes = diff(p, fields);
    const [updated] = await tx
      .update(plans)
      .set({ ...fields, version: p.version + 1, updatedAt: ctx.clock.now() })
      .where(eq(plans.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'plan.updated',
      entityType: 'plan',
      entityId: id,
      unitId: p.unitId,
      changes,
    });
    return presentPlan(updated!, unitName, vnToday(ctx.clock.now()), planProgress(await itemsOf(tx, [id])));
  });
}

/** Checks an item's fields against its plan: group, year, tree and units. */
