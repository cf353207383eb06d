import { z } from 'zod';
import { leadershipLevels } from '#shared/org/schemas.ts';
import { isoDate, optionalText, text, uuid, vnd } from '#shared/validation.ts';
import { DeclarationContent } from './content.ts';
import { declarationKinds } from './form.ts';

/** A legal parameter of asset and income control in force on a date, with its source. */
export const DeclarationParameter = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  amountVnd: z.number().nullable(),
  value: z.string().nullable(),
  legalSource: z.string(),
  evidence: z.enum(['primary', 'secondary']),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
});

/** A new version of a parameter from a date (a new law or decree): the version before it ends the day before. */
export const ParameterVersionBody = z.strictObject({
  code: z.string().trim().min(1).max(60),
  amountVnd: vnd().nullish(),
  value: z.enum(leadershipLevels).nullish(),
  legalSource: text(500),
  evidence: z.enum(['primary', 'secondary']),
  effectiveFrom: isoDate(),
});

/** The control agency opens a yearly round with the dates of the province's plan. */
export const RoundOpen = z.strictObject({
  unitId: uuid(),
  year: z.number().int().min(2020).max(2100),
  rosterDueOn: isoDate(),
  declareDueOn: isoDate(),
  handoverDueOn: isoDate(),
});
export type RoundOpen = z.infer<typeof RoundOpen>;

export const Round = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  year: z.number(),
  rosterDueOn: z.string(),
  declareDueOn: z.string(),
  handoverDueOn: z.string(),
  status: z.enum(['open', 'closed']),
  declarants: z.number(),
  submitted: z.number(),
});

export const rosterReasons = ['position_duty', 'leadership_level', 'added'] as const;

export const RosterEntry = z.object({
  id: z.string(),
  userId: z.string(),
  fullName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  positionName: z.string().nullable(),
  reason: z.enum(rosterReasons),
  note: z.string().nullable(),
  removedReason: z.string().nullable(),
  declarationId: z.string().nullable(),
  declarationStatus: z.string().nullable(),
  late: z.boolean(),
  firstReminderOn: z.string().nullable(),
  firstReminderRef: z.string().nullable(),
  secondReminderOn: z.string().nullable(),
  secondReminderRef: z.string().nullable(),
});

export const Roster = z.object({
  round: Round,
  unitId: z.string(),
  unitName: z.string(),
  sentAt: z.string().nullable(),
  entries: z.array(RosterEntry),
});

export const RosterQuery = z.strictObject({ unitId: uuid() });
export const RosterAdd = z.strictObject({ userId: uuid(), note: text(1000) });
/** Taken off (a reason of at least 10 characters) or put back (null), a note, or a written reminder. */
export const RosterChange = z
  .strictObject({
    removedReason: text(1000).pipe(z.string().min(10)).nullable().optional(),
    note: optionalText(1000),
    reminder: z.strictObject({ on: isoDate(), ref: text(100) }).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'field.required' });
export type RosterChange = z.infer<typeof RosterChange>;

export const DeclarationStart = z.strictObject({
  kind: z.enum(declarationKinds),
  year: z.number().int().min(2020).max(2100),
});

export const declarationStatuses = ['draft', 'submitted', 'returned', 'accepted', 'handed_over'] as const;

export const DeclarationListItem = z.object({
  id: z.string(),
  userId: z.string(),
  fullName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  roundId: z.string().nullable(),
  year: z.number(),
  kind: z.enum(declarationKinds),
  formCode: z.string(),
  status: z.enum(declarationStatuses),
  /** Made in Liêm, or given on paper and entered by the unit's organising officer. */
  channel: z.enum(['electronic', 'paper']),
  declaredOn: z.string(),
  assetsVnd: z.number(),
  incomeVnd: z.number(),
  increaseVnd: z.number().nullable(),
  submittedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  correctionDueOn: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  handoverDueOn: z.string().nullable(),
  handedOverAt: z.string().nullable(),
  publicationDueOn: z.string().nullable(),
  receivedByControlAt: z.string().nullable(),
  publicationId: z.string().nullable(),
  version: z.number(),
});

