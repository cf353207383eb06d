import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import { chunks, insertRows } from '#server/db/bulk.ts';
import type { Db } from '#server/db/client.ts';
import { diff } from '#server/modules/audit/chain.ts';
import { audit, auditMany } from '#server/modules/audit/service.ts';
import {
  computeDue,
  DEFAULT_CALENDAR,
  loadCalendar,
  reportingPeriods,
} from '#server/modules/clocks/service.ts';
import { calendars } from '#server/modules/clocks/tables.ts';
import { attachFiles } from '#server/modules/files/service.ts';
import { notify } from '#server/modules/notifications/service.ts';
import { scopeFilter, subtreeFilter } from '#server/modules/org/scope.ts';
import { writableUnit } from '#server/modules/org/service.ts';
import { units } from '#server/modules/org/tables.ts';
import { grants, users } from '#server/modules/users/tables.ts';
import { addPeriod, clockState } from '#shared/clocks/due.ts';
import { formatLegalDate } from '#shared/dates.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { type Actor, can, canAnywhere } from '#shared/permissions.ts';
import type { ItemCreate, ItemUpdate } from '#shared/plans/schemas.ts';
import {
  keyTaskGroups,
  planItemComments,
  planItems,
  planItemUnits,
  plans,
  planVersions,
  progressReports,
} from './tables.ts';

type PlanRow = typeof plans.$inferSelect;
type ItemRow = typeof planItems.$inferSelect;

/** Coordinators manage every plan in their subtree; heads and focal officers their own unit's. */
export function canWritePlan(actor: Actor, unitPath: string): boolean {
  return can(actor, 'plans.manage', { unitPath }) || can(actor, 'plans.edit', { unitPath });
}

async function planInScope(ctx: Ctx, id: string, db: Db = ctx.db) {
  const [row] = await db
    .select({ p: plans, unitPath: units.path, unitName: units.name })
    .from(plans)
    .innerJoin(units, eq(units.id, plans.unitId))
    .where(eq(plans.id, id));
  if (!row || !can(ctx.actor, 'plans.read', { unitPath: row.unitPath })) throw new AppError('not_found');
  return row;
}

async function writablePlan(ctx: Ctx, id: string, db: Db) {
  const row = await planInScope(ctx, id, db);
  if (!canWritePlan(ctx.actor, row.unitPath)) throw new AppError('forbidden');
  return row;
}

function requireDraft(p: PlanRow) {
  if (p.status !== 'draft') throw new AppError('plan_not_draft');
}

/** Own progress, or the mean of the children's (recursively), rounded. */
export function rollUp(
  items: Array<Pick<ItemRow, 'id' | 'parentId' | 'progress' | 'status'>>,
): Map<string, number> {
  const children = new Map<string | null, typeof items>();
  for (const i of items) {
    const list = children.get(i.parentId) ?? [];
    list.push(i);
    children.set(i.parentId, list);
  }
  const out = new Map<string, number>();
  const visit = (i: (typeof items)[number]): number => {
    const kids = (children.get(i.id) ?? []).filter((k) => k.status !== 'cancelled');
    const value =
      kids.length === 0 ? i.progress : Math.round(kids.reduce((s, k) => s + visit(k), 0) / kids.length);
    out.set(i.id, value);
    return value;
  };
  for (const root of children.get(null) ?? []) visit(root);
  return out;
}

function planProgress(items: Array<Pick<ItemRow, 'id' | 'parentId' | 'progress' | 'status'>>): number {
  const rolled = rollUp(items);
  const top = items.filter((i) => i.parentId === null && i.status !== 'cancelled');
  return top.length === 0 ? 0 : Math.round(top.reduce((s, i) => s + (rolled.get(i.id) ?? 0), 0) / top.length);
}

function presentPlan(p: PlanRow, unitName: string, today: string, progress: number) {
  return {
    id: p.id,
    unitId: p.unitId,
    unitName,
    year: p.year,
    sourcePlanId: p.sourcePlanId,
    title: p.title,
    docNumber: p.docNumber,
    docDate: p.docDate,
    signer: p.signer,
    signedFileId: p.signedFileId,
    status: p.status,
    issuedVersion: p.issuedVersion,
    issuedAt: p.issuedAt?.toISOString() ?? null,
    dueDate: p.dueDate,
    late: p.status === 'draft' && !!p.dueDate && p.dueDate < today,
    progress,
    version: p.version,
  };
}

/**
 * Items of these plans. An item assigned to units takes its progress from their copies (unit plans roll up
 * into the province plan), unless it has children of its own.
 */
