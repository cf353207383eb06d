import { z } from 'zod';
import { isoDate, vnd as money, optionalText, Page, pageQuery, text, uuid } from '#shared/validation.ts';

/**
 * Integrity registers of task 4 (issue 20; ADR 0030): gifts that could not be refused (Law Art. 22;
 * Decree 59 Arts. 24–28) and conflicts of interest (Law Art. 23; Decree 59 Arts. 29–35, 46–49). Each is a
 * workflow with the law's clocks: the official reports, the unit (someone other than the official) hands
 * it on to a decision, and the register keeps every step.
 */
const vnd = money();
const version = z.number().int();

// --- Gifts -----------------------------------------------------------------------------------------------

/** The kinds Decree 59 Art. 27 handles differently. */
export const giftKinds = ['cash', 'valuable_papers', 'goods', 'service', 'perishable'] as const;
export type GiftKind = (typeof giftKinds)[number];
export const giftStages = ['reported', 'handed_over', 'handled', 'closed'] as const;
export type GiftStage = (typeof giftStages)[number];
/** How goods are valued before their public sale (Art. 27(2)(b)). */
export const valuationMethods = ['giver_price', 'market_price', 'appraisal'] as const;

export const GiftCreate = z.strictObject({
  /** The official who received it: oneself by default; a unit's handler may register a paper report. */
  recipientId: uuid().nullish(),
  receivedOn: isoDate(),
  place: text(300),
  circumstances: text(2000),
  giverName: text(200),
  giverPosition: optionalText(200),
  giverAgency: text(300),
  giverAddress: optionalText(300),
  relationship: text(300),
  kind: z.enum(giftKinds),
  description: text(1000),
  /** Its value in VND when known (money at face value); goods are valued before their sale. */
  valueVnd: vnd.nullish(),
  /** The date of a written report made on paper, when a handler registers it later (default today). */
  reportedOn: isoDate().nullish(),
});
export type GiftCreate = z.infer<typeof GiftCreate>;

/**
 * A correction of the report (a mistyped giver, value or date): by the official until the gift is handed
 * over, by a handler until it is handled. Who received it is not corrected: that is another report.
 */
export const GiftEdit = GiftCreate.omit({ recipientId: true, reportedOn: true }).extend({ version });
export type GiftEdit = z.infer<typeof GiftEdit>;

export const giftSteps = ['hand_over', 'handle', 'remit', 'notify', 'publish'] as const;
export type GiftStepKind = (typeof giftSteps)[number];

/**
 * One step of a gift's handling. `handle` depends on the kind: money remitted to the budget, goods valued
 * and sold publicly, a service declined to its provider, perishables handled by the rules on exhibits.
 */
export const GiftStep = z.strictObject({
  step: z.enum(giftSteps),
  on: isoDate(),
  /** hand_over: who received it for the unit (its gift-management office). */
  receivedBy: optionalText(200),
  /** handle (goods): the value and how it was set; the sale's proceeds and its costs. */
  valueVnd: vnd.nullish(),
  valuationMethod: z.enum(valuationMethods).nullish(),
  proceedsVnd: vnd.nullish(),
  costsVnd: vnd.nullish(),
  /** handle (cash) and remit: the amount paid into the budget. */
  amountVnd: vnd.nullish(),
  /** notify: the giver's managing body (or the giving body's superior). */
  body: optionalText(300),
  documentNo: optionalText(60),
  /** publish: whether the gift appears in the unit's published register. */
  published: z.boolean().nullish(),
  note: optionalText(2000),
  version,
});
export type GiftStep = z.infer<typeof GiftStep>;

