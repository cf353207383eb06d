import { z } from 'zod';
import { isoDate, optionalText, Page, pageQuery, text, uuid } from '#shared/validation.ts';

/**
 * Officials who left office and the time they may not work for firms in the field they managed (Law
 * Art. 20(2)(d); Decree 59 Arts. 22–23): the "cooling-off" period by sector group, as dated reference
 * data with its source. Groups 1 and 2 give a range the sector minister's circular fixes within; group 3
 * is set by the minister; group 4 lasts until the programme or project the official worked on ends.
 */
export const coolingOffRules = {
  /** MoF Circular 60/2022: nine fields (tax, customs, securities, insurance, …). */
  finance_nine_fields: { months: 24, min: 24, max: 24, source: 'TT 60/2022/TT-BTC' },
  /** MoF Circular 60/2022: state budget and public assets. */
  finance_budget_assets: { months: 12, min: 12, max: 12, source: 'TT 60/2022/TT-BTC' },
  group1: { months: 12, min: 12, max: 24, source: 'NĐ 59/2019/NĐ-CP Điều 23' },
  group2: { months: 6, min: 6, max: 12, source: 'NĐ 59/2019/NĐ-CP Điều 23' },
  group3: { months: 12, min: 1, max: 60, source: 'NĐ 59/2019/NĐ-CP Điều 23' },
  /** Until the programme or project the official managed ends: its end date is given. */
  project: { months: null, min: null, max: null, source: 'NĐ 59/2019/NĐ-CP Điều 23' },
} as const;
export type CoolingOffRule = keyof typeof coolingOffRules;
export const coolingOffRuleCodes = Object.keys(coolingOffRules) as [CoolingOffRule, ...CoolingOffRule[]];

/** The tax code as the enterprise register keeps it (ten digits, or ten and a three-digit branch). */
const taxCode = () =>
  z
    .string()
    .trim()
    .regex(/^\d{10}(-\d{3})?$/, { message: 'field.tax_code' });

const fields = {
  unitId: uuid(),
  personName: text(200),
  position: text(300),
  leftOn: isoDate(),
  rule: z.enum(coolingOffRuleCodes),
  /** Within the rule's range; its default when absent. */
  months: z.number().int().min(1).max(60).nullish(),
  /** For a programme or project: the day it ends. */
  projectEndsOn: isoDate().nullish(),
  field: text(300),
  newEmployerName: optionalText(300),
  newEmployerTaxCode: taxCode().nullish(),
  note: optionalText(2000),
};
export const DepartureCreate = z.strictObject(fields);
export type DepartureCreate = z.infer<typeof DepartureCreate>;
export const DepartureUpdate = z.strictObject({ ...fields, version: z.number().int() });

export const Departure = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  personName: z.string(),
  position: z.string(),
  leftOn: z.string(),
  rule: z.enum(coolingOffRuleCodes),
  months: z.number().nullable(),
  projectEndsOn: z.string().nullable(),
  coolingOffUntil: z.string(),
  field: z.string(),
  newEmployerName: z.string().nullable(),
  newEmployerTaxCode: z.string().nullable(),
  note: z.string().nullable(),
  /** Still within the period on today's date. */
  coolingOff: z.boolean(),
  /** The new employer is an enterprise the province knows (matched by tax code). */
  employer: z.object({ unitId: z.string(), name: z.string(), sector: z.string() }).nullable(),
  version: z.number(),
});
export const DepartureQuery = z.strictObject({
  ...pageQuery,
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** `cooling`: still within the period; `flagged`: within it and working for a known enterprise. */
  state: z.enum(['cooling', 'flagged', 'ended']).optional(),
  unitId: uuid().optional(),
  q: z.string().max(100).optional(),
});
export const DeparturePage = Page(Departure).extend({
  summary: z.object({ total: z.number(), cooling: z.number(), flagged: z.number() }),
});
