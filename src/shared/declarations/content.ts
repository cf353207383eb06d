import { z } from 'zod';
import type { FieldError } from '#shared/errors.ts';
import { foldText } from '#shared/text.ts';
import { isoDate, optionalText } from '#shared/validation.ts';
import { type AssetGroup, type FormDefinition, incomeRecipients, owners } from './form.ts';

/**
 * What a declarant writes (the form's content), shaped by `form.ts`: a draft may be incomplete, but every
 * number is a number and never negative; `problems()` says what is still missing before it can be
 * submitted, field by field, naming the form's section and item.
 */
/** What one item, or one income line, may be worth in đồng. */
const MAX_VND = 1e15;
const money = z.number().int({ message: 'field.number' }).min(0).max(MAX_VND);

export const Person = z.strictObject({
  fullName: optionalText(200),
  birthDate: isoDate().nullish(),
  position: optionalText(300),
  workplace: optionalText(300),
  residence: optionalText(500),
  idNumber: z
    .string()
    .trim()
    .regex(/^(\d{12})?$/, { message: 'field.id_number' })
    .nullish(),
  idIssued: optionalText(300),
});
export type Person = z.infer<typeof Person>;

export const AssetItem = z
  .strictObject({
    /** Stable across declarations (pre-filling copies it), so Part III can tell a new asset from an old one. */
    id: z.uuid({ message: 'field.uuid' }),
    owner: z.enum(owners),
    details: z.record(z.string().max(40), z.union([z.string().max(1000), z.number().min(0).max(1e12)])),
    valueVnd: money.nullish(),
    /** "Không xác định được giá trị" with its reason (note 10 of the form). */
    valueUnknownReason: optionalText(500),
    /** Market value estimated at receipt (gifts, inheritances): the form marks it "giá trị ước tính". */
    estimated: z.boolean().optional(),
    currency: z
      .string()
      .trim()
      .regex(/^[A-Z]{3}$/, { message: 'field.invalid' })
      .refine((c) => c !== 'VND', { message: 'field.invalid' })
      .nullish(),
    foreignAmount: z.number().min(0).max(1e15).nullish(),
    /** VND per unit of the currency on the declaration's date. */
    rate: z.number().positive().max(1e7).nullish(),
  })
  .superRefine((it, ctx) => {
    // Converted, a foreign amount stays within what one item may be worth: the totals of a declaration
    // then fit in PostgreSQL's bigint (200 items × 11 groups × 10^15 < 9.2 × 10^18).
    if (it.foreignAmount != null && it.rate != null && it.foreignAmount * it.rate > MAX_VND)
      ctx.addIssue({ code: 'custom', path: ['foreignAmount'], message: 'field.decl_value_too_large' });
  });
export type AssetItem = z.infer<typeof AssetItem>;

export const IncomeItem = z.strictObject({
  recipient: z.enum(incomeRecipients),
  source: z.string().max(40),
  amountVnd: money,
  note: optionalText(500),
});

export const DeclarationContent = z.strictObject({
  declarant: Person,
  spouse: Person.nullish(),
  children: z.array(Person).max(20).default([]),
  assets: z.record(z.string().max(40), z.array(AssetItem).max(200)).default({}),
  income: z.array(IncomeItem).max(200).default([]),
  /** Part III: the origin of each group's increase, by group code (and `income` for the total). */
  explanations: z.record(z.string().max(40), z.string().max(4000)).default({}),
});
export type DeclarationContent = z.infer<typeof DeclarationContent>;

/** The VND value of an item: as written, or converted from its foreign amount at its rate. */
export function itemValue(item: AssetItem): number | null {
  if (item.currency && item.foreignAmount != null && item.rate != null)
    return Math.round(item.foreignAmount * item.rate);
  return item.valueVnd ?? null;
}

