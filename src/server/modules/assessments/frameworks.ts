import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { excel } from '#server/lazy.ts';
import { audit } from '#server/modules/audit/service.ts';
import { readSheet } from '#server/modules/imports/sheet.ts';
import { metric } from '#server/platform/metrics.ts';
import { AppError, fieldError, type ImportRowError } from '#shared/errors.ts';
import { translate } from '#shared/i18n/index.ts';
import { canAtRoot } from '#shared/permissions.ts';
import { issueToField } from '#shared/zod-messages.ts';
import { criteria, frameworkVersions } from './tables.ts';

/** One criterion as exchanged in JSON and XLSX: the tree comes from the codes (A, A.1, A.1.1). */
export const CriterionData = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]+(\.[A-Z0-9]+)*$/i, { message: 'field.invalid' }),
  titleVi: z.string().trim().min(1, { message: 'field.required' }).max(500),
  titleEn: z.string().trim().max(500).default(''),
  method: z.enum(['points', 'yes_no', 'levels', 'auto', 'deduction']).default('points'),
  maxPoints: z.coerce.number().min(0).max(1000),
  minPoints: z.coerce.number().min(-1000).max(0).default(0),
  evidenceRequired: z
    .union([z.boolean(), z.string()])
    .transform((v) => v === true || ['true', '1', 'x', 'có', 'yes'].includes(String(v).trim().toLowerCase()))
    .default(false),
  indicatorCode: z
    .string()
    .trim()
    .transform((s) => s || null)
    .nullish()
    .refine((v) => !v || metric(v) !== undefined, { message: 'field.invalid' }),
  guidance: z
    .string()
    .trim()
    .transform((s) => s || null)
    .nullish(),
});
export type CriterionData = z.infer<typeof CriterionData>;

const columns = [
  'code',
  'titleVi',
  'titleEn',
  'method',
  'maxPoints',
  'minPoints',
  'evidenceRequired',
  'indicatorCode',
  'guidance',
] as const;

function assertManage(ctx: Ctx) {
  // Frameworks are shared by the whole deployment, like deadline rules.
  if (!canAtRoot(ctx.actor, 'assessments.manage')) throw new AppError('forbidden');
}

async function versionOr404(db: Db, id: string) {
  const [v] = await db.select().from(frameworkVersions).where(eq(frameworkVersions.id, id));
  if (!v) throw new AppError('not_found');
  return v;
}

export async function exportData(db: Db, versionId: string): Promise<CriterionData[]> {
  await versionOr404(db, versionId);
  const rows = await db
    .select()
    .from(criteria)
    .where(eq(criteria.versionId, versionId))
    .orderBy(asc(criteria.ordinal));
  return rows.map((c) => ({
    code: c.code,
    titleVi: c.titleVi,
    titleEn: c.titleEn,
    method: c.method as CriterionData['method'],
    maxPoints: c.maxPoints,
    minPoints: c.minPoints,
    evidenceRequired: c.evidenceRequired,
    indicatorCode: c.indicatorCode,
    guidance: c.guidance,
  }));
}

