import { z } from 'zod';
import { isoDate, optionalText, Page, pageQuery, text, uuid } from '#shared/validation.ts';

export const itemStatuses = ['not_started', 'in_progress', 'done', 'cancelled'] as const;
export const recurrences = ['monthly', 'quarterly', 'period'] as const;

export const PlanCreate = z.strictObject({
  unitId: uuid(),
  year: z.number().int().min(2000).max(2100),
  title: text(500),
  docNumber: optionalText(100),
  docDate: isoDate().nullish(),
  signer: optionalText(200),
});
export const PlanUpdate = z.strictObject({
  title: text(500).optional(),
  docNumber: optionalText(100),
  docDate: isoDate().nullish(),
  signer: optionalText(200),
  signedFileId: uuid().nullish(),
  version: z.number().int().min(1),
});
export const PlanCopy = z.strictObject({ year: z.number().int().min(2000).max(2100) });
export const PlanQuery = z.strictObject({
  ...pageQuery,
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  unitId: uuid().optional(),
  status: z.enum(['draft', 'issued', 'closed']).optional(),
  sourcePlanId: uuid().optional(),
  /** Unit and title in Vietnamese order (tone marks aside); the default is the tree's order. */
  sort: z
    .enum(['unitName', '-unitName', 'title', '-title', 'status', '-status', 'dueDate', '-dueDate'])
    .optional(),
});

const progress = () =>
  z.number().int().min(0, { message: 'field.too_small' }).max(100, { message: 'field.too_big' });

export const ItemCreate = z.strictObject({
  parentId: uuid().nullish(),
  ordinal: z.number().int().min(0).max(100_000).optional(),
  groupCode: z.string().min(1).max(40),
  content: text(4000),
  leadUnitId: uuid().nullish(),
  coUnitIds: z.array(uuid()).max(200).default([]),
  deadline: isoDate().nullish(),
  recurrence: z.enum(recurrences).nullish(),
  expectedOutput: optionalText(2000),
  indicator: optionalText(500),
  target: optionalText(200),
});
export type ItemCreate = z.infer<typeof ItemCreate>;
export const ItemUpdate = ItemCreate.partial().strict();
export type ItemUpdate = z.infer<typeof ItemUpdate>;

export const ProgressBody = z.strictObject({
  period: z.string().regex(/^\d{4}-(Q[1-4]|6M|9M|Y)$/, { message: 'field.invalid' }),
  status: z.enum(itemStatuses),
  progress: progress(),
  result: text(4000),
  evidenceFileIds: z.array(uuid()).max(50).default([]),
});
export const ReviewBody = z.strictObject({
  decision: z.enum(['accept', 'return']),
  comment: optionalText(2000),
  version: z.number().int().min(1),
});

export const planStatuses = ['draft', 'issued', 'closed'] as const;
export const reviewStates = ['submitted', 'accepted', 'returned'] as const;

/** One of the eight key tasks' groups a plan's items are filed under. */
export const PlanGroup = z.object({
  code: z.string(),
  ordinal: z.number(),
  nameVi: z.string(),
  nameEn: z.string(),
});

export const Plan = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  year: z.number(),
  sourcePlanId: z.string().nullable(),
  title: z.string(),
  docNumber: z.string().nullable(),
  docDate: z.string().nullable(),
  signer: z.string().nullable(),
  signedFileId: z.string().nullable(),
  status: z.enum(planStatuses),
  issuedVersion: z.number(),
  issuedAt: z.string().nullable(),
  dueDate: z.string().nullable(),
  late: z.boolean(),
  progress: z.number(),
  version: z.number(),
  /** Read through a unit's own plan: only the tasks assigned to the reader's units are shown. */
  assignedOnly: z.boolean().optional(),
  /** What the reader may do with it (shared/plans/policy.ts); given when one plan is read. */
  abilities: z.object({ write: z.boolean(), review: z.boolean() }).optional(),
});
export const PlanPage = Page(Plan);

export const Item = z.object({
  id: z.string(),
  planId: z.string(),
  parentId: z.string().nullable(),
  sourceItemId: z.string().nullable(),
  ordinal: z.number(),
  groupCode: z.string(),
  content: z.string(),
  leadUnitId: z.string().nullable(),
  leadUnitName: z.string().nullable(),
  coUnitIds: z.array(z.string()),
  deadline: z.string().nullable(),
  recurrence: z.enum(recurrences).nullable(),
  expectedOutput: z.string().nullable(),
  indicator: z.string().nullable(),
  target: z.string().nullable(),
  status: z.string(),
  /** Own progress, or the average of the children's when the item has any. */
  progress: z.number(),
});

export const ProgressReport = z.object({
  id: z.string(),
  itemId: z.string(),
  period: z.string(),
  status: z.string(),
  progress: z.number(),
  result: z.string(),
  evidenceFileIds: z.array(z.string()),
  review: z.enum(reviewStates),
  reviewComment: z.string().nullable(),
  submittedAt: z.string(),
  version: z.number(),
});
