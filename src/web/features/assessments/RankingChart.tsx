import { BarChart, LineChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useT } from '#web/app/i18n.ts';
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

/** Ranking bars (reviewed total beside the self total) and a radar of parts for the top units. */
export default function RankingChart({
  rows,
  partMax,
  trend,
}: {
  rows: Ranking[];
  partMax: Record<string, number>;
  trend: Array<{ year: number; average: number; best: number; worst: number }>;
}) {
  const { t } = useT();
  const sorted = [...rows].sort((a, b) => b.total - a.total);
  const bars = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('ui.assess.reviewTotal'), t('ui.assess.selfTotal')] },
    grid: { left: 200, right: 24, top: 36, bottom: 24 },
    xAxis: { type: 'value', max: 100 },
    yAxis: { type: 'category', inverse: true, data: sorted.map((r) => `${r.rank}. ${r.unitName}`) },
    series: [
      {
        name: t('ui.assess.reviewTotal'),
        type: 'bar',
        data: sorted.map((r) => r.total),
        itemStyle: { color: '#0b5cad' },
      },
      {
        name: t('ui.assess.selfTotal'),
        type: 'bar',
        data: sorted.map((r) => r.selfTotal),
        itemStyle: { color: '#9cbfe6' },
      },
    ],
  };
  const parts = Object.keys(partMax).filter((p) => partMax[p]! > 0);
  const radar = {
    tooltip: {},
    legend: { bottom: 0, data: sorted.slice(0, 5).map((r) => r.unitName) },
    radar: { indicator: parts.map((p) => ({ name: p, max: partMax[p] })) },
    series: [
      {
        type: 'radar',
        data: sorted.slice(0, 5).map((r) => ({ name: r.unitName, value: parts.map((p) => r.parts[p] ?? 0) })),
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
        <figcaption>{t('ui.assess.rankingChart')}</figcaption>
        <ReactEChartsCore
          echarts={echarts}
          option={bars}
          style={{ height: Math.max(220, sorted.length * 34 + 60) }}
        />
      </figure>
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