async function itemsOf(db: Db, planIds: string[]) {
  if (planIds.length === 0) return [];
  const rows = await db
    .select()
    .from(planItems)
    .where(inArray(planItems.planId, planIds))
    .orderBy(asc(planItems.ordinal), asc(planItems.createdAt));
  // Units' copies of these tasks, found through the plans' ids (never a list of every task id).
  const source = alias(planItems, 'source');
  const copies = rows.length
    ? await db
        .select({
          sourceItemId: planItems.sourceItemId,
          progress: sql<number>`avg(${planItems.progress})::float`,
        })
        .from(planItems)
        .innerJoin(source, eq(source.id, planItems.sourceItemId))
        .where(inArray(source.planId, planIds))
        .groupBy(planItems.sourceItemId)
    : [];
  const fromUnits = new Map(copies.map((c) => [c.sourceItemId, Math.round(c.progress)]));
  return rows.map((r) => (fromUnits.has(r.id) ? { ...r, progress: fromUnits.get(r.id)! } : r));
}

export async function getPlan(ctx: Ctx, id: string) {
  const assigned = await assignedView(ctx, id);
  if (assigned) {
    const items = await itemsOf(ctx.db, [id]);
    const keep = assigned.keep(await presentItems(ctx.db, items));
    const mine = items.filter((i) => keep.has(i.id));
    return {
      ...presentPlan(assigned.row.p, assigned.row.unitName, vnToday(ctx.clock.now()), planProgress(mine)),
      assignedOnly: true,
    };
  }
  const { p, unitName } = await planInScope(ctx, id);
  return presentPlan(p, unitName, vnToday(ctx.clock.now()), planProgress(await itemsOf(ctx.db, [id])));
}

/**
 * A plan the actor may not read, but which a plan of theirs implements (the province plan above a
 * department's): they read the tasks assigned to their units in it — with the tasks above those, for
 * context — and nothing else. Null where the actor reads the whole plan, or has no such plan.
 */
async function assignedView(ctx: Ctx, id: string) {
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
    const unit = writableUnit(ctx, row, (u) => canWritePlan(ctx.actor, u.path));
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
async function checkItem(
  ctx: Ctx,
  tx: Db,
  plan: PlanRow,
  planUnitPath: string,
  input: ItemUpdate,
  itemId?: string,
) {
  if (input.groupCode !== undefined) {
    const [g] = await tx.select().from(keyTaskGroups).where(eq(keyTaskGroups.code, input.groupCode));
    if (!g) throw fieldError('groupCode', 'field.invalid');
  }
  if (input.deadline && Number(input.deadline.slice(0, 4)) < plan.year)
    throw fieldError('deadline', 'field.deadline_before_year');
  if (input.parentId) {
    const [parent] = await tx.select().from(planItems).where(eq(planItems.id, input.parentId));
    if (!parent || parent.planId !== plan.id) throw fieldError('parentId', 'field.invalid');
    if (itemId) {
      // Walk up from the new parent: meeting the item itself would close a cycle.
      for (let cur: ItemRow | undefined = parent; cur; ) {
        if (cur.id === itemId) throw fieldError('parentId', 'field.parent_cycle');
        [cur] = cur.parentId ? await tx.select().from(planItems).where(eq(planItems.id, cur.parentId)) : [];
      }
    }
  }
  const unitIds = [...(input.leadUnitId ? [input.leadUnitId] : []), ...(input.coUnitIds ?? [])];
  if (unitIds.length > 0) {
    const found = await tx.select().from(units).where(inArray(units.id, unitIds));
    for (const id of unitIds) {
      const field = id === input.leadUnitId ? 'leadUnitId' : 'coUnitIds';
      const u = found.find((f) => f.id === id);
      if (!u?.path.startsWith(planUnitPath) || !can(ctx.actor, 'org.read', { unitPath: u.path }))
        throw fieldError(field, 'field.unit_not_in_plan_scope');
      if (u.status !== 'active') throw fieldError(field, 'field.unit_archived');
    }
  }
}

async function presentItems(db: Db, rows: ItemRow[]) {
  // In chunks: a plan of 100,000 tasks would pass the 65,535 parameters one statement may carry.
  const coUnits: Array<typeof planItemUnits.$inferSelect> = [];
  for (const part of chunks(
    rows.map((r) => r.id),
    5000,
  ))
    coUnits.push(...(await db.select().from(planItemUnits).where(inArray(planItemUnits.itemId, part))));
  const rolled = rollUp(rows);
  const leadIds = [...new Set(rows.map((r) => r.leadUnitId).filter((u): u is string => !!u))];
  const names = new Map(
    leadIds.length
      ? (
          await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, leadIds))
        ).map((u) => [u.id, u.name])
      : [],
  );
  return rows.map((i) => ({
    leadUnitName: i.leadUnitId ? (names.get(i.leadUnitId) ?? null) : null,
    id: i.id,
    planId: i.planId,
    parentId: i.parentId,
    sourceItemId: i.sourceItemId,
    ordinal: i.ordinal,
    groupCode: i.groupCode,
    content: i.content,
    leadUnitId: i.leadUnitId,
    coUnitIds: coUnits.filter((c) => c.itemId === i.id).map((c) => c.unitId),
    deadline: i.deadline,
    recurrence: i.recurrence,
    expectedOutput: i.expectedOutput,
    indicator: i.indicator,
    target: i.target,
    status: i.status,
    progress: rolled.get(i.id) ?? i.progress,
  }));
}

