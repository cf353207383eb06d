import type { Ranking } from './types.ts';

/** Bars a ranking chart draws in full; beyond it, a tall chart of a thousand bars helps no one reading it. */
export const CHART_ALL_UP_TO = 40;
const ENDS = 15;

/**
 * The rows a ranking chart draws: all of them up to {@link CHART_ALL_UP_TO}, else the fifteen highest and
 * the fifteen lowest with how many lie between (`hidden`); the table beside lists every unit.
 */
export function chartRows(rows: readonly Ranking[]): { top: Ranking[]; bottom: Ranking[]; hidden: number } {
  const sorted = [...rows].sort((a, b) => b.total - a.total);
  if (sorted.length <= CHART_ALL_UP_TO) return { top: sorted, bottom: [], hidden: 0 };
  return {
    top: sorted.slice(0, ENDS),
    bottom: sorted.slice(-ENDS),
    hidden: sorted.length - 2 * ENDS,
  };
}

/**
 * How many units scored in each tenth of the scale (0–10, 10–20, …; the top score falls in the last),
 * so a campaign of a thousand units still shows its whole spread.
 */
export function scoreSpread(
  rows: readonly Ranking[],
  max = 100,
): Array<{ from: number; to: number; units: number }> {
  const width = max / 10;
  const bins = Array.from({ length: 10 }, (_, i) => ({ from: i * width, to: (i + 1) * width, units: 0 }));
  for (const r of rows) {
    const i = Math.min(9, Math.max(0, Math.floor(r.total / width)));
    bins[i]!.units += 1;
  }
  return bins;
}
