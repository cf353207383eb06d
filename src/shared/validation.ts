import { z } from 'zod';

/** Text input: trimmed, Unicode NFC (Vietnamese typed in NFD would not match searches otherwise). */
export const text = (max = 500) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1, { message: 'field.required' }).max(max));

export const optionalText = (max = 500) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().max(max))
    .transform((s) => (s === '' ? null : s))
    .nullish();

/**
 * A person's name as Vietnamese records write it: its letters are Latin (with their marks), and it holds
 * no invisible character. A look-alike letter of another script (a Cyrillic "е") or a zero-width space
 * would make another person of the same name, and with it escape the rule that nobody records their own
 * post (sec31 F4).
 */
export const personName = (max = 200) =>
  optionalText(max).refine((s) => s == null || !/(?!\p{Script=Latin})\p{L}|\p{Cf}/u.test(s), {
    message: 'field.person_name',
  });

export const uuid = () => z.uuid({ message: 'field.uuid' });
/** Whether a text is a record's id (any UUID version), e.g. among an audit event's changed values. */
export const isUuid = (v: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

export const email = () =>
  z
    .string()
    .transform((s) => s.trim().toLowerCase())
    .pipe(z.email({ message: 'field.email' }).max(254));

/**
 * A telephone number as people write it (spaces, dots, dashes, brackets): up to 15 digits, maybe a leading
 * +; at least `minDigits` (hotlines such as 1022 have four). Empty is no number.
 */
export const phone = (minDigits = 8) =>
  z
    .string()
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .max(30)
        .regex(/^\+?[\d .()-]*$/, { message: 'field.phone' }),
    )
    .refine((s) => s === '' || new RegExp(`^\\d{${minDigits},15}$`).test(s.replace(/\D/g, '')), {
      message: 'field.phone',
    })
    .transform((s) => (s === '' ? null : s));

/**
 * An amount in dong: a whole number from `min` to 10^15 (a province's whole budget fits many times). Its
 * own messages: zod's would say "required" for 1.5 and quote 2^53−1 for 10^16 (issue 15 re-test).
 */
export const vnd = (min = 0) =>
  z
    .number({ error: (i) => (i.input === undefined ? 'field.required' : 'field.vnd') })
    .min(min, { message: 'field.vnd' })
    .max(1e15, { message: 'field.vnd_too_large' })
    .int({ message: 'field.vnd' });

/** A legal date, yyyy-MM-dd. */
export const isoDate = () => z.iso.date({ message: 'field.date' });

export const IdParams = z.strictObject({ id: uuid() });

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
  requestId: z.string(),
});

export const PASSWORD_MIN = 12;
export const password = () =>
  z.string().min(PASSWORD_MIN, { message: 'field.password_policy' }).max(256, { message: 'field.too_long' });
