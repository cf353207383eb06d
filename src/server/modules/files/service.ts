import { createHash } from 'node:crypto';
import { and, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { subtreeFilter } from '#server/modules/org/scope.ts';
import { writableUnit } from '#server/modules/org/service.ts';
import { units } from '#server/modules/org/tables.ts';
import { fileOwner } from '#server/platform/file-owners.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { can } from '#shared/permissions.ts';
import { fileLinks, files } from './tables.ts';

/** Types accepted as evidence, by detected content (never by the name or the client's claim). */
export const allowedMime = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
]);

const textExtensions: Record<string, string> = { txt: 'text/plain', csv: 'text/csv' };

/** The content's real type, or null when it is not on the allowlist. */
export async function detectType(content: Uint8Array, name: string): Promise<string | null> {
  const detected = await fileTypeFromBuffer(content);
  if (detected) return allowedMime.has(detected.mime) ? detected.mime : null;
  const ext = name.toLowerCase().split('.').pop() ?? '';
  const textMime = textExtensions[ext];
  if (!textMime || content.includes(0)) return null;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return textMime;
  } catch {
    return null;
  }
}

export function safeName(name: string): string {
  const base = name
    .normalize('NFC')
    .replace(/[\\/]/g, '_')
    .replace(/\p{Cc}/gu, '')
    .trim();
  return (base || 'tep').slice(0, 200);
}

export async function storeFile(ctx: Ctx, input: { unitId: string; name: string; content: Uint8Array }) {
  const [row] = await ctx.db.select().from(units).where(eq(units.id, input.unitId));
  const unit = writableUnit(ctx, row, (u) => can(ctx.actor, 'files.upload', { unitPath: u.path }));
  if (input.content.length === 0) throw fieldError('file', 'field.required');
  const name = safeName(input.name);
  const mime = await detectType(input.content, name);
  if (!mime) throw new AppError('unsupported_file_type');
  const sha256 = createHash('sha256').update(input.content).digest('hex');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(files)
      .values({
        unitId: unit.id,
        uploadedBy: ctx.actor.userId,
        name,
        mime,
        size: input.content.length,
        sha256,
        content: input.content,
      })
      .returning({
        id: files.id,
        unitId: files.unitId,
        name: files.name,
        mime: files.mime,
        size: files.size,
        sha256: files.sha256,
        createdAt: files.createdAt,
      });
    await audit(tx, ctx, {
      action: 'file.uploaded',
      entityType: 'file',
      entityId: row!.id,
      unitId: unit.id,
      // Not its name or hash: a file uploaded for a record kept from some reader, before it is attached
      // there, would name itself to them (re-test sec24 H5). The record's own events name its files.
      changes: { mime, size: row!.size },
    });
    return { ...row!, createdAt: row!.createdAt.toISOString() };
  });
}

/**
 * Of these files, those the actor may read: their own uploads, and files held by a record the actor may
 * read by its owning module's policy (ADR 0020). No unit-wide right reads a file.
 */
async function readableFiles(
  ctx: Ctx,
  db: Db,
  found: ReadonlyArray<{ id: string; uploadedBy: string | null }>,
): Promise<Set<string>> {
  // The system (seeding, jobs, the operator's command line) acts for the deployment: it reads every file.
  if (ctx.actor.kind === 'system') return new Set(found.map((f) => f.id));
  const out = new Set(
    found.filter((f) => ctx.actor.userId !== null && f.uploadedBy === ctx.actor.userId).map((f) => f.id),
  );
  const rest = found.filter((f) => !out.has(f.id)).map((f) => f.id);
  if (rest.length === 0) return out;
  const links = await db.select().from(fileLinks).where(inArray(fileLinks.fileId, rest));
  for (const type of new Set(links.map((l) => l.ownerType))) {
    const owner = fileOwner(type);
    if (!owner) continue;
    const ofType = links.filter((l) => l.ownerType === type);
    const readable = await owner.readable(ctx, [...new Set(ofType.map((l) => l.ownerId))], db);
    for (const l of ofType) if (readable.has(l.ownerId)) out.add(l.fileId);
  }
  return out;
}

