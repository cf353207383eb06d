import { createHash, randomInt, randomUUID, randomUUIDv7 } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Ctx } from '#server/context.ts';
import { insertRows } from '#server/db/bulk.ts';
import { type Db, rows } from '#server/db/client.ts';
import { scopeFilter, subtreeFilter } from '#server/modules/org/scope.ts';
import { units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import { hiddenEvent } from '#server/platform/audit-hiding.ts';
import { auditEntityName } from '#server/platform/audit-names.ts';
import { type AuditAction, type AuditEntity, auditStreamOf } from '#shared/audit/catalogue.ts';
import type { AuditQuery } from '#shared/audit/schemas.ts';
import { AppError } from '#shared/errors.ts';
import { canAnywhere, canAtRoot } from '#shared/permissions.ts';
import { isUuid } from '#shared/validation.ts';
import { type ChainedContent, canonicalJson, chainBody, GENESIS_HASH, redact } from './chain.ts';
import {
  appendCheckpoint,
  auditKeys,
  type Checkpoint,
  checkpointValid,
  macHex,
  readCheckpoints,
  signCheckpoint,
} from './keys.ts';
import { auditEvents, deferredAuditEvents } from './tables.ts';

/**
 * Lock class of the audit streams (ADR 0019): each stream's appends are serialised by its own advisory
 * lock, this class with the stream name's FNV-1a hash, held until the transaction ends.
 */
const AUDIT_LOCK = 7_405_002n;
function streamLock(stream: string): string {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(stream)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return ((AUDIT_LOCK << 32n) | BigInt(h)).toString();
}

/**
 * The stream each open transaction appends to: that of its first append. A transaction so holds one
 * stream's lock at most, and two transactions can never wait on each other's (no deadlock), whatever
 * modules' actions they write. (No code opens a nested transaction, which would start afresh.)
 */
const txStreams = new WeakMap<object, string>();
function streamFor(db: Db | undefined, action: string): string {
  if (!(db instanceof PgTransaction)) return auditStreamOf(action);
  let stream = txStreams.get(db);
  if (!stream) {
    stream = auditStreamOf(action);
    txStreams.set(db, stream);
  }
  return stream;
}

export interface AuditInput {
  /** Only actions of the catalogues (`#shared/audit/catalogue.ts`) compile: each has its labels. */
  action: AuditAction;
  entityType: AuditEntity;
  entityId: string;
  unitId?: string | null;
  changes?: Record<string, unknown>;
}

/** Appends one event, chained to the last of its stream; call it inside the transaction that makes the change. */
export async function audit(
  tx: Db,
  ctx: Pick<Ctx, 'actor' | 'clock' | 'requestId'>,
  input: AuditInput,
): Promise<void> {
  await tx.execute(auditAppend(ctx, input, tx));
}

function contentOf(
  ctx: Pick<Ctx, 'actor' | 'clock' | 'requestId'>,
  input: AuditInput,
  stream: string,
  at: Date,
): ChainedContent {
  return {
    stream,
    id: randomUUIDv7(),
    at,
    actorId: ctx.actor.userId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    unitId: input.unitId ?? null,
    changes: redact(input.changes ?? {}),
    requestId: ctx.requestId,
  };
}

/**
 * The insert that appends one event. The link and hash are made in the insert itself (eventHash's
 * formula, in SQL): no round trip to read the last hash; verifyChain recomputes them in JS. The stream's
 * lock is taken in the same statement (`audit_stream_head`, migration 0022), which reads the stream's last
 * hash only once it holds the lock, so an append needs no transaction of its own: alone, or beside other
 * writes (writeTogether) as one atomic statement. At most one append per statement. `db`: the
 * transaction it runs in, if any (its stream is the transaction's).
 */
export function auditAppend(
  ctx: Pick<Ctx, 'actor' | 'clock' | 'requestId'>,
  input: AuditInput,
  db?: Db,
): SQL {
  const stream = streamFor(db, input.action);
  const content = contentOf(ctx, input, stream, ctx.clock.now());
  const body = chainBody(content);
  const keys = auditKeys();
  // HMAC-SHA256 from PostgreSQL's sha256() and the key's pads: sha256(opad ‖ sha256(ipad ‖ message)).
  return sql`
    insert into audit_events (stream, id, at, actor_id, action, entity_type, entity_id, unit_id, changes, request_id, prev_hash, hash)
    select ${stream}, ${content.id}::uuid, ${content.at.toISOString()}::timestamptz, ${content.actorId}::uuid, ${content.action},
      ${content.entityType}, ${content.entityId}, ${content.unitId}::uuid, ${canonicalJson(content.changes)}::jsonb,
      ${content.requestId}, last.hash,
      encode(sha256(decode(${keys.opadHex}, 'hex') || sha256(decode(${keys.ipadHex}, 'hex')
        || convert_to(last.hash || chr(10) || ${body}, 'UTF8'))), 'hex')
    from (select coalesce(audit_stream_head(${streamLock(stream)}::bigint, ${stream}), ${GENESIS_HASH}) as hash) last`;
}

/** Hours within which a deferred event is appended: its place in the chain says nothing finer. */
const DEFER_HOURS = [1, 6] as const;

/**
 * An event kept now (same statement or transaction as the change: nothing is lost) and appended to the
 * chain at a random time 1–6 hours later, as no one and with no request id (ADR 0032). `changes` says
 * what it needs of the time itself (e.g. the day). For acts whose exact moment would name their author.
 */
export function auditDeferred(ctx: Pick<Ctx, 'clock'>, input: AuditInput, db: Db) {
  const delay = randomInt(DEFER_HOURS[0] * 3_600_000, DEFER_HOURS[1] * 3_600_000);
  return db.insert(deferredAuditEvents).values({
    id: randomUUID(),
    dueAt: new Date(ctx.clock.now().getTime() + delay),
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    unitId: input.unitId ?? null,
    changes: input.changes ?? {},
  });
}

/** Appends the deferred events now due, in due order, each in its stream, and forgets them (housekeeping). */
export async function appendDeferred(ctx: Pick<Ctx, 'db' | 'clock'>): Promise<number> {
  const due = await ctx.db
    .select()
    .from(deferredAuditEvents)
    .where(lte(deferredAuditEvents.dueAt, ctx.clock.now()))
    .orderBy(asc(deferredAuditEvents.dueAt))
    .limit(500);
  const noOne = {
    actor: { kind: 'user' as const, userId: null, grants: [] },
    requestId: null,
    clock: ctx.clock,
  };
  for (const e of due)
    await ctx.db.transaction(async (tx) => {
      await audit(tx, noOne, {
        action: e.action as AuditAction,
        entityType: e.entityType as AuditEntity,
        entityId: e.entityId,
        unitId: e.unitId,
        changes: e.changes,
      });
      await tx.delete(deferredAuditEvents).where(eq(deferredAuditEvents.id, e.id));
    });
  return due.length;
}

/**
 * Appends many events in order under their stream's lock, chained in memory and written with multi-row
 * inserts: a bulk import audits every row it writes without a round trip per row.
 */
export async function auditMany(
  tx: Db,
  ctx: Pick<Ctx, 'actor' | 'clock' | 'requestId'>,
  inputs: readonly AuditInput[],
): Promise<void> {
  if (inputs.length === 0) return;
  const stream = streamFor(tx, inputs[0]!.action);
  await tx.execute(sql`select pg_advisory_xact_lock(${streamLock(stream)}::bigint)`);
  const [last] = await tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.stream, stream))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  let prevHash = last?.hash ?? GENESIS_HASH;
  const keys = auditKeys();
  const at = ctx.clock.now();
  const rows = inputs.map((input) => {
    const content = contentOf(ctx, input, stream, at);
    const row = { ...content, prevHash, hash: macHex(keys, prevHash, chainBody(content)) };
    prevHash = row.hash;
    return row;
  });
  // Rows of one statement take their sequence numbers in order, so the chain order is the list's order.
  await insertRows(tx, auditEvents, rows);
}

