import { z } from 'zod';
import { isoDate, vnd as money, optionalText, Page, pageQuery, text, uuid } from '#shared/validation.ts';

/**
 * Corruption cases (issue 19): the register every source feeds, the persons and their handling, the
 * referral of signs of crime to an investigating body on its clock, and the asset-recovery ledger.
 */
const vnd = money();
const version = z.number().int();

export const caseSources = [
  'inspection',
  'check',
  'audit',
  'declaration_verification',
  'citizen_report',
  'staff_report',
  'press',
  'investigation',
  'other',
] as const;
export type CaseSource = (typeof caseSources)[number];

/** Retaliation against a reporter (Law 132/2025's new banned acts) is a case of its own, always urgent. */
export const caseKinds = ['corruption', 'retaliation'] as const;
export const caseStages = ['verifying', 'handling', 'referred', 'concluded', 'closed'] as const;
export type CaseStage = (typeof caseStages)[number];
/** Decree 59 Art. 76: the grade set by the penalty of the person who committed corruption. */
export const seriousness = ['less_serious', 'serious', 'very_serious', 'especially_serious'] as const;
/** Law Art. 72: the head answers directly (people they manage) or jointly (a deputy's field). */
export const headResponsibilities = ['none', 'direct', 'joint'] as const;

/** Discipline of cadres, civil servants and public employees, lightest first. */
export const disciplineForms = [
  'reprimand',
  'warning',
  'salary_reduction',
  'demotion',
  'removal',
  'dismissal',
] as const;
export const criminalStatuses = ['none', 'referred', 'prosecuted', 'not_prosecuted', 'convicted'] as const;

export const PersonInput = z.strictObject({
  fullName: text(200),
  position: optionalText(200),
  rank: optionalText(100),
  sector: optionalText(200),
  /** Where the person works, when it is a unit of the tree (must be within the case handler's scope). */
  unitId: uuid().nullish(),
  disciplineForm: z.enum(disciplineForms).nullish(),
  administrative: optionalText(500),
  criminal: z.enum(criminalStatuses).nullish(),
});
export type PersonInput = z.infer<typeof PersonInput>;

export const CaseCreate = z.strictObject({
  /** The body handling the case (an inspectorate): its scope decides who sees it. */
  unitId: uuid(),
  /** Where it happened: a unit of the tree, or a body outside it. */
  subjectUnitId: uuid().nullish(),
  subjectName: optionalText(300),
  title: text(500),
  summary: optionalText(5000),
  kind: z.enum(caseKinds).default('corruption'),
  source: z.enum(caseSources),
  /** The inspection that found it (source inspection). */
  inspectionId: uuid().nullish(),
  detectedOn: isoDate(),
  /** Left out (or null) until the damage is determined: not the same as a damage of 0. */
  damageVnd: vnd.nullish(),
  persons: z.array(PersonInput).max(100).default([]),
  /** The inspection's recovery recommendations this case carries into its ledger (as recommended). */
  recoveryFrom: z.array(uuid()).max(50).optional(),
});
export type CaseCreate = z.infer<typeof CaseCreate>;

/** The stage, the damage, the grade and the head's responsibility; each change is kept in the history. */
export const CaseUpdate = z.strictObject({
  stage: z.enum(caseStages).optional(),
  damageVnd: vnd.nullish(),
  seriousness: z.enum(seriousness).nullish(),
  headResponsibility: z.enum(headResponsibilities).optional(),
  /** The unit whose head answers for it (Law Arts. 72–73). */
  headUnitId: uuid().nullish(),
  note: optionalText(2000),
  version,
});

export const CaseMove = z.strictObject({ unitId: uuid(), reason: text(1000), version });
export const PersonBody = PersonInput.extend({ version });

/** A citizen's denunciation becomes a case, or joins one by its number (the reporter stays protected). */
export const ReportToCase = z.strictObject({
  caseNumber: optionalText(20),
  unitId: uuid().nullish(),
  title: optionalText(500),
  kind: z.enum(caseKinds).default('corruption'),
});

// --- Referral of signs of crime ------------------------------------------------------------------------

