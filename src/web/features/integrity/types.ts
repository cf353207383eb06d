import type { z } from 'zod';
import type {
  ConflictDetail as ConflictDetailSchema,
  Conflict as ConflictSchema,
  GiftDetail as GiftDetailSchema,
  Gift as GiftSchema,
  GiftSummary as GiftSummarySchema,
} from '#shared/integrity/schemas.ts';

export type Gift = z.infer<typeof GiftSchema>;
export type GiftDetail = z.infer<typeof GiftDetailSchema>;
export type GiftSummary = z.infer<typeof GiftSummarySchema>;
export type Conflict = z.infer<typeof ConflictSchema>;
export type ConflictDetail = z.infer<typeof ConflictDetailSchema>;

export const giftTone = { reported: 'warn', handed_over: 'info', handled: 'info', closed: 'muted' } as const;
export const conflictTone = {
  reported: 'warn',
  decided: 'info',
  in_force: 'info',
  ended: 'warn',
  closed: 'muted',
} as const;