export type ChainProblem =
  | 'altered'
  | 'deleted'
  | 'reordered'
  | 'rehashed'
  | 'relinked'
  | 'truncated'
  | 'forged_checkpoint';
export interface ChainReport {
  ok: boolean;
  checked: number;
  /** Signed checkpoints the chain was held against (ADR 0003). */
  checkpoints: number;
  lastCheckpoint?: { seq: number; at: string };
  firstBad?: { seq: number; id: string | null; problem: ChainProblem };
}

/** The signed checkpoints and the key that checks them, for an auditor to keep outside this machine. */
export function exportCheckpoints() {
  const keys = auditKeys();
  return {
    publicKey: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    checkpoints: readCheckpoints(keys).filter((c): c is Checkpoint => c !== null),
  };
}

/**
 * Sends the day's signed checkpoints to the auditor (AUDIT_CHECKPOINT_EMAIL), a copy no one on this
 * machine can trim: `liem audit verify --against` takes the attached JSON back. Returns whether it sent.
 */
export async function mailCheckpoints(ctx: Pick<Ctx, 'config' | 'jobs' | 'clock'>): Promise<boolean> {
  const to = ctx.config.auditCheckpointEmail;
  if (!to) return false;
  const since = ctx.clock.now().getTime() - 86_400_000;
  const all = exportCheckpoints();
  const recent = all.checkpoints.filter((c) => Date.parse(c.at) >= since || c.anchor);
  if (recent.length === 0) return false;
  await ctx.jobs.send('mail.send', {
    to,
    subject: `Liêm — mốc kiểm tra nhật ký / audit checkpoints ${ctx.clock.now().toISOString().slice(0, 10)}`,
    text: `Lưu giữ nguyên văn; kiểm tra bằng: npm run liem -- audit verify --against <tệp>\nKeep as is; check with: npm run liem -- audit verify --against <file>\n\n${JSON.stringify({ ...all, checkpoints: recent })}\n`,
  });
  return true;
}

