import { z } from 'zod';

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
