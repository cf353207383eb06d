import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Progress, Row, Space, Statistic } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Link, useNavigate } from 'react-router';
import { get } from '#web/app/api.ts';
import { formatNumber, formatVnd } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { useScreens } from '#web/app/screens.tsx';
import { NumberInput } from '#web/components/NumberInput.tsx';
import { PageHeader, QueryState } from '#web/components/Page.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { downloadXlsx } from '#web/components/xlsx.ts';
import type { Dashboard } from './types.ts';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const BLUE = '#0b5cad';
const LIGHT = '#9cbfe6';
const GREEN = '#1b7a3a';

/**
 * The inspectorate's year: the plan's progress, cases by source and stage, referrals waiting, the
 * recommendations' closure and the recovery ledger, as charts whose bars open the matching list.
 */
export default function DetectionPage() {
  const { t, lang } = useT();
  const navigate = useNavigate();
  const [url, setUrl] = useUrlState<'year'>();
  const year = Number(url.year) || new Date().getFullYear();
  const q = useQuery({
    queryKey: ['cases', 'dashboard', year],
    queryFn: () => get<Dashboard>(`/cases/dashboard?year=${year}`),
  });
  const d = q.data;
  // The width the page was drawn for, then the screen's (a drawn table must match what the app draws).
  const narrow = useScreens().sm === false;
  const bars = (
    labels: string[],
    series: Array<{ name: string; data: number[]; color: string }>,
    horizontal = false,
  ) => ({
    tooltip: { trigger: 'axis' },
    // Every series named at once: on a phone the legend takes two lines rather than paging its names
    // behind arrows (issue 17 §11).
    legend: series.length > 1 ? { top: 0, data: series.map((s) => s.name) } : undefined,
    grid: {
      left: horizontal ? (narrow ? 8 : 210) : 48,
      right: 24,
      top: series.length > 1 ? (narrow ? 56 : 32) : narrow && horizontal ? 20 : 12,
      bottom: 28,
    },
    // On a phone a horizontal bar's name goes above it, the whole width for the words (wrapped names
    // beside the axis ran into the bars at 390 px).
    [horizontal ? 'yAxis' : 'xAxis']: {
      type: 'category',
      data: labels,
      inverse: horizontal,
      axisLabel: horizontal && narrow ? { show: false } : { interval: 0 },
    },
    [horizontal ? 'xAxis' : 'yAxis']: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      data: s.data,
      itemStyle: { color: s.color },
      ...(horizontal && narrow
        ? {
            barMaxWidth: 16,
            label: { show: true, position: [4, -16], formatter: '{b}', color: '#24292f', fontSize: 12 },
          }
        : {}),
    })),
  });
  const chart = (option: object, onClick?: (index: number) => void, height = 240) => (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      style={{ height }}
      notMerge
      onEvents={onClick ? { click: (e: { dataIndex: number }) => onClick(e.dataIndex) } : undefined}
    />
  );
  const exportAll = () =>
    d &&
    downloadXlsx(`phat-hien-xu-ly-${year}`, [
      {
        name: t('ui.detect.plan'),
        header: [
          t('ui.detect.planned'),
          t('ui.detect.plannedDone'),
          t('ui.detect.done'),
          t('ui.detect.inProgress'),
          t('ui.detect.adHoc'),
        ],
        rows: [[d.plan.planned, d.plan.plannedDone, d.plan.done, d.plan.inProgress, d.plan.adHoc]],
      },
      {
        name: t('ui.detect.bySource'),
        header: [t('ui.case.source'), t('ui.detect.cases')],
        rows: d.casesBySource.map((s) => [t(`ui.case.source.${s.source}`), s.n]),
      },
      {
        name: t('ui.detect.byStage'),
        header: [t('ui.case.stage'), t('ui.detect.cases')],
        rows: d.casesByStage.map((s) => [t(`ui.case.stage.${s.stage}`), s.n]),
      },
      {
        name: t('ui.detect.sheet.followUp'),
        header: [t('ui.detect.sheet.item'), t('ui.detect.sheet.count')],
        rows: [
          [`${t('ui.detect.referrals')}: ${t('ui.detect.waiting')}`, d.referrals.waiting],
          [`${t('ui.detect.referrals')}: ${t('ui.detect.overdue')}`, d.referrals.overdue],
          [`${t('ui.detect.referrals')}: ${t('ui.detect.answered')}`, d.referrals.answered],
          [t('ui.detect.retaliation'), d.retaliation],
          [`${t('ui.detect.recs')}: ${t('ui.detect.recsOpen')}`, d.recommendations.open],
          [`${t('ui.detect.recs')}: ${t('ui.detect.recsPastDue')}`, d.recommendations.pastDue],
          [`${t('ui.detect.recs')}: ${t('ui.detect.recsTooLong')}`, d.recommendations.tooLong],
          [`${t('ui.detect.recs')}: ${t('ui.detect.recsClosed')}`, d.recommendations.closed],
        ],
      },
      {
        name: t('ui.detect.sheet.closure'),
        header: [t('ui.detect.month'), t('ui.detect.issued'), t('ui.detect.closed')],
        rows: d.closedByMonth.map((m) => [m.month, m.issued, m.closed]),
      },
      {
        name: t('ui.detect.recovery'),
        header: [
          t('ui.case.measure'),
          t('ui.case.recommended'),
          t('ui.case.decided'),
          t('ui.case.recovered'),
          t('ui.case.remaining'),
        ],
        rows: d.recovery.map((m) => [
          t(`ui.case.measure.${m.measure}`),
          m.recommendedVnd,
          m.decidedVnd,
          m.recoveredVnd,
          m.decidedVnd - m.recoveredVnd,
        ]),
      },
    ]);
  const card = (title: string, children: React.ReactNode) => (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>}
      styles={{ title: { whiteSpace: 'normal' } }}
      style={{ height: '100%' }}
    >
      {children}
    </Card>
  );
  return (
    <>
      <PageHeader
        title={t('ui.detect.title')}
        extra={
          <Space wrap>
            <NumberInput
              aria-label={t('ui.detect.year')}
              value={year}
              min={2000}
              precision={0}
              max={2100}
              onChange={(v) => setUrl({ year: v ? String(v) : undefined })}
              style={{ width: 110 }}
            />
            <Button onClick={() => void exportAll()} disabled={!d}>
              {t('ui.common.exportXlsx')}
            </Button>
          </Space>
        }
      />
      <QueryState isLoading={q.isLoading} error={q.error} onRetry={() => void q.refetch()}>
        {d && (
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              {card(
                t('ui.detect.plan'),
                <>
                  {/* The plan's progress is of the planned inspections only; ad hoc ones are counted apart. */}
                  <Progress
                    aria-label={t('ui.detect.planProgress', {
                      done: d.plan.plannedDone,
                      planned: d.plan.planned,
                    })}
                    percent={d.plan.planned ? Math.round((100 * d.plan.plannedDone) / d.plan.planned) : 0}
                    format={(p) => `${p}%`}
                    style={{ marginBottom: 4 }}
                  />
                  <p style={{ marginTop: 0, color: '#57606a' }}>
                    {t('ui.detect.planProgress', { done: d.plan.plannedDone, planned: d.plan.planned })}
                  </p>
                  <Space wrap size="large">
                    <Statistic title={t('ui.detect.planned')} value={d.plan.planned} />
                    <Statistic title={t('ui.detect.done')} value={d.plan.done} />
                    <Statistic title={t('ui.detect.inProgress')} value={d.plan.inProgress} />
                    <Statistic title={t('ui.detect.adHoc')} value={d.plan.adHoc} />
                  </Space>
                  <p style={{ marginBottom: 0 }}>
                    <Link to={`/inspections?year=${year}`}>{t('ui.nav.inspections')}</Link>
                  </p>
                </>,
              )}
            </Col>
            <Col xs={24} lg={12}>
              {card(
                t('ui.detect.referrals'),
                <Space wrap size="large">
                  <Link to="/cases?waiting=any">
                    <Statistic title={t('ui.detect.waiting')} value={d.referrals.waiting} />
                  </Link>
                  <Link to="/cases?waiting=overdue">
                    <Statistic
                      title={t('ui.detect.overdue')}
                      value={d.referrals.overdue}
                      styles={{ content: d.referrals.overdue > 0 ? { color: '#8a1414' } : undefined }}
                    />
                  </Link>
                  <Statistic title={t('ui.detect.answered')} value={d.referrals.answered} />
                  <Link to={`/cases?kind=retaliation&year=${year}`}>
                    <Statistic title={t('ui.detect.retaliation')} value={d.retaliation} />
                  </Link>
                </Space>,
              )}
            </Col>
            <Col xs={24} lg={12}>
              {card(
                t('ui.detect.bySource'),
                <>
                  {chart(
                    bars(
                      d.casesBySource.map((s) => t(`ui.case.source.${s.source}`)),
                      [{ name: t('ui.detect.cases'), data: d.casesBySource.map((s) => s.n), color: BLUE }],
                      true,
                    ),
                    (n) => navigate(`/cases?year=${year}&source=${d.casesBySource[n]!.source}`),
                  )}
                  <small>{t('ui.detect.drill')}</small>
                </>,
              )}
            </Col>
            <Col xs={24} lg={12}>
              {card(
                t('ui.detect.byStage'),
                chart(
                  bars(
                    d.casesByStage.map((s) => t(`ui.case.stage.${s.stage}`)),
                    [{ name: t('ui.detect.cases'), data: d.casesByStage.map((s) => s.n), color: LIGHT }],
                    true,
                  ),
                  (n) => navigate(`/cases?year=${year}&stage=${d.casesByStage[n]!.stage}`),
                ),
              )}
            </Col>
            <Col xs={24} lg={12}>
              {card(
                t('ui.detect.recs'),
                <>
                  <Space wrap size="large">
                    <Link to="/recommendations?view=issued&status=open">
                      <Statistic title={t('ui.detect.recsOpen')} value={d.recommendations.open} />
                    </Link>
                    <Link to="/recommendations?view=issued&status=past_due">
                      <Statistic title={t('ui.detect.recsPastDue')} value={d.recommendations.pastDue} />
                    </Link>
                    <Link to="/recommendations?view=issued&status=too_long">
                      <Statistic title={t('ui.detect.recsTooLong')} value={d.recommendations.tooLong} />
                    </Link>
                    <Statistic title={t('ui.detect.recsClosed')} value={d.recommendations.closed} />
                  </Space>
                  <h3 style={{ fontSize: 14, marginTop: 16 }}>{t('ui.detect.closure')}</h3>
                  {chart(
                    bars(
                      d.closedByMonth.map((m) => String(m.month)),
                      [
                        {
                          name: t('ui.detect.issued'),
                          data: d.closedByMonth.map((m) => m.issued),
                          color: LIGHT,
                        },
                        {
                          name: t('ui.detect.closed'),
                          data: d.closedByMonth.map((m) => m.closed),
                          color: GREEN,
                        },
                      ],
                    ),
                    undefined,
                    200,
                  )}
                </>,
              )}
            </Col>
            {/* The widest figures on the page: the whole width, so no column is cut at 1280 px. */}
            <Col xs={24}>
              {card(
                t('ui.detect.recovery'),
                <>
                  {chart(
                    {
                      ...bars(
                        d.recovery.map((m) => t(`ui.case.measure.${m.measure}`)),
                        [
                          {
                            name: t('ui.case.recommended'),
                            data: d.recovery.map((m) => m.recommendedVnd),
                            color: LIGHT,
                          },
                          {
                            name: t('ui.case.decided'),
                            data: d.recovery.map((m) => m.decidedVnd),
                            color: BLUE,
                          },
                          {
                            name: t('ui.case.recovered'),
                            data: d.recovery.map((m) => m.recoveredVnd),
                            color: GREEN,
                          },
                        ],
                      ),
                      grid: { left: narrow ? 90 : 110, right: 16, top: narrow ? 56 : 32, bottom: 28 },
                      xAxis: {
                        type: 'category',
                        data: d.recovery.map((m) => t(`ui.case.measure.${m.measure}`)),
                        axisLabel: { interval: 0 },
                      },
                      yAxis: {
                        type: 'value',
                        axisLabel: { formatter: (v: number) => formatVnd(v, lang).replace(/\s?₫$/, '') },
                      },
                    },
                    undefined,
                    260,
                  )}
                  {/* Figures in đồng (the card's title says so), each on one line: a narrow column
                      wrapped "1.200.000.000 ₫" in two. */}
                  {/* On a phone each measure's figures one under another: five columns were cut mid-word. */}
                  {narrow ? (
                    d.recovery.map((m) => (
                      <div key={m.measure} className="figures">
                        <div className="figures-head">{t(`ui.case.measure.${m.measure}`)}</div>
                        <dl>
                          {(
                            [
                              ['recommended', m.recommendedVnd],
                              ['decided', m.decidedVnd],
                              ['recovered', m.recoveredVnd],
                              ['remaining', m.decidedVnd - m.recoveredVnd],
                            ] as const
                          ).map(([key, v]) => (
                            <div key={key}>
                              <dt>{t(`ui.case.${key}`)}</dt>
                              <dd>{formatNumber(v, lang)}</dd>
                            </div>
                          ))}
                        </dl>
                      </div>
                    ))
                  ) : (
                    <section
                      style={{ overflowX: 'auto' }}
                      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus.
                      tabIndex={0}
                      aria-label={t('ui.detect.recovery')}
                    >
                      <table
                        style={{ width: '100%', fontSize: 12, whiteSpace: 'nowrap' }}
                        aria-label={t('ui.detect.recovery')}
                      >
                        <thead>
                          <tr>
                            <th style={{ textAlign: 'left' }}>{t('ui.case.measure')}</th>
                            <th style={{ textAlign: 'right' }}>{t('ui.case.recommended')}</th>
                            <th style={{ textAlign: 'right' }}>{t('ui.case.decided')}</th>
                            <th style={{ textAlign: 'right' }}>{t('ui.case.recovered')}</th>
                            <th style={{ textAlign: 'right' }}>{t('ui.case.remaining')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {d.recovery.map((m) => (
                            <tr key={m.measure}>
                              <td style={{ whiteSpace: 'normal' }}>{t(`ui.case.measure.${m.measure}`)}</td>
                              {(
                                [
                                  ['recommended', m.recommendedVnd],
                                  ['decided', m.decidedVnd],
                                  ['recovered', m.recoveredVnd],
                                  ['remaining', m.decidedVnd - m.recoveredVnd],
                                ] as const
                              ).map(([key, v]) => (
                                <td key={key} style={{ textAlign: 'right', paddingLeft: 8 }}>
                                  {formatNumber(v, lang)}
                                </td>
                              ))}
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </section>
                  )}
                </>,
              )}
            </Col>
          </Row>
        )}
      </QueryState>
    </>
  );
}