const GroupTotal = z.object({ value: z.number(), count: z.number(), unvalued: z.number() });
const SummarySchema = z.object({
  groups: z.record(z.string(), GroupTotal),
  assetsVnd: z.number(),
  incomeVnd: z.number(),
  incomeBy: z.record(z.string(), z.number()),
});

export const Declaration = DeclarationListItem.extend({
  reader: z.enum(['declarant', 'officer', 'controller']),
  /** As `DeclarationContent` (its input transforms cannot run backwards for the answer). */
  content: z.record(z.string(), z.unknown()),
  summary: SummarySchema,
  previous: SummarySchema.nullable(),
  partIII: z.object({
    lines: z.array(
      z.object({
        group: z.string(),
        number: z.string(),
        countChange: z.number(),
        valueChange: z.number(),
        explanationRequired: z.boolean(),
      }),
    ),
    increaseVnd: z.number(),
    explanationRequired: z.boolean(),
  }),
  problems: z.record(
    z.string(),
    z.object({ key: z.string(), values: z.record(z.string(), z.union([z.string(), z.number()])).optional() }),
  ),
  parameters: z.array(DeclarationParameter),
  /** A supplementary declaration's items added since the previous declaration (Annex II describes only these). */
  newItems: z.array(z.string()).nullable(),
  /** The declarant's signed copy, once uploaded (read through GET …/signed). */
  signedScan: z.object({ name: z.string(), size: z.number(), uploadedAt: z.string() }).nullable(),
});

export const MyDeclarations = z.object({
  owed: z.array(z.object({ roundId: z.string(), year: z.number(), dueOn: z.string() })),
  declarations: z.array(DeclarationListItem),
});

/** A workbook of paper declarations, checked (dry run) or entered (issue 18, "Bad input"). */
export const PaperImportResult = z.object({
  dryRun: z.boolean(),
  declarations: z.array(
    z.object({
      ref: z.string(),
      row: z.number(),
      username: z.string(),
      fullName: z.string(),
      unitName: z.string(),
      kind: z.enum(declarationKinds),
      year: z.number(),
      declaredOn: z.string(),
      assetsVnd: z.number(),
      incomeVnd: z.number(),
      increaseVnd: z.number().nullable(),
      items: z.number(),
    }),
  ),
  /** Every problem, by the file's sheet, row and column header (null where it is the whole sheet or file). */
  errors: z.array(
    z.object({
      sheet: z.string().nullable(),
      row: z.number().nullable(),
      column: z.string().nullable(),
      message: z.string(),
    }),
  ),
  created: z.number(),
});
export type PaperImportResult = z.infer<typeof PaperImportResult>;
export const PaperImportQuery = z.strictObject({ dryRun: z.enum(['true', 'false']).default('true') });

export const DeclarationSave = z.strictObject({ content: DeclarationContent, version: z.number().int() });
export const DeclarationVersion = z.strictObject({ version: z.number().int() });
export const ReturnBody = z.strictObject({ reason: text(2000) });
export const IdsBody = z.strictObject({ ids: z.array(uuid()).min(1).max(500) });
export const ReceivedQuery = z.strictObject({
  roundId: uuid().optional(),
  status: z.enum(declarationStatuses).optional(),
  year: z.coerce.number().int().min(2020).max(2100).optional(),
});

/** The control agency's yearly verification plan (Decree 130 Art. 15): the year, the day it was issued, the shares. */
export const PlanCreate = z.strictObject({
  unitId: uuid(),
  year: z.number().int().min(2021).max(2100),
  issuedOn: isoDate(),
  unitSharePercent: z.number().int().min(20).max(100).default(20),
  personSharePercent: z.number().int().min(10).max(100).default(10),
});
export type PlanCreate = z.infer<typeof PlanCreate>;

export const planStatuses = ['draft', 'committed', 'drawn'] as const;
export const exclusionReasons = ['investigation', 'illness', 'abroad', 'other'] as const;
export const automaticExclusions = ['no_declaration', 'verified_recently'] as const;