export async function listItems(ctx: Ctx, planId: string) {
  const assigned = await assignedView(ctx, planId);
  if (assigned) {
    const items = await presentItems(ctx.db, await itemsOf(ctx.db, [planId]));
    const keep = assigned.keep(items);
    return items.filter((i) => keep.has(i.id));
  }
  await planInScope(ctx, planId);
  return presentItems(ctx.db, await itemsOf(ctx.db, [planId]));
}

export async function addItem(ctx: Ctx, planId: string, input: ItemCreate) {
  return ctx.db.transaction(async (tx) => {
    const { p, unitPath } = await writablePlan(ctx, planId, tx);
    requireDraft(p);
    await checkItem(ctx, tx, p, unitPath, input);
    const { coUnitIds, ...fields } = input;
    const [item] = await tx
      .insert(planItems)
      .values({ ...fields, planId, parentId: input.parentId ?? null })
      .returning();
    if (coUnitIds.length)
      await tx
        .insert(planItemUnits)
        .values([...new Set(coUnitIds)].map((unitId) => ({ itemId: item!.id, unitId })));
    await audit(tx, ctx, {
      action: 'plan_item.created',
      entityType: 'plan_item',
      entityId: item!.id,
      unitId: p.unitId,
      changes: { content: input.content, groupCode: input.groupCode },
    });
    return (await presentItems(tx, [item!]))[0]!;
  });
}

/**
 * Many tasks of one draft plan at once (imports): the same rules as `addItem`, checked for the whole set
 * in a few statements, written with multi-row inserts, one audit event per task. `parentId` may name a
 * task earlier in the list (ids are chosen by the caller) or one already in the plan.
 */
export async function addItems(
  ctx: Ctx,
  planId: string,
  inputs: Array<ItemCreate & { id: string }>,
  written?: (tasks: number) => Promise<void>,
) {
  if (inputs.length === 0) return;
  await ctx.db.transaction(async (tx) => {
    const { p, unitPath } = await writablePlan(ctx, planId, tx);
    requireDraft(p);
    const groups = new Set(
      (await tx.select({ code: keyTaskGroups.code }).from(keyTaskGroups)).map((g) => g.code),
    );
    const earlier = new Set<string>();
    const outside = [...new Set(inputs.map((i) => i.parentId).filter((id): id is string => !!id))].filter(
      (id) => !inputs.some((i) => i.id === id),
    );
    const existing = new Set(
      outside.length
        ? (
            await tx
              .select({ id: planItems.id })
              .from(planItems)
              .where(and(eq(planItems.planId, planId), inArray(planItems.id, outside)))
          ).map((r) => r.id)
        : [],
    );
    const unitIds = [
      ...new Set(inputs.flatMap((i) => [...(i.leadUnitId ? [i.leadUnitId] : []), ...i.coUnitIds])),
    ];
    const unitById = new Map<string, typeof units.$inferSelect>();
    for (let k = 0; k < unitIds.length; k += 1000)
      for (const u of await tx
        .select()
        .from(units)
        .where(inArray(units.id, unitIds.slice(k, k + 1000))))
        unitById.set(u.id, u);
    for (const input of inputs) {
      if (!groups.has(input.groupCode)) throw fieldError('groupCode', 'field.invalid');
      if (input.deadline && Number(input.deadline.slice(0, 4)) < p.year)
        throw fieldError('deadline', 'field.deadline_before_year');
      if (input.parentId && !earlier.has(input.parentId) && !existing.has(input.parentId))
        throw fieldError('parentId', 'field.invalid');
      for (const id of [...(input.leadUnitId ? [input.leadUnitId] : []), ...input.coUnitIds]) {
        const field = id === input.leadUnitId ? 'leadUnitId' : 'coUnitIds';
        const u = unitById.get(id);
        if (!u?.path.startsWith(unitPath) || !can(ctx.actor, 'org.read', { unitPath: u.path }))
          throw fieldError(field, 'field.unit_not_in_plan_scope');
        if (u.status !== 'active') throw fieldError(field, 'field.unit_archived');
      }
      earlier.add(input.id);
    }
    await insertRows(
      tx,
      planItems,
      inputs.map(({ coUnitIds: _c, ...fields }) => ({
        ...fields,
        planId,
        parentId: fields.parentId ?? null,
      })),
      written,
    );
    await insertRows(
      tx,
      planItemUnits,
      inputs.flatMap((i) => [...new Set(i.coUnitIds)].map((unitId) => ({ itemId: i.id, unitId }))),
    );
    await auditMany(
      tx,
      ctx,
      inputs.map((i) => ({
        action: 'plan_item.created',
        entityType: 'plan_item',
        entityId: i.id,
        unitId: p.unitId,
        changes: { content: i.content, groupCode: i.groupCode },
      })),
    );
  });
}

