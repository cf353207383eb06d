import { type AnyColumn, and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { notify } from '#server/modules/notifications/service.ts';
import { holdersOver } from '#server/modules/users/holders.ts';
import { users } from '#server/modules/users/tables.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import type { UnitType } from '#shared/org/schemas.ts';
import { can } from '#shared/permissions.ts';
import { unitMoves } from './move-tables.ts';
import { units } from './tables.ts';

type UnitRow = typeof units.$inferSelect;

/**
 * Moving a unit is a two-person act (ADR 0031; issue 15 re-test H1). Where a unit sits in the tree decides
 * who reads its sealed reports, cases and registers: one administrator who moved the inspectorate under a
 * department gave that department's desk its reports at once. So a person's move is a request that a
 * second administrator over both the unit and its new parent makes; the system (the operator's command
 * line, the demo) moves at once.
 */
type MoveRow = typeof unitMoves.$inferSelect;

/** Puts the unit and everything under it beneath `parent`. */
export async function applyMove(ctx: Ctx, tx: Db, unit: UnitRow, parent: UnitRow) {
  const newPath = `${parent.path}${unit.id}/`;
  const depthDelta = parent.depth + 1 - unit.depth;
  await tx.execute(sql`
    update units set
      path = ${newPath}::text || substring(path from ${unit.path.length + 1}::int),
      depth = depth + ${depthDelta}::int
    where path like ${`${unit.path}%`}`);
  const [updated] = await tx
    .update(units)
    .set({ parentId: parent.id, version: unit.version + 1, updatedAt: ctx.clock.now() })
    .where(eq(units.id, unit.id))
    .returning();
  await audit(tx, ctx, {
    action: 'unit.moved',
    entityType: 'unit',
    entityId: unit.id,
    unitId: unit.id,
    changes: { parentId: [unit.parentId, parent.id] },
  });
  return updated!;
}

/** Asks for the move; the administrators over both places are told. One request waits per unit. */
/** A unit's whole line from the root, each with its code ("Tỉnh (SH) › Sở Tài chính (SH.STC)"). */
const lineageOf = (path: SQL | AnyColumn) =>
  sql<string>`(select string_agg(x.name || ' (' || x.code || ')', ' › ' order by x.depth) from ${units} x
    where x.id = any(string_to_array(trim(both '/' from ${path}), '/')::uuid[]))`;

/** The two lines as they read now: what a request keeps, and what its approval is checked against. */
async function linesNow(tx: Db, unitId: string, parentId: string) {
  const to = alias(units, 'to_unit');
  const [r] = await tx
    .select({ unit: lineageOf(units.path), to: lineageOf(to.path) })
    .from(units)
    .innerJoin(to, eq(to.id, parentId))
    .where(eq(units.id, unitId));
  return r!;
}

export async function requestMove(ctx: Ctx, tx: Db, unit: UnitRow, parent: UnitRow, toType?: string) {
  const [waiting] = await tx
    .select({ id: unitMoves.id })
    .from(unitMoves)
    .where(and(eq(unitMoves.unitId, unit.id), eq(unitMoves.status, 'pending')));
  if (waiting) throw fieldError('parentId', 'field.move_waiting');
  const [move] = await tx
    .insert(unitMoves)
    .values({
      unitId: unit.id,
      fromParentId: unit.parentId,
      toParentId: parent.id,
      toType: toType ?? null,
      requestedBy: ctx.actor.userId!,
      requestedAs: await linesNow(tx, unit.id, parent.id),
    })
    .returning();
  await audit(tx, ctx, {
    action: 'unit.move_requested',
    entityType: 'unit',
    entityId: unit.id,
    unitId: unit.id,
    changes: {
      moveId: move!.id,
      parentId: [unit.parentId, parent.id],
      ...(toType ? { type: [unit.type, toType] } : {}),
    },
  });
  const over = await holdersOver(tx, unit.path, ['admin'], [ctx.actor.userId!]);
  const overTarget = new Set((await holdersOver(tx, parent.path, ['admin'], [])).map((h) => h.userId));
  for (const userId of new Set(over.map((h) => h.userId).filter((u) => overTarget.has(u))))
    await notify(tx, {
      userId,
      messageKey: 'notification.unit_move_requested',
      values: { unit: unit.name, parent: parent.name },
      link: '/grants',
      dedupeKey: `unit-move:${move!.id}:${userId}`,
    });
  return presentMove(move!);
}

const presentMove = (m: MoveRow) => ({
  id: m.id,
  unitId: m.unitId,
  fromParentId: m.fromParentId,
  toParentId: m.toParentId,
  toType: m.toType as UnitType | null,
  status: m.status as 'pending' | 'approved' | 'rejected' | 'cancelled',
  createdAt: m.createdAt.toISOString(),
});

/** A move may be decided by an administrator over both the unit and where it would go. */
const decides = (ctx: Ctx, unitPath: string, parentPath: string) =>
  can(ctx.actor, 'org.manage', { unitPath }) && can(ctx.actor, 'org.manage', { unitPath: parentPath });

const fromUnit = alias(units, 'from_unit');
const toUnit = alias(units, 'to_unit');
const requester = alias(users, 'requester');

/** Moves waiting for a second administrator, that the actor may decide or cancel. */
export async function pendingMoves(ctx: Ctx) {
  if (ctx.actor.kind !== 'system' && !ctx.actor.grants.some((g) => g.role === 'admin')) return { items: [] };
  const rows = await ctx.db
    .select({
      m: unitMoves,
      unitName: units.name,
      unitCode: units.code,
      unitType: units.type,
      unitPath: units.path,
      fromName: fromUnit.name,
      toName: toUnit.name,
      toCode: toUnit.code,
      toPath: toUnit.path,
      // Where it would go, whole: two units may share a name (re-test L2: a look-alike "Văn phòng UBND").
      toLineage: lineageOf(toUnit.path),
      unitLineage: lineageOf(units.path),
      requestedByName: requester.fullName,
    })
    .from(unitMoves)
    .innerJoin(units, eq(units.id, unitMoves.unitId))
    .innerJoin(toUnit, eq(toUnit.id, unitMoves.toParentId))
    .leftJoin(fromUnit, eq(fromUnit.id, unitMoves.fromParentId))
    .innerJoin(requester, eq(requester.id, unitMoves.requestedBy))
    .where(eq(unitMoves.status, 'pending'))
    .orderBy(asc(unitMoves.createdAt))
    .limit(500);
  return {
    items: rows
      .filter((r) => decides(ctx, r.unitPath, r.toPath) || r.m.requestedBy === ctx.actor.userId)
      .map((r) => ({
        ...presentMove(r.m),
        unitName: r.unitName,
        unitCode: r.unitCode,
        unitType: r.unitType as UnitType,
        fromName: r.fromName,
        toName: r.toName,
        toCode: r.toCode,
        // What was asked is what is shown, and what an approval makes; a change since is said.
        toLineage: r.m.requestedAs?.to ?? r.toLineage,
        unitLineage: r.m.requestedAs?.unit ?? r.unitLineage,
        changed:
          !!r.m.requestedAs && (r.m.requestedAs.to !== r.toLineage || r.m.requestedAs.unit !== r.unitLineage),
        requestedByName: r.requestedByName,
        mine: r.m.requestedBy === ctx.actor.userId,
        // Shown, but refused if tried: no one makes the move they asked for.
        canDecide: decides(ctx, r.unitPath, r.toPath) && r.m.requestedBy !== ctx.actor.userId,
      })),
  };
}

/**
 * Approves (a second administrator: the move is made now, on the tree as it is now), rejects, or cancels
 * (the one who asked) a waiting move.
 */
export async function decideMove(ctx: Ctx, id: string, decision: 'approve' | 'reject' | 'cancel') {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ m: unitMoves, unit: units, toPath: toUnit.path })
      .from(unitMoves)
      .innerJoin(units, eq(units.id, unitMoves.unitId))
      .innerJoin(toUnit, eq(toUnit.id, unitMoves.toParentId))
      .where(eq(unitMoves.id, id))
      .for('update', { of: unitMoves });
    const system = ctx.actor.kind === 'system';
    const mine = !system && row?.m.requestedBy === ctx.actor.userId;
    if (!row || !(decides(ctx, row.unit.path, row.toPath) || mine)) throw new AppError('not_found');
    if (row.m.status !== 'pending') throw new AppError('conflict');
    if (decision === 'cancel' && !mine) throw new AppError('forbidden');
    if (decision !== 'cancel' && mine) throw new AppError('separation_of_duties');
    if (decision === 'approve') {
      const [parent] = await tx.select().from(units).where(eq(units.id, row.m.toParentId));
      // The tree may have changed since it was asked: the same checks as asking, again.
      if (parent?.status !== 'active' || row.unit.status !== 'active')
        throw fieldError('parentId', 'field.invalid');
      if (parent.path.startsWith(row.unit.path)) throw fieldError('parentId', 'field.parent_cycle');
      const now = await linesNow(tx, row.unit.id, parent.id);
      const asked = row.m.requestedAs;
      if (asked && (asked.unit !== now.unit || asked.to !== now.to))
        throw fieldError('decision', 'field.move_changed');
      if (parent.id !== row.unit.parentId) await applyMove(ctx, tx, row.unit, parent);
      if (row.m.toType && row.m.toType !== row.unit.type)
        await tx
          .update(units)
          .set({ type: row.m.toType, version: row.unit.version + 1, updatedAt: ctx.clock.now() })
          .where(eq(units.id, row.unit.id));
    }
    const status = ({ approve: 'approved', reject: 'rejected', cancel: 'cancelled' } as const)[decision];
    await tx
      .update(unitMoves)
      .set({ status, decidedBy: ctx.actor.userId, decidedAt: ctx.clock.now() })
      .where(eq(unitMoves.id, id));
    await audit(tx, ctx, {
      action: `unit.move_${status}`,
      entityType: 'unit',
      entityId: row.unit.id,
      unitId: row.unit.id,
      changes: {
        moveId: id,
        parentId: [row.m.fromParentId, row.m.toParentId],
        ...(row.m.toType ? { type: [row.unit.type, row.m.toType] } : {}),
        requestedBy: row.m.requestedBy,
      },
    });
    if (!mine)
      await notify(tx, {
        userId: row.m.requestedBy,
        messageKey:
          decision === 'approve' ? 'notification.unit_move_approved' : 'notification.unit_move_rejected',
        values: { unit: row.unit.name },
        link: `/units/${row.unit.id}`,
      });
    return { ...presentMove(row.m), status };
  });
}