export const Plan = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  year: z.number(),
  issuedOn: z.string(),
  drawDueOn: z.string(),
  unitSharePercent: z.number(),
  personSharePercent: z.number(),
  status: z.enum(planStatuses),
  seedHash: z.string().nullable(),
  commitment: z.string().nullable(),
  committedAt: z.string().nullable(),
  drawnAt: z.string().nullable(),
  minutesRef: z.string().nullable(),
  witnesses: z.array(z.object({ name: z.string(), organisation: z.string(), value: z.string() })).nullable(),
  units: z.number(),
  candidates: z.number(),
  selected: z.number(),
});

export const Candidate = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  unitCode: z.string(),
  userId: z.string(),
  fullName: z.string(),
  positionName: z.string().nullable(),
  leader: z.boolean(),
  declarationId: z.string().nullable(),
  excludedReason: z.enum([...exclusionReasons, ...automaticExclusions]).nullable(),
  excludedNote: z.string().nullable(),
  selected: z.boolean(),
});

export const PlanDetail = z.object({
  plan: Plan,
  candidates: z.array(Candidate),
  total: z.number(),
  /** Units (drawn ones, once drawn) whose candidates include no head or deputy. */
  withoutLeader: z.array(z.string()),
});
/** A page of a plan's candidates (a province's roster is 50,000 people), by name or unit, drawn or left out. */
export const CandidateQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  show: z.enum(['selected', 'excluded']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** Excluded from the draw with a reason (Art. 16), or put back (null). "Other" needs a note. */
export const CandidateChange = z
  .strictObject({ excludedReason: z.enum(exclusionReasons).nullable(), excludedNote: optionalText(1000) })
  .refine((v) => v.excludedReason !== 'other' || !!v.excludedNote, {
    message: 'field.required',
    path: ['excludedNote'],
  });
export type CandidateChange = z.infer<typeof CandidateChange>;

/** The draw: at least two witnesses (Party inspection commission, Fatherland Front), each calling a number. */
export const DrawBody = z.strictObject({
  witnesses: z
    .array(
      z.strictObject({
        name: text(200),
        organisation: text(300),
        value: z
          .string()
          .trim()
          .regex(/^\d{1,12}$/, { message: 'field.digits' }),
      }),
    )
    .min(2)
    .max(10),
  minutesRef: optionalText(100),
});

/** The published record of a draw (docs/lottery.md): the inputs and commitment, then the seed, numbers and result. */
export const LotteryRecordSchema = z.object({
  inputs: z.object({
    algorithm: z.literal('liem-lottery-v1'),
    plan: z.object({ id: z.string(), year: z.number(), controlUnit: z.string(), issuedOn: z.string() }),
    unitSharePercent: z.number(),
    personSharePercent: z.number(),
    units: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        annualDeclarants: z.number(),
        candidates: z.array(
          z.object({ ref: z.string(), name: z.string(), position: z.string(), leader: z.boolean() }),
        ),
      }),
    ),
    /** How many each unit left out (records committed before 2026-12-04: who and why, as committed). */
    excluded: z.array(
      z.union([
        z.object({ unit: z.string(), count: z.number() }),
        z.object({ unit: z.string(), name: z.string(), reason: z.string() }),
      ]),
    ),
    seedHash: z.string(),
  }),
  commitment: z.string(),
  seed: z.string().optional(),
  witnessValues: z.array(z.string()).optional(),
  result: z
    .object({ units: z.array(z.string()), persons: z.record(z.string(), z.array(z.string())) })
    .optional(),
});

export const verificationGrounds = [
  'lottery',
  'dishonesty',
  'unexplained_increase',
  'denunciation',
  'request',
] as const;
export const caseStatuses = ['opened', 'decided', 'reported', 'concluded', 'published'] as const;
export const conclusions = ['honest', 'dishonest', 'explanation_unreasonable'] as const;
/**
 * What the competent body decided on a declaration found dishonest (Law 36/2018 Art. 51): a discipline
 * (reprimand … dismissal), the candidate struck off the list, the appointment not made — or nothing.
 */
export const sanctionOutcomes = [
  'reprimand',
  'warning',
  'salary_demotion',
  'demotion',
  'removal',
  'dismissal',
  'candidate_removed',
  'not_appointed',
  'none',
] as const;

export const requestKinds = ['information', 'explanation'] as const;