export const bodyKinds = ['police', 'army', 'procuracy'] as const;
/** During the inspection: "immediately"; after it: within 5 working days of signing the conclusion. */
export const referralStages = ['during', 'after'] as const;
export const referralDecisions = [
  'prosecute',
  'not_prosecute',
  'verify_further',
  'transfer',
  'suspend',
] as const;

export const ReferralCreate = z.strictObject({
  bodyKind: z.enum(bodyKinds),
  bodyName: text(300),
  bodyContact: optionalText(300),
  stage: z.enum(referralStages),
  sentOn: isoDate(),
  documentNo: text(60),
  /** The same-level procuracy is told in writing (Law Art. 62(1); TTLT 03/2018 Art. 5). */
  procuracyNotifiedOn: isoDate().nullish(),
  note: optionalText(2000),
});

/** What the inspectorate records of the investigating body (it has no account). */
export const referralEvents = ['received', 'complex', 'extended', 'follow_up', 'decision'] as const;
export const ReferralEvent = z.strictObject({
  event: z.enum(referralEvents),
  on: isoDate(),
  decision: z.enum(referralDecisions).nullish(),
  documentNo: optionalText(60),
  note: optionalText(2000),
  version,
});

// --- Asset recovery ------------------------------------------------------------------------------------

export const recoveryMeasures = ['administrative', 'judicial'] as const;
export const recoveryKinds = ['money', 'asset'] as const;
export const returnTos = ['budget', 'owner'] as const;

export const RecoveryItemCreate = z.strictObject({
  kind: z.enum(recoveryKinds),
  description: text(1000),
  measure: z.enum(recoveryMeasures),
  returnTo: z.enum(returnTos).default('budget'),
  /** What the conclusion or recommendation asks to recover (VND; an asset in kind at its value). */
  recommendedVnd: vnd,
  /** The case's inspection's recovery recommendation this item carries out (each in one item only). */
  recommendationId: uuid().nullish(),
  decidedVnd: vnd.nullish(),
  decidedOn: isoDate().nullish(),
  decisionNo: optionalText(60),
});
export const RecoveryDecide = z.strictObject({
  decidedVnd: vnd,
  decidedOn: isoDate(),
  decisionNo: text(60),
  version,
});
export const PaymentCreate = z.strictObject({
  paidOn: isoDate(),
  amountVnd: money(1),
  note: optionalText(1000),
  evidenceFileIds: z
    .array(uuid())
    .max(20)
    .default([])
    .transform((ids) => [...new Set(ids)]),
  version,
});

// --- Reading -------------------------------------------------------------------------------------------

export const Person = z.object({
  id: z.string(),
  fullName: z.string(),
  position: z.string().nullable(),
  rank: z.string().nullable(),
  sector: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  disciplineForm: z.enum(disciplineForms).nullable(),
  administrative: z.string().nullable(),
  criminal: z.enum(criminalStatuses).nullable(),
  version: z.number(),
});

export const Case = z.object({
  id: z.string(),
  number: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  subjectUnitId: z.string().nullable(),
  subjectName: z.string().nullable(),
  title: z.string(),
  summary: z.string().nullable(),
  kind: z.enum(caseKinds),
  urgent: z.boolean(),
  source: z.enum(caseSources),
  inspectionId: z.string().nullable(),
  inspectionTitle: z.string().nullable(),
  detectedOn: z.string(),
  stage: z.enum(caseStages),
  damageVnd: z.number().nullable(),
  seriousness: z.enum(seriousness).nullable(),
  headResponsibility: z.enum(headResponsibilities),
  headUnitId: z.string().nullable(),
  headUnitName: z.string().nullable(),
  persons: z.number(),
  /** Referrals still waiting for the investigating body's decision. */
  waiting: z.number(),
  nextDueOn: z.string().nullable(),
  nextDueOverdue: z.boolean(),
  closedOn: z.string().nullable(),
  version: z.number(),
});
export type Case = z.infer<typeof Case>;

