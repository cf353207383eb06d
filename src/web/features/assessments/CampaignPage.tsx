import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Space, Table, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, useParams } from 'react-router';
import { api, get } from '#web/app/api.ts';
import { formatDate, formatNumber } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { unitsPaging } from '#web/components/DataTable.tsx';
import { PageHeader, QueryState } from '#web/components/Page.tsx';
import { labelCells, PHONE_CARDS } from '#web/components/phoneCards.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { useFrameworks } from './AssessmentsPage.tsx';
import { assessmentTone, type CampaignRow, campaignTone, type Ranking } from './types.ts';

const RankingChart = lazy(() => import('./RankingChart.tsx'));

export default function CampaignPage() {
  const { id } = useParams<{ id: string }>();
  const { t, lang } = useT();
  const { message } = App.useApp();
  const { canAnywhere } = useSession();
  const qc = useQueryClient();
  const campaign = useQuery({
    queryKey: ['campaign', id],
    queryFn: () => get<CampaignRow>(`/campaigns/${id}`),
  });
  const ranking = useQuery({
    queryKey: ['campaign', id, 'ranking'],
    queryFn: () => get<Ranking[]>(`/campaigns/${id}/ranking`),
  });
  const frameworks = useFrameworks();
  const trendQ = useQuery({
    queryKey: ['campaign', id, 'trend'],
    queryFn: () =>
      get<Array<{ year: number; average: number; best: number; worst: number }>>(`/campaigns/${id}/trend`),
    // Asked once the ranking has come: only its chart needs the trend, and on the embedded database (one
    // connection) asking both at once kept the ranking's columns (criteria) waiting behind it.
    enabled: ranking.isSuccess,
  });
  const c = campaign.data;
  const criteria = useQuery({
    queryKey: ['criteria', c?.versionId],
    queryFn: () =>
      get<
        Array<{
          code: string;
          parentId: string | null;
          maxPoints: number;
          minPoints: number;
          method: string;
          titleVi: string;
          titleEn: string;
        }>
      >(`/framework-versions/${c!.versionId}/criteria`),
    enabled: !!c,
  });
  const tops = (criteria.data ?? []).filter((x) => !x.parentId);
  const partMax = Object.fromEntries(tops.map((x) => [x.code, x.maxPoints]));
  // Deduction parts show how far they can go down.
  const partLimit = Object.fromEntries(
    tops.map((x) => [x.code, x.method === 'deduction' ? x.minPoints : x.maxPoints]),
  );
  const act = async (path: string) => {
    await api('POST', `/campaigns/${id}/${path}`);
    await qc.invalidateQueries({ queryKey: ['campaign', id] });
    await qc.invalidateQueries({ queryKey: ['campaigns'] });
    message.success(t('ui.common.saved'));
  };
  const fw = frameworks.data?.find((f) => f.versionId === c?.versionId);
  const manage = canAnywhere('assessments.manage');
  return (
    <QueryState isLoading={campaign.isLoading} error={campaign.error} onRetry={() => void campaign.refetch()}>
      {c && (
        <>
          <PageHeader
            title={c.title}
            extra={
              manage && (
                <Space wrap>
                  <Button href={`/api/campaigns/${id}/export?format=xlsx`}>
                    {t('ui.assess.exportXlsx')}
                  </Button>
                  <Button href={`/api/campaigns/${id}/export?format=docx`}>
                    {t('ui.assess.exportDocx')}
                  </Button>
                  {c.status === 'draft' && (
                    <Button type="primary" onClick={() => void act('open')}>
                      {t('ui.assess.open')}
                    </Button>
                  )}
                  {c.status === 'open' && (
                    <Button onClick={() => void act('finalise')}>{t('ui.assess.finaliseCampaign')}</Button>
                  )}
                  {c.status === 'finalised' && (
                    <Button type="primary" onClick={() => void act('publish')}>
                      {t('ui.assess.publish')}
                    </Button>
                  )}
                </Space>
              )
            }
          />
          <Descriptions column={{ xs: 1, md: 3 }} size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('ui.common.status')}>
              <StatusTag tone={campaignTone[c.status as keyof typeof campaignTone] ?? 'muted'}>
                {t(`ui.assess.campaignStatus.${c.status}`)}
              </StatusTag>
            </Descriptions.Item>
            <Descriptions.Item label={t('ui.assess.framework')}>
              {fw ? (lang === 'vi' ? fw.nameVi : fw.nameEn) : c.frameworkCode}
            </Descriptions.Item>
            <Descriptions.Item label={t('ui.assess.selfDue')}>{formatDate(c.selfDue)}</Descriptions.Item>
            <Descriptions.Item label={t('ui.assess.progress')}>
              {c.submitted}/{c.assessments} · {t('ui.assess.finalisedCount', { n: c.finalised })}
            </Descriptions.Item>
            <Descriptions.Item label={t('ui.assess.runBy')}>{c.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('ui.plans.year')}>{c.year}</Descriptions.Item>
          </Descriptions>
          <QueryState isLoading={ranking.isLoading} error={ranking.error}>
            {ranking.data && ranking.data.length > 0 && ranking.data.every((r) => r.rank === null) && (
              <Typography.Paragraph type="secondary">{t('ui.assess.noneRanked')}</Typography.Paragraph>
            )}
            {ranking.data?.some((r) => r.rank !== null) && (
              <Suspense fallback={null}>
                <RankingChart
                  rows={ranking.data.filter((r) => r.rank !== null)}
                  partMax={partMax}
                  trend={trendQ.data ?? []}
                />
              </Suspense>
            )}
            <Table<Ranking>
              rowKey="assessmentId"
              pagination={unitsPaging(t)}
              scroll={{ x: true }}
              // On a phone each unit is a card headed by its name: eight parts' columns scrolled past a
              // fixed rank and name left 76 px for the figures (issue 17 review).
              className={PHONE_CARDS}
              dataSource={ranking.data ?? []}
              columns={labelCells<Ranking>(
                [
                  {
                    dataIndex: 'rank',
                    title: t('ui.assess.rank'),
                    width: 110,
                    fixed: 'left',
                    // Not compared until submitted: a unit still answering is not last with 0.
                    render: (v: number | null) =>
                      v ?? <Typography.Text type="secondary">{t('ui.assess.notRanked')}</Typography.Text>,
                  },
                  {
                    key: 'unitName',
                    dataIndex: 'unitName',
                    title: t('ui.common.unit'),
                    // The unit stays in view while the parts scroll past (eight parts do not fit at 1280 px).
                    fixed: 'left',
                    render: (_, r) => (
                      <Link
                        to={`/assessments/${r.assessmentId}`}
                        style={{ display: 'inline-block', minWidth: 180, maxWidth: 320 }}
                      >
                        {r.unitName}
                        {r.subjectName ? ` — ${r.subjectName}` : ''}
                      </Link>
                    ),
                  },
                  {
                    dataIndex: 'status',
                    title: t('ui.common.status'),
                    render: (_, r) => (
                      <StatusTag tone={assessmentTone[r.status as keyof typeof assessmentTone] ?? 'muted'}>
                        {t(`ui.assess.status.${r.status}`)}
                      </StatusTag>
                    ),
                  },
                  {
                    dataIndex: 'selfTotal',
                    title: t('ui.assess.selfTotal'),
                    // Nothing to read before the unit submits: its answers so far are not its score.
                    render: (v: number, r) => (r.rank === null ? '—' : formatNumber(v, lang)),
                  },
                  {
                    dataIndex: 'total',
                    title: t('ui.assess.reviewTotal'),
                    render: (v: number, r) => (r.reviewed ? <strong>{formatNumber(v, lang)}</strong> : '—'),
                  },
                  {
                    dataIndex: 'previousTotal',
                    title: t('ui.assess.previousYear'),
                    render: (v: number | null, r) =>
                      v === null || r.rank === null ? (
                        '—'
                      ) : (
                        <>
                          {formatNumber(v, lang)}{' '}
                          <StatusTag tone={r.total >= v ? 'ok' : 'danger'}>
                            {r.total >= v ? '+' : ''}
                            {formatNumber(Math.round((r.total - v) * 100) / 100, lang)}
                          </StatusTag>
                        </>
                      ),
                  },
                  ...tops.map(({ code: p, titleVi, titleEn }) => ({
                    key: p,
                    cardLabel: `${p} (${partLimit[p]})`,
                    // The part's name on hover and for screen readers: "1 (15)" alone said little (sec31 UX 17).
                    title: (
                      <abbr title={lang === 'vi' ? titleVi : titleEn} style={{ textDecoration: 'none' }}>
                        {`${p} (${partLimit[p]})`}
                      </abbr>
                    ),
                    align: 'right' as const,
                    render: (_: unknown, r: Ranking) =>
                      r.rank === null ? '—' : formatNumber(r.parts[p] ?? 0, lang),
                  })),
                ],
                'unitName',
              )}
            />
          </QueryState>
        </>
      )}
    </QueryState>
  );
}