/** A request of a verification team: information from a third party, or the person's explanation. */
export const RequestCreate = z.strictObject({
  kind: z.enum(requestKinds),
  addressee: text(300),
  subject: text(2000),
  documentRef: optionalText(100),
  sentOn: isoDate(),
  /** Information not readily available: 15 working days instead of 5 (Decree 130 Art. 8). */
  complex: z.boolean().default(false),
  /** An explanation is due by the date the team sets (required for it, refused for information). */
  dueOn: isoDate().nullish(),
});
export type RequestCreate = z.infer<typeof RequestCreate>;
export const RequestAnswer = z.strictObject({
  answeredOn: isoDate(),
  note: text(4000),
  version: z.number().int(),
});
export const VerificationRequest = z.object({
  id: z.string(),
  caseId: z.string(),
  kind: z.enum(requestKinds),
  addressee: z.string(),
  subject: z.string(),
  documentRef: z.string().nullable(),
  sentOn: z.string(),
  complex: z.boolean(),
  dueOn: z.string(),
  answeredOn: z.string().nullable(),
  answerNote: z.string().nullable(),
  version: z.number(),
});

export const VerificationCase = z.object({
  id: z.string(),
  controlUnitId: z.string(),
  userId: z.string(),
  fullName: z.string(),
  unitName: z.string(),
  declarationId: z.string(),
  declarationYear: z.number(),
  ground: z.enum(verificationGrounds),
  planId: z.string().nullable(),
  groundNote: z.string().nullable(),
  groundKnownOn: z.string(),
  decisionDueOn: z.string(),
  decidedOn: z.string().nullable(),
  decisionRef: z.string().nullable(),
  team: z.array(z.object({ userId: z.string(), fullName: z.string(), lead: z.boolean() })),
  reportDueOn: z.string().nullable(),
  reportExtended: z.boolean(),
  reportedOn: z.string().nullable(),
  conclusionDueOn: z.string().nullable(),
  conclusionExtended: z.boolean(),
  concludedOn: z.string().nullable(),
  conclusion: z.enum(conclusions).nullable(),
  conclusionNote: z.string().nullable(),
  sanction: z.string().nullable(),
  /** What the competent body decided on a dishonest declaration, when, by which decision. */
  sanctionOutcome: z.enum(sanctionOutcomes).nullable(),
  sanctionDecidedOn: z.string().nullable(),
  sanctionDecisionRef: z.string().nullable(),
  publicationDueOn: z.string().nullable(),
  publishedOn: z.string().nullable(),
  publishedWhere: z.string().nullable(),
  status: z.enum(caseStatuses),
  version: z.number(),
  /** What the team asked and what came back (decided verifications). */
  requests: z.array(VerificationRequest),
});

/** A verification opened on a ground other than the lottery (Law Art. 41): the declaration, the ground, when it became known. */
export const CaseOpen = z.strictObject({
  declarationId: uuid(),
  ground: z.enum(verificationGrounds).exclude(['lottery']),
  groundKnownOn: isoDate(),
  groundNote: text(2000),
});
export type CaseOpen = z.infer<typeof CaseOpen>;

/** One step of a verification, each with its date (never in the future) and what the step records. */
export const CaseStep = z.discriminatedUnion('step', [
  z.strictObject({
    step: z.literal('decide'),
    version: z.number().int(),
    on: isoDate(),
    decisionRef: text(100),
    team: z
      .array(z.strictObject({ userId: uuid(), lead: z.boolean() }))
      .min(2)
      .max(15),
  }),
  z.strictObject({ step: z.literal('extend_report'), version: z.number().int(), reason: text(1000) }),
  z.strictObject({ step: z.literal('report'), version: z.number().int(), on: isoDate() }),
  z.strictObject({ step: z.literal('extend_conclusion'), version: z.number().int(), reason: text(1000) }),
  z.strictObject({
    step: z.literal('conclude'),
    version: z.number().int(),
    on: isoDate(),
    conclusion: z.enum(conclusions),
    note: text(4000),
    sanction: optionalText(1000),
  }),
  z.strictObject({ step: z.literal('publish'), version: z.number().int(), on: isoDate(), where: text(500) }),
  z.strictObject({
    step: z.literal('sanction'),
    version: z.number().int(),
    on: isoDate(),
    outcome: z.enum(sanctionOutcomes),
    decisionRef: optionalText(100),
  }),
]);
export type CaseStep = z.infer<typeof CaseStep>;

