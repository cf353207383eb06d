import type { z } from 'zod';
import type {
  Item as ItemSchema,
  PlanGroup,
  Plan as PlanSchema,
  ProgressReport,
} from '#shared/plans/schemas.ts';
// Responses as the API declares them (shared/plans/schemas.ts): never written twice.
export type Plan = z.infer<typeof PlanSchema>;
export type Item = z.infer<typeof ItemSchema>;
export type Report = z.infer<typeof ProgressReport>;
export type Group = z.infer<typeof PlanGroup>;
