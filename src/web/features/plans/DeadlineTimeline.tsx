import { ScatterChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { formatDate } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { tooltipLines } from '#web/components/chartText.ts';

echarts.use([ScatterChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

export interface TimelinePoint {
  deadline: string;
  content: string;
  unitName: string;
  state: string;
  groupCode: string;
}

const colours: Record<string, string> = { overdue: '#b71c1c', at_risk: '#e65100', on_time: '#2e7d32' };

/**
 * Deadlines on a time axis, one row per key task, coloured by state, with today marked. The table
 * beside it carries the same tasks for keyboard and screen-reader users, so the chart is decorative.
 */
export default function DeadlineTimeline({
  points,
  groups,
  today,
}: {
  points: TimelinePoint[];
  groups: Array<{ code: string; name: string }>;
  today: string;
}) {
  const { t } = useT();
  const series = Object.keys(colours).map((state) => ({
    name: t(`ui.clockState.${state}` as 'ui.clockState.overdue'),
    type: 'scatter',
    symbolSize: 11,
    itemStyle: { color: colours[state] },
    data: points
      .filter((p) => p.state === state)
      .map((p) => [p.deadline, groups.findIndex((g) => g.code === p.groupCode), p.content, p.unitName]),
    markLine:
      state === 'on_time'
        ? {
            symbol: 'none',
            label: { formatter: formatDate(today) },
            lineStyle: { color: '#0b3d6e', type: 'dashed' },
            data: [{ xAxis: today }],
          }
        : undefined,
  }));
  const option = {
    tooltip: {
      formatter: (p: { value: [string, number, string, string] }) =>
        tooltipLines(formatDate(p.value[0]), p.value[2], p.value[3]),
    },
    grid: { left: 240, right: 24, top: 16, bottom: 40 },
    xAxis: {
      type: 'time',
      axisLabel: { formatter: (v: number) => formatDate(new Date(v).toISOString().slice(0, 10)) },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: groups.map((g) => g.name),
      axisLabel: { width: 220, overflow: 'truncate' },
    },
    series,
  };
  return (
    <figure style={{ margin: '0 0 16px' }}>
      <figcaption className="muted">{t('ui.plans.timeline')}</figcaption>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        style={{ height: 60 + 40 * groups.length }}
        notMerge
        aria-hidden
      />
    </figure>
  );
}
