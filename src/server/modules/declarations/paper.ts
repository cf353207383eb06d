import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { vnToday } from '#server/clock.ts';
import type { Ctx } from '#server/context.ts';
import { auditMany } from '#server/modules/audit/service.ts';
import { foldHeader, parseLegalDate } from '#server/modules/imports/engine.ts';
import { readWorkbook, type Sheet, templateWorkbookOf } from '#server/modules/imports/sheet.ts';
import { insertNotifications } from '#server/modules/notifications/service.ts';
import { units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import { changes, DeclarationContent, problems, summarise } from '#shared/declarations/content.ts';
import {
  currentForm,
  type DeclarationKind,
  declarationKinds,
  incomeRecipients,
  type Label,
  owners,
} from '#shared/declarations/form.ts';
import type { PaperImportResult } from '#shared/declarations/schemas.ts';
import { AppError, type FieldError } from '#shared/errors.ts';
import { type Language, type MessageKey, translate } from '#shared/i18n/index.ts';
import { uiEn } from '#shared/i18n/ui.en.ts';
import { uiVi } from '#shared/i18n/ui.vi.ts';
import { can, canAnywhere } from '#shared/permissions.ts';
import { issueToField } from '#shared/zod-messages.ts';
import { openRosterRounds } from './roster.ts';
import { sealContent } from './sealed.ts';
import { parametersOn } from './service.ts';
import { declarations } from './tables.ts';

/**
 * Paper declarations transcribed by the unit's organising officer (issue 18, "Bad input"). Units still
 * receive many declarations on paper; the officer enters them from one workbook with a sheet per part of
 * the form — the declarations with their general information, minor children, one sheet per asset group,
 * income, Part III explanations — generated from the form definition, so a new form version brings its
 * own template. A file is checked whole, by the same rules as an electronic submission; every problem is
 * named by sheet, row and column, and nothing is written unless there are none. Entered declarations are
 * submitted on the date the unit received the paper, marked as paper, and go through review as any other.
 */

const ui = (key: keyof typeof uiVi): Label => ({ vi: uiVi[key], en: uiEn[key] });
const l = (vi: string, en: string): Label => ({ vi, en });

type Kind = 'text' | 'date' | 'year' | 'money' | 'decimal' | 'choice' | 'flag';
interface Column {
  key: string;
  label: Label;
  kind: Kind;
  required?: boolean;
  choices?: Array<{ code: string; label: Label }>;
  example?: string;
}
interface SheetDef {
  id: string;
  name: Label;
  columns: Column[];
  /** The asset group a sheet lists (its tab starts with the form's number, e.g. "II.2.1"). */
  group?: string;
}

/** Declarations in one file, at most: a unit's paper round, not a province's. */
export const MAX_PAPER_DECLARATIONS = 500;

const ref: Column = {
  key: 'ref',
  label: l('Số thứ tự bản kê khai', 'Declaration no.'),
  kind: 'text',
  required: true,
  example: '1',
};
const person = (prefix: string, who: Label, spouse = false): Column[] => {
  const k = (key: string) => (prefix ? `${prefix}${key[0]!.toUpperCase()}${key.slice(1)}` : key);
  const lab = (vi: string, en: string) => (prefix ? l(`${who.vi}: ${vi}`, `${who.en}: ${en}`) : l(vi, en));
  return [
    { key: k('fullName'), label: lab('Họ và tên', 'full name'), kind: 'text' },
    { key: k('birthDate'), label: lab('Ngày sinh', 'date of birth'), kind: 'date' },
    spouse
      ? { key: k('position'), label: lab('Nghề nghiệp', 'occupation'), kind: 'text' }
      : { key: k('position'), label: lab('Chức vụ, chức danh', 'position'), kind: 'text' },
    { key: k('workplace'), label: lab('Cơ quan, đơn vị công tác', 'workplace'), kind: 'text' },
    { key: k('residence'), label: lab('Nơi thường trú', 'permanent residence'), kind: 'text' },
    { key: k('idNumber'), label: lab('Số căn cước công dân', 'citizen ID number'), kind: 'text' },
    { key: k('idIssued'), label: lab('Ngày cấp, nơi cấp', 'issued on, by'), kind: 'text' },
  ];
};
const kindChoices = declarationKinds.map((code) => ({ code, label: ui(`ui.decl.kind.${code}`) }));
const ownerChoices = owners.map((code) => ({ code, label: ui(`ui.decl.owner.${code}`) }));
const recipientChoices = incomeRecipients.map((code) => ({ code, label: ui(`ui.decl.owner.${code}`) }));

/** The workbook's sheets, from the form the declarations are entered on. */
function sheetsOf(form = currentForm): SheetDef[] {
  const spouse = l('Vợ hoặc chồng', 'Spouse');
  return [
    {
      id: 'declarations',
      name: l('Bản kê khai', 'Declarations'),
      columns: [
        ref,
        {
          key: 'username',
          label: l('Tài khoản người kê khai', "Declarant's account"),
          kind: 'text',
          required: true,
          example: 'nguyenvana',
        },
        {
          key: 'kind',
          label: l('Loại kê khai', 'Kind'),
          kind: 'choice',
          required: true,
          choices: kindChoices,
          example: 'annual',
        },
        { key: 'year', label: l('Năm', 'Year'), kind: 'year', required: true, example: '2026' },
        {
          key: 'declaredOn',
          label: l('Ngày hoàn thành bản kê khai', 'Date completed'),
          kind: 'date',
          required: true,
          example: '15/12/2026',
        },
        {
          key: 'receivedOn',
          label: l('Ngày đơn vị nhận', 'Date received'),
          kind: 'date',
          example: '16/12/2026',
        },
        ...person('', l('', '')),
        ...person('spouse', spouse, true),
      ],
    },
    {
      id: 'children',
      name: l('Con chưa thành niên', 'Minor children'),
      columns: [ref, ...person('', l('', '')).filter((c) => !['position', 'workplace'].includes(c.key))],
    },
    ...form.groups.map(
      (g): SheetDef => ({
        id: `group:${g.code}`,
        group: g.code,
        name: l(`${g.number} ${g.label.vi}`, `${g.number} ${g.label.en}`),
        columns: [
          ref,
          {
            key: 'owner',
            label: ui('ui.decl.owner'),
            kind: 'choice',
            required: true,
            choices: ownerChoices,
          },
          ...g.details.map(
            (d): Column => ({
              key: `details.${d.key}`,
              label: d.suffix ? l(`${d.label.vi} (${d.suffix})`, `${d.label.en} (${d.suffix})`) : d.label,
              kind: d.kind === 'number' ? 'decimal' : d.kind === 'choice' ? 'choice' : 'text',
              ...(d.choices ? { choices: d.choices } : {}),
            }),
          ),
          { key: 'valueVnd', label: l('Giá trị (đồng)', 'Value (VND)'), kind: 'money' },
          {
            key: 'valueUnknownReason',
            label: l('Không xác định được giá trị vì', 'Value could not be determined because'),
            kind: 'text',
          },
          {
            key: 'estimated',
            label: l('Giá trị ước tính (có/không)', 'Estimated value (yes/no)'),
            kind: 'flag',
          },
          ...(g.foreignCurrency
            ? [
                { key: 'currency', label: l('Loại ngoại tệ', 'Currency'), kind: 'text' as const },
                {
                  key: 'foreignAmount',
                  label: l('Số tiền ngoại tệ', 'Foreign amount'),
                  kind: 'decimal' as const,
                },
                { key: 'rate', label: l('Tỷ giá (đồng)', 'Exchange rate (VND)'), kind: 'decimal' as const },
              ]
            : []),
        ],
      }),
    ),
    {
      id: 'income',
      name: l('Thu nhập', 'Income'),
      columns: [
        ref,
        {
          key: 'recipient',
          label: ui('ui.decl.recipient'),
          kind: 'choice',
          required: true,
          choices: recipientChoices,
        },
        {
          key: 'source',
          label: l('Nguồn thu nhập', 'Source'),
          kind: 'choice',
          required: true,
          choices: form.incomeSources,
        },
        { key: 'amountVnd', label: l('Số tiền (đồng)', 'Amount (VND)'), kind: 'money', required: true },
        { key: 'note', label: l('Ghi chú', 'Note'), kind: 'text' },
      ],
    },
    {
      id: 'explanations',
      name: l('Giải trình phần III', 'Part III explanations'),
      columns: [
        ref,
        {
          key: 'group',
          label: l('Loại tài sản, thu nhập', 'Asset group or income'),
          kind: 'choice',
          required: true,
          choices: [
            ...form.groups.map((g) => ({
              code: g.code,
              label: l(`${g.number} ${g.label.vi}`, `${g.number} ${g.label.en}`),
            })),
            { code: 'income', label: l('Tổng thu nhập', 'Total income') },
          ],
        },
        {
          key: 'explanation',
          label: l('Giải trình nguồn gốc', 'Explanation of origin'),
          kind: 'text',
          required: true,
        },
      ],
    },
  ];
}

/** A tab's name as Excel allows it (31 characters, none of : \ / ? * [ ]). */
function tabName(s: string): string {
  const clean = s
    .replace(/[:\\/?*[\]]/g, ' ')
    .replace(/\s*\(.*$/, '')
    .trim();
  if (clean.length <= 31) return clean;
  // Cut at a word, without a trailing comma: "II.4 Vàng, kim cương, bạch kim".
  return clean
    .slice(0, 32)
    .replace(/\s+\S*$/, '')
    .replace(/[\s,;.]+$/, '');
}
const header = (c: Column, lang: Language) => c.label[lang] + (c.required ? ' *' : '');

export async function paperTemplate(ctx: Ctx): Promise<Buffer> {
  if (!canAnywhere(ctx.actor, 'declarations.receive')) throw new AppError('not_found');
  const lang = ctx.lang;
  const defs = sheetsOf();
  return templateWorkbookOf(
    defs.map((d) => ({
      name: tabName(d.name[lang]),
      headers: d.columns.map((c) => header(c, lang)),
      examples:
        d.id === 'declarations'
          ? [
              d.columns.map(
                (c) => c.choices?.find((x) => x.code === c.example)?.label[lang] ?? c.example ?? '',
              ),
            ]
          : [],
    })),
    {
      name: lang === 'en' ? 'Instructions' : 'Hướng dẫn',
      lines: notes(lang, defs),
    },
  );
}

function notes(lang: Language, defs: SheetDef[]): string[] {
  const t = (vi: string, en: string) => (lang === 'en' ? en : vi);
  const choices = defs.flatMap((d) =>
    d.columns
      .filter((c) => c.choices)
      .map(
        (c) =>
          `${tabName(d.name[lang])} — ${c.label[lang]}: ${c.choices!.map((x) => x.label[lang]).join('; ')}`,
      ),
  );
  return [
    t(
      'Mỗi bản kê khai giấy là một dòng ở trang "Bản kê khai"; các trang khác ghi từng con chưa thành niên, từng tài sản, từng khoản thu nhập và từng giải trình trên một dòng, nối với bản kê khai bằng cột "Số thứ tự bản kê khai".',
      'Each paper declaration is one row of the "Declarations" sheet; the other sheets hold each minor child, asset, income and explanation on a row, linked to its declaration by the "Declaration no." column.',
    ),
    t(
      'Cột có dấu * là bắt buộc. Ngày ghi theo dạng dd/mm/yyyy. Số tiền ghi bằng đồng, không ghi đơn vị (có thể dùng dấu chấm ngăn cách hàng nghìn).',
      'Columns marked * are required. Dates as dd/mm/yyyy. Amounts in dong without a unit (dots may separate thousands).',
    ),
    t(
      'Tài khoản người kê khai là tên đăng nhập Liêm của người đó, thuộc đơn vị bạn tiếp nhận. Bản kê khai được ghi nhận là đã nộp vào ngày đơn vị nhận (để trống: hôm nay), là bản giấy, và được tiếp nhận, bàn giao như bản điện tử.',
      "The declarant's account is their Liêm user name, in a unit you receive for. The declaration is recorded as submitted on the day the unit received it (empty: today), as paper, and is accepted and handed over as an electronic one.",
    ),
    t(
      'Tệp được kiểm tra toàn bộ theo các quy tắc như khi nộp điện tử: nếu có lỗi, không bản kê khai nào được ghi và mỗi lỗi nêu trang, dòng và cột.',
      'The whole file is checked by the rules of an electronic submission: if anything is wrong, no declaration is written and each problem names its sheet, row and column.',
    ),
    t('Các lựa chọn:', 'Choices:'),
    ...choices,
  ];
}

// ---------------------------------------------------------------- reading

interface Where {
  sheet: string;
  row: number;
  /** The file's header for each column key of the row's sheet. */
  headers: Map<string, string>;
}
interface Problem {
  sheet: string | null;
  row: number | null;
  column: string | null;
  key: MessageKey;
  values?: Record<string, string | number>;
}
interface Entry {
  ref: string;
  at: Where;
  username: string;
  kind: DeclarationKind;
  year: number;
  declaredOn: string;
  receivedOn: string | null;
  content: {
    declarant: Record<string, unknown>;
    spouse: Record<string, unknown> | null;
    children: Array<Record<string, unknown>>;
    assets: Record<string, Array<Record<string, unknown>>>;
    income: Array<Record<string, unknown>>;
    explanations: Record<string, string>;
  };
  /** Where each part of the content came from, by its path in the content (`assets.house.0`, …). */
  paths: Map<string, Where>;
  /** A row of it had a problem already: its content is not judged further (it is not all there). */
  broken: boolean;
}

/** A cell as a value of its column's kind, or the problem with it. */
function parseCell(
  c: Column,
  raw: string,
): { value: unknown } | { key: MessageKey; values?: Record<string, string> } {
  switch (c.kind) {
    case 'text':
      return { value: raw };
    case 'date': {
      const d = parseLegalDate(raw);
      return d ? { value: d } : { key: 'import.date' };
    }
    case 'year':
      return /^\d{4}$/.test(raw) ? { value: Number(raw) } : { key: 'field.year' };
    case 'money': {
      // Dong have no fractions: dots, commas and spaces can only be thousands separators.
      const digits = raw.replace(/[\s.,]/g, '');
      return /^\d{1,16}$/.test(digits) ? { value: Number(digits) } : { key: 'field.number' };
    }
    case 'decimal': {
      // A number cell reads "12.5"; typed in Vietnamese, "1.234,5" or "12,5".
      const s = raw.replace(/\s/g, '');
      const normal = s.includes(',') ? s.replace(/\./g, '').replace(',', '.') : s;
      return /^\d+(\.\d+)?$/.test(normal) ? { value: Number(normal) } : { key: 'field.number' };
    }
    case 'flag': {
      const f = foldHeader(raw);
      if (['co', 'yes', 'x', '1', 'true'].includes(f)) return { value: true };
      if (['khong', 'no', '0', 'false'].includes(f)) return { value: false };
      return { key: 'import.not_a_choice', values: { choices: 'có / không' } };
    }
    case 'choice': {
      const f = foldHeader(raw);
      const found = c.choices!.find(
        (x) => foldHeader(x.code) === f || foldHeader(x.label.vi) === f || foldHeader(x.label.en) === f,
      );
      return found
        ? { value: found.code }
        : { key: 'import.not_a_choice', values: { choices: c.choices!.map((x) => x.label.vi).join('; ') } };
    }
  }
}

/** Sets `obj[a.b.c] = v`, making the objects on the way. */
function setPath(obj: Record<string, unknown>, path: string, v: unknown) {
  const parts = path.split('.');
  let o = obj;
  for (const p of parts.slice(0, -1)) {
    o[p] ??= {};
    o = o[p] as Record<string, unknown>;
  }
  o[parts.at(-1)!] = v;
}

/** Which of our sheets a tab is: by its name in either language, a group's by the form's number. */
function matchSheet(defs: SheetDef[], name: string): SheetDef | null {
  const folded = foldHeader(name);
  const first = foldHeader(name.trim().split(/\s+/)[0] ?? '');
  for (const d of defs) {
    if (d.group) {
      if (first === foldHeader(d.name.vi.split(' ')[0]!)) return d;
    } else if (
      [d.name.vi, d.name.en, tabName(d.name.vi), tabName(d.name.en)].some((n) => folded === foldHeader(n))
    )
      return d;
  }
  return null;
}
const isInstructions = (name: string) => ['huongdan', 'instructions'].includes(foldHeader(name));

/** The file's sheets read into entries by declaration number, and every problem found on the way. */
function readEntries(lang: Language, book: Array<{ name: string; sheet: Sheet }>) {
  const defs = sheetsOf();
  const problems: Problem[] = [];
  const entries = new Map<string, Entry>();
  const bySheet = new Map<string, { def: SheetDef; name: string; sheet: Sheet }>();
  for (const { name, sheet } of book) {
    if (isInstructions(name)) continue;
    const def = matchSheet(defs, name);
    if (!def) {
      if (sheet.rows.length > 0)
        problems.push({ sheet: name, row: null, column: null, key: 'import.unknown_sheet' });
      continue;
    }
    if (bySheet.has(def.id)) {
      problems.push({ sheet: name, row: null, column: null, key: 'import.sheet_twice' });
      continue;
    }
    bySheet.set(def.id, { def, name, sheet });
  }
  if (!bySheet.get('declarations')?.sheet.rows.length) {
    problems.push({ sheet: null, row: null, column: null, key: 'import.no_declarations' });
    return { entries, problems };
  }
  // Declarations first, so that the other sheets' rows find theirs.
  const order = [...bySheet.values()].sort(
    (a, b) => Number(b.def.id === 'declarations') - Number(a.def.id === 'declarations'),
  );
  for (const { def, name, sheet } of order) {
    const index = new Map<string, number>();
    const headers = new Map<string, string>();
    for (const c of def.columns) {
      const names = new Set([c.key, c.label.vi, c.label.en].map(foldHeader));
      const i = sheet.headers.findIndex((h) => names.has(foldHeader(h)));
      if (i >= 0) {
        index.set(c.key, i);
        headers.set(c.key, sheet.headers[i]!);
      } else if (c.required)
        problems.push({
          sheet: name,
          row: 1,
          column: c.label[lang],
          key: 'import.missing_column',
          values: { field: c.label[lang] },
        });
    }
    if ([...def.columns].some((c) => c.required && !index.has(c.key))) continue;
    for (const { row, cells } of sheet.rows) {
      const at: Where = { sheet: name, row, headers };
      const values: Record<string, unknown> = {};
      let bad = false;
      for (const c of def.columns) {
        const i = index.get(c.key);
        const raw = i === undefined ? '' : (cells[i] ?? '');
        if (raw === '') {
          if (c.required) {
            problems.push({ sheet: name, row, column: headers.get(c.key)!, key: 'field.required' });
            bad = true;
          }
          continue;
        }
        const parsed = parseCell(c, raw);
        if ('key' in parsed) {
          problems.push({
            sheet: name,
            row,
            column: headers.get(c.key)!,
            key: parsed.key,
            ...(parsed.values ? { values: parsed.values } : {}),
          });
          bad = true;
        } else values[c.key] = parsed.value;
      }
      if (values.ref === undefined) continue;
      const no = String(values.ref);
      if (bad && def.id !== 'declarations') {
        const entry = entries.get(no);
        if (entry) entry.broken = true;
        continue;
      }
      if (def.id === 'declarations') {
        const first = entries.get(no);
        if (first) {
          problems.push({
            sheet: name,
            row,
            column: headers.get('ref')!,
            key: 'import.duplicate_in_file',
            values: { row: first.at.row },
          });
          continue;
        }
        const declarant: Record<string, unknown> = {};
        const spouse: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(values)) {
          if (k.startsWith('spouse')) spouse[k[6]!.toLowerCase() + k.slice(7)] = v;
          else if (
            ['fullName', 'birthDate', 'position', 'workplace', 'residence', 'idNumber', 'idIssued'].includes(
              k,
            )
          )
            declarant[k] = v;
        }
        const paths = new Map<string, Where>([
          ['declarant', at],
          ['spouse', { ...at, headers: spouseHeaders(headers) }],
          ['explanations', at],
        ]);
        entries.set(no, {
          ref: no,
          at,
          username: (values.username as string | undefined) ?? '',
          kind: values.kind as DeclarationKind,
          year: values.year as number,
          declaredOn: values.declaredOn as string,
          receivedOn: (values.receivedOn as string | undefined) ?? null,
          content: {
            declarant,
            spouse: Object.keys(spouse).length > 0 ? spouse : null,
            children: [],
            assets: {},
            income: [],
            explanations: {},
          },
          paths,
          broken: bad,
        });
        continue;
      }
      const entry = entries.get(no);
      if (!entry) {
        problems.push({
          sheet: name,
          row,
          column: headers.get('ref')!,
          key: 'import.no_such_declaration',
          values: { ref: no },
        });
        continue;
      }
      delete values.ref;
      if (def.id === 'children') {
        entry.paths.set(`children.${entry.content.children.length}`, at);
        entry.content.children.push(values);
      } else if (def.id === 'income') {
        entry.paths.set(`income.${entry.content.income.length}`, at);
        entry.content.income.push(values);
      } else if (def.id === 'explanations') {
        const group = String(values.group);
        if (entry.content.explanations[group] !== undefined) {
          problems.push({
            sheet: name,
            row,
            column: headers.get('group')!,
            key: 'import.explained_twice',
          });
          continue;
        }
        entry.paths.set(`explanations.${group}`, {
          ...at,
          headers: new Map([[group, headers.get('explanation')!]]),
        });
        entry.content.explanations[group] = String(values.explanation);
      } else {
        entry.content.assets[def.group!] ??= [];
        const list = entry.content.assets[def.group!]!;
        entry.paths.set(`assets.${def.group}.${list.length}`, at);
        const item: Record<string, unknown> = { id: randomUUID() };
        for (const [k, v] of Object.entries(values)) setPath(item, k, v);
        item.details ??= {};
        list.push(item);
      }
    }
  }
  return { entries, problems };
}

/** The declarations sheet's spouse columns under the keys of a person. */
function spouseHeaders(headers: Map<string, string>) {
  const out = new Map<string, string>();
  for (const [k, v] of headers) if (k.startsWith('spouse')) out.set(k[6]!.toLowerCase() + k.slice(7), v);
  return out;
}

/**
 * Where a problem at a content path is in the file: the row the part came from (the longest path
 * prefix recorded), and the column of the path's last key when that row's sheet has one.
 */
function locate(entry: Entry, path: string): Omit<Problem, 'key' | 'values'> {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const at = entry.paths.get(parts.slice(0, n).join('.'));
    if (!at) continue;
    const rest = parts.slice(n);
    const key = rest.join('.') || parts.at(-1)!;
    const column = at.headers.get(key) ?? at.headers.get(rest.at(-1) ?? '') ?? null;
    return { sheet: at.sheet, row: at.row, column };
  }
  return { sheet: entry.at.sheet, row: entry.at.row, column: null };
}

