import { z } from 'zod';
import { isoDate, optionalText, Page, pageQuery, text, uuid } from '#shared/validation.ts';

/**
 * The corruption-risk register of a unit (task 4; Law Art. 56; issue 20; ADR 0030). The law prescribes no
 * method ([NF] in DOMAIN-2 §2.4): Liêm uses a 5 × 5 matrix — likelihood and impact each 1–5, the score their
 * product — with the levels' thresholds kept as data a province may change.
 */
export const riskStatuses = ['open', 'mitigated', 'closed'] as const;
export const riskLevels = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof riskLevels)[number];
/** The lowest score of each level (the defaults; a deployment keeps its own in `risk_levels`). */
export const defaultThresholds: Record<RiskLevel, number> = { low: 1, medium: 5, high: 10, critical: 17 };

const scale = z
  .number({ message: 'field.scale' })
  .int({ message: 'field.scale' })
  .min(1, { message: 'field.scale' })
  .max(5, { message: 'field.scale' });

const fields = {
  unitId: uuid(),
  /** The work process where it may happen (licensing, procurement, inspection…). */
  process: text(300),
  description: text(4000),
  likelihood: scale,
  impact: scale,
  owner: text(200),
  /** The controls applied and who applies them. */
  controls: optionalText(4000),
  controlOwner: optionalText(200),
  /** When the risk and its controls are next reviewed. */
  reviewBy: isoDate(),
  status: z.enum(riskStatuses).default('open'),
  /** Evidence that the controls work (procedures, minutes, checks), uploaded first and named here. */
  evidenceFileIds: z
    .array(uuid())
    .max(20)
    .default([])
    .transform((ids) => [...new Set(ids)]),
};
export const RiskCreate = z.strictObject(fields);
export type RiskCreate = z.infer<typeof RiskCreate>;
export const RiskUpdate = z.strictObject({ ...fields, note: optionalText(2000), version: z.number().int() });

export const Risk = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  process: z.string(),
  description: z.string(),
  likelihood: z.number(),
  impact: z.number(),
  score: z.number(),
  level: z.enum(riskLevels),
  owner: z.string(),
  controls: z.string().nullable(),
  controlOwner: z.string().nullable(),
  reviewBy: z.string(),
  lastReviewedOn: z.string().nullable(),
  status: z.enum(riskStatuses),
  evidenceFileIds: z.array(z.string()),
  /** Its review date has passed while it is not closed. */
  reviewDue: z.boolean(),
  version: z.number(),
});
export const RiskQuery = z.strictObject({
  ...pageQuery,
  unitId: uuid().optional(),
  level: z.enum(riskLevels).optional(),
  status: z.enum(riskStatuses).optional(),
  likelihood: z.coerce.number().int().min(1).max(5).optional(),
  impact: z.coerce.number().int().min(1).max(5).optional(),
  reviewDue: z.enum(['1']).optional(),
  q: z.string().max(100).optional(),
});
export const RiskPage = Page(Risk);

const minScore = z
  .number({ message: 'field.threshold' })
  .int({ message: 'field.threshold' })
  .min(2, { message: 'field.threshold' })
  .max(25, { message: 'field.threshold' });
/** The lowest score of each level above "low" (which starts at 1), in increasing order. */
export const ThresholdsUpdate = z.strictObject({ medium: minScore, high: minScore, critical: minScore });
export const Thresholds = z.object({
  low: z.number(),
  medium: z.number(),
  high: z.number(),
  critical: z.number(),
});

/** The heat map: open risks counted by likelihood and impact, with the thresholds that colour it. */
export const HeatMap = z.object({
  cells: z.array(z.object({ likelihood: z.number(), impact: z.number(), count: z.number() })),
  thresholds: z.object({ low: z.number(), medium: z.number(), high: z.number(), critical: z.number() }),
});
