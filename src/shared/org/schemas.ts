import { z } from 'zod';
import { email, isoDate, optionalText, Page, pageQuery, phone, text, uuid } from '#shared/validation.ts';

/**
 * Kinds of unit. Local government has two levels since 01/07/2025 (Resolution 202/2025/QH15): the
 * province level — provinces (tỉnh) and centrally-run cities (thành phố trực thuộc trung ương) — and the
 * commune level — communes (xã), wards (phường) and special zones (đặc khu). Districts are kept for
 * records from before the reform.
 */
export const unitTypes = [
  'national',
  'province',
  'city',
  'department',
  'commune',
  'ward',
  'special_zone',
  'district',
  'sub_unit',
  'enterprise',
] as const;
export type UnitType = (typeof unitTypes)[number];
export const provinceLevel: readonly UnitType[] = ['province', 'city'];
export const communeLevel: readonly UnitType[] = ['commune', 'ward', 'special_zone'];
/**
 * How files spell the types, beside their labels: English datasets (`ward`, `city`, `special zone`),
 * Vietnamese words without their level (`thành phố`, `phường`), abbreviations.
 */
export const unitTypeSpellings: Record<UnitType, readonly string[]> = {
  national: ['trung ương', 'central', 'national', 'bộ', 'ministry'],
  province: ['tỉnh', 'province'],
  city: [
    'thành phố',
    'tp',
    'thành phố trung ương',
    'thành phố trực thuộc trung ương',
    'city',
    'municipality',
    'centrally-run city',
  ],
  department: ['sở', 'ban', 'ngành', 'department', 'agency'],
  commune: ['xã', 'commune'],
  ward: ['phường', 'ward'],
  special_zone: ['đặc khu', 'special zone', 'special administrative zone', 'special_zone'],
  district: ['huyện', 'quận', 'thị xã', 'district'],
  sub_unit: ['đơn vị trực thuộc', 'phòng', 'sub-unit', 'subunit'],
  enterprise: ['doanh nghiệp', 'doanh nghiệp nhà nước', 'enterprise', 'soe'],
};
export const unitStatuses = ['active', 'dissolved', 'archived'] as const;

/**
 * A unit's name: no "›" nor a look-alike, which lists show between a unit's ancestors — a name holding it
 * could pass for a whole line of units where a move is approved (re-test sec22b N5).
 */
export const unitName = () =>
  // One line, and none of the arrows that could stand for "›" (re-test sec22c C8: ❯ 〉 ⟩ »).
  text(300).pipe(z.string().refine((s) => !/[\n\r\t›‹❯〉⟩»]/.test(s), 'field.invalid'));

export const unitCode = () =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(1, { message: 'field.required' })
        .max(64)
        .regex(/^[\p{L}\p{N}._-]+$/u, { message: 'field.invalid' }),
    );

export const UnitCreate = z.strictObject({
  code: unitCode(),
  name: unitName(),
  shortName: optionalText(100),
  type: z.enum(unitTypes),
  parentId: uuid().nullable(),
  validFrom: isoDate().nullish(),
  validTo: isoDate().nullish(),
});
export type UnitCreate = z.infer<typeof UnitCreate>;

export const UnitUpdate = z.strictObject({
  code: unitCode().optional(),
  name: unitName().optional(),
  shortName: optionalText(100),
  type: z.enum(unitTypes).optional(),
  validFrom: isoDate().nullish(),
  validTo: isoDate().nullish(),
  /** Optimistic concurrency: the version the user edited. */
  version: z.number().int().min(1),
});
export type UnitUpdate = z.infer<typeof UnitUpdate>;

export const UnitMove = z.strictObject({ parentId: uuid(), version: z.number().int().min(1) });

export const UnitMerge = z.strictObject({
  /** Units that cease to exist and are succeeded by `successorId`. */
  predecessorIds: z.array(uuid()).min(1).max(100),
  successorId: uuid(),
  effectiveDate: isoDate(),
  note: optionalText(1000),
});

export const UnitSplit = z.strictObject({
  successorIds: z.array(uuid()).min(1, { message: 'field.successors_required' }).max(100),
  effectiveDate: isoDate(),
  note: optionalText(1000),
});

export const UnitArchive = z.strictObject({
  effectiveDate: isoDate().optional(),
  version: z.number().int().min(1),
});