// ---------------------------------------------------------------- checking and writing

interface Checked {
  entry: Entry;
  userId: string;
  unitId: string;
  fullName: string;
  unitName: string;
  roundId: string | null;
  previousId: string | null;
  content: DeclarationContent;
  summary: ReturnType<typeof summarise>;
  increaseVnd: number | null;
  explanationRequired: boolean;
}

/**
 * Reads and checks a workbook of paper declarations; with `dryRun` false and no problem, writes them all
 * in one transaction. Problems come back (dry run) or are thrown as `import_invalid` (commit), each with
 * its sheet, row and column.
 */
export async function importPaper(
  ctx: Ctx,
  file: Buffer,
  opts: { dryRun: boolean },
): Promise<PaperImportResult> {
  if (!canAnywhere(ctx.actor, 'declarations.receive')) throw new AppError('not_found');
  const book = await readWorkbook(file);
  const { entries, problems: found } = readEntries(ctx.lang, book);
  if (entries.size > MAX_PAPER_DECLARATIONS)
    throw new AppError('validation', {
      fields: { file: { key: 'import.too_many_declarations', values: { max: MAX_PAPER_DECLARATIONS } } },
    });
  return ctx.db.transaction(async (tx) => {
    const checked = await check(ctx, tx, [...entries.values()], found);
    // In the file's order: sheet by sheet as its tabs run, then row by row.
    const tab = new Map(book.map((b, i) => [b.name, i]));
    found.sort(
      (a, b) =>
        (a.sheet === null ? -1 : (tab.get(a.sheet) ?? 0)) -
          (b.sheet === null ? -1 : (tab.get(b.sheet) ?? 0)) || (a.row ?? 0) - (b.row ?? 0),
    );
    const errors = found.map((p) => ({
      sheet: p.sheet,
      row: p.row,
      column: p.column,
      message: translate(ctx.lang, p.key, p.values),
    }));
    const result: PaperImportResult = {
      dryRun: opts.dryRun,
      declarations: checked.map((c) => ({
        ref: c.entry.ref,
        row: c.entry.at.row,
        username: c.entry.username,
        fullName: c.fullName,
        unitName: c.unitName,
        kind: c.entry.kind,
        year: c.entry.year,
        declaredOn: c.entry.declaredOn,
        assetsVnd: c.summary.assetsVnd,
        incomeVnd: c.summary.incomeVnd,
        increaseVnd: c.increaseVnd,
        items: Object.values(c.summary.groups).reduce((n, g) => n + g.count, 0),
      })),
      errors,
      created: 0,
    };
    if (opts.dryRun) return result;
    if (errors.length > 0) throw new AppError('import_invalid', { rowErrors: errors });
    await write(ctx, tx, checked);
    return { ...result, created: checked.length };
  });
}

