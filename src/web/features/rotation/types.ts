import type { z } from 'zod';
import type {
  Assignment as AssignmentSchema,
  DuePage as DuePageSchema,
  RotationPlanDetail as PlanDetailSchema,
  RotationPlan as PlanSchema,
  RotationPosition as PositionSchema,
} from '#shared/rotation/schemas.ts';

export type Assignment = z.infer<typeof AssignmentSchema>;
export type DuePage = z.infer<typeof DuePageSchema>;
export type DueRow = DuePage['items'][number];
export type RotationPlan = z.infer<typeof PlanSchema>;
export type RotationPlanDetail = z.infer<typeof PlanDetailSchema>;
export type RotationPosition = z.infer<typeof PositionSchema>;

export const dueTone = {
  due: 'warn',
  deferred: 'info',
  exempt: 'muted',
  planned: 'ok',
  not_due: 'muted',
} as const;
export const planTone = { draft: 'warn', issued: 'info', published: 'ok' } as const;
export const itemTone = { planned: 'info', done: 'ok', not_done: 'danger' } as const;
