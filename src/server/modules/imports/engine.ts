import { createHash } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Ctx } from '#server/context.ts';
import type { Db } from '#server/db/client.ts';
import { audit } from '#server/modules/audit/service.ts';
import { AppError, type FieldError } from '#shared/errors.ts';
import { type Language, type MessageKey, translate } from '#shared/i18n/index.ts';
import type {
  ImportEntity,
  ImportProgress,
  ImportResult,
  Mapping,
  RowError,
} from '#shared/imports/schemas.ts';
import { type Action, canAnywhere } from '#shared/permissions.ts';
import { foldText } from '#shared/text.ts';
import { issueToField } from '#shared/zod-messages.ts';
import { readSheet, type Sheet, templateWorkbook } from './sheet.ts';
import { importMappings } from './tables.ts';

export interface FieldDef {
  key: string;
  required: boolean;
  vi: string;
  en: string;
  aliases?: string[];
  example: string;
  /** A code: kept as text; a column a spreadsheet stored as numbers of varying length lost its zeros. */
  code?: boolean;
}

/** Changes an import makes only when the user confirms them, row by row listed in the dry run. */
export const attentionKinds = ['move', 'retype'] as const;
export type Attention = (typeof attentionKinds)[number];

/** A problem found on one row, before it is translated and tied to the user's column. */
export interface RowProblem {
  row: number;
  field: string | null;
  key: MessageKey;
  values?: Record<string, string | number>;
}

export interface Planned<T> {
  row: number;
  key: string;
  action: 'create' | 'update' | 'unchanged';
  changes: Record<string, unknown>;
  data: T;
  /** Changes beyond an ordinary update (a unit moved elsewhere or given another type): confirmed first. */
  attention?: Attention[];
}

/** What one kind of record needs to be imported: fields, row validation, planning and applying. */
export interface ImportAdapter<T> {
  entity: ImportEntity;
  action: Action;
  fields: FieldDef[];
  /** A field whose values must be unique in the file (the record's natural key), if there is one. */
  keyField: string | null;
  rowSchema: z.ZodType<T>;
  /**
   * Who may import, where the import belongs to one record (an event's attendance list): not found for
   * whoever cannot read the record, forbidden for a reader who cannot change it. Without it: anyone
   * who may do `action` somewhere, and not found for everyone else.
   */
  mayImport?(ctx: Ctx): Promise<void>;
  notes(lang: Language): string[];
  plan(
    ctx: Ctx,
    rows: Array<{ row: number; data: T }>,
  ): Promise<{ planned: Planned<T>[]; problems: RowProblem[]; effects?: string[] }>;
  /**
   * Writes the planned rows in order inside `ctx.db` (a transaction); a thrown RowFailure names its row.
   * `written` is told how many rows are written so far, as they are.
   */
  apply(
    ctx: Ctx,
    planned: Planned<T>[],
    written: (rows: number) => Promise<void>,
  ): Promise<Pick<ImportResult, 'credentials' | 'movesAwaitingApproval'>>;
}

/** Thrown from apply when a service refuses one row: the whole import is rolled back. */
export class RowFailure extends Error {
  constructor(readonly problems: RowProblem[]) {
    super('row failure');
  }
}

/** Runs fn for one row, turning a field error of a service into a problem on that row. */
export async function onRow<R>(
  row: number,
  fieldMap: Record<string, string>,
  fn: () => Promise<R>,
): Promise<R> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError && e.details.fields) {
      throw new RowFailure(
        Object.entries(e.details.fields).map(([f, fe]) => ({
          row,
          field: fieldMap[f] ?? null,
          key: fe.key,
          values: fe.values,
        })),
      );
    }
    if (e instanceof AppError)
      throw new RowFailure([{ row, field: null, key: `error.${e.code}` as MessageKey }]);
    throw e;
  }
}

/**
 * A service's own rule tried while planning, so the dry run names what the commit would refuse: its field
 * errors become the row's problems on the sheet's columns. False when the row broke it.
 */
