import { useQueryClient } from '@tanstack/react-query';
import { Button, Select } from 'antd';
import { useNavigate } from 'react-router';
import { caseKinds, caseSources, caseStages } from '#shared/cases/schemas.ts';
import { get, qs } from '#web/app/api.ts';
import { formatDate, formatVnd } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { DataTable, type PageOf } from '#web/components/DataTable.tsx';
import { ImportWizard } from '#web/components/ImportWizard.tsx';
import { ListFilters, ListSearch } from '#web/components/ListFilters.tsx';
import { PageHeader } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { CaseDialog } from './CaseDialog.tsx';
import { type Case, stageTone } from './types.ts';

/** The register: retaliation first, then the soonest clock; filters by year, stage, source and waiting. */
export default function CasesPage() {
  const { t, lang } = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [url, setUrl] = useUrlState<'year' | 'stage' | 'source' | 'kind' | 'waiting' | 'q' | 'dialog'>();
  const filters = {
    year: url.year,
    stage: url.stage,
    source: url.source,
    kind: url.kind,
    waiting: url.waiting,
    q: url.q,
  };
  const select = (
    key: 'stage' | 'source' | 'kind' | 'waiting',
    label: string,
    values: readonly string[],
    prefix: string,
    width = 200,
  ) => (
    <Select
      aria-label={label}
      placeholder={label}
      allowClear
      value={url[key]}
      onChange={(v) => setUrl({ [key]: v })}
      options={values.map((v) => ({ value: v, label: t(`${prefix}.${v}` as never) }))}
      style={{ width }}
    />
  );
  return (
    <>
      <PageHeader
        title={t('ui.case.title')}
        extra={
          <>
            <Button onClick={() => setUrl({ dialog: 'import' }, false)}>{t('ui.case.import')}</Button>
            <Button type="primary" onClick={() => setUrl({ dialog: 'case' }, false)}>
              {t('ui.case.add')}
            </Button>
          </>
        }
      />
      <DataTable<Case>
        ariaLabel={t('ui.case.title')}
        queryKey={['cases', filters]}
        rowKey="id"
        exportName="vu-viec"
        fetchPage={(p) =>
          get<PageOf<Case>>(`/cases${qs({ ...filters, page: p.page, pageSize: p.pageSize })}`)
        }
        onRowClick={(c) => navigate(`/cases/${c.id}`)}
        toolbar={<ListSearch url={url} setUrl={setUrl} />}
        filters={
          <>
            <ListFilters url={url} setUrl={setUrl} year={t('ui.detect.year')} />
            {select('stage', t('ui.case.stage'), caseStages, 'ui.case.stage', 190)}
            {select('source', t('ui.case.source'), caseSources, 'ui.case.source', 230)}
            {select('kind', t('ui.case.kind'), caseKinds, 'ui.case.kind', 220)}
            {select('waiting', t('ui.case.waitingFilter'), ['any', 'overdue'], 'ui.case.waitingFilter', 200)}
          </>
        }
        columns={[
          {
            key: 'number',
            title: t('ui.case.number'),
            render: (c) => <span className="nowrap">{c.number}</span>,
          },
          {
            key: 'title',
            title: t('ui.case.titleField'),
            render: (c) => (
              <span style={{ display: 'inline-block', maxWidth: 280, whiteSpace: 'normal' }}>
                {c.urgent && (
                  <>
                    <StatusTag tone="danger">{t('ui.case.urgent')}</StatusTag>{' '}
                  </>
                )}
                {c.title}
              </span>
            ),
          },
          {
            key: 'subject',
            title: t('ui.case.subject'),
            optional: 'shown',
            render: (c) => c.subjectName ?? '',
            value: (c) => c.subjectName,
          },
          {
            key: 'source',
            title: t('ui.case.source'),
            optional: 'hidden',
            value: (c) => t(`ui.case.source.${c.source}`),
            render: (c) => t(`ui.case.source.${c.source}`),
          },
          {
            key: 'stage',
            title: t('ui.case.stage'),
            value: (c) => t(`ui.case.stage.${c.stage}`),
            render: (c) => (
              <>
                <StatusTag tone={stageTone[c.stage]}>{t(`ui.case.stage.${c.stage}`)}</StatusTag>
                {c.waiting > 0 && (
                  <div>
                    <StatusTag tone="info">{t('ui.case.waiting')}</StatusTag>
                  </div>
                )}
              </>
            ),
          },
          {
            key: 'damageVnd',
            title: t('ui.case.damageShort'),
            optional: 'hidden',
            value: (c) => c.damageVnd,
            render: (c) =>
              c.damageVnd === null ? (
                <span className="muted">{t('ui.case.damageUnknown')}</span>
              ) : (
                <span className="nowrap">{formatVnd(c.damageVnd, lang)}</span>
              ),
          },
          {
            key: 'detectedOn',
            title: t('ui.case.detectedOn'),
            optional: 'hidden',
            value: (c) => c.detectedOn,
            render: (c) => formatDate(c.detectedOn),
          },
          {
            key: 'nextDueOn',
            title: t('ui.insp.nextDue'),
            value: (c) => c.nextDueOn,
            // The flag under the date: beside it, it pushed the column past 1280 px.
            render: (c) => (
              <>
                <span className="nowrap">{formatDate(c.nextDueOn)}</span>
                {c.nextDueOverdue && (
                  <div>
                    <StatusTag tone="danger">{t('ui.detect.recsPastDue')}</StatusTag>
                  </div>
                )}
              </>
            ),
          },
        ]}
      />
      <CaseDialog
        open={url.dialog === 'case'}
        onClose={() => setUrl({ dialog: undefined }, false)}
        onSaved={async (id) => navigate(`/cases/${id}`)}
      />
      <ImportWizard
        entity="cases"
        open={url.dialog === 'import'}
        onClose={() => setUrl({ dialog: undefined }, false)}
        onDone={() => void qc.invalidateQueries({ queryKey: ['cases'] })}
      />
    </>
  );
}
