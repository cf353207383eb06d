import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea, createdAt, id, tstz, updatedAt } from '#server/db/columns.ts';
import { units } from '#server/modules/org/tables.ts';
import { users } from '#server/modules/users/tables.ts';
import type { Summary } from '#shared/declarations/content.ts';

/**
 * The legal parameters of asset and income control as dated data (DOMAIN-2 §1): thresholds in VND and the
 * leadership level that declares, each version with its source and effective period, so a declaration is
 * judged by the rules in force on its date (Law 132/2025 changes them on 01/07/2026).
 */
export const declarationParameters = pgTable(
  'declaration_parameters',
  {
    id: id(),
    code: text('code').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    /** An amount in VND, or else a coded value (a position level). */
    amountVnd: bigint('amount_vnd', { mode: 'number' }),
    value: text('value'),
    legalSource: text('legal_source').notNull(),
    /** How the fact is known: primary text read in full, or secondary (news, law firms) until confirmed. */
    evidence: text('evidence').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveTo: date('effective_to', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('declaration_parameters_code_from_idx').on(t.code, t.effectiveFrom),
    check('declaration_parameters_value_check', sql`(${t.amountVnd} is null) <> (${t.value} is null)`),
    check('declaration_parameters_evidence_check', sql`${t.evidence} in ('primary', 'secondary')`),
  ],
);

/**
 * A yearly round of annual declarations opened by the control agency over its subtree: the dates the
 * province's plan sets (rosters sent up, declarations made, handed over). One per control unit and year.
 */
export const declarationRounds = pgTable(
  'declaration_rounds',
  {
    id: id(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    year: integer('year').notNull(),
    rosterDueOn: date('roster_due_on', { mode: 'string' }).notNull(),
    declareDueOn: date('declare_due_on', { mode: 'string' }).notNull(),
    handoverDueOn: date('handover_due_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('open'),
    openedBy: uuid('opened_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('declaration_rounds_unit_year_idx').on(t.unitId, t.year),
    check('declaration_rounds_status_check', sql`${t.status} in ('open', 'closed')`),
  ],
);

/**
 * Who must declare in a round, with why: derived from positions and the parameters in force (a position
 * whose title or sector declares yearly, or a leadership level at or above the parameter's), or added by
 * the unit's officer; a person taken off keeps their row with the recorded reason.
 */
export const declarationRoster = pgTable(
  'declaration_roster',
  {
    id: id(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => declarationRounds.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    positionName: text('position_name'),
    note: text('note'),
    removedReason: text('removed_reason'),
    changedBy: uuid('changed_by').references(() => users.id),
    /** The two written reminders before a sanction (Decree 130 Art. 20(2)): date and document number. */
    firstReminderOn: date('first_reminder_on', { mode: 'string' }),
    firstReminderRef: text('first_reminder_ref'),
    secondReminderOn: date('second_reminder_on', { mode: 'string' }),
    secondReminderRef: text('second_reminder_ref'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('declaration_roster_round_user_idx').on(t.roundId, t.userId),
    index('declaration_roster_unit_idx').on(t.unitId, t.roundId),
    // A person's rounds (late and missing declarations, read by the risk rules for every declaration).
    index('declaration_roster_user_idx').on(t.userId),
    check(
      'declaration_roster_reason_check',
      sql`${t.reason} in ('position_duty', 'leadership_level', 'added')`,
    ),
  ],
);

/** A unit's roster sent up to the control agency (Law Art. 37): when, by whom, how many names. */
export const declarationRosterSends = pgTable(
  'declaration_roster_sends',
  {
    roundId: uuid('round_id')
      .notNull()
      .references(() => declarationRounds.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    sentAt: tstz('sent_at').notNull(),
    sentBy: uuid('sent_by').references(() => users.id),
    declarants: integer('declarants').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.unitId] })],
);

/**
 * A workplace publication of declarations (Decree 130/2020 Arts. 11–12): posted for 15 days at a place,
 * or read at a meeting attended by at least two thirds of those called, with the questions asked and the
 * explanations given; the list and the minutes are generated from it.
 */
export const declarationPublications = pgTable(
  'declaration_publications',
  {
    id: id(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    year: integer('year').notNull(),
    method: text('method').notNull(),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    /** Posting: the last day of the 15 (clock `declaration.posting_period`); a meeting: its day. */
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    place: text('place').notNull(),
    attendeesCalled: integer('attendees_called'),
    attendeesPresent: integer('attendees_present'),
    questions: text('questions'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('declaration_publications_method_check', sql`${t.method} in ('posting', 'meeting')`),
    check(
      'declaration_publications_meeting_check',
      sql`${t.method} = 'posting' or (${t.attendeesPresent} * 3 >= ${t.attendeesCalled} * 2 and ${t.attendeesPresent} <= ${t.attendeesCalled})`,
    ),
  ],
);

/**
 * One declaration. Its content (names, ID numbers, addresses, every asset) is sealed at rest under the
 * server key (`content`); the totals the risk rules and lists need are kept beside it in clear numbers.
 */
export const declarations = pgTable(
  'declarations',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** The declarant's unit when the declaration was made: its officer receives it. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    roundId: uuid('round_id').references(() => declarationRounds.id),
    year: integer('year').notNull(),
    kind: text('kind').notNull(),
    formCode: text('form_code').notNull(),
    status: text('status').notNull().default('draft'),
    /** `paper`: given on paper and entered by the unit's organising officer (`enteredBy`). */
    channel: text('channel').notNull().default('electronic'),
    enteredBy: uuid('entered_by').references(() => users.id),
    /** The date the declaration is judged by (its parameters): the day it was completed, else today. */
    declaredOn: date('declared_on', { mode: 'string' }).notNull(),
    previousId: uuid('previous_id').references((): AnyPgColumn => declarations.id),
    content: text('content').notNull(),
    summary: jsonb('summary').$type<Summary>().notNull(),
    assetsVnd: bigint('assets_vnd', { mode: 'number' }).notNull().default(0),
    incomeVnd: bigint('income_vnd', { mode: 'number' }).notNull().default(0),
    increaseVnd: bigint('increase_vnd', { mode: 'number' }),
    submittedAt: tstz('submitted_at'),
    returnedAt: tstz('returned_at'),
    returnReason: text('return_reason'),
    correctionDueOn: date('correction_due_on', { mode: 'string' }),
    acceptedAt: tstz('accepted_at'),
    acceptedBy: uuid('accepted_by').references(() => users.id),
    handoverDueOn: date('handover_due_on', { mode: 'string' }),
    handedOverAt: tstz('handed_over_at'),
    handedOverBy: uuid('handed_over_by').references(() => users.id),
    publicationDueOn: date('publication_due_on', { mode: 'string' }),
    publicationId: uuid('publication_id').references(() => declarationPublications.id),
    receivedByControlAt: tstz('received_by_control_at'),
    receivedByControlBy: uuid('received_by_control_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // A second declaration of the same kind for the same year is refused (with a link to the first).
    uniqueIndex('declarations_user_kind_year_idx').on(t.userId, t.kind, t.year),
    index('declarations_unit_idx').on(t.unitId, t.year),
    index('declarations_round_idx').on(t.roundId),
    // A person's declaration in a round and when it came (the risk rules' late rounds, read from the index
    // alone): never the whole round's entries.
    index('declarations_user_round_idx').on(t.userId, t.roundId, t.submittedAt),
    check(
      'declarations_kind_check',
      sql`${t.kind} in ('first_time', 'annual', 'supplementary', 'personnel')`,
    ),
    check('declarations_channel_check', sql`${t.channel} in ('electronic', 'paper')`),
    check(
      'declarations_status_check',
      sql`${t.status} in ('draft', 'submitted', 'returned', 'accepted', 'handed_over')`,
    ),
  ],
);

/**
 * The control agency's yearly verification plan and its public lottery (Decree 130 Arts. 14–16): the
 * candidates are the annual declarants of the year before, exclusions recorded with their reasons; at
 * commit the inputs are frozen and their hash published with the hash of a secret seed; at the draw the
 * witnesses' numbers and the seed decide the selection, which anyone can recompute (ADR 0025).
 */
export const verificationPlans = pgTable(
  'verification_plans',
  {
    id: id(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /** The year of the plan (verifying the declarations of the year before). */
    year: integer('year').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    drawDueOn: date('draw_due_on', { mode: 'string' }).notNull(),
    unitSharePercent: integer('unit_share_percent').notNull(),
    personSharePercent: integer('person_share_percent').notNull(),
    status: text('status').notNull().default('draft'),
    /** The secret seed, sealed under the server key until the draw reveals it. */
    seed: text('seed'),
    seedHash: text('seed_hash'),
    /** The published inputs (candidates per unit, shares, seed hash) frozen at commit, and their hash. */
    inputs: jsonb('inputs'),
    commitment: text('commitment'),
    committedAt: tstz('committed_at'),
    witnesses: jsonb('witnesses').$type<Array<{ name: string; organisation: string; value: string }>>(),
    result: jsonb('result'),
    minutesRef: text('minutes_ref'),
    drawnAt: tstz('drawn_at'),
    drawnBy: uuid('drawn_by').references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('verification_plans_unit_year_idx').on(t.unitId, t.year),
    check('verification_plans_status_check', sql`${t.status} in ('draft', 'committed', 'drawn')`),
    check(
      'verification_plans_share_check',
      sql`${t.unitSharePercent} between 1 and 100 and ${t.personSharePercent} between 1 and 100`,
    ),
  ],
);

/** A person the lottery may draw (or excluded from it, with the reason Decree 130 Art. 16 gives). */
export const verificationCandidates = pgTable(
  'verification_candidates',
  {
    id: id(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => verificationPlans.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    declarationId: uuid('declaration_id').references(() => declarations.id),
    positionName: text('position_name'),
    leader: boolean('leader').notNull().default(false),
    excludedReason: text('excluded_reason'),
    excludedNote: text('excluded_note'),
    selected: boolean('selected').notNull().default(false),
  },
  (t) => [
    uniqueIndex('verification_candidates_plan_user_idx').on(t.planId, t.userId),
    check(
      'verification_candidates_excluded_check',
      sql`${t.excludedReason} is null or ${t.excludedReason} in ('no_declaration', 'verified_recently', 'investigation', 'illness', 'abroad', 'other')`,
    ),
    // Whoever can be drawn has a declaration to verify.
    check(
      'verification_candidates_declaration_check',
      sql`${t.excludedReason} is not null or ${t.declarationId} is not null`,
    ),
  ],
);

/**
 * A verification of a person's declaration (Law Arts. 41–50), opened on a legal ground: the lottery, signs
 * of dishonesty, an unexplained increase, a denunciation or a competent body's request; each step's due
 * date comes from the clock engine.
 */
export const verificationCases = pgTable(
  'verification_cases',
  {
    id: id(),
    /** The control agency conducting it. */
    controlUnitId: uuid('control_unit_id')
      .notNull()
      .references(() => units.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    declarationId: uuid('declaration_id')
      .notNull()
      .references(() => declarations.id),
    ground: text('ground').notNull(),
    planId: uuid('plan_id').references(() => verificationPlans.id),
    groundNote: text('ground_note'),
    groundKnownOn: date('ground_known_on', { mode: 'string' }).notNull(),
    decisionDueOn: date('decision_due_on', { mode: 'string' }).notNull(),
    decidedOn: date('decided_on', { mode: 'string' }),
    decisionRef: text('decision_ref'),
    team: jsonb('team').$type<Array<{ userId: string; lead: boolean }>>(),
    reportDueOn: date('report_due_on', { mode: 'string' }),
    reportExtended: boolean('report_extended').notNull().default(false),
    reportedOn: date('reported_on', { mode: 'string' }),
    conclusionDueOn: date('conclusion_due_on', { mode: 'string' }),
    conclusionExtended: boolean('conclusion_extended').notNull().default(false),
    concludedOn: date('concluded_on', { mode: 'string' }),
    conclusion: text('conclusion'),
    conclusionNote: text('conclusion_note'),
    sanction: text('sanction'),
    sanctionOutcome: text('sanction_outcome'),
    sanctionDecidedOn: date('sanction_decided_on', { mode: 'string' }),
    sanctionDecisionRef: text('sanction_decision_ref'),
    publicationDueOn: date('publication_due_on', { mode: 'string' }),
    publishedOn: date('published_on', { mode: 'string' }),
    publishedWhere: text('published_where'),
    status: text('status').notNull().default('opened'),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('verification_cases_user_idx').on(t.userId, t.decidedOn),
    index('verification_cases_control_idx').on(t.controlUnitId, t.status),
    check(
      'verification_cases_ground_check',
      sql`${t.ground} in ('lottery', 'dishonesty', 'unexplained_increase', 'denunciation', 'request')`,
    ),
    check(
      'verification_cases_status_check',
      sql`${t.status} in ('opened', 'decided', 'reported', 'concluded', 'published')`,
    ),
  ],
);

/**
 * The risk rules over declarations as data (issue 18 §7): each with its source, weight, threshold and a
 * plain-language explanation whose {placeholders} are the numbers behind a hit. The formulas are code
 * keyed by `code` (shared/declarations/risk.ts); what can be tuned without a release is here.
 */
export const riskRules = pgTable(
  'risk_rules',
  {
    code: text('code').primaryKey(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    explanationVi: text('explanation_vi').notNull(),
    explanationEn: text('explanation_en').notNull(),
    source: text('source').notNull(),
    weight: integer('weight').notNull(),
    /** The rule's threshold: a ratio, a count or years (amounts in VND come from the dated parameters). */
    threshold: integer('threshold'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    updatedAt: updatedAt(),
  },
  (t) => [check('risk_rules_weight_check', sql`${t.weight} between 0 and 100`)],
);

/**
 * What the risk rules read of a declaration handed over, taken once from its summary and its previous
 * one's (both fixed from then on): a narrow row, so ranking a national year reads ~100 bytes a declaration
 * rather than the declarations' rows with their sealed contents (issue 18: 1.5 million in under a minute).
 */
export const declarationFeatures = pgTable(
  'declaration_features',
  {
    declarationId: uuid('declaration_id')
      .primaryKey()
      .references(() => declarations.id),
    userId: uuid('user_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    year: integer('year').notNull(),
    declaredOn: date('declared_on').notNull(),
    increaseVnd: doublePrecision('increase_vnd'),
    incomeVnd: doublePrecision('income_vnd').notNull(),
    moneyVnd: doublePrecision('money_vnd').notNull(),
    giftsVnd: doublePrecision('gifts_vnd').notNull(),
    /** Null: no previous declaration to compare with. */
    newUnvalued: integer('new_unvalued'),
    detachedHouses: integer('detached_houses').notNull(),
    residentialLand: integer('residential_land').notNull(),
    abroadItems: integer('abroad_items').notNull(),
    abroadVnd: doublePrecision('abroad_vnd').notNull(),
    registeredToOthers: integer('registered_to_others').notNull(),
    /** Null unless both declarations say whose each asset is. */
    familyChangeVnd: doublePrecision('family_change_vnd'),
    ownChangeVnd: doublePrecision('own_change_vnd').notNull(),
  },
  (t) => [index('declaration_features_year_unit_idx').on(t.year, t.unitId)],
);

/** A declaration's risk score and the rules it triggered with the numbers behind each (recomputable). */
export const declarationRisks = pgTable(
  'declaration_risks',
  {
    declarationId: uuid('declaration_id')
      .primaryKey()
      .references(() => declarations.id),
    /** The declaration's year and unit, kept here so a year's list is counted and ordered on this table. */
    year: integer('year').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    score: integer('score').notNull(),
    hits: jsonb('hits')
      .$type<Array<{ rule: string; weight: number; values: Record<string, number> }>>()
      .notNull(),
    computedAt: tstz('computed_at').notNull(),
  },
  (t) => [
    index('declaration_risks_year_score_idx').on(t.year, t.score.desc(), t.declarationId),
    index('declaration_risks_year_unit_idx').on(t.year, t.unitId),
  ],
);

/**
 * The declarant's signed copy of their declaration (the printed form, signed on every page), scanned:
 * sealed under the server key like the content, bound to the declaration (ADR 0024). One per declaration;
 * a new upload replaces it.
 */
export const declarationScans = pgTable('declaration_scans', {
  declarationId: uuid('declaration_id')
    .primaryKey()
    .references(() => declarations.id),
  name: text('name').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  uploadedBy: uuid('uploaded_by')
    .notNull()
    .references(() => users.id),
  uploadedAt: tstz('uploaded_at').notNull(),
});

/**
 * What a verification team asks, once the verification is decided (Law Art. 44; Decree 130 Arts. 7–8):
 * information from a third party (a bank, a land registry, another agency: 5 working days, 15 when
 * complex, on the clock engine's rule) or an explanation from the person verified (by the date the team
 * sets). The answer is recorded with its date and a note; the documents stay in the case file.
 */
export const verificationRequests = pgTable(
  'verification_requests',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => verificationCases.id),
    kind: text('kind').notNull(),
    /** Who is asked: the body's name (information), or the person verified (explanation). */
    addressee: text('addressee').notNull(),
    subject: text('subject').notNull(),
    documentRef: text('document_ref'),
    sentOn: date('sent_on', { mode: 'string' }).notNull(),
    complex: boolean('complex').notNull().default(false),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    answeredOn: date('answered_on', { mode: 'string' }),
    answerNote: text('answer_note'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('verification_requests_case_idx').on(t.caseId),
    check('verification_requests_kind_check', sql`${t.kind} in ('information', 'explanation')`),
  ],
);