export async function updateItem(ctx: Ctx, itemId: string, input: ItemUpdate) {
  return ctx.db.transaction(async (tx) => {
    const [item] = await tx.select().from(planItems).where(eq(planItems.id, itemId));
    if (!item) throw new AppError('not_found');
    const { p, unitPath } = await writablePlan(ctx, item.planId, tx);
    requireDraft(p);
    await checkItem(ctx, tx, p, unitPath, input, itemId);
    const { coUnitIds, ...fields } = input;
    const changes: Record<string, unknown> = diff(item, fields);
    if (Object.keys(fields).length)
      await tx
        .update(planItems)
        .set({ ...fields, updatedAt: ctx.clock.now() })
        .where(eq(planItems.id, itemId));
    if (coUnitIds) {
      await tx.delete(planItemUnits).where(eq(planItemUnits.itemId, itemId));
      if (coUnitIds.length)
        await tx.insert(planItemUnits).values([...new Set(coUnitIds)].map((unitId) => ({ itemId, unitId })));
      changes.coUnitIds = coUnitIds;
    }
    await audit(tx, ctx, {
      action: 'plan_item.updated',
      entityType: 'plan_item',
      entityId: itemId,
      unitId: p.unitId,
      changes,
    });
    const [updated] = await tx.select().from(planItems).where(eq(planItems.id, itemId));
    return (await presentItems(tx, [updated!]))[0]!;
  });
}

export async function deleteItem(ctx: Ctx, itemId: string) {
  await ctx.db.transaction(async (tx) => {
    const [item] = await tx.select().from(planItems).where(eq(planItems.id, itemId));
    if (!item) throw new AppError('not_found');
    const { p } = await writablePlan(ctx, item.planId, tx);
    requireDraft(p);
    const [child] = await tx
      .select({ id: planItems.id })
      .from(planItems)
      .where(or(eq(planItems.parentId, itemId), eq(planItems.sourceItemId, itemId)))
      .limit(1);
    if (child) throw fieldError('id', 'field.invalid');
    await tx.delete(planItemUnits).where(eq(planItemUnits.itemId, itemId));
    await tx.delete(planItems).where(eq(planItems.id, itemId));
    await audit(tx, ctx, {
      action: 'plan_item.deleted',
      entityType: 'plan_item',
      entityId: itemId,
      unitId: p.unitId,
      changes: { content: item.content },
    });
  });
}

/** The users who answer for a unit's plan: its heads and focal officers (grants covering it). */
export async function responsibleUsers(db: Db, unitPath: string): Promise<string[]> {
  const rows = await db
    .select({ userId: grants.userId, path: units.path, subtree: grants.subtree })
    .from(grants)
    .innerJoin(units, eq(units.id, grants.unitId))
    .where(
      and(inArray(grants.role, ['unit_head', 'focal_officer']), sql`${unitPath} like ${units.path} || '%'`),
    );
  return [...new Set(rows.filter((r) => r.subtree || r.path === unitPath).map((r) => r.userId))];
}

/**
 * Issues a draft plan: its content is kept as a version, and a top-level plan cascades: every unit it
 * assigns gets a draft plan holding those items (linked to their source), due by the configured rule.
 */
export async function issuePlan(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const { p, unitName } = await writablePlan(ctx, id, tx);
    requireDraft(p);
    const now = ctx.clock.now();
    const items = await itemsOf(tx, [id]);
    const coUnits = items.length
      ? await tx
          .select()
          .from(planItemUnits)
          .where(
            inArray(
              planItemUnits.itemId,
              items.map((i) => i.id),
            ),
          )
      : [];
    const version = p.issuedVersion + 1;
    await tx.insert(planVersions).values({
      planId: id,
      version,
      snapshot: { plan: p, items, coUnits },
      issuedAt: now,
      issuedBy: ctx.actor.userId,
    });
    const [issued] = await tx
      .update(plans)
      .set({
        status: 'issued',
        issuedVersion: version,
        issuedAt: now,
        version: p.version + 1,
        updatedAt: now,
      })
      .where(eq(plans.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'plan.issued',
      entityType: 'plan',
      entityId: id,
      unitId: p.unitId,
      changes: { status: ['draft', 'issued'], issuedVersion: version },
    });
    if (!p.sourcePlanId) await cascade(ctx, tx, issued!, items, coUnits);
    return presentPlan(issued!, unitName, vnToday(now), planProgress(items));
  });
}

