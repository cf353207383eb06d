import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { diff } from '#server/modules/audit/chain.ts';
import { audit } from '#server/modules/audit/service.ts';
import { tellDeskClosed } from '#server/modules/users/holders.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import type {
  LeadershipLevel,
  UnitContact,
  UnitContactUpdate,
  UnitCreate,
  UnitQuery,
  UnitUpdate,
} from '#shared/org/schemas.ts';
import { type Action, can } from '#shared/permissions.ts';
import { applyMove, requestMove } from './moves.ts';
import { scopeFilter, searchFilter, subtreeFilter } from './scope.ts';
import { positions, unitContacts, unitSuccessors, units } from './tables.ts';

export type UnitRow = typeof units.$inferSelect;

export function presentUnit(u: UnitRow, childCount?: number) {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    shortName: u.shortName,
    type: u.type,
    parentId: u.parentId,
    path: u.path,
    depth: u.depth,
    validFrom: u.validFrom,
    validTo: u.validTo,
    status: u.status,
    version: u.version,
    ...(childCount === undefined ? {} : { childCount }),
  };
}

/** The unit if the actor may do `action` (any of them) on it; otherwise not_found, so ids cannot be probed. */
export async function unitInScope(
  ctx: Ctx,
  id: string,
  action: Action | readonly Action[],
  db: Db = ctx.db,
): Promise<UnitRow> {
  const [unit] = await db.select().from(units).where(eq(units.id, id));
  const wanted = typeof action === 'string' ? [action] : action;
  if (!unit || !wanted.some((a) => can(ctx.actor, a, { unitPath: unit.path }))) {
    // Visible but not manageable is forbidden; invisible is not found.
    if (unit && !wanted.includes('org.read') && can(ctx.actor, 'org.read', { unitPath: unit.path }))
      throw new AppError('forbidden');
    throw new AppError('not_found');
  }
  return unit;
}

/** A unit named in a form field (parent, successor…): out of scope or archived → 400 on that field. */
export async function fieldUnit(
  ctx: Ctx,
  db: Db,
  id: string,
  field: string,
  action: Action = 'org.manage',
): Promise<UnitRow> {
  const [row] = await db.select().from(units).where(eq(units.id, id));
  const unit = writableUnit(ctx, row, (u) => can(ctx.actor, action, { unitPath: u.path }));
  if (unit.status !== 'active') throw fieldError(field, 'field.unit_archived');
  return unit;
}

/**
 * The unit a write names in its body: one the actor cannot see is not found, as reads answer (ids cannot
 * be probed through writes); one they see but may not write to is forbidden.
 */
export function writableUnit<U extends { path: string }>(
  ctx: Pick<Ctx, 'actor'>,
  unit: U | undefined,
  allowed: (unit: U) => boolean,
): U {
  if (!unit || !can(ctx.actor, 'org.read', { unitPath: unit.path })) throw new AppError('not_found');
  if (!allowed(unit)) throw new AppError('forbidden');
  return unit;
}

