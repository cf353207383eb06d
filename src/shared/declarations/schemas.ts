import { z } from 'zod';
import { leadershipLevels } from '#shared/org/schemas.ts';
import { isoDate, optionalText, text, uuid } from '#shared/validation.ts';
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
  amountVnd: z.number().int().min(0).max(1e15).nullish(),
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
});

export const MyDeclarations = z.object({
  owed: z.array(z.object({ roundId: z.string(), year: z.number(), dueOn: z.string() })),
  declarations: z.array(DeclarationListItem),
});

export const DeclarationSave = z.strictObject({ content: DeclarationContent, version: z.number().int() });
export const DeclarationVersion = z.strictObject({ version: z.number().int() });
export const ReturnBody = z.strictObject({ reason: text(2000) });
export const IdsBody = z.strictObject({ ids: z.array(uuid()).min(1).max(500) });
export const ReceivedQuery = z.strictObject({
  roundId: uuid().optional(),
  status: z.enum(declarationStatuses).optional(),
  year: z.coerce.number().int().min(2020).max(2100).optional(),
});
