import type { z } from 'zod';
import type {
  InspectionDetail as InspectionDetailSchema,
  Inspection as InspectionSchema,
  PlanDetail as PlanDetailSchema,
  Plan as PlanSchema,
  RecommendationDetail as RecommendationDetailSchema,
  Recommendation as RecommendationSchema,
} from '#shared/inspections/schemas.ts';

export type Inspection = z.infer<typeof InspectionSchema>;
export type InspectionDetail = z.infer<typeof InspectionDetailSchema>;
export type Plan = z.infer<typeof PlanSchema>;
export type PlanDetail = z.infer<typeof PlanDetailSchema>;
export type Recommendation = z.infer<typeof RecommendationSchema>;
export type RecommendationDetail = z.infer<typeof RecommendationDetailSchema>;

export const inspectionTone = {
  planned: 'muted',
  decided: 'info',
  reported: 'warn',
  concluded: 'ok',
  directed: 'ok',
  cancelled: 'muted',
} as const;
export const recommendationTone = {
  open: 'warn',
  in_progress: 'info',
  reported_done: 'info',
  closed: 'ok',
  not_done: 'danger',
} as const;