/** Totals per group (value of the valued items, and how many items), then assets and income overall. */
export interface Summary {
  groups: Record<string, { value: number; count: number; unvalued: number }>;
  assetsVnd: number;
  incomeVnd: number;
  incomeBy: Record<string, number>;
  /** Valued assets by whose they are (declarant, spouse, child): the family-rising risk rule reads it. */
  byOwner?: Record<string, number>;
  /** Items by a choice they made, as `group:choice` (e.g. `house:detached`, `money:cash`). */
  kinds?: Record<string, number>;
  /** Items whose certificate or other information says they stand in someone else's name. */
  registeredToOthers?: number;
}

/** How a declarant writes that an asset stands in another's name (or is held for another): compared folded. */
const otherNameWords = [
  'dung ten ho',
  'nho dung ten',
  'dung ten nguoi khac',
  'in the name of',
  'held for',
  'registered to',
];

export function summarise(form: FormDefinition, c: DeclarationContent): Summary {
  const groups: Summary['groups'] = {};
  let assetsVnd = 0;
  const byOwner: Record<string, number> = {};
  const kinds: Record<string, number> = {};
  let registeredToOthers = 0;
  for (const g of form.groups) {
    const items = c.assets[g.code] ?? [];
    let value = 0;
    let unvalued = 0;
    for (const it of items) {
      const v = itemValue(it);
      if (v == null) unvalued += 1;
      else {
        value += v;
        byOwner[it.owner] = (byOwner[it.owner] ?? 0) + v;
      }
      for (const d of g.details)
        if (d.kind === 'choice' && typeof it.details[d.key] === 'string') {
          const k = `${g.code}:${it.details[d.key]}`;
          kinds[k] = (kinds[k] ?? 0) + 1;
        }
      const words = foldText(`${it.details.certificate ?? ''} ${it.details.otherInfo ?? ''}`);
      if (otherNameWords.some((w) => words.includes(w))) registeredToOthers += 1;
    }
    groups[g.code] = { value, count: items.length, unvalued };
    assetsVnd += value;
  }
  const incomeBy: Record<string, number> = {};
  let incomeVnd = 0;
  for (const i of c.income) {
    incomeBy[i.source] = (incomeBy[i.source] ?? 0) + i.amountVnd;
    incomeVnd += i.amountVnd;
  }
  return { groups, assetsVnd, incomeVnd, incomeBy, byOwner, kinds, registeredToOthers };
}

/** One line of Part III: a group's change since the previous declaration. */
export interface Change {
  group: string;
  number: string;
  countChange: number;
  valueChange: number;
  /** The origin of the increase must be explained (the total increase reached the threshold). */
  explanationRequired: boolean;
}

/**
 * Part III from the difference with the previous declaration. An explanation of origin is demanded for
 * every group that grew once the assets' total increase reaches the change threshold in force on the
 * declaration's date (Law 36/2018 Arts. 35, 40 as amended: 300 million → 1 billion from 01/07/2026).
 */
export function changes(
  form: FormDefinition,
  current: Summary,
  previous: Summary | null,
  changeThresholdVnd: number,
): { lines: Change[]; increaseVnd: number; explanationRequired: boolean } {
  if (!previous) return { lines: [], increaseVnd: 0, explanationRequired: false };
  const lines = form.groups.map((g) => {
    const now = current.groups[g.code] ?? { value: 0, count: 0 };
    const before = previous.groups[g.code] ?? { value: 0, count: 0 };
    return {
      group: g.code,
      number: g.number,
      countChange: now.count - before.count,
      valueChange: now.value - before.value,
      explanationRequired: false,
    };
  });
  const increaseVnd = current.assetsVnd - previous.assetsVnd;
  const explanationRequired = increaseVnd >= changeThresholdVnd;
  if (explanationRequired) for (const line of lines) line.explanationRequired = line.valueChange > 0;
  return { lines, increaseVnd, explanationRequired };
}

const groupWhere = (g: AssetGroup, i: number) => ({ section: g.number, item: i + 1 });

/**
 * What stops a declaration from being submitted, as field errors keyed by the content's path (the same
 * paths the form shows them on), each naming the form's section and item. Empty: it may be submitted.
 */
