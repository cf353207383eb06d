import { z } from 'zod';
import { isoDate, vnd as money, optionalText, Page, pageQuery, text, uuid } from '#shared/validation.ts';

/**
 * Detection and handling (issue 19): the inspectorate's yearly plan, its inspections from decision to
 * the head's direction, their conclusions and the recommendations followed to closure.
 */
const year = z.number().int().min(2020).max(2100);
const vnd = money();

export const planStatuses = ['draft', 'approved'] as const;
export const inspectionStatuses = [
  /** In the plan, no decision yet. */
  'planned',
  /** Decision issued, team set. */
  'decided',
  /** The results report is in: drafting the conclusion. */
  'reported',
  'concluded',
  /** The head (the province's chair) directed how to implement the conclusion. */
  'directed',
  'cancelled',
] as const;
export type InspectionStatus = (typeof inspectionStatuses)[number];
export const memberRoles = ['lead', 'member'] as const;

export const PlanCreate = z.strictObject({ unitId: uuid(), year });
export const PlanApprove = z.strictObject({
  decisionNo: text(60),
  decisionDate: isoDate(),
  version: z.number().int(),
});

/** An inspection planned (plan id), or ad hoc on a legal ground (no plan). */
export const InspectionCreate = z.strictObject({
  planId: uuid().nullish(),
  unitId: uuid(),
  subjectUnitId: uuid().nullish(),
  /** A subject outside the unit tree (an enterprise, a project). */
  subjectName: optionalText(300),
  title: text(500),
  periodFrom: isoDate().nullish(),
  periodTo: isoDate().nullish(),
  quarter: z.number().int().min(1).max(4).nullish(),
  teamSize: z.number().int().min(1).max(50).nullish(),
  legalGround: optionalText(500),
  /** Adding to a plan already approved needs a reason (a change to the plan). */
  reason: optionalText(500),
  /** A follow-up: the concluded inspection whose recommendations this one re-checks. */
  followUpOf: uuid().nullish(),
});
export type InspectionCreate = z.infer<typeof InspectionCreate>;

export const InspectionCancel = z.strictObject({ reason: text(500), version: z.number().int() });

export const Decide = z.strictObject({
  decisionNo: text(60),
  decisionDate: isoDate(),
  onSiteFrom: isoDate(),
  members: z
    .array(z.strictObject({ userId: uuid(), role: z.enum(memberRoles) }))
    .min(1)
    .max(50),
  version: z.number().int(),
});

/** The timeline's steps after the decision, each on its date (the law's clocks run from them). */
export const inspectionSteps = ['results', 'draft_assigned', 'draft_received', 'directed'] as const;
export const StepBody = z.strictObject({
  step: z.enum(inspectionSteps),
  on: isoDate(),
  version: z.number().int(),
});

/**
 * The on-site period extended once, by a decision of whoever decided the inspection, before it ends: its
 * clock is counted again from the on-site start with the rule's extension (never added to a rolled date).
 */
export const Extend = z.strictObject({
  decisionNo: text(60),
  on: isoDate(),
  reason: text(1000),
  version: z.number().int(),
});

/** How a person named in a conclusion is responsible: as the head, directly, or related (Law Art. 36). */
export const responsibilities = ['head', 'direct', 'related'] as const;
export const PersonResponsible = z.strictObject({
  fullName: text(200),
  position: optionalText(200),
  workplace: optionalText(300),
  responsibility: z.enum(responsibilities),
  note: optionalText(1000),
});
export type PersonResponsible = z.infer<typeof PersonResponsible>;

export const recommendationKinds = [
  'discipline',
  'administrative',
  'recovery',
  'institutional',
  'referral',
  'other',
] as const;
export const RecommendationInput = z.strictObject({
  kind: z.enum(recommendationKinds),
  content: text(2000),
  /** A unit in Liêm, or an outside body without an account (with a contact). */
  ownerUnitId: uuid().nullish(),
  ownerOutside: optionalText(300),
  ownerContact: optionalText(300),
  amountVnd: vnd.nullish(),
  dueOn: isoDate(),
});
export type RecommendationInput = z.infer<typeof RecommendationInput>;

export const Conclude = z.strictObject({
  conclusionNo: text(60),
  concludedOn: isoDate(),
  summary: text(5000),
  wrongdoingVnd: vnd,
  toRecoverVnd: vnd,
  /** The persons the conclusion holds responsible (a case opened from it starts with them). */
  persons: z.array(PersonResponsible).max(100).optional(),
  recommendations: z.array(RecommendationInput).max(200),
  version: z.number().int(),
});

