import { z } from 'zod';
import { isoDate, optionalText, Page, pageQuery, text, uuid } from '#shared/validation.ts';

/**
 * Self-inspection (Law 36/2018 Art. 56; issue 20): the head organises checks of the staff who regularly
 * deal with citizens and enterprises — planned for a year by work area, then carried out with what was
 * found and how it was handled. Feeds the PCTN index's "detection through internal self-inspection".
 */
export const selfInspectionStatuses = ['planned', 'done', 'cancelled'] as const;

const count = () => z.number().int().min(0).max(1_000_000);

const planFields = {
  unitId: uuid(),
  year: z.number().int().min(2019).max(2100),
  /** The work or staff group checked: the one-stop desk, land registration, licensing… */
  area: text(300),
  /** Staff in that area (who the check covers). */
  staffCount: count().nullish(),
  plannedFrom: isoDate(),
  plannedTo: isoDate(),
  note: optionalText(2000),
};
export const SelfInspectionCreate = z.strictObject(planFields);
export type SelfInspectionCreate = z.infer<typeof SelfInspectionCreate>;
export const SelfInspectionUpdate = z.strictObject({ ...planFields, version: z.number().int() });

/** What the check found: staff checked, violations, how many were handled or sent on, and the measures. */
export const SelfInspectionResult = z.strictObject({
  doneOn: isoDate(),
  checkedCount: count(),
  violationsFound: count(),
  staffHandled: count(),
  referred: count(),
  findings: optionalText(4000),
  measures: optionalText(4000),
  version: z.number().int(),
});
export const SelfInspectionCancel = z.strictObject({ reason: text(1000), version: z.number().int() });

export const SelfInspection = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  year: z.number(),
  area: z.string(),
  staffCount: z.number().nullable(),
  plannedFrom: z.string(),
  plannedTo: z.string(),
  note: z.string().nullable(),
  status: z.enum(selfInspectionStatuses),
  /** Planned and its period is over without a result. */
  late: z.boolean(),
  doneOn: z.string().nullable(),
  checkedCount: z.number().nullable(),
  violationsFound: z.number().nullable(),
  staffHandled: z.number().nullable(),
  referred: z.number().nullable(),
  findings: z.string().nullable(),
  measures: z.string().nullable(),
  cancelReason: z.string().nullable(),
  version: z.number(),
});
export const SelfInspectionQuery = z.strictObject({
  ...pageQuery,
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(selfInspectionStatuses).optional(),
  late: z.enum(['true']).optional(),
  unitId: uuid().optional(),
  q: z.string().max(100).optional(),
});
export const SelfInspectionPage = Page(SelfInspection).extend({
  /** Over the whole filtered list. */
  summary: z.object({
    planned: z.number(),
    done: z.number(),
    late: z.number(),
    checked: z.number(),
    violations: z.number(),
  }),
});