/** A risk rule as the control agency tunes it. */
export const RiskRule = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  explanationVi: z.string(),
  explanationEn: z.string(),
  source: z.string(),
  weight: z.number(),
  threshold: z.number().nullable(),
  /** What the threshold counts (percent, times, items, rounds, years). */
  thresholdUnit: z.string().nullable(),
  active: z.boolean(),
  version: z.number(),
});
export const RiskRuleChange = z.strictObject({
  weight: z.number().int().min(0).max(100),
  threshold: z.number().int().min(0).max(1e6).nullable(),
  active: z.boolean(),
  version: z.number().int(),
});

export const RiskHit = z.object({
  rule: z.string(),
  weight: z.number(),
  values: z.record(z.string(), z.number()),
});
export const RiskListItem = z.object({
  declarationId: z.string(),
  userId: z.string(),
  fullName: z.string(),
  unitName: z.string(),
  year: z.number(),
  kind: z.enum(declarationKinds),
  assetsVnd: z.number(),
  incomeVnd: z.number(),
  increaseVnd: z.number().nullable(),
  score: z.number(),
  hits: z.array(RiskHit),
  computedAt: z.string(),
});
export const RiskQuery = z.strictObject({
  year: z.coerce.number().int().min(2020).max(2100),
  rule: z.string().max(60).optional(),
  minScore: z.coerce.number().int().min(0).max(10000).optional(),
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const RiskPage = z.object({ total: z.number(), items: z.array(RiskListItem) });

/** A person's declarations year by year, side by side, with each one's score (control agency). */
export const PersonHistory = z.object({
  userId: z.string(),
  fullName: z.string(),
  years: z.array(
    z.object({
      declarationId: z.string(),
      year: z.number(),
      kind: z.enum(declarationKinds),
      status: z.enum(declarationStatuses),
      assetsVnd: z.number(),
      incomeVnd: z.number(),
      increaseVnd: z.number().nullable(),
      groups: z.record(z.string(), z.number()),
      score: z.number().nullable(),
      hits: z.array(RiskHit),
    }),
  ),
  cases: z.array(VerificationCase),
  /**
   * The person's conflicts of interest in the register (issue 20: links to declarations), which the
   * control agency weighs beside the assets — the relatives' business interests among them.
   */
  conflicts: z.array(
    z.object({
      id: z.string(),
      situation: z.string(),
      task: z.string(),
      stage: z.string(),
      measure: z.string().nullable(),
      reportedOn: z.string(),
      unitName: z.string(),
    }),
  ),
});

/** A workplace publication of declarations: posted for 15 days, or read at a meeting (≥ 2/3 attending). */
export const PublicationCreate = z.strictObject({
  ids: z.array(uuid()).min(1).max(500),
  method: z.enum(['posting', 'meeting']),
  startedOn: isoDate(),
  place: text(300),
  attendeesCalled: z.number().int().min(1).max(10000).nullish(),
  attendeesPresent: z.number().int().min(0).max(10000).nullish(),
  questions: optionalText(4000),
});
export type PublicationCreate = z.infer<typeof PublicationCreate>;

export const Publication = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  year: z.number(),
  method: z.enum(['posting', 'meeting']),
  startedOn: z.string(),
  endsOn: z.string(),
  place: z.string(),
  attendeesCalled: z.number().nullable(),
  attendeesPresent: z.number().nullable(),
  questions: z.string().nullable(),
  declarations: z.array(
    z.object({
      id: z.string(),
      fullName: z.string(),
      positionName: z.string().nullable(),
      kind: z.enum(declarationKinds),
      submittedAt: z.string().nullable(),
    }),
  ),
});
export const PublicationListItem = z.object({
  id: z.string(),
  unitName: z.string(),
  year: z.number(),
  method: z.enum(['posting', 'meeting']),
  startedOn: z.string(),
  endsOn: z.string(),
  place: z.string(),
  declarations: z.number(),
});