async function check(ctx: Ctx, tx: Ctx['db'], list: Entry[], found: Problem[]): Promise<Checked[]> {
  const today = vnToday(ctx.clock.now());
  const names = [...new Set(list.map((e) => e.username.toLowerCase()))];
  const people = await tx
    .select({
      id: users.id,
      username: users.username,
      fullName: users.fullName,
      unitId: users.unitId,
      path: units.path,
      unitName: units.name,
    })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(inArray(sql`lower(${users.username})`, names));
  const byName = new Map(people.map((p) => [p.username.toLowerCase(), p]));
  const ids = people.map((p) => p.id);
  const existing = ids.length
    ? await tx
        .select({
          id: declarations.id,
          userId: declarations.userId,
          kind: declarations.kind,
          year: declarations.year,
          summary: declarations.summary,
          submittedAt: declarations.submittedAt,
        })
        .from(declarations)
        .where(inArray(declarations.userId, ids))
        // Newest first: a row's previous declaration is the first submitted one of its year or before.
        .orderBy(sql`${declarations.year} desc, ${declarations.submittedAt} desc nulls last`)
    : [];
  const rostered = ids.length ? await openRosterRounds(tx, ids) : [];
  const out: Checked[] = [];
  const inFile = new Map<string, Entry>();
  const paramsOn = new Map<string, ReturnType<typeof parametersOn>>();
  for (const e of list) {
    // A row whose own cells were wrong is judged no further than what it says for sure.
    if (e.broken && (!e.username || !e.kind || !e.year || !e.declaredOn)) continue;
    const problem = (column: string | null, key: MessageKey, values?: Problem['values']) =>
      found.push({ sheet: e.at.sheet, row: e.at.row, column, key, ...(values ? { values } : {}) });
    const col = (key: string) => e.at.headers.get(key) ?? null;
    const p = byName.get(e.username.toLowerCase());
    // Someone outside the officer's units is "not found", as they would be anywhere else.
    if (!p || !can(ctx.actor, 'declarations.receive', { unitPath: p.path })) {
      problem(col('username'), 'import.no_such_declarant', { username: e.username });
      continue;
    }
    if (p.id === ctx.actor.userId) {
      problem(col('username'), 'field.own_declaration');
      continue;
    }
    const same = `${p.id}:${e.kind}:${e.year}`;
    const twin = inFile.get(same);
    if (twin) {
      problem(col('username'), 'import.duplicate_in_file', { row: twin.at.row });
      continue;
    }
    inFile.set(same, e);
    const before = existing.find((x) => x.userId === p.id && x.kind === e.kind && x.year === e.year);
    if (before) {
      problem(col('username'), 'import.declaration_exists');
      continue;
    }
    if (e.declaredOn > today) problem(col('declaredOn'), 'field.date_future');
    if (Number(e.declaredOn.slice(0, 4)) < e.year) problem(col('declaredOn'), 'import.declared_before_year');
    const receivedOn = e.receivedOn ?? today;
    if (receivedOn > today) problem(col('receivedOn'), 'field.date_future');
    if (receivedOn < e.declaredOn) problem(col('receivedOn'), 'import.received_before_declared');
    let roundId: string | null = null;
    if (e.kind === 'annual') {
      const r = rostered.find((x) => x.userId === p.id && x.year === e.year);
      if (!r) {
        problem(col('year'), 'import.not_on_roster');
        continue;
      }
      roundId = r.roundId;
    }
    const prev = existing.find((x) => x.userId === p.id && x.submittedAt && x.year <= e.year);
    if (e.kind === 'first_time' && prev) problem(col('kind'), 'field.first_time_done');
    if (e.kind === 'supplementary' && !prev) problem(col('kind'), 'field.no_previous');
    const parsed = DeclarationContent.safeParse(e.content);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const fe: FieldError = issueToField(issue);
        found.push({
          ...locate(e, issue.path.join('.')),
          key: fe.key,
          ...(fe.values ? { values: fe.values } : {}),
        });
      }
      continue;
    }
    // What is missing or unexplained cannot be judged while some of its rows were refused.
    if (e.broken) continue;
    const content = parsed.data;
    // Parameters by date, read once per date: a unit's file has a few dates for hundreds of rows.
    const params = await (paramsOn.get(e.declaredOn) ??
      paramsOn.set(e.declaredOn, parametersOn(tx, e.declaredOn)).get(e.declaredOn)!);
    const threshold = params.find((x) => x.code === 'change_threshold')?.amountVnd ?? 0;
    const summary = summarise(currentForm, content);
    const partIII = changes(
      currentForm,
      summary,
      e.kind === 'first_time' ? null : (prev?.summary ?? null),
      threshold,
    );
    for (const [path, fe] of Object.entries(problems(currentForm, content, partIII, { kind: e.kind })))
      found.push({ ...locate(e, path), key: fe.key, ...(fe.values ? { values: fe.values } : {}) });
    out.push({
      entry: { ...e, receivedOn },
      userId: p.id,
      unitId: p.unitId,
      fullName: p.fullName,
      unitName: p.unitName,
      roundId,
      previousId: prev?.id ?? null,
      content,
      summary,
      increaseVnd: prev ? partIII.increaseVnd : null,
      explanationRequired: partIII.explanationRequired,
    });
  }
  return out;
}