export async function listUnits(ctx: Ctx, q: UnitQuery) {
  const where = and(
    scopeFilter(ctx.actor, 'org.read', units.path),
    await subtreeFilter(ctx, q.within, 'org.read'),
    q.parentId ? eq(units.parentId, q.parentId) : undefined,
    q.type ? eq(units.type, q.type) : undefined,
    q.status ? eq(units.status, q.status) : undefined,
    searchFilter(units.search, q.q),
  );
  const order = {
    // Vietnamese order: "Đài…" sits among the D's, not after Z as in byte order.
    name: sql`liem_fold(${units.name}) asc`,
    '-name': sql`liem_fold(${units.name}) desc`,
    code: asc(units.code),
    '-code': desc(units.code),
    path: asc(units.path),
    updatedAt: asc(units.updatedAt),
    '-updatedAt': desc(units.updatedAt),
  }[q.sort];
  // Written as "units"."id": Drizzle leaves a single table's columns unqualified, which inside the
  // subquery would mean c.id, a column compared with itself (every count was 0).
  const childCount = sql<number>`(select count(*)::int from units c where c.parent_id = "units"."id" and c.status = 'active')`;
  const [items, [count]] = await Promise.all([
    ctx.db
      .select({ u: units, childCount })
      .from(units)
      .where(where)
      .orderBy(order, asc(units.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(units).where(where),
  ]);
  return {
    items: items.map((r) => presentUnit(r.u, r.childCount)),
    total: count?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getUnit(ctx: Ctx, id: string) {
  const unit = await unitInScope(ctx, id, 'org.read');
  const ancestorIds = unit.path.split('/').filter((s) => s && s !== unit.id);
  const [ancestors, successors, predecessors] = await Promise.all([
    ancestorIds.length
      ? ctx.db
          .select({ id: units.id, code: units.code, name: units.name })
          .from(units)
          .where(inArray(units.id, ancestorIds))
          .orderBy(asc(units.depth))
      : Promise.resolve([]),
    ctx.db
      .select({
        id: units.id,
        code: units.code,
        name: units.name,
        kind: unitSuccessors.kind,
        effectiveDate: unitSuccessors.effectiveDate,
      })
      .from(unitSuccessors)
      .innerJoin(units, eq(units.id, unitSuccessors.successorId))
      .where(eq(unitSuccessors.predecessorId, id)),
    ctx.db
      .select({
        id: units.id,
        code: units.code,
        name: units.name,
        kind: unitSuccessors.kind,
        effectiveDate: unitSuccessors.effectiveDate,
      })
      .from(unitSuccessors)
      .innerJoin(units, eq(units.id, unitSuccessors.predecessorId))
      .where(eq(unitSuccessors.successorId, id)),
  ]);
  return { ...presentUnit(unit), ancestors, successors, predecessors };
}

async function assertCodeFree(db: Db, code: string, exceptId?: string) {
  const [taken] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.code, code), exceptId ? ne(units.id, exceptId) : undefined));
  if (taken) throw fieldError('code', 'field.code_taken');
}

function checkValidity(validFrom?: string | null, validTo?: string | null) {
  if (validFrom && validTo && validTo < validFrom) throw fieldError('validTo', 'field.valid_to_before_from');
}

export async function createUnit(ctx: Ctx, input: UnitCreate, db: Db = ctx.db) {
  checkValidity(input.validFrom, input.validTo);
  return db.transaction(async (tx) => {
    let parent: UnitRow | undefined;
    if (input.parentId) parent = await fieldUnit(ctx, tx, input.parentId, 'parentId');
    else if (ctx.actor.kind !== 'system') throw fieldError('parentId', 'field.required');
    await assertCodeFree(tx, input.code);
    const id = randomUUID();
    const [created] = await tx
      .insert(units)
      .values({
        id,
        code: input.code,
        name: input.name,
        shortName: input.shortName ?? null,
        type: input.type,
        parentId: parent?.id ?? null,
        path: `${parent?.path ?? '/'}${id}/`,
        depth: (parent?.depth ?? -1) + 1,
        validFrom: input.validFrom ?? null,
        validTo: input.validTo ?? null,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'unit.created',
      entityType: 'unit',
      entityId: id,
      unitId: id,
      changes: { code: input.code, name: input.name, type: input.type, parentId: parent?.id ?? null },
    });
    return presentUnit(created!);
  });
}

function checkVersion(row: { version: number }, version: number) {
  if (row.version !== version) throw new AppError('conflict');
}

export async function updateUnit(ctx: Ctx, id: string, input: UnitUpdate) {
  return ctx.db.transaction(async (tx) => {
    const unit = await unitInScope(ctx, id, 'org.manage', tx);
    checkVersion(unit, input.version);
    const { version: _v, ...fields } = input;
    checkValidity(
      fields.validFrom === undefined ? unit.validFrom : fields.validFrom,
      fields.validTo === undefined ? unit.validTo : fields.validTo,
    );
    if (fields.code && fields.code !== unit.code) await assertCodeFree(tx, fields.code, id);
    // Becoming a team or no longer one changes the unit's agency: a second administrator decides it, as a
    // move (re-test sec23 F7), asked once the rest of the edit is made (the request shows the names then).
    const retype =
      ctx.actor.kind !== 'system' &&
      fields.type !== undefined &&
      fields.type !== unit.type &&
      (fields.type === 'sub_unit' || unit.type === 'sub_unit')
        ? fields.type
        : null;
    if (retype) {
      if (!unit.parentId) throw fieldError('type', 'field.invalid');
      delete fields.type;
    }
    const changes = diff(unit, fields);
    let updated = unit;
    if (Object.keys(changes).length > 0) {
      [updated] = (await tx
        .update(units)
        .set({ ...fields, version: unit.version + 1, updatedAt: ctx.clock.now() })
        .where(eq(units.id, id))
        .returning()) as [typeof unit];
      await audit(tx, ctx, { action: 'unit.updated', entityType: 'unit', entityId: id, unitId: id, changes });
    }
    if (retype) {
      const [parent] = await tx.select().from(units).where(eq(units.id, unit.parentId!));
      await requestMove(ctx, tx, updated, parent!, retype);
    }
    return presentUnit(updated);
  });
}

const noContact = (unitId: string): UnitContact => ({
  unitId,
  address: null,
  phone: null,
  email: null,
  receptionPlace: null,
  receptionHours: null,
  headReceptionSchedule: null,
  remoteArea: false,
  version: 0,
  updatedAt: null,
});

function presentContact(c: typeof unitContacts.$inferSelect): UnitContact {
  return { ...c, updatedAt: c.updatedAt.toISOString() };
}

export async function getUnitContact(ctx: Ctx, id: string): Promise<UnitContact> {
  await unitInScope(ctx, id, 'org.read');
  const [c] = await ctx.db.select().from(unitContacts).where(eq(unitContacts.unitId, id));
  return c ? presentContact(c) : noContact(id);
}

/**
 * The unit's administrators keep its contact details, and so do its intake officers, who receive
 * citizens there and know when they do.
 */
export async function updateUnitContact(
  ctx: Ctx,
  id: string,
  input: UnitContactUpdate,
): Promise<UnitContact> {
  return ctx.db.transaction(async (tx) => {
    const unit = await unitInScope(ctx, id, ['org.manage', 'reports.handle'], tx);
    // A dissolved unit receives no one; its last published details stay as they were.
    if (unit.status !== 'active') throw fieldError('id', 'field.unit_archived');
    // The unit's row is the lock: a first save has no contact row to lock, and two would both pass.
    await tx.select({ id: units.id }).from(units).where(eq(units.id, id)).for('update');
    const [old] = await tx.select().from(unitContacts).where(eq(unitContacts.unitId, id));
    const before = old ? presentContact(old) : noContact(id);
    if (input.version !== before.version) throw new AppError('conflict');
    // The remote-area mark lengthens the unit's complaint deadlines: its administrators set it, not the
    // intake desk whose deadlines it is.
    if (
      input.remoteArea !== undefined &&
      input.remoteArea !== before.remoteArea &&
      !can(ctx.actor, 'org.manage', { unitPath: unit.path })
    )
      throw new AppError('forbidden');
    const { version: _v, ...fields } = input;
    const changes = diff(before, fields);
    if (Object.keys(changes).length === 0) return before;
    const now = ctx.clock.now();
    const [saved] = await tx
      .insert(unitContacts)
      .values({ unitId: id, ...fields, version: 1, updatedAt: now })
      .onConflictDoUpdate({
        target: unitContacts.unitId,
        set: { ...fields, version: before.version + 1, updatedAt: now },
      })
      .returning();
    await audit(tx, ctx, {
      action: 'unit.contact_updated',
      entityType: 'unit',
      entityId: id,
      unitId: id,
      changes,
    });
    return presentContact(saved!);
  });
}

/** Re-parents a unit; every descendant's path and depth follow in one statement. */
/**
 * Moves a unit under another parent: at once for the system, otherwise as a request a second
 * administrator makes (moves.ts). Returns the unit as it is and the waiting move, if one was asked.
 */
export async function moveUnit(ctx: Ctx, id: string, input: { parentId: string; version: number }) {
  return ctx.db.transaction(async (tx) => {
    const unit = await unitInScope(ctx, id, 'org.manage', tx);
    checkVersion(unit, input.version);
    const parent = await fieldUnit(ctx, tx, input.parentId, 'parentId');
    if (parent.path.startsWith(unit.path)) throw fieldError('parentId', 'field.parent_cycle');
    if (parent.id === unit.parentId) return { unit: presentUnit(unit), move: null };
    if (ctx.actor.kind === 'system')
      return { unit: presentUnit(await applyMove(ctx, tx, unit, parent)), move: null };
    return { unit: presentUnit(unit), move: await requestMove(ctx, tx, unit, parent) };
  });
}

async function activeChildren(db: Db, unitId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(units)
    .where(and(eq(units.parentId, unitId), eq(units.status, 'active')));
  return row?.n ?? 0;
}

function dayBefore(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

async function dissolve(
  ctx: Ctx,
  tx: Db,
  unit: UnitRow,
  effectiveDate: string,
  successorIds: string[],
  kind: 'merge' | 'split',
  note?: string | null,
) {
  if ((await activeChildren(tx, unit.id)) > 0) throw fieldError('id', 'field.invalid');
  await tx
    .update(units)
    .set({
      status: 'dissolved',
      validTo: dayBefore(effectiveDate),
      version: unit.version + 1,
      updatedAt: ctx.clock.now(),
    })
    .where(eq(units.id, unit.id));
  await tellDeskClosed(tx, ctx.actor.userId, unit.id);
  await tx.insert(unitSuccessors).values(
    successorIds.map((successorId) => ({
      predecessorId: unit.id,
      successorId,
      kind,
      effectiveDate,
      note: note ?? null,
    })),
  );
  await audit(tx, ctx, {
    action: `unit.${kind === 'merge' ? 'merged' : 'split'}`,
    entityType: 'unit',
    entityId: unit.id,
    unitId: unit.id,
    changes: { status: [unit.status, 'dissolved'], successorIds, effectiveDate },
  });
}

/** Merge: the predecessors are dissolved (kept, with links) and succeeded by one existing unit. */
export async function mergeUnits(
  ctx: Ctx,
  input: { predecessorIds: string[]; successorId: string; effectiveDate: string; note?: string | null },
) {
  if (input.predecessorIds.includes(input.successorId)) throw fieldError('successorId', 'field.invalid');
  return ctx.db.transaction(async (tx) => {
    const successor = await fieldUnit(ctx, tx, input.successorId, 'successorId');
    for (const pid of new Set(input.predecessorIds)) {
      const unit = await unitInScope(ctx, pid, 'org.manage', tx);
      if (unit.status !== 'active') throw fieldError('predecessorIds', 'field.unit_archived');
      if (successor.path.startsWith(unit.path)) throw fieldError('successorId', 'field.parent_cycle');
      await dissolve(ctx, tx, unit, input.effectiveDate, [successor.id], 'merge', input.note);
    }
    return getUnitTx(ctx, tx, successor.id);
  });
}

/** Split: one unit is dissolved and succeeded by several existing units. */
export async function splitUnit(
  ctx: Ctx,
  id: string,
  input: { successorIds: string[]; effectiveDate: string; note?: string | null },
) {
  if (input.successorIds.includes(id)) throw fieldError('successorIds', 'field.invalid');
  return ctx.db.transaction(async (tx) => {
    const unit = await unitInScope(ctx, id, 'org.manage', tx);
    if (unit.status !== 'active') throw fieldError('id', 'field.unit_archived');
    const ids = [...new Set(input.successorIds)];
    for (const sid of ids) {
      const s = await fieldUnit(ctx, tx, sid, 'successorIds');
      if (s.path.startsWith(unit.path)) throw fieldError('successorIds', 'field.parent_cycle');
    }
    await dissolve(ctx, tx, unit, input.effectiveDate, ids, 'split', input.note);
    return getUnitTx(ctx, tx, id);
  });
}

async function getUnitTx(ctx: Ctx, tx: Db, id: string) {
  return getUnit({ ...ctx, db: tx }, id);
}

/** Archive: the unit stays (history adds up) but is no longer offered for new records. */
export async function archiveUnit(ctx: Ctx, id: string, input: { effectiveDate?: string; version: number }) {
  return ctx.db.transaction(async (tx) => {
    const unit = await unitInScope(ctx, id, 'org.manage', tx);
    checkVersion(unit, input.version);
    if (unit.status !== 'active') return presentUnit(unit);
    if ((await activeChildren(tx, id)) > 0) throw fieldError('id', 'field.invalid');
    const [updated] = await tx
      .update(units)
      .set({
        status: 'archived',
        validTo: input.effectiveDate ?? unit.validTo,
        version: unit.version + 1,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(units.id, id))
      .returning();
    await tellDeskClosed(tx, ctx.actor.userId, id);
    await audit(tx, ctx, {
      action: 'unit.archived',
      entityType: 'unit',
      entityId: id,
      unitId: id,
      changes: { status: [unit.status, 'archived'] },
    });
    return presentUnit(updated!);
  });
}

type PositionRow = typeof positions.$inferSelect;
const presentPosition = (p: PositionRow) => ({
  id: p.id,
  unitId: p.unitId,
  name: p.name,
  isLeadership: p.isLeadership,
  leadershipLevel: p.leadershipLevel as LeadershipLevel | null,
  declarationDuty: p.declarationDuty,
  archived: p.archivedAt !== null,
});

export async function listPositions(ctx: Ctx, unitId: string) {
  await unitInScope(ctx, unitId, 'org.read');
  const rows = await ctx.db
    .select()
    .from(positions)
    .where(eq(positions.unitId, unitId))
    .orderBy(asc(positions.name))
    .limit(500);
  return rows.map(presentPosition);
}

export async function createPosition(
  ctx: Ctx,
  unitId: string,
  input: {
    name: string;
    isLeadership: boolean;
    leadershipLevel?: LeadershipLevel | null | undefined;
    declarationDuty: boolean;
  },
) {
  return ctx.db.transaction(async (tx) => {
    const unit = await unitInScope(ctx, unitId, 'org.manage', tx);
    const [p] = await tx
      .insert(positions)
      .values({ unitId: unit.id, ...input })
      .returning();
    await audit(tx, ctx, {
      action: 'position.created',
      entityType: 'position',
      entityId: p!.id,
      unitId,
      changes: input,
    });
    return presentPosition(p!);
  });
}

export async function updatePosition(
  ctx: Ctx,
  id: string,
  input: {
    name?: string;
    isLeadership?: boolean;
    leadershipLevel?: LeadershipLevel | null | undefined;
    declarationDuty?: boolean;
    archived?: boolean;
  },
) {
  return ctx.db.transaction(async (tx) => {
    const [p] = await tx.select().from(positions).where(eq(positions.id, id));
    if (!p) throw new AppError('not_found');
    await unitInScope(ctx, p.unitId, 'org.manage', tx);
    const { archived, ...fields } = input;
    const set = {
      ...fields,
      ...(archived === undefined ? {} : { archivedAt: archived ? (p.archivedAt ?? ctx.clock.now()) : null }),
    };
    const changes = diff(p, set);
    const [updated] = await tx
      .update(positions)
      .set({ ...set, updatedAt: ctx.clock.now() })
      .where(eq(positions.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'position.updated',
      entityType: 'position',
      entityId: id,
      unitId: p.unitId,
      changes,
    });
    return presentPosition(updated!);
  });
}

/** Top of the tree (for the CLI and demo): the unit without a parent. */
export async function rootUnits(db: Db) {
  return db.select().from(units).where(isNull(units.parentId)).orderBy(asc(units.code));
}
