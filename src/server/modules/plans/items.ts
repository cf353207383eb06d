import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import { chunks, insertRows } from '#server/db/bulk.ts';
import type { Db } from '#server/db/client.ts';
import { diff } from '#server/modules/audit/chain.ts';
import { audit, auditMany } from '#server/modules/audit/service.ts';
import { units } from '#server/modules/org/tables.ts';
import { grants } from '#server/modules/users/tables.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { can } from '#shared/permissions.ts';
import type { ItemCreate, ItemUpdate } from '#shared/plans/schemas.ts';
import { assignedView } from './plan.ts';
import {
  type ItemRow,
  itemsOf,
  type PlanRow,
  planInScope,
  requireDraft,
  rollUp,
  writablePlan,
} from './records.ts';
import { keyTaskGroups, planItems, planItemUnits } from './tables.ts';

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

export async function presentItems(db: Db, rows: ItemRow[]) {
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
