import { z } from 'zod';
import { isoDate, text } from '#shared/validation.ts';

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

/** Positions a leadership-level parameter may name. */
export const leadershipLevels = ['deputy_head_of_division', 'head_of_division'] as const;

/** A new version of a parameter from a date (a new law or decree): the version before it ends the day before. */
export const ParameterVersionBody = z.strictObject({
  code: z.string().trim().min(1).max(60),
  amountVnd: z.number().int().min(0).max(1e15).nullish(),
  value: z.enum(leadershipLevels).nullish(),
  legalSource: text(500),
  evidence: z.enum(['primary', 'secondary']),
  effectiveFrom: isoDate(),
});