export const Member = z.object({
  userId: z.string(),
  fullName: z.string(),
  unitName: z.string().nullable(),
  role: z.enum(memberRoles),
});

export const Clock = z.object({
  code: z.string(),
  startOn: z.string(),
  dueOn: z.string(),
  doneOn: z.string().nullable(),
  confirmed: z.boolean(),
});

export const Inspection = z.object({
  id: z.string(),
  planId: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  subjectUnitId: z.string().nullable(),
  subjectName: z.string().nullable(),
  title: z.string(),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  quarter: z.number().nullable(),
  teamSize: z.number().nullable(),
  legalGround: z.string().nullable(),
  status: z.enum(inspectionStatuses),
  decisionNo: z.string().nullable(),
  decisionDate: z.string().nullable(),
  onSiteFrom: z.string().nullable(),
  onSiteExtendedOn: z.string().nullable(),
  extensionNo: z.string().nullable(),
  extensionReason: z.string().nullable(),
  resultsOn: z.string().nullable(),
  draftAssignedOn: z.string().nullable(),
  draftReceivedOn: z.string().nullable(),
  conclusionNo: z.string().nullable(),
  concludedOn: z.string().nullable(),
  directedOn: z.string().nullable(),
  summary: z.string().nullable(),
  wrongdoingVnd: z.number().nullable(),
  toRecoverVnd: z.number().nullable(),
  personsResponsible: z.array(
    z.object({
      fullName: z.string(),
      position: z.string().nullish(),
      workplace: z.string().nullish(),
      responsibility: z.enum(responsibilities),
      note: z.string().nullish(),
    }),
  ),
  cancelledReason: z.string().nullable(),
  nextDueOn: z.string().nullable(),
  /** The signed decision and conclusion filed with it. */
  decisionFileId: z.string().nullable(),
  minutesFileId: z.string().nullable(),
  conclusionFileId: z.string().nullable(),
  followUpOf: z.string().nullable(),
  version: z.number(),
});
export type Inspection = z.infer<typeof Inspection>;

/**
 * The inspection's documents made in Liêm and kept signed: its decision, the minutes of announcing it at
 * the inspected body (the on-site start), its conclusion.
 */
export const inspectionDocuments = ['decision', 'minutes', 'conclusion'] as const;
export type InspectionDocument = (typeof inspectionDocuments)[number];

export const SignedBody = z.strictObject({
  kind: z.enum(inspectionDocuments),
  fileId: uuid(),
  version: z.number().int(),
});

export const InspectionDetail = Inspection.extend({
  members: z.array(Member),
  clocks: z.array(Clock),
  recommendations: z.lazy(() => z.array(Recommendation)),
  /** Whoever wrote the conclusion's draft may not issue it (four eyes). */
  canConclude: z.boolean(),
  /** A follow-up: the inspection it follows up and that one's recommendations, to re-check. */
  followUp: z.object({ id: z.string(), title: z.string(), conclusionNo: z.string().nullable() }).nullable(),
  toRecheck: z.lazy(() => z.array(Recommendation.extend({ recheckedHere: z.boolean() }))),
  /** The cases opened from it, in the reader's scope (number, title, stage). */
  cases: z.array(z.object({ id: z.string(), number: z.string(), title: z.string(), stage: z.string() })),
  /** Whether this reader may extend the on-site period now (decided, not yet extended, not on the team). */
  canExtend: z.boolean(),
  /** Its recovery recommendations already in a case's ledger (not offered again). */
  carried: z.array(z.string()),
});

export const Plan = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  year: z.number(),
  status: z.enum(planStatuses),
  decisionNo: z.string().nullable(),
  decisionDate: z.string().nullable(),
  /** The law's date: approved by 20 December of the year before. */
  dueOn: z.string(),
  late: z.boolean(),
  inspections: z.number(),
  done: z.number(),
  createdBy: z.string().nullable(),
  version: z.number(),
});

export const PlanChange = z.object({
  at: z.string(),
  kind: z.enum(['added', 'cancelled']),
  inspectionTitle: z.string(),
  reason: z.string(),
  byName: z.string().nullable(),
});
export const PlanDetail = Plan.extend({
  items: z.array(Inspection),
  changes: z.array(PlanChange),
});

