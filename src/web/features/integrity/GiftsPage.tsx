import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Table } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useNavigate } from 'react-router';
import { giftKinds, giftStages } from '#shared/integrity/schemas.ts';
import { get, qs } from '#web/app/api.ts';
import { formatDate, formatVnd } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { DataTable, type PageOf } from '#web/components/DataTable.tsx';
import { ImportWizard } from '#web/components/ImportWizard.tsx';
import { ListFilters, ListSearch } from '#web/components/ListFilters.tsx';
import { PageHeader, Section } from '#web/components/Page.tsx';
import { labelCells, PHONE_CARDS } from '#web/components/phoneCards.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { GiftDialog } from './GiftDialog.tsx';
import { type Gift, type GiftSummary, giftTone } from './types.ts';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The gift register: one's own gifts for an official, the unit's for its handlers, with the year's summary. */
export default function GiftsPage() {
  const { t, lang } = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { canAnywhere } = useSession();
  const [url, setUrl] = useUrlState<
    'year' | 'stage' | 'kind' | 'mine' | 'late' | 'q' | 'dialog' | 'unitId'
  >();
  const handler = canAnywhere('integrity.handle') || canAnywhere('integrity.oversee');
  const filters = {
    year: url.year,
    stage: url.stage,
    kind: url.kind,
    mine: url.mine,
    late: url.late,
    q: url.q,
    unitId: url.unitId,
  };
  const year = Number(url.year ?? new Date().getFullYear());
  const summary = useQuery({
    queryKey: ['gifts', 'summary', year, url.unitId],
    queryFn: () => get<GiftSummary>(`/gifts/summary${qs({ year, unitId: url.unitId })}`),
    enabled: handler,
  });
  const rows = giftKinds
    .map((k) => summary.data?.rows.find((r) => r.kind === k))
    .filter((r): r is GiftSummary['rows'][number] => !!r);
  return (
    <>
      <PageHeader
        title={t('ui.gift.title')}
        extra={
          <>
            {canAnywhere('integrity.handle') && (
              <Button onClick={() => setUrl({ dialog: 'import' }, false)}>{t('ui.gift.import')}</Button>
            )}
            <Button type="primary" onClick={() => setUrl({ dialog: 'gift' }, false)}>
              {t('ui.gift.add')}
            </Button>
          </>
        }
      />
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('ui.gift.intro')} />
      <DataTable<Gift>
        ariaLabel={t('ui.gift.title')}
        queryKey={['gifts', filters]}
        rowKey="id"
        exportName="so-qua-tang"
        fetchPage={(p) =>
          get<PageOf<Gift>>(`/gifts${qs({ ...filters, sort: p.sort, page: p.page, pageSize: p.pageSize })}`)
        }
        onRowClick={(g) => navigate(`/gifts/${g.id}`)}
        toolbar={<ListSearch url={url} setUrl={setUrl} />}
        filters={
          <>
            <ListFilters
              unit
              url={url}
              setUrl={setUrl}
              year={t('ui.detect.year')}
              choices={[
                {
                  key: 'stage',
                  label: t('ui.gift.stage'),
                  options: giftStages.map((s) => ({ value: s, label: t(`ui.gift.stage.${s}`) })),
                  width: 160,
                },
                {
                  key: 'kind',
                  label: t('ui.gift.kind'),
                  options: giftKinds.map((k) => ({ value: k, label: t(`ui.gift.kind.${k}`) })),
                  width: 220,
                },
              ]}
            />
            {handler && (
              <Checkbox
                checked={url.mine === '1'}
                onChange={(e) => setUrl({ mine: e.target.checked ? '1' : undefined })}
              >
                {t('ui.gift.mine')}
              </Checkbox>
            )}
            <Checkbox
              checked={url.late === '1'}
              onChange={(e) => setUrl({ late: e.target.checked ? '1' : undefined })}
            >
              {t('ui.gift.lateOnly')}
            </Checkbox>
          </>
        }
        columns={[
          {
            key: 'number',
            title: t('ui.gift.number'),
            render: (g) => <span className="nowrap">{g.number}</span>,
          },
          {
            key: 'recipient',
            title: t('ui.gift.recipient'),
            value: (g) => g.recipientName,
            render: (g) => g.recipientName,
          },
          {
            key: 'description',
            title: t('ui.gift.description'),
            value: (g) => g.description,
            render: (g) => (
              <span style={{ display: 'inline-block', maxWidth: 260, whiteSpace: 'normal' }}>
                {t(`ui.gift.kind.${g.kind}`)}: {g.description}
              </span>
            ),
          },
          {
            key: 'giverAgency',
            title: t('ui.gift.giverAgency'),
            // Hidden until chosen: with it the status and due date fall off a 1280-pixel screen.
            optional: 'hidden',
            value: (g) => g.giverAgency,
            render: (g) => g.giverAgency,
          },
          {
            key: 'valueVnd',
            title: t('ui.gift.value'),
            optional: 'shown',
            sort: 'valueVnd',
            value: (g) => g.valueVnd,
            render: (g) =>
              g.valueVnd === null ? (
                t('ui.gift.valueUnknown')
              ) : (
                <span className="nowrap">{formatVnd(g.valueVnd, lang)}</span>
              ),
          },
          {
            key: 'receivedOn',
            title: t('ui.gift.receivedOn'),
            optional: 'hidden',
            sort: 'receivedOn',
            value: (g) => g.receivedOn,
            render: (g) => formatDate(g.receivedOn),
          },
          {
            key: 'stage',
            title: t('ui.gift.stage'),
            value: (g) => t(`ui.gift.stage.${g.stage}`),
            render: (g) => (
              <>
                <StatusTag tone={giftTone[g.stage]}>{t(`ui.gift.stage.${g.stage}`)}</StatusTag>
                {g.late && <StatusTag tone="danger">{t('ui.gift.late')}</StatusTag>}
              </>
            ),
          },
          {
            key: 'nextDueOn',
            title: t('ui.gift.nextDue'),
            sort: 'nextDueOn',
            value: (g) => g.nextDueOn,
            render: (g) => formatDate(g.nextDueOn),
          },
        ]}
      />
      {handler && rows.length > 0 && (
        <Section
          title={`${t('ui.gift.summary')} ${year}`}
          extra={
            <a href={`/gifts?year=${year}`} target="_blank" rel="noreferrer">
              {t('ui.gift.openData')}
            </a>
          }
          style={{ marginTop: 16 }}
        >
          <ReactEChartsCore
            echarts={echarts}
            style={{ height: 240 }}
            option={{
              tooltip: { trigger: 'axis' },
              legend: { bottom: 0 },
              grid: { left: 48, right: 16, top: 16, bottom: 84 },
              // Every kind named under its bars, wrapped: on a phone ECharts dropped all names but one.
              xAxis: {
                type: 'category',
                data: rows.map((r) => t(`ui.gift.kind.${r.kind}`).split(' (')[0]),
                axisLabel: { interval: 0, width: 84, overflow: 'break', fontSize: 11, lineHeight: 14 },
              },
              yAxis: { type: 'value', minInterval: 1 },
              series: [
                { name: t('ui.gift.count'), type: 'bar', data: rows.map((r) => r.count), color: '#0b5cad' },
                { name: t('ui.gift.open'), type: 'bar', data: rows.map((r) => r.open), color: '#d4a017' },
                { name: t('ui.gift.late'), type: 'bar', data: rows.map((r) => r.late), color: '#b42318' },
              ],
            }}
          />
          <Table
            size="small"
            pagination={false}
            rowKey="kind"
            dataSource={rows}
            scroll={{ x: true }}
            className={PHONE_CARDS}
            columns={labelCells<(typeof rows)[number]>([
              { title: t('ui.gift.kind'), render: (_, r) => t(`ui.gift.kind.${r.kind}`) },
              { title: t('ui.gift.count'), dataIndex: 'count', align: 'right' },
              {
                title: t('ui.gift.valueTotal'),
                align: 'right',
                render: (_, r) =>
                  r.valueVnd === null ? t('ui.gift.valueUnknown') : formatVnd(r.valueVnd, lang),
              },
              {
                title: t('ui.gift.remitted'),
                align: 'right',
                render: (_, r) => formatVnd(r.remittedVnd, lang),
              },
              { title: t('ui.gift.open'), dataIndex: 'open', align: 'right' },
              { title: t('ui.gift.late'), dataIndex: 'late', align: 'right' },
            ])}
          />
        </Section>
      )}
      <GiftDialog
        open={url.dialog === 'gift'}
        onClose={() => setUrl({ dialog: undefined }, false)}
        onSaved={(id) => navigate(`/gifts/${id}`)}
      />
      {canAnywhere('integrity.handle') && (
        <ImportWizard
          entity="gifts"
          open={url.dialog === 'import'}
          onClose={() => setUrl({ dialog: undefined }, false)}
          onDone={() => void qc.invalidateQueries({ queryKey: ['gifts'] })}
        />
      )}
    </>
  );
}