export const Referral = z.object({
  id: z.string(),
  caseId: z.string(),
  bodyKind: z.enum(bodyKinds),
  bodyName: z.string(),
  bodyContact: z.string().nullable(),
  stage: z.enum(referralStages),
  sentOn: z.string(),
  /** When the law wanted it sent: the day found (during) or 5 working days after the conclusion (after). */
  sendBy: z.string().nullable(),
  sentLate: z.boolean(),
  documentNo: z.string(),
  procuracyNotifiedOn: z.string().nullable(),
  receivedOn: z.string().nullable(),
  complex: z.boolean(),
  extended: z.boolean(),
  answerDueOn: z.string().nullable(),
  followUps: z.number(),
  lastFollowUpOn: z.string().nullable(),
  decision: z.enum(referralDecisions).nullable(),
  decisionOn: z.string().nullable(),
  decisionNo: z.string().nullable(),
  note: z.string().nullable(),
  /** No decision and the body's period is over: ask why, and escalate (TTLT 03/2018 Arts. 6–7). */
  overdue: z.boolean(),
  version: z.number(),
});

export const Payment = z.object({
  id: z.string(),
  paidOn: z.string(),
  amountVnd: z.number(),
  note: z.string().nullable(),
  evidenceFileIds: z.array(z.string()),
  /** The evidence by name, in the same order. */
  evidence: z.array(z.object({ id: z.string(), name: z.string() })),
  byName: z.string().nullable(),
});
export const RecoveryItem = z.object({
  id: z.string(),
  kind: z.enum(recoveryKinds),
  description: z.string(),
  measure: z.enum(recoveryMeasures),
  returnTo: z.enum(returnTos),
  recommendedVnd: z.number(),
  /** The inspection's recovery recommendation it carries out, when it came from one. */
  recommendationId: z.string().nullable(),
  decidedVnd: z.number().nullable(),
  decidedOn: z.string().nullable(),
  decisionNo: z.string().nullable(),
  recoveredVnd: z.number(),
  payments: z.array(Payment),
  version: z.number(),
});

export const CaseEvent = z.object({
  id: z.string(),
  kind: z.string(),
  note: z.string().nullable(),
  fromUnitName: z.string().nullable(),
  toUnitName: z.string().nullable(),
  byName: z.string().nullable(),
  at: z.string(),
});

export const CaseDetail = Case.extend({
  personList: z.array(Person),
  referrals: z.array(Referral),
  recovery: z.array(RecoveryItem),
  /** The reports that became or joined the case: their numbers only (the reporter stays protected). */
  reports: z.array(z.object({ number: z.string(), joinedOn: z.string() })),
  events: z.array(CaseEvent),
  /** What the next due date is for: the rule of the earliest open clock (the case's or a referral's). */
  nextDueRule: z.object({ vi: z.string(), en: z.string() }).nullable(),
});

export const CaseQuery = z.strictObject({
  ...pageQuery,
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  stage: z.enum(caseStages).optional(),
  source: z.enum(caseSources).optional(),
  kind: z.enum(caseKinds).optional(),
  /** Cases with a referral waiting past the investigating body's period. */
  waiting: z.enum(['any', 'overdue']).optional(),
  q: z.string().max(100).optional(),
});
export const CasePage = Page(Case);

/** Ledger totals: what was asked, decided and recovered, administrative vs judicial (Decree 59 Art. 20). */
export const RecoveryTotals = z.object({
  year: z.number(),
  measures: z.array(
    z.object({
      measure: z.enum(recoveryMeasures),
      recommendedVnd: z.number(),
      decidedVnd: z.number(),
      recoveredVnd: z.number(),
      items: z.number(),
    }),
  ),
});

export const DashboardQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100),
});
export const Dashboard = z.object({
  year: z.number(),
  plan: z.object({
    planned: z.number(),
    /** Of the planned ones, concluded: the plan's progress (ad hoc ones are not in the plan). */
    plannedDone: z.number(),
    done: z.number(),
    inProgress: z.number(),
    adHoc: z.number(),
  }),
  casesBySource: z.array(z.object({ source: z.enum(caseSources), n: z.number() })),
  casesByStage: z.array(z.object({ stage: z.enum(caseStages), n: z.number() })),
  retaliation: z.number(),
  referrals: z.object({ waiting: z.number(), overdue: z.number(), answered: z.number() }),
  recommendations: z.object({
    open: z.number(),
    pastDue: z.number(),
    tooLong: z.number(),
    closed: z.number(),
  }),
  /** Recommendations closed per month of the year (the closure chart). */
  closedByMonth: z.array(z.object({ month: z.number(), issued: z.number(), closed: z.number() })),
  recovery: RecoveryTotals.shape.measures,
});
