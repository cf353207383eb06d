import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Descriptions, Form, Input, Space } from 'antd';
import type { z } from 'zod';
import {
  type SelfInspection,
  type SelfInspectionPage,
  selfInspectionStatuses,
} from '#shared/selfinspection/schemas.ts';
import { api, get, qs } from '#web/app/api.ts';
import { formatDate } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { DataTable } from '#web/components/DataTable.tsx';
import { DateInput } from '#web/components/DateInput.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { ImportWizard } from '#web/components/ImportWizard.tsx';
import { ListFilters, ListSearch } from '#web/components/ListFilters.tsx';
import { NumberInput } from '#web/components/NumberInput.tsx';
import { PageHeader } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { UnitSelect } from '#web/components/UnitSelect.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { Wrap } from '#web/components/Wrap.tsx';

type Row = z.infer<typeof SelfInspection>;
type PageData = z.infer<typeof SelfInspectionPage>;
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
const statusTone = { planned: 'info', done: 'ok', cancelled: 'muted' } as const;

/** Self-inspections of the staff who deal with citizens (Law Art. 56): the year's plan and each result. */
export default function SelfInspectionsPage() {
  const { t } = useT();
  const qc = useQueryClient();
  const { canAnywhere, currentUnitId } = useSession();
  const [url, setUrl] = useUrlState<'year' | 'status' | 'late' | 'q' | 'dialog' | 'item' | 'unitId'>();
  const handler = canAnywhere('integrity.handle');
  const [planForm] = Form.useForm();
  const [resultForm] = Form.useForm();
  const [cancelForm] = Form.useForm();
  const filters = { year: url.year, status: url.status, late: url.late, q: url.q, unitId: url.unitId };
  const summary = useQuery({
    queryKey: ['self-inspections', 'summary', filters],
    queryFn: () => get<PageData>(`/self-inspections${qs({ ...filters, pageSize: 1 })}`),
  });
  const one = useQuery({
    queryKey: ['self-inspections', 'one', url.item],
    queryFn: () => get<Row>(`/self-inspections/${url.item}`),
    enabled: !!url.item,
  });
  const req = { rules: [{ required: true, message: t('field.required') }], required: true };
  const close = () => setUrl({ dialog: undefined, item: undefined }, false);
  const saved = async () => {
    await qc.invalidateQueries({ queryKey: ['self-inspections'] });
    close();
  };
  const r = one.data;
  const open = handler && r?.status === 'planned';
  const year = new Date().getFullYear();
  return (
    <>
      <PageHeader
        title={t('ui.selfInspection.title')}
        extra={
          handler && (
            <Space wrap>
              <Button onClick={() => setUrl({ dialog: 'import', item: undefined }, false)}>
                {t('ui.selfInspection.import')}
              </Button>
              <Button type="primary" onClick={() => setUrl({ dialog: 'plan', item: undefined }, false)}>
                {t('ui.selfInspection.add')}
              </Button>
            </Space>
          )
        }
      />
      {summary.data && <p style={{ marginTop: 0 }}>{t('ui.selfInspection.summary', summary.data.summary)}</p>}
      <DataTable<Row>
        ariaLabel={t('ui.selfInspection.title')}
        queryKey={['self-inspections', filters]}
        rowKey="id"
        exportName="tu-kiem-tra"
        fetchPage={(p) =>
          get<PageData>(`/self-inspections${qs({ ...filters, page: p.page, pageSize: p.pageSize })}`)
        }
        onRowClick={(x) => setUrl({ dialog: 'view', item: x.id }, false)}
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
                  key: 'status',
                  label: t('ui.selfInspection.status'),
                  options: selfInspectionStatuses.map((x) => ({
                    value: x,
                    label: t(`ui.selfInspection.status.${x}`),
                  })),
                  width: 180,
                },
              ]}
            />
            <Checkbox
              checked={url.late === 'true'}
              onChange={(e) => setUrl({ late: e.target.checked ? 'true' : undefined })}
            >
              {t('ui.selfInspection.lateOnly')}
            </Checkbox>
          </>
        }
        columns={[
          {
            key: 'area',
            title: t('ui.selfInspection.area'),
            render: (x) => (
              <span style={{ display: 'inline-block', maxWidth: 280, whiteSpace: 'normal' }}>{x.area}</span>
            ),
          },
          // Whose self-inspection: a province's list holds every department's (issue 17 review).
          {
            key: 'unitName',
            title: t('ui.common.unit'),
            optional: 'shown',
            value: (x) => x.unitName,
            render: (x) => <Wrap width={180}>{x.unitName}</Wrap>,
          },
          {
            key: 'plannedTo',
            title: t('ui.selfInspection.period'),
            value: (x) => x.plannedTo,
            render: (x) => (
              <span className="nowrap">
                {formatDate(x.plannedFrom)} – {formatDate(x.plannedTo)}
              </span>
            ),
          },
          {
            key: 'status',
            title: t('ui.selfInspection.status'),
            value: (x) => t(`ui.selfInspection.status.${x.status}`),
            render: (x) =>
              x.late ? (
                <StatusTag tone="danger">{t('ui.selfInspection.late')}</StatusTag>
              ) : (
                <StatusTag tone={statusTone[x.status]}>{t(`ui.selfInspection.status.${x.status}`)}</StatusTag>
              ),
          },
          {
            key: 'violations',
            title: t('ui.selfInspection.violations'),
            value: (x) => x.violationsFound ?? '',
            render: (x) => (x.status === 'done' ? `${x.violationsFound} / ${x.checkedCount}` : '—'),
          },
        ]}
      />
      <FormModal
        open={url.dialog === 'view' && !!r}
        name="result"
        title={r ? r.area : ''}
        form={resultForm}
        initialValues={{
          doneOn: today(),
          checkedCount: r?.staffCount ?? 0,
          violationsFound: 0,
          staffHandled: 0,
          referred: 0,
        }}
        okText={open ? t('ui.selfInspection.record') : undefined}
        onClose={close}
        onSubmit={async (v) => {
          if (!(open && r)) return close();
          await api('POST', `/self-inspections/${r.id}/result`, { ...v, version: r.version });
          await saved();
        }}
      >
        {r && (
          <>
            <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t('ui.common.unit')}>{r.unitName}</Descriptions.Item>
              <Descriptions.Item label={t('ui.selfInspection.period')}>
                {formatDate(r.plannedFrom)} – {formatDate(r.plannedTo)}
                {r.staffCount !== null ? ` · ${t('ui.selfInspection.staffN', { n: r.staffCount })}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.selfInspection.status')}>
                {r.late ? t('ui.selfInspection.late') : t(`ui.selfInspection.status.${r.status}`)}
                {r.doneOn ? ` ${formatDate(r.doneOn)}` : ''}
                {r.cancelReason ? ` — ${r.cancelReason}` : ''}
              </Descriptions.Item>
              {r.status === 'done' && (
                <Descriptions.Item label={t('ui.selfInspection.violations')}>
                  {t('ui.selfInspection.resultLine', {
                    checked: r.checkedCount ?? 0,
                    violations: r.violationsFound ?? 0,
                    handled: r.staffHandled ?? 0,
                    referred: r.referred ?? 0,
                  })}
                </Descriptions.Item>
              )}
              {r.findings && (
                <Descriptions.Item label={t('ui.selfInspection.findings')}>{r.findings}</Descriptions.Item>
              )}
              {r.measures && (
                <Descriptions.Item label={t('ui.selfInspection.measures')}>{r.measures}</Descriptions.Item>
              )}
              {r.note && <Descriptions.Item label={t('ui.selfInspection.note')}>{r.note}</Descriptions.Item>}
            </Descriptions>
            {open && (
              <>
                <Space wrap>
                  <Form.Item name="doneOn" label={t('ui.selfInspection.doneOn')} {...req}>
                    <DateInput max={today()} aria-label={t('ui.selfInspection.doneOn')} />
                  </Form.Item>
                  <Form.Item name="checkedCount" label={t('ui.selfInspection.checked')} {...req}>
                    <NumberInput min={0} precision={0} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name="violationsFound" label={t('ui.selfInspection.violationsFound')} {...req}>
                    <NumberInput min={0} precision={0} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name="staffHandled" label={t('ui.selfInspection.handled')} {...req}>
                    <NumberInput min={0} precision={0} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name="referred" label={t('ui.selfInspection.referred')} {...req}>
                    <NumberInput min={0} precision={0} style={{ width: 120 }} />
                  </Form.Item>
                </Space>
                <Form.Item name="findings" label={t('ui.selfInspection.findings')}>
                  <Input.TextArea rows={2} maxLength={4000} />
                </Form.Item>
                <Form.Item name="measures" label={t('ui.selfInspection.measures')}>
                  <Input.TextArea rows={2} maxLength={4000} />
                </Form.Item>
                <Space>
                  <Button onClick={() => setUrl({ dialog: 'plan' }, false)}>{t('ui.common.edit')}</Button>
                  <Button danger onClick={() => setUrl({ dialog: 'cancel' }, false)}>
                    {t('ui.selfInspection.cancel')}
                  </Button>
                </Space>
              </>
            )}
          </>
        )}
      </FormModal>
      <ImportWizard
        entity="self_inspections"
        open={url.dialog === 'import'}
        onClose={close}
        onDone={() => void qc.invalidateQueries({ queryKey: ['self-inspections'] })}
      />
      <FormModal
        open={url.dialog === 'cancel' && !!r}
        name="cancel"
        title={t('ui.selfInspection.cancel')}
        form={cancelForm}
        onClose={close}
        onSubmit={async (v) => {
          await api('POST', `/self-inspections/${r!.id}/cancel`, { ...v, version: r!.version });
          await saved();
        }}
      >
        <Form.Item name="reason" label={t('ui.selfInspection.cancelReason')} {...req}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </FormModal>
      <FormModal
        open={url.dialog === 'plan'}
        name="plan"
        title={r && url.item ? t('ui.common.edit') : t('ui.selfInspection.add')}
        form={planForm}
        initialValues={
          r && url.item
            ? { ...r, note: r.note ?? undefined, staffCount: r.staffCount ?? undefined }
            : { unitId: currentUnitId, year }
        }
        onClose={close}
        onSubmit={async (v: Record<string, unknown>) => {
          const body = {
            unitId: v.unitId,
            year: v.year,
            area: v.area,
            staffCount: v.staffCount ?? null,
            plannedFrom: v.plannedFrom,
            plannedTo: v.plannedTo,
            note: v.note ?? null,
          };
          if (r && url.item) await api('PUT', `/self-inspections/${r.id}`, { ...body, version: r.version });
          else await api('POST', '/self-inspections', body);
          await saved();
        }}
      >
        <Form.Item name="unitId" label={t('ui.common.unit')} {...req}>
          <UnitSelect aria-label={t('ui.common.unit')} />
        </Form.Item>
        <Form.Item
          name="area"
          label={t('ui.selfInspection.area')}
          extra={t('ui.selfInspection.areaHelp')}
          {...req}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="year" label={t('ui.detect.year')} {...req}>
            <NumberInput min={2019} max={2100} precision={0} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="plannedFrom" label={t('ui.selfInspection.from')} {...req}>
            <DateInput aria-label={t('ui.selfInspection.from')} />
          </Form.Item>
          <Form.Item name="plannedTo" label={t('ui.selfInspection.to')} {...req}>
            <DateInput aria-label={t('ui.selfInspection.to')} />
          </Form.Item>
          <Form.Item name="staffCount" label={t('ui.selfInspection.staff')}>
            <NumberInput min={0} precision={0} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('ui.selfInspection.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </FormModal>
    </>
  );
}
