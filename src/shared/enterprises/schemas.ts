import { z } from 'zod';
import { optionalText, text, uuid } from '#shared/validation.ts';

export const enterpriseSizes = ['micro', 'small', 'medium', 'large'] as const;
/** Its e-mail confirmed or not, then approved or rejected by the inspectorate. */
export const enterpriseStatuses = ['unverified', 'verified', 'approved', 'rejected'] as const;

/** Vietnamese tax code: 10 digits, or 10 digits and a 3-digit branch suffix. */
export const taxCode = () =>
  z
    .string()
    .transform((s) => s.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{10}(-\d{3})?$/, { message: 'field.tax_code' }));

export const RegistrationBody = z.strictObject({
  taxCode: taxCode(),
  name: text(300),
  sector: text(200),
  size: z.enum(enterpriseSizes, { message: 'field.required' }),
  address: text(500),
  communeUnitId: uuid(),
  repName: text(200),
  repEmail: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'field.email' })),
  repPhone: optionalText(20),
});
export type RegistrationBody = z.infer<typeof RegistrationBody>;

export const Registration = z.object({
  id: z.string(),
  taxCode: z.string(),
  name: z.string(),
  sector: z.string(),
  size: z.string(),
  address: z.string(),
  communeUnitId: z.string(),
  communeName: z.string(),
  repName: z.string(),
  repEmail: z.string(),
  repPhone: z.string().nullable(),
  status: z.enum(enterpriseStatuses),
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export const RegistrationQuery = z.strictObject({
  status: z.enum(enterpriseStatuses).optional(),
});
export const RejectBody = z.strictObject({ reason: text(2000) });
export const EnterpriseUpdate = z.strictObject({
  commitment: optionalText(4000),
  listed: z.boolean(),
});
export const Enterprise = z.object({
  unitId: z.string(),
  name: z.string(),
  taxCode: z.string(),
  sector: z.string(),
  size: z.string(),
  address: z.string(),
  commitment: z.string().nullable(),
  listed: z.boolean(),
});