async function cascade(
  ctx: Ctx,
  tx: Db,
  plan: PlanRow,
  items: ItemRow[],
  coUnits: Array<{ itemId: string; unitId: string }>,
) {
  const assigned = new Map<string, ItemRow[]>();
  const assign = (unitId: string | null, item: ItemRow) => {
    if (!unitId || unitId === plan.unitId) return;
    const list = assigned.get(unitId) ?? [];
    if (!list.includes(item)) list.push(item);
    assigned.set(unitId, list);
  };
  for (const i of items) {
    assign(i.leadUnitId, i);
    for (const c of coUnits.filter((c) => c.itemId === i.id)) assign(c.unitId, i);
  }
  if (assigned.size === 0) return;
  const issuedOn = vnToday(ctx.clock.now());
  const due = await computeDue(tx, 'plan.unit_plan', issuedOn);
  const unitRows = await tx
    .select()
    .from(units)
    .where(inArray(units.id, [...assigned.keys()]));
  for (const unit of unitRows) {
    let [unitPlan] = await tx
      .select()
      .from(plans)
      .where(and(eq(plans.unitId, unit.id), eq(plans.year, plan.year)));
    if (!unitPlan) {
      [unitPlan] = await tx
        .insert(plans)
        .values({
          unitId: unit.id,
          year: plan.year,
          sourcePlanId: plan.id,
          title: `Kế hoạch công tác phòng, chống tham nhũng, tiêu cực năm ${plan.year} — ${unit.name}`,
          dueDate: due.due,
          dueRuleId: due.ruleId,
        })
        .returning();
      await audit(tx, ctx, {
        action: 'plan.cascaded',
        entityType: 'plan',
        entityId: unitPlan!.id,
        unitId: unit.id,
        changes: { sourcePlanId: plan.id, dueDate: due.due },
      });
    }
    if (unitPlan!.status === 'draft') {
      const have = new Set(
        (
          await tx
            .select({ s: planItems.sourceItemId })
            .from(planItems)
            .where(eq(planItems.planId, unitPlan!.id))
        ).map((r) => r.s),
      );
      const fresh = assigned.get(unit.id)!.filter((i) => !have.has(i.id));
      if (fresh.length) {
        await tx.insert(planItems).values(
          fresh.map((i) => ({
            planId: unitPlan!.id,
            sourceItemId: i.id,
            ordinal: i.ordinal,
            groupCode: i.groupCode,
            content: i.content,
            leadUnitId: unit.id,
            deadline: i.deadline,
            recurrence: i.recurrence,
            expectedOutput: i.expectedOutput,
            indicator: i.indicator,
            target: i.target,
          })),
        );
      }
    }
    for (const userId of await responsibleUsers(tx, unit.path)) {
      await notify(tx, {
        userId,
        messageKey: 'notification.plan_cascaded',
        values: { plan: plan.title, unit: unit.name, due: formatLegalDate(unitPlan!.dueDate ?? due.due) },
        link: `/app/plans/${unitPlan!.id}`,
        dedupeKey: `plan:${plan.id}:v${plan.issuedVersion}:unit:${unit.id}:user:${userId}`,
      });
    }
  }
}

/** An issued plan is re-opened as a draft to be amended; its next issue is the next version. */
export async function reopenPlan(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const { p, unitName } = await writablePlan(ctx, id, tx);
    if (p.status !== 'issued') throw new AppError('plan_not_issued');
    const [row] = await tx
      .update(plans)
      .set({ status: 'draft', version: p.version + 1, updatedAt: ctx.clock.now() })
      .where(eq(plans.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'plan.reopened',
      entityType: 'plan',
      entityId: id,
      unitId: p.unitId,
      changes: { status: ['issued', 'draft'] },
    });
    return presentPlan(row!, unitName, vnToday(ctx.clock.now()), planProgress(await itemsOf(tx, [id])));
  });
}

/** Copies a plan's items into a new draft for another year (last year's plan as a start). */
export async function copyPlan(ctx: Ctx, id: string, year: number) {
  return ctx.db.transaction(async (tx) => {
    const { p, unitName } = await writablePlan(ctx, id, tx);
    const [exists] = await tx
      .select({ id: plans.id })
      .from(plans)
      .where(and(eq(plans.unitId, p.unitId), eq(plans.year, year)));
    if (exists) throw fieldError('year', 'error.conflict');
    const [copy] = await tx
      .insert(plans)
      .values({ unitId: p.unitId, year, title: p.title.replace(String(p.year), String(year)) })
      .returning();
    const items = await itemsOf(tx, [id]);
    const newId = new Map<string, string>();
    for (const i of items) newId.set(i.id, crypto.randomUUID());
    const shift = (d: string | null) =>
      d ? `${Number(d.slice(0, 4)) + (year - p.year)}${d.slice(4)}` : null;
    if (items.length) {
      await tx.insert(planItems).values(
        items.map((i) => ({
          id: newId.get(i.id)!,
          planId: copy!.id,
          parentId: i.parentId ? newId.get(i.parentId)! : null,
          ordinal: i.ordinal,
          groupCode: i.groupCode,
          content: i.content,
          leadUnitId: i.leadUnitId,
          deadline: shift(i.deadline)?.endsWith('-02-29')
            ? shift(i.deadline)!.replace('-02-29', '-02-28')
            : shift(i.deadline),
          recurrence: i.recurrence,
          expectedOutput: i.expectedOutput,
          indicator: i.indicator,
          target: i.target,
        })),
      );
      const co = await tx
        .select()
        .from(planItemUnits)
        .where(
          inArray(
            planItemUnits.itemId,
            items.map((i) => i.id),
          ),
        );
      if (co.length)
        await tx
          .insert(planItemUnits)
          .values(co.map((c) => ({ itemId: newId.get(c.itemId)!, unitId: c.unitId })));
    }
    await audit(tx, ctx, {
      action: 'plan.copied',
      entityType: 'plan',
      entityId: copy!.id,
      unitId: p.unitId,
      changes: { from: id, year },
    });
    return presentPlan(copy!, unitName, vnToday(ctx.clock.now()), 0);
  });
}