export const InspectionQuery = z.strictObject({
  ...pageQuery,
  year: z.coerce.number().int().min(2020).max(2100).optional(),
  status: z.enum(inspectionStatuses).optional(),
  q: z.string().max(100).optional(),
});
export const InspectionPage = Page(Inspection);

export const recommendationStatuses = ['open', 'in_progress', 'reported_done', 'closed', 'not_done'] as const;
export type RecommendationStatus = (typeof recommendationStatuses)[number];

/**
 * Where a recommendation comes from: an inspection's conclusion, a verification of declarations, a state
 * audit, a citizen's report (its conclusion's reference: the report stays sealed).
 */
export const recommendationSources = ['inspection', 'verification', 'audit', 'report'] as const;
export type RecommendationSource = (typeof recommendationSources)[number];

export const Recommendation = z.object({
  id: z.string(),
  sourceKind: z.enum(recommendationSources),
  sourceId: z.string().nullable(),
  /** The inspection's title (other sources: null). */
  sourceTitle: z.string().nullable(),
  sourceRef: z.string().nullable(),
  issuerUnitId: z.string(),
  issuerUnitName: z.string(),
  kind: z.enum(recommendationKinds),
  content: z.string(),
  ownerUnitId: z.string().nullable(),
  ownerUnitName: z.string().nullable(),
  ownerOutside: z.string().nullable(),
  ownerContact: z.string().nullable(),
  amountVnd: z.number().nullable(),
  issuedOn: z.string(),
  dueOn: z.string(),
  status: z.enum(recommendationStatuses),
  closedOn: z.string().nullable(),
  pastDue: z.boolean(),
  /** Open longer than the inspectorate's review period (a rule in the clock engine). */
  openTooLong: z.boolean(),
  version: z.number(),
});
export type Recommendation = z.infer<typeof Recommendation>;

export const RecommendationUpdate = z.object({
  id: z.string(),
  status: z.enum(recommendationStatuses),
  note: z.string(),
  /** Written as a follow-up inspection's re-check (its id and title). */
  recheckedBy: z.string().nullable(),
  recheckedByTitle: z.string().nullable(),
  evidenceFileIds: z.array(z.string()),
  /** The evidence by name, in the same order. */
  evidence: z.array(z.object({ id: z.string(), name: z.string() })),
  byName: z.string().nullable(),
  at: z.string(),
});
export const RecommendationDetail = Recommendation.extend({
  /** A recovery recommendation carried into a case's ledger: decided and recovered there. */
  ledger: z
    .object({
      decidedVnd: z.number(),
      recoveredVnd: z.number(),
      cases: z.array(z.object({ id: z.string(), number: z.string() })),
    })
    .nullable(),
  updates: z.array(RecommendationUpdate),
  canRespond: z.boolean(),
  canDecide: z.boolean(),
});

/** The owner reports progress or completion with evidence; the issuer closes, reopens or records not done. */
export const RecommendationUpdateBody = z.strictObject({
  status: z.enum(recommendationStatuses),
  note: text(2000),
  evidenceFileIds: z
    .array(uuid())
    .max(20)
    .default([])
    .transform((ids) => [...new Set(ids)]),
  version: z.number().int(),
});

/**
 * Recommendations from a source other than an inspection's conclusion (which issues its own): a
 * verification of declarations (its id), a state audit or a citizen's report (the document's reference).
 */
export const RecommendationsIssue = z.strictObject({
  issuerUnitId: uuid(),
  sourceKind: z.enum(['verification', 'audit', 'report']),
  sourceId: uuid().nullish(),
  sourceRef: optionalText(300),
  issuedOn: isoDate(),
  recommendations: z.array(RecommendationInput).min(1).max(200),
});
export type RecommendationsIssue = z.infer<typeof RecommendationsIssue>;

/** A follow-up inspection's finding on one recommendation of the inspection it follows up. */
export const recheckResults = ['done', 'partly', 'not_done'] as const;
export const RecheckBody = z.strictObject({
  recommendationId: uuid(),
  result: z.enum(recheckResults),
  note: text(2000),
  version: z.number().int(),
});

export const recommendationViews = ['owed', 'issued'] as const;
export const RecommendationQuery = z.strictObject({
  ...pageQuery,
  /** owed: what my units owe; issued: what my inspectorate issued (everything in scope). */
  view: z.enum(recommendationViews).default('owed'),
  status: z.enum(['open', 'closed', 'past_due', 'too_long']).optional(),
  q: z.string().max(100).optional(),
});
export const RecommendationPage = Page(Recommendation);
