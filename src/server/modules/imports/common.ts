import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '#server/context.ts';
import { chunks } from '#server/db/bulk.ts';
import {
  agencyPath,
  isInspectorate,
  judgesItselfBy,
  namesOfUnits,
} from '#server/modules/org/inspectorate.ts';
import { units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import { en } from '#shared/i18n/en.ts';
import { vi } from '#shared/i18n/vi.ts';
import { type Action, can } from '#shared/permissions.ts';
import { type FieldDef, foldHeader, onRow, type Planned, parseLegalDate, type RowProblem } from './engine.ts';

/**
 * A choice typed as its code, its Vietnamese or English label ("Sở, ban, ngành" → department) or one of
 * the usual spellings given (`ward`, `phường`).
 */
export function choice<T extends string>(
  values: readonly T[],
  labelPrefix: string,
  spellings: Partial<Record<T, readonly string[]>> = {},
) {
  const byName = new Map<string, T>();
  for (const v of values) {
    for (const name of [
      v,
      vi[`${labelPrefix}.${v}` as keyof typeof vi],
      en[`${labelPrefix}.${v}` as keyof typeof en],
      ...(spellings[v] ?? []),
    ]) {
      // A label as written, or without what it adds in brackets ("… (90 ngày)").
      if (name)
        for (const n of [name, name.replace(/\([^)]*\)/g, '')])
          if (foldHeader(n)) byName.set(foldHeader(n), v);
    }
  }
  // A sheet's reader is told the names to write, as the template's guide writes them (rev20 P13: the
  // API's English codes were listed).
  const names = values.map((v) => vi[`${labelPrefix}.${v}` as keyof typeof vi] ?? v).join('; ');
  return z.string().transform((s, ctx) => {
    const v = byName.get(foldHeader(s));
    if (!v) {
      ctx.addIssue({ code: 'custom', message: 'import.choice', params: { options: names }, input: s });
      return z.NEVER;
    }
    return v;
  });
}

export const legalDate = () =>
  z.string().transform((s, ctx) => {
    const d = parseLegalDate(s);
    if (!d) {
      // Said as people write dates in a sheet (dd/mm/yyyy), not as the API's format.
      ctx.addIssue({ code: 'custom', message: 'import.date', input: s });
      return z.NEVER;
    }
    return d;
  });

/**
 * The units a register's sheet names by code, and the row's problem with one, if any: unknown, outside
 * what the importer keeps (`action`), or archived. Shared by the unit-kept registers' imports.
 */
export async function registerUnits(ctx: Ctx, codes: Iterable<string>, action: Action) {
  const byCode = new Map<string, typeof units.$inferSelect>();
  for (const part of chunks([...new Set(codes)]))
    for (const u of await ctx.db.select().from(units).where(inArray(units.code, part))) byCode.set(u.code, u);
  return {
    byCode,
    ids: () => [...new Set([...byCode.values()].map((u) => u.id))],
    /** The unit for a row, or null with its problem added. */
    check(row: number, code: string, problems: RowProblem[], field = 'unitCode') {
      const u = byCode.get(code);
      // A unit out of scope is answered as one that does not exist: a file must not tell which codes
      // exist elsewhere in the province (re-test sec22 F7), as reads by id answer 404.
      if (!u || !can(ctx.actor, action, { unitPath: u.path }))
        problems.push({ row, field, key: 'import.unknown_unit', values: { code } });
      else if (u.status !== 'active') problems.push({ row, field, key: 'field.unit_archived' });
      else return u;
      return null;
    },
  };
}

/** Writes each planned row to create through its service, a refusal naming the row's column; progress told. */
export async function createEach<T>(
  planned: Planned<T>[],
  written: (rows: number) => Promise<void>,
  fieldMap: Record<string, string>,
  create: (p: Planned<T>) => Promise<unknown>,
) {
  let n = 0;
  for (const p of planned) {
    if (p.action === 'create') await onRow(p.row, fieldMap, () => create(p));
    if (++n % 200 === 0) await written(200);
  }
  await written(n % 200);
  return {};
}

/**
 * A register's rows planned once each (the register imports share it): a second row for the same record
 * is named at `field`; one already kept (`existing`) is left unchanged; anything else is created.
 */
