import { z } from 'zod';
import { isoDate, optionalText, Page, pageQuery, text, uuid, vnd } from '#shared/validation.ts';

/**
 * Outreach and education on anti-corruption law (task 3; Law Art. 6; Decree 59 Art. 17(3); issue 20):
 * events and campaigns with their audiences, attendance, materials and cost; coverage by unit.
 */
export const outreachKinds = [
  'conference',
  'training',
  'media',
  'school_programme',
  'social_media',
  'contest',
  'other',
] as const;
export const audiences = [
  'officials',
  'party_members',
  'students',
  'citizens',
  'enterprises',
  'teachers',
  'press',
] as const;

const fields = {
  unitId: uuid(),
  title: text(500),
  kind: z.enum(outreachKinds),
  startedOn: isoDate(),
  endedOn: isoDate().nullish(),
  audiences: z
    .array(z.enum(audiences))
    .min(1, { message: 'field.required' })
    .max(audiences.length)
    .transform((a) => [...new Set(a)]),
  /** Everyone who attended or was reached (a count, or the rows of an attendance sheet). */
  participants: z.number().int().min(0).max(10_000_000),
  /** Of them, the organising unit's own staff trained: the coverage figure counts these. */
  staffTrained: z.number().int().min(0).max(1_000_000).default(0),
  materials: optionalText(2000),
  /** Files of the materials and the attendance sheet (uploaded first, then named here). */
  materialFileIds: z
    .array(uuid())
    .max(20)
    .default([])
    .transform((ids) => [...new Set(ids)]),
  costVnd: vnd().default(0),
  note: optionalText(2000),
};
export const OutreachCreate = z.strictObject(fields);
export type OutreachCreate = z.infer<typeof OutreachCreate>;
export const OutreachUpdate = z.strictObject({ ...fields, version: z.number().int() });

export const OutreachEvent = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  title: z.string(),
  kind: z.enum(outreachKinds),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  audiences: z.array(z.enum(audiences)),
  participants: z.number(),
  staffTrained: z.number(),
  materials: z.string().nullable(),
  materialFileIds: z.array(z.string()),
  costVnd: z.number(),
  note: z.string().nullable(),
  version: z.number(),
  /** People on its imported attendance list; its two counts are then the list's, not typed. */
  attendees: z.number(),
});
export const OutreachQuery = z.strictObject({
  ...pageQuery,
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  kind: z.enum(outreachKinds).optional(),
  audience: z.enum(audiences).optional(),
  unitId: uuid().optional(),
  q: z.string().max(100).optional(),
});
export const OutreachPage = Page(OutreachEvent);

/** A unit's staff in a year and how many different ones were trained (from its attendance sheets). */
export const StaffCountBody = z
  .strictObject({
    unitId: uuid(),
    year: z.number().int().min(2000).max(2100),
    staff: z.number().int().min(1).max(1_000_000),
    staffTrained: z.number().int().min(0).max(1_000_000),
  })
  .refine((b) => b.staffTrained <= b.staff, {
    path: ['staffTrained'],
    message: 'field.trained_above_staff',
  });

/**
 * The year's coverage: by unit — its staff and the different staff trained as the unit states them (null:
 * not stated yet, no share), and the attendances its events counted —, by kind and by audience.
 */
export const Coverage = z.object({
  year: z.number(),
  units: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      /** The unit's own events only (organised at this level, not below it). */
      own: z.boolean(),
      staff: z.number().nullable(),
      trained: z.number().nullable(),
      share: z.number().nullable(),
      attendances: z.number(),
      events: z.number(),
      /** The reader may state this unit's figures. */
      canState: z.boolean(),
    }),
  ),
  kinds: z.array(
    z.object({
      kind: z.enum(outreachKinds),
      events: z.number(),
      participants: z.number(),
      costVnd: z.number(),
    }),
  ),
  audiences: z.array(z.object({ audience: z.enum(audiences), events: z.number(), participants: z.number() })),
});

/** An event's attendance list (from its sheet). */
export const AttendeeList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      fullName: z.string(),
      agency: z.string().nullable(),
      position: z.string().nullable(),
      staff: z.boolean(),
    }),
  ),
  total: z.number(),
});