export const UnitQuery = z.strictObject({
  ...pageQuery,
  q: z.string().max(200).optional(),
  parentId: uuid().optional(),
  /** Restrict to the subtree of this unit. */
  within: uuid().optional(),
  type: z.enum(unitTypes).optional(),
  status: z.enum(unitStatuses).optional(),
  sort: z.enum(['name', '-name', 'code', '-code', 'path', 'updatedAt', '-updatedAt']).default('path'),
});
export type UnitQuery = z.infer<typeof UnitQuery>;

export const UnitLink = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  effectiveDate: z.string(),
});

export const Unit = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  type: z.string(),
  parentId: z.string().nullable(),
  path: z.string(),
  depth: z.number(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  status: z.enum(unitStatuses),
  version: z.number(),
  childCount: z.number().optional(),
});
export const UnitDetail = Unit.extend({
  ancestors: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  successors: z.array(UnitLink),
  predecessors: z.array(UnitLink),
});
export const UnitPage = Page(Unit);
/** A move asked by one administrator, waiting for a second (ADR 0031). */
export const UnitMoveRequest = z.object({
  id: z.string(),
  unitId: z.string(),
  fromParentId: z.string().nullable(),
  toParentId: z.string(),
  /** The new type, when the request makes the unit a team or no longer one (else null). */
  toType: z.enum(unitTypes).nullable(),
  status: z.enum(['pending', 'approved', 'rejected', 'cancelled']),
  createdAt: z.string(),
});
export const UnitMoveResult = z.object({ unit: Unit, move: UnitMoveRequest.nullable() });
export const PendingUnitMove = UnitMoveRequest.extend({
  unitName: z.string(),
  unitCode: z.string(),
  unitType: z.enum(unitTypes),
  fromName: z.string().nullable(),
  toName: z.string(),
  toCode: z.string(),
  /** The new parent's whole line, names with codes, from the root. */
  toLineage: z.string(),
  /** The unit's own whole line (where it sits now), as asked. */
  unitLineage: z.string(),
  /** A name or code on either line changed since it was asked: it can no longer be approved. */
  changed: z.boolean(),
  requestedByName: z.string(),
  mine: z.boolean(),
  canDecide: z.boolean(),
});
export const UnitMoveDecision = z.strictObject({ decision: z.enum(['approve', 'reject', 'cancel']) });

/**
 * How citizens reach a receiving body other than through Liêm: its address, hotline and e-mail, and where
 * and when it receives citizens (Law on Citizen Reception Art. 24(2) has these posted on its website).
 */
export const UnitContactUpdate = z.strictObject({
  address: optionalText(300),
  phone: phone(3).nullish(),
  email: z
    .union([z.literal(''), email()])
    .transform((s) => s || null)
    .nullish(),
  receptionPlace: optionalText(300),
  receptionHours: optionalText(500),
  headReceptionSchedule: optionalText(1000),
  remoteArea: z.boolean().optional(),
  version: z.number().int().min(0),
});
export type UnitContactUpdate = z.infer<typeof UnitContactUpdate>;

export const UnitContact = z.object({
  unitId: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  receptionPlace: z.string().nullable(),
  receptionHours: z.string().nullable(),
  headReceptionSchedule: z.string().nullable(),
  /** A remote area: complaints resolved there run on the longer clocks. */
  remoteArea: z.boolean(),
  /** 0 until the contact is first saved. */
  version: z.number(),
  updatedAt: z.string().nullable(),
});
export type UnitContact = z.infer<typeof UnitContact>;

/**
 * Leadership levels of a position, highest first. Whether a level declares its assets yearly is a legal
 * parameter (`leadership_level`: deputy head of division and above today; a 2026 decree may raise it).
 */
export const leadershipLevels = [
  'head_of_agency',
  'deputy_head_of_agency',
  'head_of_division',
  'deputy_head_of_division',
] as const;
export type LeadershipLevel = (typeof leadershipLevels)[number];

export const PositionCreate = z.strictObject({
  name: text(200),
  isLeadership: z.boolean().default(false),
  leadershipLevel: z.enum(leadershipLevels).nullish(),
  declarationDuty: z.boolean().default(false),
});
export const PositionUpdate = z.strictObject({
  name: text(200).optional(),
  isLeadership: z.boolean().optional(),
  leadershipLevel: z.enum(leadershipLevels).nullish(),
  declarationDuty: z.boolean().optional(),
  archived: z.boolean().optional(),
});
export const Position = z.object({
  id: z.string(),
  unitId: z.string(),
  name: z.string(),
  isLeadership: z.boolean(),
  leadershipLevel: z.enum(leadershipLevels).nullable(),
  declarationDuty: z.boolean(),
  archived: z.boolean(),
});
