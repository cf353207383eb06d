import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '#server/context.ts';
import { insertRows } from '#server/db/bulk.ts';
import type { Db } from '#server/db/client.ts';
import { scopeFilter, subtreeFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import type { AuditQuery } from '#shared/audit/schemas.ts';
import { AppError } from '#shared/errors.ts';
import { canAnywhere, canAtRoot } from '#shared/permissions.ts';
import { type ChainedContent, canonicalJson, chainBody, eventHash, GENESIS_HASH, redact } from './chain.ts';
import { auditEvents } from './tables.ts';

/** Serialises appends so the chain has one order; released when the transaction ends. */
const AUDIT_LOCK = 7_405_002;

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string;
  unitId?: string | null;
  changes?: Record<string, unknown>;
}

/** Appends one event, chained to the last; call it inside the transaction that makes the change. */
export async function audit(
  tx: Db,
  ctx: Pick<Ctx, 'actor' | 'clock' | 'requestId'>,
  input: AuditInput,
): Promise<void> {
  await tx.execute(auditAppend(ctx, input));
}

/** Taken before appending many events at once; the chain's last event is read only after it. */
async function lockAuditChain(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
}

/**
 * The insert that appends one event. The link and hash are made in the insert itself (eventHash's
 * formula, in SQL): no round trip to read the last hash; verifyChain recomputes them in JS. The chain's
 * lock is taken in the same statement (`audit_chain_head`, migration 0015), which reads the last hash
 * only once it holds the lock, so an append needs no transaction of its own: alone, or beside other
 * writes (writeTogether) as one atomic statement. At most one append per statement.
 */
export function auditAppend(ctx: Pick<Ctx, 'actor' | 'clock' | 'requestId'>, input: AuditInput): SQL {
  const content: ChainedContent = {
    id: randomUUID(),
    at: ctx.clock.now(),
    actorId: ctx.actor.userId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    unitId: input.unitId ?? null,
    changes: redact(input.changes ?? {}),
    requestId: ctx.requestId,
  };
  const body = chainBody(content);
  return sql`
    insert into audit_events (id, at, actor_id, action, entity_type, entity_id, unit_id, changes, request_id, prev_hash, hash)
    select ${content.id}::uuid, ${content.at.toISOString()}::timestamptz, ${content.actorId}::uuid, ${content.action},
      ${content.entityType}, ${content.entityId}, ${content.unitId}::uuid, ${canonicalJson(content.changes)}::jsonb,
      ${content.requestId}, last.hash, encode(sha256(convert_to(last.hash || chr(10) || ${body}, 'UTF8')), 'hex')
    from (select coalesce(audit_chain_head(${AUDIT_LOCK}), ${GENESIS_HASH}) as hash) last`;
}

/**
 * Appends many events in order under one lock, chained in memory and written with multi-row inserts:
 * a bulk import audits every row it writes without a round trip per row.
 */
export async function auditMany(
  tx: Db,
  ctx: Pick<Ctx, 'actor' | 'clock' | 'requestId'>,
  inputs: readonly AuditInput[],
): Promise<void> {
  if (inputs.length === 0) return;
  await lockAuditChain(tx);
  const [last] = await tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  let prevHash = last?.hash ?? GENESIS_HASH;
  const at = ctx.clock.now();
  const rows = inputs.map((input) => {
    const content: ChainedContent = {
      id: randomUUID(),
      at,
      actorId: ctx.actor.userId,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      unitId: input.unitId ?? null,
      changes: redact(input.changes ?? {}),
      requestId: ctx.requestId,
    };
    const row = { ...content, prevHash, hash: eventHash(prevHash, content) };
    prevHash = row.hash;
    return row;
  });
  // Rows of one statement take their sequence numbers in order, so the chain order is the list's order.
  await insertRows(tx, auditEvents, rows);
}