export async function exportXlsx(db: Db, versionId: string): Promise<Buffer> {
  const data = await exportData(db, versionId);
  const wb = new (await excel()).Workbook();
  const ws = wb.addWorksheet('Tiêu chí');
  ws.addRow([...columns]).font = { bold: true };
  for (const c of data) ws.addRow(columns.map((k) => c[k] ?? ''));
  ws.columns.forEach((col, i) => {
    col.width = i === 1 || i === 2 ? 50 : 14;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A new draft version holding a copy of a version's criteria: published versions never change. */
export async function newDraft(ctx: Ctx, versionId: string) {
  assertManage(ctx);
  const v = await versionOr404(ctx.db, versionId);
  return ctx.db.transaction(async (tx) => {
    // One draft at a time: a second click made a second draft of the same framework (issue 17 review).
    const [open] = await tx
      .select({ id: frameworkVersions.id })
      .from(frameworkVersions)
      .where(and(eq(frameworkVersions.frameworkId, v.frameworkId), eq(frameworkVersions.status, 'draft')));
    if (open) throw new AppError('framework_draft_open');
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`max(version)::int` })
      .from(frameworkVersions)
      .where(eq(frameworkVersions.frameworkId, v.frameworkId));
    const [draft] = await tx
      .insert(frameworkVersions)
      .values({ frameworkId: v.frameworkId, version: n + 1, status: 'draft', legalBasis: v.legalBasis })
      .returning();
    await writeCriteria(tx, draft!.id, await exportData(tx, versionId));
    await audit(tx, ctx, {
      action: 'framework.drafted',
      entityType: 'framework_version',
      entityId: draft!.id,
      changes: { from: v.version, version: n + 1 },
    });
    return draft!;
  });
}

/** Writes a version's criteria in order; a criterion's parent is its code without the last segment. */
export async function writeCriteria(tx: Db, versionId: string, rows: CriterionData[]) {
  await tx.delete(criteria).where(eq(criteria.versionId, versionId));
  const ids = new Map<string, string>();
  for (const [i, c] of rows.entries()) {
    const parent = c.code.includes('.') ? c.code.slice(0, c.code.lastIndexOf('.')) : null;
    const [row] = await tx
      .insert(criteria)
      .values({
        versionId,
        parentId: parent ? (ids.get(parent) ?? null) : null,
        ordinal: i,
        code: c.code,
        titleVi: c.titleVi,
        titleEn: c.titleEn || c.titleVi,
        method: c.method,
        maxPoints: c.maxPoints,
        minPoints: c.minPoints,
        levels:
          c.method === 'levels'
            ? [
                { label: 'Chưa có / Not in place', points: 0 },
                { label: 'Đang xây dựng / Being built', points: c.maxPoints / 2 },
                { label: 'Đã có và thực hiện / In place and applied', points: c.maxPoints },
              ]
            : [],
        guidance: c.guidance ?? null,
        evidenceRequired: c.evidenceRequired,
        indicatorCode: c.indicatorCode ?? null,
      })
      .returning({ id: criteria.id });
    ids.set(c.code, row!.id);
  }
}

/**
 * Replaces a draft's criteria from JSON or XLSX, all or nothing. Each problem names its row (the sheet's
 * row number, or the JSON item's position from 1) and column.
 */
export async function importCriteria(ctx: Ctx, versionId: string, content: Buffer) {
  assertManage(ctx);
  const v = await versionOr404(ctx.db, versionId);
  if (v.status !== 'draft') throw new AppError('framework_published');
  let raw: Array<{ row: number; value: Record<string, unknown> }>;
  const text = content.subarray(0, 1).toString();
  if (text === '[' || text === '{') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(content.toString('utf8'));
    } catch {
      throw fieldError('file', 'field.invalid');
    }
    if (!Array.isArray(parsed)) throw fieldError('file', 'field.invalid');
    raw = parsed.map((value, i) => ({ row: i + 1, value: (value ?? {}) as Record<string, unknown> }));
  } else {
    const sheet = await readSheet(content);
    raw = sheet.rows.map((r) => ({
      row: r.row,
      value: Object.fromEntries(sheet.headers.map((h, i) => [h, r.cells[i] ?? ''])),
    }));
  }
  const errors: ImportRowError[] = [];
  const rows: CriterionData[] = [];
  const seen = new Set<string>();
  for (const { row, value } of raw) {
    const p = CriterionData.safeParse(value);
    if (!p.success) {
      for (const issue of p.error.issues) {
        const f = issueToField(issue);
        const column = String(issue.path[0] ?? '');
        errors.push({ row, column, field: column, message: translate(ctx.lang, f.key, f.values) });
      }
      continue;
    }
    const parent = p.data.code.includes('.') ? p.data.code.slice(0, p.data.code.lastIndexOf('.')) : null;
    if (seen.has(p.data.code))
      errors.push({ row, column: 'code', field: 'code', message: translate(ctx.lang, 'field.code_taken') });
    else if (parent && !seen.has(parent))
      errors.push({
        row,
        column: 'code',
        field: 'code',
        message: translate(ctx.lang, 'field.parent_first', { parent }),
      });
    seen.add(p.data.code);
    rows.push(p.data);
  }
  if (raw.length === 0)
    errors.push({ row: 1, column: null, field: null, message: translate(ctx.lang, 'field.required') });
  if (errors.length > 0) throw new AppError('import_invalid', { rowErrors: errors });
  await ctx.db.transaction(async (tx) => {
    await writeCriteria(tx, versionId, rows);
    await audit(tx, ctx, {
      action: 'framework.imported',
      entityType: 'framework_version',
      entityId: versionId,
      changes: { criteria: rows.length },
    });
  });
  return exportData(ctx.db, versionId);
}

/** Publishing freezes a draft; each part must equal the sum of its children. */
export async function publishVersion(ctx: Ctx, versionId: string) {
  assertManage(ctx);
  const v = await versionOr404(ctx.db, versionId);
  if (v.status !== 'draft') throw new AppError('framework_published');
  const all = await ctx.db.select().from(criteria).where(eq(criteria.versionId, versionId));
  for (const p of all) {
    const kids = all.filter((c) => c.parentId === p.id);
    if (kids.length === 0) continue;
    const sum = kids.reduce((s, c) => s + (p.method === 'deduction' ? c.minPoints : c.maxPoints), 0);
    const own = p.method === 'deduction' ? p.minPoints : p.maxPoints;
    if (Math.abs(sum - own) > 0.001) throw fieldError(p.code, 'field.part_sum', { sum, own });
  }
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(frameworkVersions)
      .set({ status: 'published', publishedAt: ctx.clock.now() })
      .where(eq(frameworkVersions.id, versionId));
    await audit(tx, ctx, {
      action: 'framework.published',
      entityType: 'framework_version',
      entityId: versionId,
    });
  });
  return { id: versionId, status: 'published' };
}
