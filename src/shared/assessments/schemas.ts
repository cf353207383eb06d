import { z } from 'zod';
import { metricKinds } from '#shared/metrics.ts';
import { isoDate, optionalText, Page, pageQuery, text, uuid } from '#shared/validation.ts';

export const frameworkKinds = [
  'provincial_index',
  'unit_index',
  'head_evaluation',
  'enterprise_integrity',
] as const;
/** points: any value in [min, max]; yes_no: 0 or max; levels: one of the listed values; auto: suggested by an indicator, scored as points; deduction: points in [min, 0]. */
export const scoringMethods = ['points', 'yes_no', 'levels', 'auto', 'deduction'] as const;
export const campaignStatuses = ['draft', 'open', 'finalised', 'published'] as const;
export const assessmentStatuses = ['open', 'submitted', 'under_review', 'returned', 'finalised'] as const;

const points = () => z.number().min(-1000).max(1000).multipleOf(0.01, { message: 'field.invalid' });

export const CampaignCreate = z.strictObject({
  versionId: uuid(),
  unitId: uuid(),
  title: text(300),
  year: z.number().int().min(2000).max(2100),
  /** Assessed units: each listed unit, or with `subtrees` every active unit of the chosen kind below them. */
  unitIds: z.array(uuid()).min(1, { message: 'field.required' }).max(5000),
  subtrees: z.boolean().default(false),
  unitTypes: z.array(z.string().max(40)).max(10).default([]),
  reviewerIds: z.array(uuid()).max(50).default([]),
});
export type CampaignCreate = z.infer<typeof CampaignCreate>;

export const AnswerBody = z.strictObject({
  score: points().nullable(),
  explanation: optionalText(10_000),
  evidenceFileIds: z.array(uuid()).max(50).default([]),
});
export const ReviewBody = z.strictObject({
  score: points(),
  reason: optionalText(4000),
});
/** The reviewer's scores for many criteria, saved together (all or none). */
export const ReviewsBody = z.strictObject({
  reviews: z
    .array(z.strictObject({ criterionId: uuid(), score: points(), reason: optionalText(4000) }))
    .min(1)
    .max(500),
});
export const ReturnBody = z.strictObject({ questions: text(4000) });
export const CampaignQuery = z.strictObject({
  ...pageQuery,
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const Criterion = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  code: z.string(),
  titleVi: z.string(),
  titleEn: z.string(),
  method: z.string(),
  maxPoints: z.number(),
  minPoints: z.number(),
  levels: z.array(z.object({ label: z.string(), points: z.number() })),
  guidance: z.string().nullable(),
  evidenceRequired: z.boolean(),
  indicatorCode: z.string().nullable(),
});
export const Campaign = z.object({
  id: z.string(),
  title: z.string(),
  year: z.number(),
  status: z.enum(campaignStatuses),
  unitId: z.string(),
  unitName: z.string(),
  frameworkCode: z.string(),
  versionId: z.string(),
  selfDue: z.string().nullable(),
  assessments: z.number(),
  submitted: z.number(),
  finalised: z.number(),
});
export const CampaignPage = Page(Campaign);
export const Answer = z.object({
  criterionId: z.string(),
  selfScore: z.number().nullable(),
  explanation: z.string().nullable(),
  evidenceFileIds: z.array(z.string()),
  reviewScore: z.number().nullable(),
  reviewReason: z.string().nullable(),
  suggestion: z
    .object({
      /** Null: the records give no basis for a score (nothing was due); only the detail is shown. */
      score: z.number().nullable(),
      value: z.number().nullable(),
      detail: z.string(),
      records: z.array(z.string()),
      /** The records' numbers where they have one (VV-2026-00001), else the page says "case 1". */
      labels: z.array(z.string()).optional(),
      /** Records left out of the ratio: their deadline is still ahead. */
      pending: z.number().int().optional(),
      /** Which records those are (marked in the drill-down). */
      pendingRecords: z.array(z.string()).optional(),
      kind: z.enum(metricKinds),
    })
    .nullable(),
});
export const Assessment = z.object({
  id: z.string(),
  campaignId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  subjectName: z.string().nullable(),
  status: z.enum(assessmentStatuses),
  questions: z.string().nullable(),
  selfTotal: z.number(),
  reviewTotal: z.number().nullable(),
  answered: z.number(),
  required: z.number(),
  answers: z.array(Answer),
  criteria: z.array(Criterion),
  version: z.number(),
  campaignTitle: z.string(),
  year: z.number(),
  selfDue: z.string().nullable(),
  canAnswer: z.boolean(),
  canReview: z.boolean(),
});
export const AssessmentListItem = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignTitle: z.string(),
  year: z.number(),
  campaignStatus: z.string(),
  frameworkCode: z.string(),
  selfDue: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  subjectName: z.string().nullable(),
  status: z.enum(assessmentStatuses),
  answered: z.number(),
  selfTotal: z.number(),
  reviewTotal: z.number().nullable(),
});
export const AssessmentQuery = z.strictObject({
  campaignId: uuid().optional(),
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export const RankingRow = z.object({
  assessmentId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  subjectName: z.string().nullable(),
  /** The unit's finalised total in last year's campaign of the same framework, if any. */
  previousTotal: z.number().nullable(),
  /** Null while the unit has not submitted its self-assessment: it is not compared with the others yet. */
  rank: z.number().nullable(),
  /** The score ranked: reviewed where a reviewer scored, the unit's own elsewhere. */
  total: z.number(),
  /** Whether any criterion was scored by a reviewer (the reviewed total means something only then). */
  reviewed: z.boolean(),
  selfTotal: z.number(),
  parts: z.record(z.string(), z.number()),
  status: z.enum(assessmentStatuses),
});
export { isoDate };
