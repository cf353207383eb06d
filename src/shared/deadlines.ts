import { z } from 'zod';
import { openClockStates } from './clocks/due.ts';
import { roles } from './permissions.ts';

/**
 * One open item someone must act on, from any module, in one vocabulary: what it is (`kind`, a label key
 * `deadline.<kind>`), its own words (`title`), where (`unitName`), by when (`dueOn`, null when no date
 * applies, e.g. a request awaiting a decision) and how that date stands (`state`).
 */
export const deadlineKinds = [
  'plan_task',
  'plan_issue',
  'assessment_self',
  'assessment_review',
  'report_clock',
  'report_triage',
  'identity_request',
  'grant_approval',
  'key_activation',
  'unit_move',
  'calendar_year',
  'declaration_due',
  'declaration_correction',
  'declaration_receipt',
  'declaration_handover',
  'declaration_publication',
  'declaration_roster',
  'verification_plan',
  'verification_draw',
  'verification_step',
  'verification_request',
  'declaration_acknowledge',
  'inspection_step',
  'recommendation_due',
  'case_due',
  'referral_answer',
  'gift_step',
  'gift_hand_over',
  'conflict_step',
  'rotation_plan',
  'risk_review',
  'self_inspection',
] as const;
export type DeadlineKind = (typeof deadlineKinds)[number];

export const Deadline = z.object({
  kind: z.enum(deadlineKinds),
  id: z.string(),
  title: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  dueOn: z.string().nullable(),
  state: z.enum(openClockStates).nullable(),
  /** A role the item is about (a grant to approve), shown with its label. */
  role: z.enum(roles).optional(),
  /** Path in the staff app (without the /app prefix). */
  link: z.string(),
  /** False when the working-day calendar has no holidays for the due date's year: the date may move. */
  calendarKnown: z.boolean().optional(),
});
export type Deadline = z.infer<typeof Deadline>;

export const DeadlinePage = z.object({
  items: z.array(Deadline),
  /** Open items over all kinds, beyond those listed. */
  total: z.number().int(),
});

export const DeadlineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