/**
 * Every stream present, by a loose index scan of `audit_stream_idx` (one probe per stream, not a pass
 * over the events).
 */
async function streamsIn(db: Db): Promise<string[]> {
  const found = await rows<{ stream: string }>(
    db,
    sql`with recursive s(stream) as (
      select min(stream) from audit_events
      union all
      select (select min(e.stream) from audit_events e where e.stream > s.stream) from s where s.stream is not null
    )
    select stream from s where stream is not null`,
  );
  return found.map((r) => r.stream);
}

/** Each stream's newest event. */
async function streamHeads(db: Db): Promise<Record<string, { seq: number; hash: string }>> {
  const heads: Record<string, { seq: number; hash: string }> = {};
  for (const stream of await streamsIn(db)) {
    const [head] = await db
      .select({ seq: auditEvents.seq, hash: auditEvents.hash })
      .from(auditEvents)
      .where(eq(auditEvents.stream, stream))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    if (head) heads[stream] = head;
  }
  return heads;
}

/** Signs every stream's current head and appends them, as one checkpoint, to the file outside the database. */
export async function writeCheckpoint(
  db: Db,
  now: Date,
  opts: { anchor?: boolean; legacyUpTo?: number; ifMovedFrom?: number } = {},
) {
  const keys = auditKeys();
  if (!keys.checkpointFile) return null;
  const heads = await streamHeads(db);
  const newest = Object.values(heads).reduce<{ seq: number; hash: string } | undefined>(
    (a, h) => (!a || h.seq > a.seq ? h : a),
    undefined,
  );
  if (opts.ifMovedFrom !== undefined && (newest?.seq ?? 0) === opts.ifMovedFrom) return null;
  const c = signCheckpoint(keys, {
    seq: newest?.seq ?? 0,
    hash: newest?.hash ?? GENESIS_HASH,
    at: now.toISOString(),
    heads,
    ...(opts.anchor ? { anchor: true, legacyUpTo: opts.legacyUpTo ?? 0 } : {}),
  });
  appendCheckpoint(keys, c);
  return c;
}

/**
 * At start: a data directory's first checkpoint anchors the chain as it stands. Events hashed before the
 * chain was keyed (plain SHA-256, before migration to keyed hashes) form a prefix; the anchor names its
 * last event, and its signed head holds that prefix fast.
 */
export async function anchorAuditChain(db: Db, now: Date) {
  if (readCheckpoints(auditKeys()).length > 0) return;
  await writeCheckpoint(db, now, { anchor: true, legacyUpTo: await lastUnkeyedSeq(db) });
}

type EventRow = typeof auditEvents.$inferSelect;