export function ruleHolds(
  problems: RowProblem[],
  row: number,
  fieldMap: Record<string, string>,
  check: () => void,
): boolean {
  try {
    check();
    return true;
  } catch (e) {
    if (!(e instanceof AppError && e.details.fields)) throw e;
    for (const [f, fe] of Object.entries(e.details.fields))
      problems.push({ row, field: fieldMap[f] ?? null, key: fe.key, values: fe.values });
    return false;
  }
}

/** Rows checked between two progress reports. */
const CHECK_SLICE = 2000;

/** Lower-case, no diacritics, letters and digits only: how headers are matched to fields. */
export function foldHeader(s: string): string {
  return foldText(s).replace(/[^a-z0-9]/g, '');
}

export function layoutHash(headers: string[]): string {
  return createHash('sha256').update(headers.map(foldHeader).join('|')).digest('hex').slice(0, 32);
}

export function guessMapping(fields: FieldDef[], headers: string[]): Mapping {
  const mapping: Mapping = {};
  for (const f of fields) {
    const names = new Set([f.key, f.vi, f.en, ...(f.aliases ?? [])].map(foldHeader));
    // A header as written, or without what it says in brackets ("Thiệt hại (đồng)", "Ngày (dd/mm/yyyy)").
    const header =
      headers.find((h) => names.has(foldHeader(h))) ??
      headers.find((h) => names.has(foldHeader(h.replace(/\([^)]*\)/g, ''))));
    if (header) mapping[f.key] = header;
  }
  return mapping;
}

async function assertMayImport(ctx: Ctx, adapter: ImportAdapter<unknown>) {
  if (adapter.mayImport) await adapter.mayImport(ctx);
  else if (!canAnywhere(ctx.actor, adapter.action)) throw new AppError('not_found');
}

export async function template(ctx: Ctx, adapter: ImportAdapter<unknown>): Promise<Buffer> {
  await assertMayImport(ctx, adapter);
  const label = (f: FieldDef) => (ctx.lang === 'en' ? f.en : f.vi) + (f.required ? ' *' : '');
  return templateWorkbook(
    adapter.fields.map(label),
    adapter.fields.map((f) => f.example),
    adapter.notes(ctx.lang),
  );
}

export async function preview(ctx: Ctx, adapter: ImportAdapter<unknown>, content: Buffer) {
  await assertMayImport(ctx, adapter);
  const sheet = await readSheet(content);
  const hash = layoutHash(sheet.headers);
  const [saved] = await ctx.db
    .select()
    .from(importMappings)
    .where(and(eq(importMappings.entity, adapter.entity), eq(importMappings.layoutHash, hash)));
  return {
    entity: adapter.entity,
    headers: sheet.headers,
    layoutHash: hash,
    mapping: saved?.mapping ?? guessMapping(adapter.fields, sheet.headers),
    remembered: !!saved,
    fields: adapter.fields.map((f) => ({
      key: f.key,
      label: ctx.lang === 'en' ? f.en : f.vi,
      required: f.required,
      example: f.example,
    })),
    sample: sheet.rows.slice(0, 5).map((r) => r.cells),
    rowCount: sheet.rows.length,
  };
}

/**
 * Problems as the user reads them: by row, and by the user's own column header — or, for a field the
 * file has no column for, by the field's name.
 */
function toRowErrors(
  lang: Language,
  mapping: Mapping,
  problems: RowProblem[],
  fields: FieldDef[],
): RowError[] {
  const label = (key: string) => {
    const f = fields.find((x) => x.key === key);
    return f ? (lang === 'en' ? f.en : f.vi) : null;
  };
  return problems
    .sort((a, b) => a.row - b.row)
    .map((p) => ({
      row: p.row,
      column: p.field ? (mapping[p.field] ?? label(p.field)) : null,
      field: p.field,
      message: translate(lang, p.key, p.values),
    }));
}