/** Midnight of a day in Vietnam (UTC+7): a paper declaration's receipt has a date, not a time. */
const startOfVnDay = (day: string) => new Date(`${day}T00:00:00+07:00`);

async function write(ctx: Ctx, tx: Ctx['db'], list: Checked[]) {
  const now = ctx.clock.now();
  const today = vnToday(now);
  const rows = list.map((c) => {
    const id = randomUUID();
    return {
      c,
      row: {
        id,
        userId: c.userId,
        unitId: c.unitId,
        roundId: c.roundId,
        year: c.entry.year,
        kind: c.entry.kind,
        formCode: currentForm.code,
        status: 'submitted',
        channel: 'paper',
        enteredBy: ctx.actor.userId,
        declaredOn: c.entry.declaredOn,
        previousId: c.previousId,
        content: sealContent(id, c.content),
        summary: c.summary,
        assetsVnd: c.summary.assetsVnd,
        incomeVnd: c.summary.incomeVnd,
        increaseVnd: c.increaseVnd,
        submittedAt: c.entry.receivedOn === today ? now : startOfVnDay(c.entry.receivedOn!),
      } satisfies typeof declarations.$inferInsert,
    };
  });
  for (let i = 0; i < rows.length; i += 100)
    await tx.insert(declarations).values(rows.slice(i, i + 100).map((r) => r.row));
  // The audit says what was entered and by whom, never the content.
  await auditMany(
    tx,
    ctx,
    rows.map(({ c, row }) => ({
      action: 'declaration.entered_from_paper',
      entityType: 'declaration',
      entityId: row.id,
      unitId: row.unitId,
      changes: { kind: row.kind, year: row.year, declaredOn: row.declaredOn, receivedOn: c.entry.receivedOn },
    })),
  );
  // The declarant is told, so they can read what was entered in their name and say if it is wrong.
  await insertNotifications(
    tx,
    rows.map(({ row }) => ({
      userId: row.userId,
      messageKey: 'notification.declaration_entered' as const,
      values: { year: row.year },
      link: `/app/declarations/${row.id}`,
    })),
  );
}