async function itemInScope(ctx: Ctx, tx: Db, itemId: string) {
  const [item] = await tx.select().from(planItems).where(eq(planItems.id, itemId));
  if (!item) throw new AppError('not_found');
  const row = await planInScope(ctx, item.planId, tx);
  return { item, ...row };
}

/** A unit's report for one period: it becomes the item's status and progress, pending review. */
export async function reportProgress(
  ctx: Ctx,
  itemId: string,
  input: { period: string; status: string; progress: number; result: string; evidenceFileIds: string[] },
) {
  return ctx.db.transaction(async (tx) => {
    const { item, p, unitPath } = await itemInScope(ctx, tx, itemId);
    if (!canWritePlan(ctx.actor, unitPath)) throw new AppError('forbidden');
    if (p.status !== 'issued') throw new AppError('plan_not_issued');
    const periods = await reportingPeriods(tx, p.year);
    // Years before any regime known here have no periods: said as such, not as a wrong period.
    if (periods.length === 0) throw fieldError('period', 'field.no_reporting_regime', { year: p.year });
    if (!periods.some((x) => x.code === input.period)) throw fieldError('period', 'field.period_not_in_year');
    const now = ctx.clock.now();
    const [existing] = await tx
      .select()
      .from(progressReports)
      .where(and(eq(progressReports.itemId, itemId), eq(progressReports.period, input.period)));
    if (existing?.review === 'accepted') throw new AppError('conflict');
    const reportId = existing?.id ?? randomUUID();
    await attachFiles(ctx, tx, {
      ownerType: 'progress_report',
      ownerId: reportId,
      fileIds: input.evidenceFileIds,
      unitPath,
      field: 'evidenceFileIds',
    });
    const values = {
      status: input.status,
      progress: input.progress,
      result: input.result,
      evidenceFileIds: input.evidenceFileIds,
      review: 'submitted',
      reviewComment: null,
      submittedBy: ctx.actor.userId,
      submittedAt: now,
    };
    const [report] = existing
      ? await tx
          .update(progressReports)
          .set({ ...values, version: existing.version + 1 })
          .where(eq(progressReports.id, existing.id))
          .returning()
      : await tx
          .insert(progressReports)
          .values({ ...values, id: reportId, itemId, period: input.period })
          .returning();
    await tx
      .update(planItems)
      .set({ status: input.status, progress: input.progress, updatedAt: now })
      .where(eq(planItems.id, itemId));
    await audit(tx, ctx, {
      action: 'progress.reported',
      entityType: 'plan_item',
      entityId: itemId,
      unitId: p.unitId,
      changes: {
        period: input.period,
        progress: [item.progress, input.progress],
        status: [item.status, input.status],
      },
    });
    return presentReport(report!);
  });
}

const presentReport = (r: typeof progressReports.$inferSelect) => ({
  id: r.id,
  itemId: r.itemId,
  period: r.period,
  status: r.status,
  progress: r.progress,
  result: r.result,
  evidenceFileIds: r.evidenceFileIds,
  review: r.review,
  reviewComment: r.reviewComment,
  submittedAt: r.submittedAt.toISOString(),
  version: r.version,
});

export async function listReports(ctx: Ctx, itemId: string) {
  return ctx.db.transaction(async (tx) => {
    await itemInScope(ctx, tx, itemId);
    const rows = await tx
      .select()
      .from(progressReports)
      .where(eq(progressReports.itemId, itemId))
      .orderBy(asc(progressReports.period));
    return rows.map(presentReport);
  });
}