/**
 * Codes a spreadsheet stored as numbers lose their leading zeros (01 → 1, 00004 → 4): where a code
 * column holds numbers of different lengths, the file is refused with an example, before any row.
 */
function codesAsNumbers(sheet: Sheet, column: Map<string, number>, fields: FieldDef[]): RowProblem[] {
  const out: RowProblem[] = [];
  for (const f of fields.filter((x) => x.code)) {
    const index = column.get(f.key);
    if (index === undefined || !sheet.numericColumns.has(index)) continue;
    const digits = sheet.rows.map((r) => r.cells[index] ?? '').filter((c) => /^\d+$/.test(c));
    const longest = Math.max(0, ...digits.map((c) => c.length));
    const short = sheet.rows.find(
      (r) => /^\d+$/.test(r.cells[index] ?? '') && r.cells[index]!.length < longest,
    );
    if (short)
      out.push({
        row: short.row,
        field: f.key,
        key: 'import.codes_as_numbers',
        values: { value: short.cells[index]!, width: longest },
      });
  }
  return out;
}

function fieldProblem(row: number, field: string, fe: FieldError): RowProblem {
  return { row, field, key: fe.key, values: fe.values };
}

/**
 * Validates every row, then plans. A dry run stops there; a commit writes everything in one transaction
 * or nothing at all, and answers 400 with every row error when there is one. `progress` hears each phase
 * and, while rows are checked and written, how many so far.
 */