export function problems(
  form: FormDefinition,
  c: DeclarationContent,
  partIII: ReturnType<typeof changes>,
  opts: { kind: string },
): Record<string, FieldError> {
  const out: Record<string, FieldError> = {};
  const need = (path: string, key: FieldError['key'], values?: FieldError['values']) => {
    out[path] ??= values ? { key, values } : { key };
  };
  for (const f of ['fullName', 'birthDate', 'position', 'workplace', 'residence', 'idNumber'] as const)
    if (!c.declarant[f]) need(`declarant.${f}`, 'field.decl_required', { section: 'I.1' });
  if (c.spouse)
    for (const f of ['fullName', 'birthDate', 'residence'] as const)
      if (!c.spouse[f]) need(`spouse.${f}`, 'field.decl_required', { section: 'I.2' });
  c.children.forEach((ch, i) => {
    for (const f of ['fullName', 'birthDate', 'residence'] as const)
      if (!ch[f]) need(`children.${i}.${f}`, 'field.decl_required_item', { section: 'I.3', item: i + 1 });
  });
  const known = new Set(form.groups.map((g) => g.code));
  for (const code of Object.keys(c.assets)) if (!known.has(code)) need(`assets.${code}`, 'field.unknown');
  for (const g of form.groups) {
    (c.assets[g.code] ?? []).forEach((it, i) => {
      const at = `assets.${g.code}.${i}`;
      const where = groupWhere(g, i);
      const allowed = new Set(g.details.map((d) => d.key));
      for (const key of Object.keys(it.details))
        if (!allowed.has(key)) need(`${at}.details.${key}`, 'field.unknown');
      for (const d of g.details) {
        const v = it.details[d.key];
        const empty = v === undefined || v === '';
        if (empty) {
          if (d.required) need(`${at}.details.${d.key}`, 'field.decl_required_item', where);
          continue;
        }
        if (d.kind === 'number' && typeof v !== 'number')
          need(`${at}.details.${d.key}`, 'field.decl_number', where);
        if (d.kind === 'choice' && !d.choices?.some((ch) => ch.code === v))
          need(`${at}.details.${d.key}`, 'field.decl_choice', where);
      }
      if (it.currency) {
        if (!g.foreignCurrency) need(`${at}.currency`, 'field.decl_no_currency', where);
        else if (it.foreignAmount == null) need(`${at}.foreignAmount`, 'field.decl_required_item', where);
        else if (it.rate == null) need(`${at}.rate`, 'field.decl_rate_missing', where);
      } else if (it.foreignAmount != null || it.rate != null)
        need(`${at}.currency`, 'field.decl_required_item', where);
      if (itemValue(it) == null && !it.valueUnknownReason)
        need(`${at}.valueVnd`, 'field.decl_value_missing', where);
      // A listed asset worth nothing is a typing slip (issue-18 review: "-5" became 0 silently).
      else if (itemValue(it) === 0 && !it.valueUnknownReason)
        need(`${at}.valueVnd`, 'field.decl_value_zero', where);
      if (it.owner === 'spouse' && !c.spouse) need(`${at}.owner`, 'field.decl_no_spouse', where);
      if (it.owner === 'child' && c.children.length === 0) need(`${at}.owner`, 'field.decl_no_child', where);
    });
  }
  const sources = new Set(form.incomeSources.map((s) => s.code));
  c.income.forEach((inc, i) => {
    if (!sources.has(inc.source))
      need(`income.${i}.source`, 'field.decl_choice', { section: 'II.10', item: i + 1 });
    else if (inc.amountVnd <= 0)
      need(`income.${i}.amountVnd`, 'field.decl_income_zero', { section: 'II.10', item: i + 1 });
  });
  // Income between two declarations and Part III are not asked of a first declaration (note 1 of the form).
  if (opts.kind !== 'first_time')
    for (const line of partIII.lines)
      if (line.explanationRequired && !c.explanations[line.group]?.trim())
        need(`explanations.${line.group}`, 'field.decl_explain', { section: `III (${line.number})` });
  return out;
}