export const Gift = z.object({
  id: z.string(),
  number: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  recipientId: z.string().nullable(),
  recipientName: z.string(),
  recipientPosition: z.string().nullable(),
  receivedOn: z.string(),
  reportedOn: z.string(),
  place: z.string(),
  circumstances: z.string(),
  giverName: z.string(),
  giverPosition: z.string().nullable(),
  giverAgency: z.string(),
  giverAddress: z.string().nullable(),
  relationship: z.string(),
  kind: z.enum(giftKinds),
  description: z.string(),
  valueVnd: z.number().nullable(),
  /** The value the unit set when it handled the gift (goods valued before sale); null until then. */
  valuedVnd: z.number().nullable(),
  valuationMethod: z.enum(valuationMethods).nullable(),
  stage: z.enum(giftStages),
  handOverBy: z.string().nullable(),
  handedOverOn: z.string().nullable(),
  receivedBy: z.string().nullable(),
  handledOn: z.string().nullable(),
  /** The handling decision or minutes (its number). */
  handlingNo: z.string().nullable(),
  proceedsVnd: z.number().nullable(),
  costsVnd: z.number().nullable(),
  remitBy: z.string().nullable(),
  remittedOn: z.string().nullable(),
  remittedVnd: z.number().nullable(),
  notifyBy: z.string().nullable(),
  notifiedOn: z.string().nullable(),
  notifiedBody: z.string().nullable(),
  published: z.boolean(),
  nextDueOn: z.string().nullable(),
  /** The clock of the step due next has passed. */
  late: z.boolean(),
  /** The signed-in user is the official who received it: they report and hand over, never handle. */
  mine: z.boolean(),
  version: z.number(),
});
export type Gift = z.infer<typeof Gift>;

export const IntegrityEvent = z.object({
  id: z.string(),
  kind: z.string(),
  note: z.string().nullable(),
  byName: z.string().nullable(),
  at: z.string(),
});

export const GiftDetail = Gift.extend({
  events: z.array(IntegrityEvent),
  /** The steps the signed-in user may record now. */
  can: z.array(z.enum(giftSteps)),
  /** The signed-in user may correct the report now (PUT). */
  canCorrect: z.boolean(),
  /** … including the date its clock runs from: a handler other than the official and the reporter. */
  canRedate: z.boolean(),
});

export const GiftQuery = z.strictObject({
  ...pageQuery,
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  stage: z.enum(giftStages).optional(),
  kind: z.enum(giftKinds).optional(),
  /** Only the signed-in official's own gifts. */
  mine: z.enum(['1']).optional(),
  late: z.enum(['1']).optional(),
  unitId: uuid().optional(),
  q: z.string().max(100).optional(),
  sort: z.enum(['receivedOn', '-receivedOn', 'nextDueOn', '-nextDueOn', 'valueVnd', '-valueVnd']).optional(),
});
export const GiftPage = Page(Gift);

/** The unit's year in figures (Art. 27's yearly summary): by kind, what was received and what it became. */
export const GiftSummary = z.object({
  year: z.number(),
  rows: z.array(
    z.object({
      kind: z.enum(giftKinds),
      count: z.number(),
      /** Null when no gift of the kind has a known value (the fruit basket's is not yet known). */
      valueVnd: z.number().nullable(),
      remittedVnd: z.number(),
      open: z.number(),
      late: z.number(),
    }),
  ),
});

/** The published register (open data): no recipient's or giver's name, address or circumstances. */
export const PublishedGift = z.object({
  number: z.string(),
  unitName: z.string(),
  recipientPosition: z.string().nullable(),
  giverAgency: z.string(),
  kind: z.enum(giftKinds),
  description: z.string(),
  valueVnd: z.number().nullable(),
  receivedOn: z.string(),
  handedOverOn: z.string().nullable(),
  handling: z.string(),
  handledOn: z.string().nullable(),
});

// --- Conflicts of interest -----------------------------------------------------------------------------

/** Decree 59 Art. 29: the nine situations, in its order. */
export const conflictSituations = [
  'benefit_from_related',
  'business_management',
  'advising_on_secrets',
  'using_official_information',
  'relatives_in_sensitive_posts',
  'capital_in_managed_sector',
  'contracts_with_relatives_firms',
  'relatives_interest_in_task',
  'improper_interference',
] as const;
export type ConflictSituation = (typeof conflictSituations)[number];
/** Who reported it (Art. 30): the official, a colleague, or the head who detected it. */
export const conflictReporters = ['self', 'colleague', 'head'] as const;
/** Arts. 32–34 and 46–49; `none` when the head finds no conflict to control. */
export const conflictMeasures = [
  'supervision',
  'temporary_transfer',
  'temporary_suspension',
  'suspension',
  'none',
] as const;
export type ConflictMeasure = (typeof conflictMeasures)[number];
/** A temporary measure lasts 90 days and is cancelled and published when it ends (Arts. 46–49). */
export const temporaryMeasures: readonly ConflictMeasure[] = ['temporary_transfer', 'temporary_suspension'];
export const conflictStages = ['reported', 'decided', 'in_force', 'ended', 'closed'] as const;
export type ConflictStage = (typeof conflictStages)[number];
export const conflictEndReasons = ['no_corruption', 'expired', 'conflict_ended', 'violation_found'] as const;