/** The coordinator accepts a report or returns it with a reason; the unit is notified of a return. */
export async function reviewProgress(
  ctx: Ctx,
  reportId: string,
  input: { decision: 'accept' | 'return'; comment?: string | null; version: number },
) {
  return ctx.db.transaction(async (tx) => {
    const [report] = await tx.select().from(progressReports).where(eq(progressReports.id, reportId));
    if (!report) throw new AppError('not_found');
    const { item, p, unitPath } = await itemInScope(ctx, tx, report.itemId);
    if (!can(ctx.actor, 'plans.manage', { unitPath }))
      throw new AppError(canAnywhere(ctx.actor, 'plans.read') ? 'forbidden' : 'not_found');
    if (report.version !== input.version) throw new AppError('conflict');
    if (input.decision === 'return' && !input.comment) throw fieldError('comment', 'field.comment_required');
    const review = input.decision === 'accept' ? 'accepted' : 'returned';
    const [updated] = await tx
      .update(progressReports)
      .set({
        review,
        reviewComment: input.comment ?? null,
        reviewedBy: ctx.actor.userId,
        reviewedAt: ctx.clock.now(),
        version: report.version + 1,
      })
      .where(eq(progressReports.id, reportId))
      .returning();
    if (review === 'returned') {
      for (const userId of await responsibleUsers(tx, unitPath)) {
        await notify(tx, {
          userId,
          messageKey: 'notification.progress_returned',
          values: { item: item.content.slice(0, 80), period: report.period, comment: input.comment! },
          link: `/app/plans/${p.id}`,
          dedupeKey: `progress:${reportId}:v${updated!.version}:user:${userId}`,
        });
      }
    }
    await audit(tx, ctx, {
      action: `progress.${review}`,
      entityType: 'plan_item',
      entityId: item.id,
      unitId: p.unitId,
      changes: { period: report.period, review: [report.review, review], comment: input.comment ?? null },
    });
    return presentReport(updated!);
  });
}

/** Per unit plan cascaded from this one: status, due date, lateness and progress. */
export async function cascadeSummary(ctx: Ctx, planId: string) {
  await planInScope(ctx, planId);
  const rows = await ctx.db
    .select({ p: plans, unitName: units.name, unitPath: units.path })
    .from(plans)
    .innerJoin(units, eq(units.id, plans.unitId))
    .where(and(eq(plans.sourcePlanId, planId), scopeFilter(ctx.actor, 'plans.read', units.path)))
    .orderBy(asc(units.name));
  // Only what progress needs, found through the source plan (a province cascades to 1,000 plans and
  // 40,000 tasks: whole rows and a list of ids took seconds), each task's progress taken from the copies
  // of it further down where there are any, as `itemsOf` does.
  const [lean, copies] = await Promise.all([
    ctx.db
      .select({
        id: planItems.id,
        planId: planItems.planId,
        parentId: planItems.parentId,
        progress: planItems.progress,
        status: planItems.status,
      })
      .from(planItems)
      .innerJoin(plans, eq(plans.id, planItems.planId))
      .where(eq(plans.sourcePlanId, planId)),
    ctx.db.execute(sql`select i.source_item_id as id, round(avg(i.progress))::int as progress
      from plan_items i join plan_items s on s.id = i.source_item_id join plans p on p.id = s.plan_id
      where p.source_plan_id = ${planId} group by 1`),
  ]);
  const fromUnits = new Map(
    (copies as unknown as { rows: Array<{ id: string; progress: number }> }).rows.map((c) => [
      c.id,
      c.progress,
    ]),
  );
  const byPlan = new Map<string, typeof lean>();
  for (const i of lean) {
    const list = byPlan.get(i.planId) ?? [];
    list.push(fromUnits.has(i.id) ? { ...i, progress: fromUnits.get(i.id)! } : i);
    byPlan.set(i.planId, list);
  }
  const today = vnToday(ctx.clock.now());
  return rows.map((r) => presentPlan(r.p, r.unitName, today, planProgress(byPlan.get(r.p.id) ?? [])));
}

/** Units × key-task groups: mean progress of each unit's items in each group, for the heat map. */
/** One collator for every sort: `localeCompare` with a locale builds one per call (slow over 1,000 units). */
const byVietnameseName = new Intl.Collator('vi');

export async function heatmap(ctx: Ctx, planId: string) {
  await planInScope(ctx, planId);
  // One row per unit with its groups' average progress: 1,000 rows for a province, not 8,000.
  const rows = await ctx.db
    .select({
      unitId: units.id,
      unitName: units.name,
      progress: sql<Record<string, number>>`(select jsonb_object_agg(g.group_code, g.progress) from (
        select i.group_code, round(avg(i.progress))::int as progress from plan_items i
        where i.plan_id = ${plans.id} group by i.group_code) g)`,
    })
    .from(plans)
    .innerJoin(units, eq(units.id, plans.unitId))
    .where(and(eq(plans.sourcePlanId, planId), scopeFilter(ctx.actor, 'plans.read', units.path)));
  const groups = await ctx.db.select().from(keyTaskGroups).orderBy(asc(keyTaskGroups.ordinal));
  const withItems = rows.filter((r) => r.progress !== null);
  withItems.sort((a, b) => byVietnameseName.compare(a.unitName, b.unitName));
  // A matrix, each unit's row in the groups' order (null: no task of that group): a province's 1,000
  // units × 8 groups as cells naming their unit and group was 830 KB of JSON, most of the request's time.
  return {
    groups: groups.map((g) => ({ code: g.code, nameVi: g.nameVi, nameEn: g.nameEn })),
    units: withItems.map((r) => ({
      id: r.unitId,
      name: r.unitName,
      progress: groups.map((g) => r.progress[g.code] ?? null),
    })),
  };
}

