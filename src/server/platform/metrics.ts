import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import type { Db } from '#server/db/client.ts';
import { type MetricInfo, MetricList } from '#shared/metrics.ts';

export interface MetricScope {
  unitId: string;
  /** The unit's materialised path: the metric counts over its subtree where it says so. */
  unitPath: string;
  year: number;
  /**
   * The day the figure is read (the deployment's clock). A record whose deadline is still ahead is not
   * yet on time or late: metrics with deadlines leave it out and say so (`pending`). Absent: the year's
   * end, when everything due in the year is counted.
   */
  today?: string;
}

export interface MetricResult {
  /**
   * 0..1: the share (or the flag) the records support; null when they give no basis for a score (nothing
   * was due, a figure not stated): no points are suggested then, and a unit with nothing to handle is
   * not marked down for it (review rev20 P5).
   */
  value: number | null;
  /** "done/total" for a share, else a code of the metric's `details`. */
  detail: string;
  /** Ids of the records behind the figure, for drill-down (where they open: the metric's `kind`). */
  records: string[];
  /** What each record is called, in the same order, where it has a number people use (a case's). */
  labels?: string[];
  /** Records left out of a ratio because their deadline is still ahead (`MetricScope.today`). */
  pending?: number;
  /** Which of `records` those are, so the drill-down marks them. */
  pendingRecords?: string[];
}

/**
 * A record's name as a suggestion's label: at most 40 characters, a cut one ending with "…" after its
 * last whole word (a word is cut only when the first 39 characters hold no break after the 20th).
 */
export function shortLabel(name: string) {
  if (name.length <= 40) return name;
  const head = name.slice(0, 40);
  const end = head.lastIndexOf(' ');
  return `${(end > 20 ? head.slice(0, end) : name.slice(0, 39)).replace(/[\s,;:.–—-]+$/u, '')}…`;
}

/** A metric: what it is (shared with the web app) and how it is counted, over the owning module's tables. */
export interface Metric extends Omit<MetricInfo, 'module'> {
  compute: (db: Db, scope: MetricScope) => Promise<MetricResult>;
}

const metrics = new Map<string, Metric & { module: string }>();

/** Called once, by `modules/index.ts`, with each module's metrics. */
export function registerMetrics(module: string, list: readonly Metric[]) {
  for (const m of list) {
    if (metrics.has(m.code) && metrics.get(m.code)!.compute !== m.compute)
      throw new Error(`metric ${m.code} twice`);
    metrics.set(m.code, { ...m, module });
  }
}

export const metric = (code: string) => metrics.get(code);

export function metricRoutes() {
  return async (app: FastifyInstance) => {
    app
      .withTypeProvider<ZodTypeProvider>()
      .get('/api/metrics', { schema: { tags: ['system'], response: { 200: MetricList } } }, () =>
        [...metrics.values()].map(({ compute: _c, ...info }) => info),
      );
  };
}
