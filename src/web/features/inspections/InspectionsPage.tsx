import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Select, Tabs } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { inspectionStatuses } from '#shared/inspections/schemas.ts';
import { api, get, qs } from '#web/app/api.ts';
import { formatDate } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { DataTable, type PageOf } from '#web/components/DataTable.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { ImportWizard } from '#web/components/ImportWizard.tsx';
import { NumberInput } from '#web/components/NumberInput.tsx';
import { PageHeader } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { UnitSelect } from '#web/components/UnitSelect.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { Wrap } from '#web/components/Wrap.tsx';
import { InspectionDialog } from './InspectionDialog.tsx';
import { type Inspection, inspectionTone, type Plan } from './types.ts';

/** The inspectorate's work: its inspections (next step due first) and its yearly plans. */
export default function InspectionsPage() {
  const { t } = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [url, setUrl] = useUrlState<'tab' | 'status' | 'year' | 'q' | 'dialog'>();
  const tab = url.tab === 'plans' ? 'plans' : 'inspections';
  const [planForm] = Form.useForm<{ unitId: string; year: number }>();
  const [planKey, setPlanKey] = useState(0);
  const filters = { status: url.status, year: url.year, q: url.q };
  return (
    <>
      <PageHeader
        title={t('ui.insp.title')}
        extra={
          <>
            <Button onClick={() => setUrl({ dialog: 'import' }, false)}>{t('ui.insp.importPlan')}</Button>
            <Button onClick={() => setUrl({ dialog: 'plan' }, false)}>{t('ui.insp.addPlan')}</Button>
            <Button type="primary" onClick={() => setUrl({ dialog: 'inspection' }, false)}>
              {t('ui.insp.add')}
            </Button>
          </>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(next) =>
          setUrl({ tab: next === 'inspections' ? undefined : next, page: undefined }, false)
        }
        items={[
          {
            key: 'inspections',
            label: t('ui.insp.tabInspections'),
            children: (
              <DataTable<Inspection>
                ariaLabel={t('ui.insp.tabInspections')}
                queryKey={['inspections', filters]}
                rowKey="id"
                exportName="cuoc-thanh-tra"
                fetchPage={(p) =>
                  get<PageOf<Inspection>>(
                    `/inspections${qs({ ...filters, page: p.page, pageSize: p.pageSize })}`,
                  )
                }
                onRowClick={(i) => navigate(`/inspections/${i.id}`)}
                toolbar={
                  <>
                    <Select
                      aria-label={t('ui.common.status')}
                      placeholder={t('ui.common.status')}
                      allowClear
                      value={url.status}
                      onChange={(v) => setUrl({ status: v })}
                      options={inspectionStatuses.map((s) => ({ value: s, label: t(`ui.insp.status.${s}`) }))}
                      style={{ width: 190 }}
                    />
                    <NumberInput
                      aria-label={t('ui.insp.planYear')}
                      placeholder={t('ui.insp.planYear')}
                      value={url.year ? Number(url.year) : null}
                      min={2020}
                      precision={0}
                      max={2100}
                      onChange={(v) => setUrl({ year: v ? String(v) : undefined })}
                      style={{ width: 120 }}
                    />
                  </>
                }
                columns={[
                  {
                    key: 'title',
                    title: t('ui.insp.titleField'),
                    render: (i) => (
                      <span style={{ display: 'inline-block', maxWidth: 280, whiteSpace: 'normal' }}>
                        {i.title}
                      </span>
                    ),
                  },
                  {
                    key: 'subject',
                    title: t('ui.insp.subject'),
                    value: (i) => i.subjectName ?? '',
                    render: (i) => <Wrap width={180}>{i.subjectName ?? ''}</Wrap>,
                  },
                  {
                    key: 'status',
                    title: t('ui.common.status'),
                    value: (i) => t(`ui.insp.status.${i.status}`),
                    render: (i) => (
                      <>
                        <StatusTag tone={inspectionTone[i.status]}>
                          {t(`ui.insp.status.${i.status}`)}
                        </StatusTag>
                        {!i.planId && <StatusTag tone="info">{t('ui.insp.adHoc')}</StatusTag>}
                      </>
                    ),
                  },
                  {
                    key: 'nextDueOn',
                    title: t('ui.insp.nextDue'),
                    value: (i) => i.nextDueOn,
                    render: (i) => formatDate(i.nextDueOn),
                  },
                  {
                    key: 'decisionNo',
                    title: t('ui.insp.decisionNo'),
                    optional: 'shown',
                    render: (i) => i.decisionNo ?? '',
                  },
                  {
                    key: 'conclusionNo',
                    title: t('ui.insp.conclusionNo'),
                    optional: 'hidden',
                    render: (i) => i.conclusionNo ?? '',
                  },
                ]}
              />
            ),
          },
          {
            key: 'plans',
            label: t('ui.insp.tabPlans'),
            children: (
              <DataTable<Plan>
                key={planKey}
                ariaLabel={t('ui.insp.tabPlans')}
                queryKey={['inspection-plans', planKey]}
                rowKey="id"
                exportName="ke-hoach-thanh-tra"
                fetchPage={async () => {
                  const items = await get<Plan[]>('/inspection-plans');
                  return { items, total: items.length, page: 1, pageSize: Math.max(items.length, 1) };
                }}
                onRowClick={(p) => navigate(`/inspection-plans/${p.id}`)}
                columns={[
                  { key: 'year', title: t('ui.insp.planYear'), render: (p) => p.year },
                  { key: 'unitName', title: t('ui.insp.inspectorate'), render: (p) => p.unitName },
                  {
                    key: 'status',
                    title: t('ui.common.status'),
                    value: (p) => t(`ui.insp.planStatus.${p.status}`),
                    render: (p) => (
                      <>
                        <StatusTag tone={p.status === 'approved' ? 'ok' : 'warn'}>
                          {t(`ui.insp.planStatus.${p.status}`)}
                        </StatusTag>
                        {p.late && <StatusTag tone="danger">{t('ui.insp.planLate')}</StatusTag>}
                      </>
                    ),
                  },
                  {
                    key: 'dueOn',
                    title: t('ui.insp.planDue'),
                    value: (p) => p.dueOn,
                    render: (p) => formatDate(p.dueOn),
                  },
                  { key: 'decisionNo', title: t('ui.insp.decisionNo'), render: (p) => p.decisionNo ?? '' },
                  {
                    key: 'count',
                    title: t('ui.insp.planCount'),
                    value: (p) => `${p.inspections}/${p.done}`,
                    render: (p) => `${p.inspections} / ${p.done}`,
                  },
                ]}
              />
            ),
          },
        ]}
      />
      <ImportWizard
        entity="inspections"
        open={url.dialog === 'import'}
        onClose={() => setUrl({ dialog: undefined }, false)}
        onDone={() => {
          setPlanKey((k) => k + 1);
          void qc.invalidateQueries({ queryKey: ['inspections'] });
        }}
      />
      <InspectionDialog
        open={url.dialog === 'inspection'}
        onClose={() => setUrl({ dialog: undefined }, false)}
        onSaved={(id) => navigate(`/inspections/${id}`) ?? undefined}
      />
      <FormModal<{ unitId: string; year: number }>
        open={url.dialog === 'plan'}
        name="plan"
        title={t('ui.insp.addPlan')}
        form={planForm}
        initialValues={{ year: new Date().getFullYear() + 1 }}
        onClose={() => setUrl({ dialog: undefined }, false)}
        onSubmit={async (v) => {
          const out = await api<{ id: string }>('POST', '/inspection-plans', v);
          setPlanKey((k) => k + 1);
          navigate(`/inspection-plans/${out.id}`);
        }}
      >
        <Form.Item
          name="unitId"
          label={t('ui.insp.inspectorate')}
          rules={[{ required: true, message: t('field.required') }]}
          required
        >
          <UnitSelect aria-label={t('ui.insp.inspectorate')} />
        </Form.Item>
        <Form.Item
          name="year"
          label={t('ui.insp.planYear')}
          rules={[{ required: true, message: t('field.required') }]}
          required
        >
          <NumberInput min={2020} precision={0} max={2100} />
        </Form.Item>
      </FormModal>
    </>
  );
}