export async function readFile(ctx: Ctx, id: string) {
  const [row] = await ctx.db.select().from(files).where(eq(files.id, id));
  if (!row || !(await readableFiles(ctx, ctx.db, [row])).has(row.id)) throw new AppError('not_found');
  return row;
}

/**
 * Attaches files to a record of the calling module, in its transaction: each must lie in the record's
 * unit or below it, and be one the actor may read already (their own upload, one this record holds, or
 * one a record they may read holds), so that attaching never opens a file to its new readers unseen.
 */
export async function attachFiles(
  ctx: Ctx,
  db: Db,
  input: { ownerType: string; ownerId: string; fileIds: readonly string[]; unitPath: string; field: string },
) {
  const ids = [...new Set(input.fileIds)];
  if (ids.length === 0) return;
  if (!fileOwner(input.ownerType)) throw new Error(`no file owner ${input.ownerType}`);
  const found = await db
    .select({ id: files.id, uploadedBy: files.uploadedBy, path: units.path })
    .from(files)
    .innerJoin(units, eq(units.id, files.unitId))
    .where(inArray(files.id, ids));
  const held = new Set(
    (
      await db
        .select({ id: fileLinks.fileId })
        .from(fileLinks)
        .where(
          and(
            eq(fileLinks.ownerType, input.ownerType),
            eq(fileLinks.ownerId, input.ownerId),
            inArray(fileLinks.fileId, ids),
          ),
        )
    ).map((l) => l.id),
  );
  const readable = await readableFiles(
    ctx,
    db,
    found.filter((f) => !held.has(f.id)),
  );
  if (
    found.length !== ids.length ||
    found.some((f) => !f.path.startsWith(input.unitPath) || !(held.has(f.id) || readable.has(f.id)))
  )
    throw fieldError(input.field, 'field.invalid');
  await db
    .insert(fileLinks)
    .values(ids.map((fileId) => ({ fileId, ownerType: input.ownerType, ownerId: input.ownerId })))
    .onConflictDoNothing();
}

/** The actor's own uploads, newest first (within a unit's subtree when asked). */
export async function listFiles(ctx: Ctx, q: { unitId?: string; page: number; pageSize: number }) {
  const mine = ctx.actor.userId ? eq(files.uploadedBy, ctx.actor.userId) : sql`false`;
  const where = and(mine, await subtreeFilter(ctx, q.unitId, 'files.upload'));
  const cols = {
    id: files.id,
    unitId: files.unitId,
    name: files.name,
    mime: files.mime,
    size: files.size,
    sha256: files.sha256,
    createdAt: files.createdAt,
  };
  const [rows, [count]] = await Promise.all([
    ctx.db
      .select(cols)
      .from(files)
      .innerJoin(units, eq(units.id, files.unitId))
      .where(where)
      .orderBy(desc(files.createdAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(files)
      .innerJoin(units, eq(units.id, files.unitId))
      .where(where),
  ]);
  return {
    items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    total: count?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * Files an owner no longer names are no longer read through it (an outreach event's material taken off;
 * re-test sec22c C9): their links to that owner go, the files stay for any other owner that keeps them.
 */
export async function keepOnlyLinked(db: Db, ownerType: string, ownerId: string, fileIds: readonly string[]) {
  await db
    .delete(fileLinks)
    .where(
      and(
        eq(fileLinks.ownerType, ownerType),
        eq(fileLinks.ownerId, ownerId),
        fileIds.length > 0 ? notInArray(fileLinks.fileId, [...fileIds]) : undefined,
      ),
    );
}

/**
 * Records listing evidence by id, each with the files' names beside them in the same order — evidence
 * shown by what it is called rather than "File 1". Only ids the records already list are asked for.
 */
export async function withEvidence<T extends { evidenceFileIds: string[] }>(db: Db, list: T[]) {
  const ids = [...new Set(list.flatMap((x) => x.evidenceFileIds))];
  const names = new Map(
    ids.length === 0
      ? []
      : (await db.select({ id: files.id, name: files.name }).from(files).where(inArray(files.id, ids))).map(
          (f) => [f.id, f.name],
        ),
  );
  return list.map((x) => ({
    ...x,
    evidence: x.evidenceFileIds.map((id) => ({ id, name: names.get(id) ?? id })),
  }));
}