export async function runImport<T>(
  ctx: Ctx,
  adapter: ImportAdapter<T>,
  content: Buffer,
  mapping: Mapping,
  opts: { dryRun: boolean; progress?: (p: ImportProgress) => void; confirmed?: readonly Attention[] },
): Promise<ImportResult> {
  await assertMayImport(ctx, adapter as ImportAdapter<unknown>);
  const progress = opts.progress ?? (() => {});
  // Work on PGlite never waits for I/O, so what was said would stay unsent until the end: when someone
  // is listening, give the event loop a turn every 100 ms.
  let breathed = performance.now();
  const breathe = async () => {
    if (!opts.progress || performance.now() - breathed < 100) return;
    await setImmediate();
    breathed = performance.now();
  };
  progress({ phase: 'read' });
  const sheet: Sheet = await readSheet(content);
  const total = sheet.rows.length;
  const problems: RowProblem[] = [];
  const column = new Map<string, number>();
  for (const f of adapter.fields) {
    const header = mapping[f.key];
    const index = header === undefined ? -1 : sheet.headers.indexOf(header);
    if (index >= 0) column.set(f.key, index);
    else if (f.required)
      problems.push({
        row: 1,
        field: f.key,
        key: 'import.missing_column',
        values: { field: ctx.lang === 'en' ? f.en : f.vi },
      });
  }
  if (problems.length === 0) problems.push(...codesAsNumbers(sheet, column, adapter.fields));
  const valid: Array<{ row: number; data: T }> = [];
  const seen = new Map<string, number>();
  if (problems.length === 0) {
    for (const [i, { row, cells }] of sheet.rows.entries()) {
      if (i % CHECK_SLICE === 0) {
        progress({ phase: 'check', done: i, total });
        await breathe();
      }
      const raw: Record<string, string | undefined> = {};
      for (const [key, index] of column) raw[key] = cells[index] === '' ? undefined : cells[index];
      const parsed = adapter.rowSchema.safeParse(raw);
      if (!parsed.success) {
        const byField = new Map<string, RowProblem>();
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? adapter.keyField ?? '_');
          if (!byField.has(field)) {
            byField.set(
              field,
              raw[field] === undefined
                ? { row, field, key: 'field.required' }
                : fieldProblem(row, field, issueToField(issue)),
            );
          }
        }
        problems.push(...byField.values());
        continue;
      }
      const key = adapter.keyField ? String(raw[adapter.keyField] ?? '').toLowerCase() : String(row);
      const first = seen.get(key);
      if (first !== undefined && adapter.keyField) {
        problems.push({
          row,
          field: adapter.keyField,
          key: 'import.duplicate_in_file',
          values: { row: first },
        });
        continue;
      }
      seen.set(key, row);
      valid.push({ row, data: parsed.data });
    }
  }
  progress({ phase: 'plan', done: 0, total });
  const {
    planned,
    problems: planProblems,
    effects,
  } = problems.length === 0 || valid.length > 0
    ? await adapter.plan(ctx, valid)
    : { planned: [], problems: [], effects: undefined };
  problems.push(...planProblems);

  const result = (
    applied: Pick<ImportResult, 'credentials' | 'movesAwaitingApproval'> = {},
  ): ImportResult => ({
    entity: adapter.entity,
    dryRun: opts.dryRun,
    counts: {
      create: planned.filter((p) => p.action === 'create').length,
      update: planned.filter((p) => p.action === 'update').length,
      unchanged: planned.filter((p) => p.action === 'unchanged').length,
      errors: problems.length,
      move: planned.filter((p) => p.attention?.includes('move')).length,
      retype: planned.filter((p) => p.attention?.includes('retype')).length,
    },
    // The dry run lists every row; the commit's answer is the counts (100,000 rows listed again would be
    // ~15 MB to build, send and parse for nothing: the user saw them in the dry run).
    rows: opts.dryRun
      ? planned.map(({ row, key, action, changes, attention }) => ({
          row,
          key,
          action,
          changes,
          ...(attention?.length ? { attention } : {}),
        }))
      : [],
    errors: toRowErrors(ctx.lang, mapping, problems, adapter.fields),
    ...(effects?.length ? { effects } : {}),
    ...applied,
  });

  if (opts.dryRun) return result();
  // A unit moved under another parent or given another type is never done silently: the commit names
  // each such row until the user has confirmed that kind of change.
  for (const p of planned)
    for (const a of p.attention ?? [])
      if (!opts.confirmed?.includes(a))
        problems.push({
          row: p.row,
          field: a === 'move' ? 'parentCode' : 'type',
          key: a === 'move' ? 'import.confirm_move' : 'import.confirm_retype',
        });
  if (problems.length > 0) throw new AppError('import_invalid', { rowErrors: result().errors });
  try {
    const applied = await ctx.db.transaction(async (tx) => {
      let done = 0;
      progress({ phase: 'write', done, total: planned.length });
      const out = await adapter.apply({ ...ctx, db: tx }, planned, async (rows) => {
        done += rows;
        progress({ phase: 'write', done, total: planned.length });
        await breathe();
      });
      await rememberMapping(tx, adapter.entity, sheet.headers, mapping);
      await audit(tx, ctx, {
        action: 'import.committed',
        entityType: adapter.entity,
        entityId: layoutHash(sheet.headers),
        changes: { rows: sheet.rows.length, create: result().counts.create, update: result().counts.update },
      });
      return out;
    });
    return result(applied);
  } catch (e) {
    if (e instanceof RowFailure)
      throw new AppError('import_invalid', {
        rowErrors: toRowErrors(ctx.lang, mapping, e.problems, adapter.fields),
      });
    throw e;
  }
}

async function rememberMapping(db: Db, entity: ImportEntity, headers: string[], mapping: Mapping) {
  await db
    .insert(importMappings)
    .values({ entity, layoutHash: layoutHash(headers), mapping })
    .onConflictDoUpdate({
      target: [importMappings.entity, importMappings.layoutHash],
      set: { mapping, updatedAt: new Date() },
    });
}

/** yyyy-MM-dd, or the dd/MM/yyyy Vietnamese users type, as a legal date. */
export function parseLegalDate(s: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  const [y, m, d] = iso
    ? [iso[1], iso[2], iso[3]]
    : vn
      ? [vn[3], vn[2]!.padStart(2, '0'), vn[1]!.padStart(2, '0')]
      : [];
  if (!y) return null;
  const out = `${y}-${m}-${d}`;
  const t = Date.parse(`${out}T00:00:00Z`);
  return Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== out ? null : out;
}
