import { z } from 'zod';
import { isoDate, optionalText, Page, pageQuery, personName, text, uuid } from '#shared/validation.ts';

/**
 * Job rotation (Law Arts. 24–26; Decree 59 Arts. 36–39; sector circulars; issue 20; ADR 0030): positions
 * subject to rotation with their periods as data, each official's time in position from the assignment
 * decision, who is due this year and who is deferred or exempt and why, and the unit's yearly plan.
 */

/** Why someone due is not rotated this year (Decree 59 Art. 38; Circular 10/2014/TT-TTCP Art. 4). */
export const deferralReasons = [
  'disciplinary_review',
  'under_investigation',
  'serious_illness',
  'full_time_study',
  'secondment',
  'pregnancy_or_young_child',
  'leading_inspection_team',
] as const;
export type DeferralReason = (typeof deferralReasons)[number];

/** Where an official stands for a year's rotation. */
export const dueStatuses = ['due', 'deferred', 'exempt', 'planned', 'not_due'] as const;
export type DueStatus = (typeof dueStatuses)[number];

export const RotationPosition = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  sector: z.string(),
  /** The period the unit applies (years), within the law's range for the sector. */
  periodYears: z.number(),
  minYears: z.number(),
  maxYears: z.number(),
  legalSource: z.string(),
});

/** The period a province applies to a position, within the law's range for its sector. */
export const PositionPeriod = z.strictObject({ periodYears: z.number().int().min(1).max(10) });

export const AssignmentCreate = z.strictObject({
  unitId: uuid(),
  /** The official's account when they have one; the name as the personnel file writes it otherwise. */
  userId: uuid().nullish(),
  personName: personName(200),
  positionCode: text(60),
  /** The assignment decision: the period counts from it, probation excluded (Art. 25(2)). */
  assignedOn: isoDate(),
  decisionNo: optionalText(60),
  probationMonths: z.number().int().min(0).max(24).default(0),
  /** When the official reaches retirement age: under 18 months to it, they are not rotated (Art. 39(2)). */
  retiresOn: isoDate().nullish(),
});
export type AssignmentCreate = z.infer<typeof AssignmentCreate>;

/**
 * A correction of a held position (a mistyped date, decision or position): its unit and its holder's
 * account stay; a name is corrected only where no account is linked. An ended one is not corrected.
 */
export const AssignmentEdit = AssignmentCreate.omit({ unitId: true, userId: true }).extend({
  version: z.number().int(),
});
export type AssignmentEdit = z.infer<typeof AssignmentEdit>;

export const DeferralCreate = z.strictObject({
  reason: z.enum(deferralReasons),
  from: isoDate(),
  until: isoDate().nullish(),
  note: optionalText(1000),
  version: z.number().int(),
});

export const AssignmentEnd = z.strictObject({
  endedOn: isoDate(),
  /** Rotated (by the plan or otherwise), or left the position for another reason. */
  rotated: z.boolean(),
  decisionNo: optionalText(60),
  note: optionalText(1000),
  version: z.number().int(),
});

export const Deferral = z.object({
  id: z.string(),
  reason: z.enum(deferralReasons),
  from: z.string(),
  until: z.string().nullable(),
  note: z.string().nullable(),
});

export const Assignment = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  userId: z.string().nullable(),
  personName: z.string(),
  positionCode: z.string(),
  positionName: z.string(),
  periodYears: z.number(),
  assignedOn: z.string(),
  decisionNo: z.string().nullable(),
  probationMonths: z.number(),
  retiresOn: z.string().nullable(),
  /** When the period is complete: the assignment plus probation plus the period. */
  dueOn: z.string(),
  /** Full months in the position today (probation excluded). */
  monthsInPosition: z.number(),
  endedOn: z.string().nullable(),
  rotated: z.boolean().nullable(),
  endDecisionNo: z.string().nullable(),
  endNote: z.string().nullable(),
  deferrals: z.array(Deferral),
  /** The reader keeps this unit's register (corrects, defers, ends it). */
  canChange: z.boolean(),
  version: z.number(),
});
export type Assignment = z.infer<typeof Assignment>;