export const ConflictCreate = z.strictObject({
  /** The official in the conflict (oneself for a self-report; a colleague in scope otherwise). */
  personId: uuid().nullish(),
  reporter: z.enum(conflictReporters).default('self'),
  situation: z.enum(conflictSituations),
  /** The task or matter it concerns. */
  task: text(500),
  description: text(4000),
  /** When it arose or was detected: the 5 working days to report run from it. */
  arisenOn: isoDate(),
  impact: text(2000),
  proposedMeasure: z.enum(conflictMeasures).nullish(),
  /** The date of a written report made on paper, when a handler registers it later (default today). */
  reportedOn: isoDate().nullish(),
});
export type ConflictCreate = z.infer<typeof ConflictCreate>;

/** A correction of the report before the head has decided: by its reporter or a handler over the unit. */
export const ConflictEdit = ConflictCreate.omit({ personId: true, reporter: true, reportedOn: true }).extend({
  version,
});
export type ConflictEdit = z.infer<typeof ConflictEdit>;

export const conflictSteps = ['decide', 'notify', 'supervision_report', 'end', 'publish'] as const;
export type ConflictStepKind = (typeof conflictSteps)[number];
export const publicationWays = ['staff_meeting', 'posting'] as const;

export const ConflictStep = z.strictObject({
  step: z.enum(conflictSteps),
  on: isoDate(),
  /** decide: the measure, its decision and (supervision) who supervises. */
  measure: z.enum(conflictMeasures).nullish(),
  documentNo: optionalText(60),
  supervisor: optionalText(200),
  /** end: why the measure ends. */
  reason: z.enum(conflictEndReasons).nullish(),
  /** publish: at a staff meeting, or posted at the office for 15 consecutive days. */
  how: z.enum(publicationWays).nullish(),
  note: optionalText(4000),
  version,
});
export type ConflictStep = z.infer<typeof ConflictStep>;

export const Conflict = z.object({
  id: z.string(),
  number: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  personId: z.string().nullable(),
  personName: z.string(),
  personPosition: z.string().nullable(),
  reporter: z.enum(conflictReporters),
  reportedByName: z.string().nullable(),
  situation: z.enum(conflictSituations),
  task: z.string(),
  description: z.string(),
  arisenOn: z.string(),
  reportedOn: z.string(),
  /** Reported after the 5 working days from when it arose. */
  reportedLate: z.boolean(),
  impact: z.string(),
  proposedMeasure: z.enum(conflictMeasures).nullable(),
  stage: z.enum(conflictStages),
  measure: z.enum(conflictMeasures).nullable(),
  decidedOn: z.string().nullable(),
  decisionNo: z.string().nullable(),
  supervisor: z.string().nullable(),
  decideBy: z.string().nullable(),
  notifyBy: z.string().nullable(),
  notifiedOn: z.string().nullable(),
  measureUntil: z.string().nullable(),
  endedOn: z.string().nullable(),
  endReason: z.enum(conflictEndReasons).nullable(),
  publishBy: z.string().nullable(),
  publishedOn: z.string().nullable(),
  publishedHow: z.enum(publicationWays).nullable(),
  nextDueOn: z.string().nullable(),
  late: z.boolean(),
  mine: z.boolean(),
  version: z.number(),
});
export type Conflict = z.infer<typeof Conflict>;

export const ConflictDetail = Conflict.extend({
  events: z.array(IntegrityEvent),
  can: z.array(z.enum(conflictSteps)),
  canCorrect: z.boolean(),
  canRedate: z.boolean(),
});

export const ConflictQuery = z.strictObject({
  ...pageQuery,
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  stage: z.enum(conflictStages).optional(),
  situation: z.enum(conflictSituations).optional(),
  measure: z.enum(conflictMeasures).optional(),
  mine: z.enum(['1']).optional(),
  late: z.enum(['1']).optional(),
  unitId: uuid().optional(),
  q: z.string().max(100).optional(),
  sort: z.enum(['reportedOn', '-reportedOn', 'nextDueOn', '-nextDueOn']).optional(),
});
export const ConflictPage = Page(Conflict);
