import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Select } from 'antd';
import { useNavigate } from 'react-router';
import { conflictMeasures, conflictSituations, conflictStages } from '#shared/integrity/schemas.ts';
import { get, qs } from '#web/app/api.ts';
import { formatDate } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { DataTable, type PageOf } from '#web/components/DataTable.tsx';
import { ImportWizard } from '#web/components/ImportWizard.tsx';
import { ListFilters, ListSearch } from '#web/components/ListFilters.tsx';
import { PageHeader } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { ConflictDialog } from './ConflictDialog.tsx';
import { type Conflict, conflictTone } from './types.ts';

/** The conflict-of-interest register: one's own for an official, the unit's for the head, by clock. */
export default function ConflictsPage() {
  const { t } = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { canAnywhere } = useSession();
  const [url, setUrl] = useUrlState<
    'year' | 'stage' | 'situation' | 'measure' | 'mine' | 'late' | 'q' | 'dialog' | 'unitId'
  >();
  const handler = canAnywhere('integrity.handle') || canAnywhere('integrity.oversee');
  const filters = {
    year: url.year,
    stage: url.stage,
    situation: url.situation,
    measure: url.measure,
    mine: url.mine,
    late: url.late,
    q: url.q,
    unitId: url.unitId,
  };
  return (
    <>
      <PageHeader
        title={t('ui.conflict.title')}
        extra={
          <>
            {canAnywhere('integrity.handle') && (
              <Button onClick={() => setUrl({ dialog: 'import' }, false)}>{t('ui.conflict.import')}</Button>
            )}
            <Button type="primary" onClick={() => setUrl({ dialog: 'conflict' }, false)}>
              {t('ui.conflict.add')}
            </Button>
          </>
        }
      />
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('ui.conflict.intro')} />
      <DataTable<Conflict>
        ariaLabel={t('ui.conflict.title')}
        queryKey={['conflicts', filters]}
        rowKey="id"
        exportName="xung-dot-loi-ich"
        fetchPage={(p) =>
          get<PageOf<Conflict>>(
            `/conflicts${qs({ ...filters, sort: p.sort, page: p.page, pageSize: p.pageSize })}`,
          )
        }
        onRowClick={(c) => navigate(`/conflicts/${c.id}`)}
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
                  label: t('ui.conflict.stage'),
                  options: conflictStages.map((s) => ({ value: s, label: t(`ui.conflict.stage.${s}`) })),
                  width: 220,
                },
              ]}
            />
            <Select
              aria-label={t('ui.conflict.situation')}
              placeholder={t('ui.conflict.situation')}
              allowClear
              value={url.situation}
              onChange={(v) => setUrl({ situation: v })}
              options={conflictSituations.map((s) => ({ value: s, label: t(`ui.conflict.situation.${s}`) }))}
              style={{ width: 260 }}
              popupMatchSelectWidth={false}
            />
            <Select
              aria-label={t('ui.conflict.measure')}
              placeholder={t('ui.conflict.measure')}
              allowClear
              value={url.measure}
              onChange={(v) => setUrl({ measure: v })}
              options={conflictMeasures.map((m) => ({ value: m, label: t(`ui.conflict.measure.${m}`) }))}
              style={{ width: 220 }}
              popupMatchSelectWidth={false}
            />
            {handler && (
              <Checkbox
                checked={url.mine === '1'}
                onChange={(e) => setUrl({ mine: e.target.checked ? '1' : undefined })}
              >
                {t('ui.conflict.mine')}
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
            title: t('ui.conflict.number'),
            render: (c) => <span className="nowrap">{c.number}</span>,
          },
          {
            key: 'person',
            // Short column titles: a table's header does not wrap, and the full ones pushed the measure past 1280 px.
            title: t('ui.conflict.personShort'),
            value: (c) => c.personName,
            render: (c) => c.personName,
          },
          // What is due comes before the long texts: at 1280 px it is never past the edge (rev20 P16).
          {
            key: 'stage',
            title: t('ui.conflict.stage'),
            value: (c) => t(`ui.conflict.stage.${c.stage}`),
            render: (c) => (
              <>
                <StatusTag tone={conflictTone[c.stage]}>{t(`ui.conflict.stage.${c.stage}`)}</StatusTag>
                {c.late && <StatusTag tone="danger">{t('ui.gift.late')}</StatusTag>}
              </>
            ),
          },
          {
            key: 'nextDueOn',
            title: t('ui.gift.nextDue'),
            sort: 'nextDueOn',
            value: (c) => c.nextDueOn,
            render: (c) => formatDate(c.nextDueOn),
          },
          {
            key: 'task',
            title: t('ui.conflict.taskShort'),
            value: (c) => c.task,
            render: (c) => (
              <span style={{ display: 'inline-block', maxWidth: 200, whiteSpace: 'normal' }}>{c.task}</span>
            ),
          },
          {
            key: 'situation',
            title: t('ui.conflict.situation'),
            optional: 'hidden',
            value: (c) => t(`ui.conflict.situation.${c.situation}`),
            render: (c) => t(`ui.conflict.situation.${c.situation}`),
          },
          {
            key: 'measure',
            title: t('ui.conflict.measure'),
            optional: 'shown',
            value: (c) => (c.measure ? t(`ui.conflict.measure.${c.measure}`) : ''),
            render: (c) => (
              <span style={{ display: 'inline-block', maxWidth: 150, whiteSpace: 'normal' }}>
                {c.measure ? t(`ui.conflict.measure.${c.measure}`) : ''}
              </span>
            ),
          },
          {
            key: 'reportedOn',
            title: t('ui.conflict.reportedOn'),
            optional: 'hidden',
            sort: 'reportedOn',
            value: (c) => c.reportedOn,
            render: (c) => formatDate(c.reportedOn),
          },
        ]}
      />
      <ConflictDialog
        open={url.dialog === 'conflict'}
        onClose={() => setUrl({ dialog: undefined }, false)}
        onSaved={(id) => navigate(`/conflicts/${id}`)}
      />
      {canAnywhere('integrity.handle') && (
        <ImportWizard
          entity="conflicts"
          open={url.dialog === 'import'}
          onClose={() => setUrl({ dialog: undefined }, false)}
          onDone={() => void qc.invalidateQueries({ queryKey: ['conflicts'] })}
        />
      )}
    </>
  );
}