export const AssignmentQuery = z.strictObject({
  ...pageQuery,
  unitId: uuid().optional(),
  positionCode: z.string().max(60).optional(),
  active: z.enum(['1', '0']).optional(),
  q: z.string().max(100).optional(),
});
export const AssignmentPage = Page(Assignment);

/** One official on the year's due list, with the reason they are deferred, exempt or already planned. */
export const DueRow = z.object({
  assignmentId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  personName: z.string(),
  positionCode: z.string(),
  positionName: z.string(),
  assignedOn: z.string(),
  dueOn: z.string(),
  status: z.enum(dueStatuses),
  reason: z.enum(deferralReasons).nullable(),
  /** A deferral that ends within the year: the person is due after it. */
  deferredUntil: z.string().nullable(),
  /** The issued plan's reason for not carrying out this person's rotation. */
  notDoneReason: z.string().nullable(),
  /** On the year's plan while it is still a draft (not yet issued: still due). */
  onDraftPlan: z.boolean(),
  retiresOn: z.string().nullable(),
});
export const DueQuery = z.strictObject({
  ...pageQuery,
  year: z.coerce.number().int().min(2000).max(2100),
  unitId: uuid().optional(),
  status: z.enum(dueStatuses).optional(),
  q: z.string().max(100).optional(),
});
export const DuePage = Page(DueRow).extend({
  counts: z.object({
    due: z.number(),
    deferred: z.number(),
    exempt: z.number(),
    planned: z.number(),
    /** Of those due, how many a plan still in draft names (not yet `planned`: the plan is not issued). */
    onDraft: z.number(),
  }),
});

// --- The yearly plan (Law Art. 26) -----------------------------------------------------------------------

export const planStages = ['draft', 'issued', 'published'] as const;
export const itemStatuses = ['planned', 'done', 'not_done'] as const;

export const RotationPlanCreate = z.strictObject({
  unitId: uuid(),
  year: z.number().int().min(2000).max(2100),
  /** Purpose, requirements, timing, the rights and duties of those rotated, the measures (Art. 26). */
  content: text(8000),
  /** Put everyone due (not deferred nor exempt) on the plan at once. */
  includeDue: z.boolean().default(true),
});
export const PlanItemAdd = z.strictObject({
  assignmentId: uuid(),
  plannedOn: isoDate(),
  toPosition: optionalText(300),
  version: z.number().int(),
});
export const PlanDraftEdit = z.strictObject({ content: text(8000), version: z.number().int() });
export const PlanItemChange = z.strictObject({
  plannedOn: isoDate(),
  toPosition: optionalText(300),
  /** The plan's version: a draft is edited as one. */
  version: z.number().int(),
});
export const PlanVersion = z.strictObject({ version: z.coerce.number().int() });
export const PlanStep = z.strictObject({
  step: z.enum(['issue', 'publish']),
  on: isoDate(),
  decisionNo: optionalText(60),
  version: z.number().int(),
});
export const ItemRecord = z.strictObject({
  status: z.enum(['done', 'not_done']),
  on: isoDate(),
  decisionNo: optionalText(60),
  /** Why a planned rotation did not happen (an exception to the plan). */
  reason: optionalText(1000),
  version: z.number().int(),
});

export const PlanItem = z.object({
  id: z.string(),
  assignmentId: z.string(),
  personName: z.string(),
  positionName: z.string(),
  unitName: z.string(),
  plannedOn: z.string(),
  toPosition: z.string().nullable(),
  status: z.enum(itemStatuses),
  doneOn: z.string().nullable(),
  decisionNo: z.string().nullable(),
  reason: z.string().nullable(),
  version: z.number(),
});
export const RotationPlan = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  year: z.number(),
  stage: z.enum(planStages),
  content: z.string(),
  issuedOn: z.string().nullable(),
  decisionNo: z.string().nullable(),
  publishedOn: z.string().nullable(),
  /** Issued in the first quarter (MoF Circular 27/2024 Art. 3(2)); late after 31/03 of its year. */
  issueBy: z.string(),
  items: z.number(),
  done: z.number(),
  notDone: z.number(),
  version: z.number(),
});
export const RotationPlanDetail = RotationPlan.extend({
  itemList: z.array(PlanItem),
  /** Due in the unit this year but deferred or exempt, with why: stated in the plan. */
  exceptions: z.array(DueRow),
});