export type ChainProblem = 'altered' | 'deleted' | 'reordered';
export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBad?: { seq: number; id: string; problem: ChainProblem };
}

/**
 * Walks the whole chain in order, in pages. The first event whose own hash does not match its content
 * was altered; one whose link does not match the event before it follows a deletion or a reordering.
 */
export async function verifyChain(db: Db, pageSize = 5000): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let after = 0;
  let checked = 0;
  const seenHashes = new Set<string>();
  for (;;) {
    const page = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, after))
      .orderBy(asc(auditEvents.seq))
      .limit(pageSize);
    if (page.length === 0) return { ok: true, checked };
    for (const e of page) {
      const recomputed = eventHash(e.prevHash, {
        id: e.id,
        at: e.at,
        actorId: e.actorId,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        unitId: e.unitId,
        changes: e.changes,
        requestId: e.requestId,
      });
      if (recomputed !== e.hash)
        return { ok: false, checked, firstBad: { seq: e.seq, id: e.id, problem: 'altered' } };
      if (e.prevHash !== prev) {
        // A link to an event we have not met yet means events were moved; to nothing at all, removed.
        const problem: ChainProblem = seenHashes.has(e.prevHash)
          ? 'reordered'
          : (await linkExistsLater(db, e.prevHash, e.seq))
            ? 'reordered'
            : 'deleted';
        return { ok: false, checked, firstBad: { seq: e.seq, id: e.id, problem } };
      }
      seenHashes.add(e.hash);
      prev = e.hash;
      after = e.seq;
      checked++;
    }
  }
}

async function linkExistsLater(db: Db, hash: string, seq: number): Promise<boolean> {
  const [row] = await db
    .select({ seq: auditEvents.seq })
    .from(auditEvents)
    .where(and(eq(auditEvents.hash, hash), gt(auditEvents.seq, seq)))
    .limit(1);
  return !!row;
}

/** Events in the actor's scope: those on units of their audit.read subtrees (system events for admins). */
export async function listEvents(ctx: Ctx, q: AuditQuery) {
  if (!canAnywhere(ctx.actor, 'audit.read')) throw new AppError('not_found');
  const within = await subtreeFilter(ctx, q.unitId, 'audit.read');
  // Events tied to no unit (reference data, the system) belong to the top of the tree.
  const scoped: SQL | undefined = or(
    scopeFilter(ctx.actor, 'audit.read', units.path),
    canAtRoot(ctx.actor, 'audit.read') ? sql`${auditEvents.unitId} is null` : undefined,
  );
  const where = and(
    scoped,
    q.actorId ? eq(auditEvents.actorId, q.actorId) : undefined,
    q.entityType ? eq(auditEvents.entityType, q.entityType) : undefined,
    q.entityId ? eq(auditEvents.entityId, q.entityId) : undefined,
    q.action ? eq(auditEvents.action, q.action) : undefined,
    within,
    q.from ? gte(auditEvents.at, new Date(`${q.from}T00:00:00+07:00`)) : undefined,
    q.to ? lte(auditEvents.at, new Date(`${q.to}T23:59:59.999+07:00`)) : undefined,
  );
  const base = ctx.db
    .select({ e: auditEvents, unitName: units.name, actorName: users.fullName })
    .from(auditEvents)
    .leftJoin(units, eq(units.id, auditEvents.unitId))
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(where);
  const [items, [count]] = await Promise.all([
    base
      .orderBy(q.sort === 'at' ? asc(auditEvents.seq) : desc(auditEvents.seq))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .leftJoin(units, eq(units.id, auditEvents.unitId))
      .where(where),
  ]);
  return {
    items: items.map(({ e, unitName, actorName }) => ({
      seq: e.seq,
      id: e.id,
      at: e.at.toISOString(),
      actorId: e.actorId,
      actorName,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      unitId: e.unitId,
      unitName,
      changes: e.changes,
      requestId: e.requestId,
    })),
    total: count?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}