export async function listGroups(db: Db) {
  return db.select().from(keyTaskGroups).orderBy(asc(keyTaskGroups.ordinal));
}

/**
 * Open tasks of issued plans with a deadline, soonest first, each with its clock state. `mine` keeps
 * the tasks the actor answers for (plans they may write) rather than all they may read.
 */
export async function deadlineItems(
  ctx: Ctx,
  q: {
    page: number;
    pageSize: number;
    state?: 'overdue' | 'at_risk';
    mine?: boolean;
    year?: number;
    unitId?: string;
    groupCode?: string;
  },
) {
  const [cal] = await ctx.db
    .select({ id: calendars.id })
    .from(calendars)
    .where(eq(calendars.code, DEFAULT_CALENDAR));
  const calendar = await loadCalendar(ctx.db, cal!.id);
  const today = vnToday(ctx.clock.now());
  const riskEnd = addPeriod(calendar, today, 2, 'working_days');
  const scope = q.mine
    ? or(scopeFilter(ctx.actor, 'plans.edit', units.path), scopeFilter(ctx.actor, 'plans.manage', units.path))
    : scopeFilter(ctx.actor, 'plans.read', units.path);
  const where = and(
    scope,
    eq(plans.status, 'issued'),
    q.year ? eq(plans.year, q.year) : undefined,
    q.groupCode ? eq(planItems.groupCode, q.groupCode) : undefined,
    await subtreeFilter(ctx, q.unitId, 'plans.read'),
    // A task handed down to units is tracked on their copies, not twice.
    sql`not exists (select 1 from plan_items c where c.source_item_id = ${planItems.id})`,
    sql`${planItems.deadline} is not null`,
    sql`${planItems.status} not in ('done', 'cancelled')`,
    q.state === 'overdue'
      ? sql`${planItems.deadline} < ${today}`
      : q.state === 'at_risk'
        ? sql`${planItems.deadline} between ${today} and ${riskEnd}`
        : undefined,
  );
  const [rows, [count]] = await Promise.all([
    ctx.db
      .select({ item: planItems, planId: plans.id, unitName: units.name })
      .from(planItems)
      .innerJoin(plans, eq(plans.id, planItems.planId))
      .innerJoin(units, eq(units.id, plans.unitId))
      .where(where)
      .orderBy(asc(planItems.deadline), asc(planItems.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(planItems)
      .innerJoin(plans, eq(plans.id, planItems.planId))
      .innerJoin(units, eq(units.id, plans.unitId))
      .where(where),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.item.id,
      planId: r.planId,
      unitName: r.unitName,
      content: r.item.content,
      groupCode: r.item.groupCode,
      deadline: r.item.deadline!,
      progress: r.item.progress,
      state: clockState(calendar, r.item.deadline!, today),
    })),
    total: count?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function listComments(ctx: Ctx, itemId: string) {
  return ctx.db.transaction(async (tx) => {
    await itemInScope(ctx, tx, itemId);
    const rows = await tx
      .select({ c: planItemComments, author: users.fullName })
      .from(planItemComments)
      .leftJoin(users, eq(users.id, planItemComments.authorId))
      .where(eq(planItemComments.itemId, itemId))
      .orderBy(asc(planItemComments.createdAt))
      .limit(500);
    return rows.map((r) => ({
      id: r.c.id,
      author: r.author,
      body: r.c.body,
      createdAt: r.c.createdAt.toISOString(),
    }));
  });
}

/** A message on a task, between the unit and the coordinator; those who answer for the unit are told. */
export async function addComment(ctx: Ctx, itemId: string, body: string) {
  return ctx.db.transaction(async (tx) => {
    const { item, p, unitPath } = await itemInScope(ctx, tx, itemId);
    if (!canWritePlan(ctx.actor, unitPath)) throw new AppError('forbidden');
    const [c] = await tx
      .insert(planItemComments)
      .values({ itemId, authorId: ctx.actor.userId, body })
      .returning();
    for (const userId of await responsibleUsers(tx, unitPath)) {
      if (userId === ctx.actor.userId) continue;
      await notify(tx, {
        userId,
        messageKey: 'notification.item_comment',
        values: { item: item.content.slice(0, 80) },
        link: `/app/plans/${p.id}`,
        dedupeKey: `comment:${c!.id}:user:${userId}`,
      });
    }
    await audit(tx, ctx, {
      action: 'plan_item.commented',
      entityType: 'plan_item',
      entityId: itemId,
      unitId: p.unitId,
      changes: { commentId: c!.id },
    });
    const [author] = ctx.actor.userId
      ? await tx.select({ n: users.fullName }).from(users).where(eq(users.id, ctx.actor.userId))
      : [];
    return { id: c!.id, author: author?.n ?? null, body: c!.body, createdAt: c!.createdAt.toISOString() };
  });
}
