import { describe, expect, it } from 'vitest';
import { CHART_ALL_UP_TO, chartRows, scoreSpread } from './rankingView.ts';
import type { Ranking } from './types.ts';

const unit = (i: number, total: number): Ranking => ({
  assessmentId: `a${i}`,
  unitId: `u${i}`,
  unitName: `Unit ${i}`,
  subjectName: null,
  previousTotal: null,
  rank: i + 1,
  total,
  reviewed: true,
  selfTotal: total,
  parts: {},
  status: 'finalised',
});

describe('ranking chart rows', () => {
  it('draws every unit of a small campaign, best first', () => {
    const rows = [unit(0, 50), unit(1, 90), unit(2, 70)];
    const { top, bottom, hidden } = chartRows(rows);
    expect(top.map((r) => r.total)).toEqual([90, 70, 50]);
    expect(bottom).toEqual([]);
    expect(hidden).toBe(0);
    expect(chartRows(Array.from({ length: CHART_ALL_UP_TO }, (_, i) => unit(i, i))).hidden).toBe(0);
  });

  it('draws the two ends of a large campaign and counts the units between', () => {
    const rows = Array.from({ length: 1020 }, (_, i) => unit(i, (i * 37) % 101));
    const { top, bottom, hidden } = chartRows(rows);
    expect(top).toHaveLength(15);
    expect(bottom).toHaveLength(15);
    expect(hidden).toBe(990);
    const totals = rows.map((r) => r.total).sort((a, b) => b - a);
    expect(top.map((r) => r.total)).toEqual(totals.slice(0, 15));
    expect(bottom.map((r) => r.total)).toEqual(totals.slice(-15));
  });

  it('counts every unit once in the spread of scores, the top score in the last band', () => {
    const rows = [unit(0, 0), unit(1, 9.99), unit(2, 10), unit(3, 55), unit(4, 100), unit(5, -3)];
    const bands = scoreSpread(rows);
    expect(bands).toHaveLength(10);
    expect(bands.map((b) => b.units)).toEqual([3, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(bands.reduce((s, b) => s + b.units, 0)).toBe(rows.length);
    expect(scoreSpread([unit(0, 45)], 50).map((b) => b.units)[9]).toBe(1);
  });
});