export function oncePlanner<T>(existing: ReadonlySet<string>) {
  const seen = new Map<string, number>();
  const planned: Planned<T>[] = [];
  return {
    planned,
    add(
      problems: RowProblem[],
      row: number,
      key: string,
      field: string,
      entry: { label: string; changes: Record<string, unknown>; data: T },
    ) {
      const dup = seen.get(key);
      if (dup !== undefined) {
        problems.push({ row, field, key: 'import.duplicate_in_file', values: { row: dup } });
        return;
      }
      seen.set(key, row);
      const known = existing.has(key);
      planned.push({
        row,
        key: entry.label,
        action: known ? 'unchanged' : 'create',
        changes: known ? {} : entry.changes,
        data: entry.data,
      });
    },
  };
}

/**
 * The officials a register's rows name, by sign-in name or e-mail, among those whose home unit is in the
 * actor's scope for `action`; anyone else is answered as no one (a file must not tell who works elsewhere).
 */
export async function registerPeople(ctx: Ctx, names: Iterable<string>, action: Action) {
  const wanted = [...new Set([...names].map((n) => n.trim().toLowerCase()))];
  const byName = new Map<string, string>();
  for (const part of chunks(wanted))
    for (const u of await ctx.db
      .select({ id: users.id, username: users.username, email: users.email, path: units.path })
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .where(
        and(
          eq(users.status, 'active'),
          or(inArray(users.username, part), inArray(sql`lower(${users.email})`, part)),
        ),
      ))
      if (can(ctx.actor, action, { unitPath: u.path })) {
        byName.set(u.username, u.id);
        if (u.email) byName.set(u.email.toLowerCase(), u.id);
      }
  return {
    ids: () => [...new Set(byName.values())],
    /** The person for a row, or undefined with its problem added. */
    check(row: number, name: string, problems: RowProblem[], field: string) {
      const id = byName.get(name.trim().toLowerCase());
      if (!id) problems.push({ row, field, key: 'import.unknown_person', values: { name } });
      return id;
    },
  };
}

/** A count or an amount as sheets write it: "1.250.000", "1,250,000", "1 250 000" or a number cell. */
export const wholeNumber = (max: number) =>
  z
    .string()
    .transform((s, ctx) => {
      const digits = s.replace(/[\s.,\u00a0]/g, '');
      // Said as what is wrong with it (rev29: a negative figure read only "not valid").
      const problem = /^[-−]\s*\d/.test(s.trim())
        ? 'field.negative'
        : !/^\d+$/.test(digits)
          ? 'field.whole_number'
          : Number(digits) > max
            ? 'field.invalid'
            : null;
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem, input: s });
        return z.NEVER;
      }
      return Number(digits);
    })
    .optional();

/**
 * The rules of `checkHandler` for a sheet whose rows name a handling inspectorate and what it judges (a
 * unit by code, or a body outside the tree by name), on agencies asked once each rather than per row:
 * the handler must be an inspectorate, never judge its own agency or one above it, and a body of the
 * tree is chosen by its code, never typed by name.
 */
export async function inspectorateRows(
  ctx: Ctx,
  found: Awaited<ReturnType<typeof registerUnits>>,
  typedNames: string[],
) {
  const inspecting = new Map<string, boolean>();
  const agencies = new Map<string, string>();
  for (const u of found.byCode.values()) {
    inspecting.set(u.id, await isInspectorate(ctx.db, u.id, u.path));
    agencies.set(u.id, await agencyPath(ctx.db, u.path));
  }
  const namedUnits = await namesOfUnits(ctx.db, typedNames);
  return (
    row: number,
    problems: RowProblem[],
    handler: { id: string; field: string } | null,
    subject: { id: string; path: string } | null,
    subjectCode: string | undefined,
    subjectName: string | null | undefined,
  ) => {
    if (handler && !inspecting.get(handler.id))
      problems.push({ row, field: handler.field, key: 'field.not_inspectorate' });
    else if (
      handler &&
      subject &&
      judgesItselfBy(agencies.get(handler.id)!, subject.path, agencies.get(subject.id)!)
    )
      problems.push({ row, field: 'subjectCode', key: 'field.inspects_itself' });
    if (!subjectCode && subjectName && namedUnits.has(subjectName))
      problems.push({ row, field: 'subjectName', key: 'field.subject_is_unit' });
    if (!subjectCode && !subjectName) problems.push({ row, field: 'subjectCode', key: 'field.required' });
  };
}

/** The unit a register's row belongs to, by its code: the first column of most register sheets. */
export const unitCodeField: FieldDef = {
  key: 'unitCode',
  required: true,
  vi: 'Mã đơn vị',
  en: 'Unit code',
  aliases: ['ma don vi', 'don vi'],
  example: 'SH.STC',
  code: true,
};
