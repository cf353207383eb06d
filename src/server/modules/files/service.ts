import { createHash } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import type { Ctx } from '#server/context.ts';
import { audit } from '#server/modules/audit/service.ts';
import { scopeFilter, subtreeFilter } from '#server/modules/org/scope.ts';
import { writableUnit } from '#server/modules/org/service.ts';
import { units } from '#server/modules/org/tables.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { can } from '#shared/permissions.ts';
import { files } from './tables.ts';

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
      changes: { name, mime, size: row!.size, sha256 },
    });
    return { ...row!, createdAt: row!.createdAt.toISOString() };
  });
}

export async function readFile(ctx: Ctx, id: string) {
  const [row] = await ctx.db
    .select({ f: files, path: units.path })
    .from(files)
    .innerJoin(units, eq(units.id, files.unitId))
    .where(eq(files.id, id));
  if (!row || !can(ctx.actor, 'files.read', { unitPath: row.path })) throw new AppError('not_found');
  return row.f;
}

export async function listFiles(ctx: Ctx, q: { unitId?: string; page: number; pageSize: number }) {
  const where = and(
    scopeFilter(ctx.actor, 'files.read', units.path),
    await subtreeFilter(ctx, q.unitId, 'files.read'),
  );
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