const bodyOf = (e: EventRow) =>
  chainBody({
    stream: e.stream,
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

const keyedEvent = (e: EventRow) => macHex(auditKeys(), e.prevHash, bodyOf(e)) === e.hash;

/** The last event of the unkeyed prefix (0: none), by binary search: keyed events only follow it. */
async function lastUnkeyedSeq(db: Db): Promise<number> {
  const atOrBefore = async (seq: number) =>
    (
      await db
        .select()
        .from(auditEvents)
        .where(lte(auditEvents.seq, seq))
        .orderBy(desc(auditEvents.seq))
        .limit(1)
    )[0];
  const [first] = await db.select().from(auditEvents).orderBy(asc(auditEvents.seq)).limit(1);
  const [last] = await db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  if (!first || !last || keyedEvent(first)) return 0;
  if (!keyedEvent(last)) return last.seq;
  let lo = first.seq; // its event is unkeyed
  let hi = last.seq; // its event is keyed
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (keyedEvent((await atOrBefore(mid))!)) hi = mid;
    else lo = mid;
  }
  return (await atOrBefore(lo))!.seq;
}

const plainHash = (prevHash: string, body: string) =>
  createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');

/**
 * Walks every stream's chain in order, in pages, and holds each against the signed checkpoints. An event
 * whose hash is not the keyed hash of its content was altered; if its hash is a plain recomputation,
 * someone without the key re-hashed the chain (after removing an event: re-linked). A link that does not
 * match the event before it in its stream follows a deletion or a reordering. A checkpoint whose event is
 * gone or different shows truncation or re-hashing even where the chain itself looks whole; a stream a
 * checkpoint names that has no events left was removed whole.
 */
export async function verifyChain(
  db: Db,
  pageSize = 5000,
  /** Checkpoints kept elsewhere (an auditor's copy): trimming the local file then hides nothing. */
  external: Array<Checkpoint | null> = [],
): Promise<ChainReport> {
  const keys = auditKeys();
  const local = readCheckpoints(keys);
  const known = new Set(local.map((c) => (c ? `${c.seq}:${c.sig}` : '')));
  const cps = [...local, ...external.filter((c) => !c || !known.has(`${c.seq}:${c.sig}`))];
  let checked = 0;
  const report = (firstBad?: ChainReport['firstBad']): ChainReport => {
    const last = cps.at(-1);
    return {
      ok: !firstBad,
      checked,
      checkpoints: cps.length,
      ...(last ? { lastCheckpoint: { seq: last.seq, at: last.at } } : {}),
      ...(firstBad ? { firstBad } : {}),
    };
  };
  const bad = cps.find((c) => !c || !checkpointValid(keys.publicKey, c));
  if (bad !== undefined) return report({ seq: bad?.seq ?? 0, id: null, problem: 'forged_checkpoint' });
  const valid = cps as Checkpoint[];
  // Plain SHA-256 is accepted only for the unkeyed prefix the anchor names (all in 'main').
  const legacyUpTo = valid.find((c) => c.anchor)?.legacyUpTo ?? 0;
  // What each stream's head was when signed; a checkpoint from before streams signed the 'main' chain's.
  const expected = new Map<string, Map<number, string>>();
  const expect = (stream: string, seq: number, hash: string) => {
    if (seq <= 0) return;
    if (!expected.has(stream)) expected.set(stream, new Map());
    expected.get(stream)!.set(seq, hash);
  };
  for (const c of valid)
    if (c.heads) for (const [stream, h] of Object.entries(c.heads)) expect(stream, h.seq, h.hash);
    else expect('main', c.seq, c.hash);
  const streams = [...new Set([...(await streamsIn(db)), ...expected.keys()])].sort();
  let firstBad: ChainReport['firstBad'];
  for (const stream of streams) {
    const found = await verifyStream(db, stream, pageSize, keys, legacyUpTo, expected.get(stream));
    checked += found.checked;
    // Streams are independent: the report names the earliest bad event of any.
    if (found.firstBad && (!firstBad || found.firstBad.seq < firstBad.seq)) firstBad = found.firstBad;
  }
  return report(firstBad);
}

async function verifyStream(
  db: Db,
  stream: string,
  pageSize: number,
  keys: ReturnType<typeof auditKeys>,
  legacyUpTo: number,
  expected: Map<number, string> = new Map(),
): Promise<{ checked: number; firstBad?: ChainReport['firstBad'] }> {
  let prev = GENESIS_HASH;
  let prevSeq = 0;
  let checked = 0;
  const seen = new Set<number>();
  const seenHashes = new Set<string>();
  const fail = (seq: number, id: string | null, problem: ChainProblem) => ({
    checked,
    firstBad: { seq, id, problem },
  });
  for (;;) {
    const page = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.stream, stream), gt(auditEvents.seq, prevSeq)))
      .orderBy(asc(auditEvents.seq))
      .limit(pageSize);
    if (page.length === 0) break;
    for (const e of page) {
      const body = bodyOf(e);
      if (macHex(keys, e.prevHash, body) !== e.hash) {
        const plain = plainHash(e.prevHash, body) === e.hash;
        if (!(plain && e.seq <= legacyUpTo && stream === 'main')) {
          const problem: ChainProblem = !plain
            ? 'altered'
            : e.prevHash === prev && (await holeBetween(db, prevSeq, e.seq))
              ? 'relinked'
              : 'rehashed';
          return fail(e.seq, e.id, problem);
        }
      }
      if (e.prevHash !== prev) {
        // A link to an event we have not met yet means events were moved; to nothing at all, removed.
        const problem: ChainProblem =
          seenHashes.has(e.prevHash) || (await linkExistsLater(db, stream, e.prevHash, e.seq))
            ? 'reordered'
            : 'deleted';
        return fail(e.seq, e.id, problem);
      }
      const held = expected.get(e.seq);
      if (held !== undefined && held !== e.hash) return fail(e.seq, e.id, 'rehashed');
      seen.add(e.seq);
      seenHashes.add(e.hash);
      prev = e.hash;
      prevSeq = e.seq;
      checked++;
    }
  }
  for (const [seq] of expected)
    if (!seen.has(seq)) return fail(seq, null, seq > prevSeq ? 'truncated' : 'deleted');
  return { checked };
}

