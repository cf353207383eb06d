import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Table, Tag } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Link, useParams } from 'react-router';
import type { z } from 'zod';
import { currentForm } from '#shared/declarations/form.ts';
import type { PersonHistory } from '#shared/declarations/schemas.ts';
import { get } from '#web/app/api.ts';
import { formatDate, formatVnd } from '#web/app/format.ts';
import { labelOf, useT } from '#web/app/i18n.ts';
import { PageHeader, QueryState } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { HitText, useRiskRules } from './Verification.tsx';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type History = z.infer<typeof PersonHistory>;

/**
 * A declarant's years side by side for the control agency: assets by group as stacked bars, income as a
 * line, each year's score and reasons, and their verifications.
 */
export default function HistoryPage() {
  const { id } = useParams();
  const { t, lang } = useT();
  const rules = useRiskRules();
  const history = useQuery({
    queryKey: ['declarant-history', id],
    queryFn: () => get<History>(`/declarants/${id}/history`),
  });
  const h = history.data;
  const label = (year: History['years'][number]) =>
    `${year.year}${year.kind === 'annual' ? '' : ` (${t(`ui.decl.kind.${year.kind}`)})`}`;
  const groups = currentForm.groups.filter((g) => h?.years.some((y) => (y.groups[g.code] ?? 0) > 0));
  const billions = (v: number) => Math.round(v / 1e6) / 1e3;
  const chart = h && {
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number) =>
        `${v.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')} ${t('ui.ver.billionVnd')}`,
    },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 56, right: 16, top: 36, bottom: 64 },
    xAxis: { type: 'category', data: h.years.map(label) },
    yAxis: { type: 'value', name: t('ui.ver.billionVnd') },
    series: [
      ...groups.map((g) => ({
        name: g.label[lang],
        type: 'bar',
        stack: 'assets',
        data: h.years.map((y) => billions(y.groups[g.code] ?? 0)),
      })),
      {
        name: t('ui.decl.income'),
        type: 'line',
        data: h.years.map((y) => billions(y.incomeVnd)),
        lineStyle: { width: 3 },
      },
    ],
  };
  return (
    <>
      <Breadcrumb
        items={[
          { title: <Link to="/declarations">{t('ui.nav.declarations')}</Link> },
          { title: <Link to="/declarations?tab=risk">{t('ui.decl.tab.risk')}</Link> },
          { title: h?.fullName ?? '' },
        ]}
      />
      <PageHeader title={h ? t('ui.ver.historyOf', { name: h.fullName }) : t('ui.ver.history')} />
      <QueryState isLoading={history.isLoading} error={history.error}>
        {h && (
          <>
            <figure style={{ margin: 0 }} aria-label={t('ui.ver.historyChart')}>
              <ReactEChartsCore echarts={echarts} option={chart!} style={{ height: 340 }} notMerge />
              <figcaption style={{ color: '#667085' }}>{t('ui.ver.historyChart')}</figcaption>
            </figure>
            <Table
              rowKey="declarationId"
              size="middle"
              pagination={false}
              scroll={{ x: true }}
              dataSource={h.years}
              columns={[
                {
                  dataIndex: 'year',
                  title: t('ui.decl.year'),
                  render: (_, y) => <Link to={`/declarations/${y.declarationId}`}>{label(y)}</Link>,
                },
                {
                  dataIndex: 'assetsVnd',
                  title: t('ui.decl.assets'),
                  align: 'right',
                  render: (v: number) => formatVnd(v, lang),
                },
                {
                  dataIndex: 'incomeVnd',
                  title: t('ui.decl.income'),
                  align: 'right',
                  render: (v: number) => formatVnd(v, lang),
                },
                {
                  dataIndex: 'increaseVnd',
                  title: t('ui.ver.increase'),
                  align: 'right',
                  render: (v: number | null) => (v === null ? '—' : formatVnd(v, lang)),
                },
                { dataIndex: 'score', title: t('ui.ver.score'), render: (v: number | null) => v ?? '—' },
                {
                  key: 'hits',
                  title: t('ui.ver.reasons'),
                  render: (_, y) => (
                    <ul style={{ margin: 0, paddingLeft: 18 }}>
                      {y.hits.map((hit) => (
                        <li key={hit.rule}>
                          <Tag>+{hit.weight}</Tag>
                          <HitText hit={hit} rules={rules.data ?? []} />
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]}
            />
            <h2 style={{ marginTop: 24 }}>{t('ui.ver.cases')}</h2>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: true }}
              locale={{ emptyText: t('ui.ver.noCases') }}
              dataSource={h.cases}
              columns={[
                { dataIndex: 'declarationYear', title: t('ui.decl.year') },
                {
                  dataIndex: 'ground',
                  title: t('ui.ver.ground'),
                  render: (_, c) => t(`ui.ver.groundCode.${c.ground}`),
                },
                {
                  dataIndex: 'decidedOn',
                  title: t('ui.ver.decidedOn'),
                  render: (v: string | null) => formatDate(v),
                },
                {
                  dataIndex: 'status',
                  title: t('ui.common.status'),
                  render: (_, { status: s }) => (
                    <StatusTag tone={s === 'published' || s === 'concluded' ? 'ok' : 'warn'}>
                      {t(`ui.ver.caseStatus.${s}`)}
                    </StatusTag>
                  ),
                },
                {
                  dataIndex: 'conclusion',
                  title: t('ui.ver.conclusion'),
                  render: (_, c) => (c.conclusion ? t(`ui.ver.conclusionCode.${c.conclusion}`) : ''),
                },
              ]}
            />
            {/* The conflicts-of-interest register beside the assets (relatives' business interests). */}
            <h2 style={{ marginTop: 24 }}>{t('ui.nav.conflicts')}</h2>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: true }}
              locale={{ emptyText: t('ui.ver.noConflicts') }}
              dataSource={h.conflicts}
              columns={[
                {
                  dataIndex: 'reportedOn',
                  title: t('ui.ver.reportedOn'),
                  className: 'nowrap',
                  render: (v: string) => formatDate(v),
                },
                {
                  dataIndex: 'situation',
                  title: t('ui.conflict.situation'),
                  render: (v: string) => labelOf(t, 'ui.conflict.situation', v),
                },
                {
                  dataIndex: 'task',
                  title: t('ui.conflict.task'),
                  render: (v: string) => <div style={{ maxWidth: 320, whiteSpace: 'normal' }}>{v}</div>,
                },
                { dataIndex: 'unitName', title: t('ui.common.unit') },
                {
                  dataIndex: 'stage',
                  title: t('ui.common.status'),
                  render: (_, c) => (
                    <>
                      {labelOf(t, 'ui.conflict.stage', c.stage)}
                      {c.measure && (
                        <div style={{ color: '#57606a', fontSize: 12 }}>
                          {labelOf(t, 'ui.conflict.measure', c.measure)}
                        </div>
                      )}
                    </>
                  ),
                },
              ]}
            />
          </>
        )}
      </QueryState>
    </>
  );
}
