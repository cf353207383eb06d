import { type AnyColumn, eq, or, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { scopeFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { can, canAnywhere } from '#shared/permissions.ts';
import { HANDLE, OVERSEE } from './common.ts';

/**
 * The one access rule of the prevention registers kept by units (rotation, risks, regulation review,
 * outreach; ADR 0030): a unit's handlers write and read them, the inspectorate and auditors read them.
 */
export const registerReadable = (ctx: Ctx, path: string) =>
  can(ctx.actor, HANDLE, { unitPath: path }) || can(ctx.actor, OVERSEE, { unitPath: path });

/** The SQL scope of what the reader may see (by a unit path column or expression). */
export const registerScope = (ctx: Ctx, path: AnyColumn | SQL = units.path): SQL | undefined =>
  ctx.actor.kind === 'system'
    ? undefined
    : or(scopeFilter(ctx.actor, HANDLE, path), scopeFilter(ctx.actor, OVERSEE, path));

/** Refuses, as not found, someone who neither keeps nor reads any register. */
export function requireRegisterReader(ctx: Ctx) {
  if (!canAnywhere(ctx.actor, HANDLE) && !canAnywhere(ctx.actor, OVERSEE)) throw new AppError('not_found');
}

/**
 * A unit's path when the actor may write there (`writing`) or read there; otherwise a field error on
 * `field` (a unit named in a body), or not found (a unit named in the address).
 */
export async function registerUnit(ctx: Ctx, db: Db, unitId: string, writing: boolean, field?: string) {
  const [u] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  if (!u || !(writing ? can(ctx.actor, HANDLE, { unitPath: u.path }) : registerReadable(ctx, u.path))) {
    if (field) throw fieldError(field, 'field.unit_out_of_scope');
    throw new AppError('not_found');
  }
  return u.path;
}

/**
 * A register row the actor is about to change, as read for update: unseen is not found, seen but not kept
 * by the actor is forbidden, changed since the actor read it is a conflict.
 */
export function requireRegisterWrite<T extends { path: string }>(
  ctx: Ctx,
  row: T | undefined,
  current: number | undefined,
  expected: number,
): asserts row is T {
  if (!row || !registerReadable(ctx, row.path)) throw new AppError('not_found');
  if (!can(ctx.actor, HANDLE, { unitPath: row.path })) throw new AppError('forbidden');
  if (current !== expected) throw new AppError('conflict');
}

type RegisterTable = PgTable & { id: AnyPgColumn; unitId: AnyPgColumn; version: AnyPgColumn };

/**
 * A register row read for update by the actor about to change it, with `requireRegisterWrite`'s answers
 * (not found, forbidden, conflict): the first step of every register's edit.
 */
export async function lockRegisterRow<T extends RegisterTable>(
  ctx: Ctx,
  tx: Db,
  table: T,
  id: string,
  version: number,
): Promise<T['$inferSelect']> {
  const [r] = (await tx
    .select({ row: table, path: units.path } as never)
    .from(table as never)
    .innerJoin(units, eq(units.id, table.unitId))
    .where(eq(table.id, id))
    .for('update', { of: table as never })) as Array<{
    row: T['$inferSelect'] & { version: number };
    path: string;
  }>;
  requireRegisterWrite(ctx, r, r?.row.version, version);
  return r.row;
}
