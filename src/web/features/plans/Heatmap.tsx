import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useT } from '#web/app/i18n.ts';
import { tooltipLines } from '#web/components/chartText.ts';

echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export interface HeatData {
  groups: Array<{ code: string; nameVi: string; nameEn: string }>;
  /** Each unit's mean completion per group, in the groups' order; null where it has no task of it. */
  units: Array<{ id: string; name: string; progress: Array<number | null> }>;
}

/** Units (rows) × key tasks (columns), coloured by mean completion; a table follows for screen readers. */
export default function Heatmap({ data }: { data: HeatData }) {
  const { t, lang } = useT();
  const groupNames = data.groups.map((g) => (lang === 'en' ? g.nameEn : g.nameVi));
  const values = data.units.flatMap((u, row) =>
    u.progress.flatMap((p, column) => (p === null ? [] : [[column, row, p]])),
  );
  const option = {
    tooltip: {
      formatter: (p: { value: number[] }) =>
        tooltipLines(data.units[p.value[1]!]?.name, `${groupNames[p.value[0]!]}: ${p.value[2]}%`),
    },
    grid: { left: 220, right: 24, top: 8, bottom: 110 },
    xAxis: {
      type: 'category',
      data: groupNames,
      axisLabel: { interval: 0, rotate: 30, width: 120, overflow: 'truncate' },
    },
    yAxis: {
      type: 'category',
      data: data.units.map((u) => u.name),
      axisLabel: { width: 200, overflow: 'truncate' },
    },
    visualMap: {
      min: 0,
      max: 100,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      inRange: { color: ['#b71c1c', '#f9a825', '#2e7d32'] },
      text: ['100%', '0%'],
    },
    series: [
      {
        type: 'heatmap',
        data: values,
        label: { show: true, formatter: (p: { value: number[] }) => `${p.value[2]}` },
      },
    ],
  };
  return (
    <figure style={{ margin: 0 }}>
      <figcaption className="muted">{t('ui.plans.heatmap')}</figcaption>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        style={{ height: Math.max(260, 36 * data.units.length + 140) }}
        notMerge
        aria-hidden
      />
      <div className="visually-hidden">
        <table>
          <caption>{t('ui.plans.heatmap')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ui.common.unit')}</th>
              {groupNames.map((g) => (
                <th key={g} scope="col">
                  {g}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.units.map((u) => (
              <tr key={u.id}>
                <th scope="row">{u.name}</th>
                {data.groups.map((g, i) => (
                  <td key={g.code}>{u.progress[i] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
