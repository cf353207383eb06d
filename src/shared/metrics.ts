import { z } from 'zod';

const Label = z.object({ vi: z.string(), en: z.string() });

/** Where a metric's records open: a plan, a report, a declaration round. */
export const metricKinds = [
  'plan',
  'report',
  'declaration_round',
  'recommendation',
  'case',
  'inspection',
  'gift',
  'conflict',
  'rotation_plan',
  'outreach_event',
  'regulation_review',
  'self_inspection',
] as const;

/**
 * A named metric a module offers (issue 16 §4): a documented count over its records for a unit's subtree
 * and a year. The assessment engine's auto-indicators read them, and the statutory reports will; the web
 * app takes their names from `GET /api/metrics`.
 */
export const MetricInfo = z.object({
  code: z.string(),
  module: z.string(),
  name: Label,
  /** How a ratio result reads ("{{ratio}} tasks done on time"). */
  ratio: Label,
  /** What each non-ratio result means (no plan, issued on time …). */
  details: z.record(z.string(), Label),
  /** Where the records behind a result open. */
  kind: z.enum(metricKinds),
});
export type MetricInfo = z.infer<typeof MetricInfo>;
export const MetricList = z.array(MetricInfo);