/**
 * Whether an event between two of one stream's events is missing from the table altogether: the
 * streams share one sequence, so a gap in a stream is normal, but a number no stream holds was removed
 * (or rolled back — a re-hashed event after one is then named re-linked rather than re-hashed).
 */
async function holeBetween(db: Db, after: number, before: number): Promise<boolean> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(and(gt(auditEvents.seq, after), lt(auditEvents.seq, before)));
  return (row?.n ?? 0) < before - after - 1;
}

async function linkExistsLater(db: Db, stream: string, hash: string, seq: number): Promise<boolean> {
  const [row] = await db
    .select({ seq: auditEvents.seq })
    .from(auditEvents)
    .where(and(eq(auditEvents.stream, stream), eq(auditEvents.hash, hash), gt(auditEvents.seq, seq)))
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
  // What each module keeps from this reader elsewhere, it keeps from their audit log (auditHidden).
  const me = ctx.actor.userId;
  const hidden = me ? [sql`not ${hiddenEvent(me)}`] : [];
  const where = and(
    scoped,
    ...hidden,
    q.actorId ? eq(auditEvents.actorId, q.actorId) : undefined,
    q.entityType ? eq(auditEvents.entityType, q.entityType) : undefined,
    q.entityId ? eq(auditEvents.entityId, q.entityId) : undefined,
    q.action ? eq(auditEvents.action, q.action) : undefined,
    within,
    q.from ? gte(auditEvents.at, new Date(`${q.from}T00:00:00+07:00`)) : undefined,
    q.to ? lte(auditEvents.at, new Date(`${q.to}T23:59:59.999+07:00`)) : undefined,
  );
  // The record as people know it (a sign-in name, a unit's name, a report's number, a plan's title)
  // instead of a bare id; looked up for the page's rows only.
  const id = sql`case when ${auditEvents.entityId} ~ '^[0-9a-fA-F-]{36}$' then ${auditEvents.entityId}::uuid end`;
  const entityName = auditEntityName(sql`${auditEvents.entityType}`, id);
  const base = ctx.db
    .select({ e: auditEvents, unitName: units.name, actorName: users.fullName, entityName })
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
  const ids = items.map(({ e }) => idsIn(e.changes));
  const names = await namesOf(ctx.db, ids.flat());
  return {
    items: items.map(({ e, unitName, actorName, entityName }, n) => ({
      seq: e.seq,
      id: e.id,
      at: e.at.toISOString(),
      actorId: e.actorId,
      actorName,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      entityName,
      unitId: e.unitId,
      unitName,
      changes: e.changes,
      valueNames: Object.fromEntries(ids[n]!.flatMap((id) => (names.has(id) ? [[id, names.get(id)!]] : []))),
      requestId: e.requestId,
    })),
    total: count?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The ids a change names (a unit moved under another, a task given to a unit), at any depth. */
function idsIn(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') {
    if (isUuid(v) && !out.includes(v)) out.push(v);
  } else if (Array.isArray(v)) for (const x of v) idsIn(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) idsIn(x, out);
  return out;
}

/**
 * Names for the ids in a page's changes, as the list names its records: a unit or enterprise by name, a
 * person by full name (as the actor column does), a plan or campaign by title. Ids of anything else
 * stay as they are.
 */
async function namesOf(db: Db, ids: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)].slice(0, 1000);
  if (wanted.length === 0) return new Map();
  const list = sql`string_to_array(${wanted.join(',')}, ',')::uuid[]`;
  const found = await rows<{ id: string; name: string }>(
    db,
    sql`select id::text, name from units where id = any(${list})
      union all select id::text, full_name from users where id = any(${list})
      union all select id::text, title from plans where id = any(${list})
      union all select id::text, title from campaigns where id = any(${list})`,
  );
  return new Map(found.map((r) => [r.id, r.name]));
}
