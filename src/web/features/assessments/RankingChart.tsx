import { BarChart, LineChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { formatNumber } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { chartRows, scoreSpread } from './rankingView.ts';
import type { Ranking } from './types.ts';

echarts.use([
  BarChart,
  LineChart,
  RadarChart,
  GridComponent,
  LegendComponent,
  RadarComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/**
 * Ranking bars (reviewed total beside the self total) and a radar of parts for the top units. A campaign
 * over many units draws its two ends and the spread of all scores: a bar per unit for a thousand units
 * was a chart 35,000 px tall that took the page a second to draw.
 */
export default function RankingChart({
  rows,
  partMax,
  trend,
}: {
  rows: Ranking[];
  partMax: Record<string, number>;
  trend: Array<{ year: number; average: number; best: number; worst: number }>;
}) {
  const { t, lang } = useT();
  const { top, bottom, hidden } = chartRows(rows);
  const narrow = typeof window !== 'undefined' && window.matchMedia('(max-width: 575px)').matches;
  const gap = hidden > 0 ? [null] : [];
  const shown = [...top, ...gap, ...bottom];
  const label = (r: Ranking | null) =>
    r ? `${r.rank}. ${r.unitName}` : t('ui.assess.rankingGap', { n: hidden });
  // ECharts skips a '-' value: the gap row draws no bar.
  const value = (pick: (r: Ranking) => number) => shown.map((r) => (r ? pick(r) : '-'));
  const scaleMax = Object.values(partMax).reduce((sum, v) => sum + Math.max(0, v), 0) || 100;
  const bars = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('ui.assess.reviewTotal'), t('ui.assess.selfTotal')] },
    // Names are cut to fit (the tooltip says them whole): on a phone they took the bars' width.
    grid: { left: 8, right: 24, top: 36, bottom: 24, containLabel: true },
    xAxis: { type: 'value', max: scaleMax },
    yAxis: {
      type: 'category',
      inverse: true,
      data: shown.map(label),
      axisLabel: { width: narrow ? 130 : 300, overflow: 'truncate' },
    },
    series: [
      {
        name: t('ui.assess.reviewTotal'),
        type: 'bar',
        data: value((r) => r.total),
        itemStyle: { color: '#0b5cad' },
      },
      {
        name: t('ui.assess.selfTotal'),
        type: 'bar',
        data: value((r) => r.selfTotal),
        itemStyle: { color: '#9cbfe6' },
      },
    ],
  };
  const bands = scoreSpread(rows, scaleMax);
  const spread = {
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 24, bottom: 40 },
    xAxis: {
      type: 'category',
      name: t('ui.assess.rankedScore'),
      nameLocation: 'middle',
      nameGap: 26,
      data: bands.map((b) => `${formatNumber(b.from, lang)}–${formatNumber(b.to, lang)}`),
    },
    yAxis: { type: 'value', name: t('ui.assess.unitCount'), minInterval: 1 },
    series: [
      {
        name: t('ui.assess.unitCount'),
        type: 'bar',
        data: bands.map((b) => b.units),
        itemStyle: { color: '#0b5cad' },
      },
    ],
  };
  const parts = Object.keys(partMax).filter((p) => partMax[p]! > 0);
  const radar = {
    tooltip: {},
    legend: { bottom: 0, data: top.slice(0, 5).map((r) => r.unitName) },
    radar: { indicator: parts.map((p) => ({ name: p, max: partMax[p] })) },
    series: [
      {
        type: 'radar',
        data: top.slice(0, 5).map((r) => ({ name: r.unitName, value: parts.map((p) => r.parts[p] ?? 0) })),
      },
    ],
  };
  const line = {
    tooltip: { trigger: 'axis' },
    legend: { data: [t('ui.assess.best'), t('ui.assess.average'), t('ui.assess.worst')] },
    grid: { left: 40, right: 16, top: 32, bottom: 24 },
    xAxis: { type: 'category', data: trend.map((p) => String(p.year)) },
    yAxis: { type: 'value', max: 100 },
    series: [
      {
        name: t('ui.assess.best'),
        type: 'line',
        data: trend.map((p) => p.best),
        itemStyle: { color: '#1b4d0e' },
      },
      {
        name: t('ui.assess.average'),
        type: 'line',
        data: trend.map((p) => p.average),
        itemStyle: { color: '#0b5cad' },
      },
      {
        name: t('ui.assess.worst'),
        type: 'line',
        data: trend.map((p) => p.worst),
        itemStyle: { color: '#8a1414' },
      },
    ],
  };
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
      <figure style={{ flex: '2 1 420px', margin: 0 }}>
        <figcaption>
          {hidden > 0
            ? t('ui.assess.rankingChartEnds', { ends: top.length, n: rows.length })
            : t('ui.assess.rankingChart')}
        </figcaption>
        <ReactEChartsCore
          echarts={echarts}
          option={bars}
          style={{ height: Math.max(220, shown.length * 34 + 60) }}
        />
      </figure>
      {hidden > 0 && (
        <figure style={{ flex: '1 1 300px', margin: 0 }}>
          <figcaption>{t('ui.assess.spreadChart')}</figcaption>
          <ReactEChartsCore echarts={echarts} option={spread} style={{ height: 280 }} />
        </figure>
      )}
      <figure style={{ flex: '1 1 300px', margin: 0 }}>
        <figcaption>{t('ui.assess.radarChart')}</figcaption>
        <ReactEChartsCore echarts={echarts} option={radar} style={{ height: 320 }} />
      </figure>
      {trend.length > 1 && (
        <figure style={{ flex: '1 1 300px', margin: 0 }}>
          <figcaption>{t('ui.assess.trendChart')}</figcaption>
          <ReactEChartsCore echarts={echarts} option={line} style={{ height: 280 }} />
        </figure>
      )}
    </div>
  );
}
