import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, Modal, Select, Space } from 'antd';
import type { z } from 'zod';
import {
  coolingOffRuleCodes,
  coolingOffRules,
  type Departure,
  type DeparturePage,
} from '#shared/departures/schemas.ts';
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

type Row = z.infer<typeof Departure>;
type PageData = z.infer<typeof DeparturePage>;
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });

/** Officials who left office, their cooling-off periods, and new employers the province knows. */
export default function DeparturesPage() {
  const { t } = useT();
  const qc = useQueryClient();
  const { canAnywhere, currentUnitId } = useSession();
  const [url, setUrl] = useUrlState<'year' | 'state' | 'q' | 'dialog' | 'departure' | 'unitId'>();
  const handler = canAnywhere('integrity.handle');
  const [form] = Form.useForm();
  const rule = Form.useWatch('rule', form) as keyof typeof coolingOffRules | undefined;
  const filters = { year: url.year, state: url.state, q: url.q, unitId: url.unitId };
  const summary = useQuery({
    queryKey: ['departures', 'summary', filters],
    queryFn: () => get<PageData>(`/departures${qs({ ...filters, pageSize: 1 })}`),
  });
  const one = useQuery({
    queryKey: ['departures', 'one', url.departure],
    queryFn: () => get<Row>(`/departures/${url.departure}`),
    enabled: !!url.departure,
  });
  const r = one.data;
  const editing = url.dialog === 'edit' && !!r;
  const req = { rules: [{ required: true, message: t('field.required') }], required: true };
  const close = () => setUrl({ dialog: undefined, departure: undefined }, false);
  const ruleInfo = rule ? coolingOffRules[rule] : undefined;
  return (
    <>
      <PageHeader
        title={t('ui.dep.title')}
        extra={
          handler && (
            <Space wrap>
              <Button onClick={() => setUrl({ dialog: 'import' }, false)}>{t('ui.reg.import')}</Button>
              <Button type="primary" onClick={() => setUrl({ dialog: 'new' }, false)}>
                {t('ui.dep.add')}
              </Button>
            </Space>
          )
        }
      />
      <p style={{ marginTop: 0 }}>{t('ui.dep.intro')}</p>
      {summary.data && <p>{t('ui.dep.summary', summary.data.summary)}</p>}
      <DataTable<Row>
        ariaLabel={t('ui.dep.title')}
        queryKey={['departures', filters]}
        rowKey="id"
        exportName="thoi-giu-chuc-vu"
        fetchPage={(p) =>
          get<PageData>(`/departures${qs({ ...filters, page: p.page, pageSize: p.pageSize })}`)
        }
        onRowClick={(x) => setUrl({ dialog: 'view', departure: x.id }, false)}
        toolbar={<ListSearch url={url} setUrl={setUrl} />}
        filters={
          <ListFilters
            unit
            url={url}
            setUrl={setUrl}
            year={t('ui.dep.yearLeft')}
            choices={[
              {
                key: 'state',
                label: t('ui.dep.state'),
                options: (['cooling', 'flagged', 'ended'] as const).map((x) => ({
                  value: x,
                  label: t(`ui.dep.state.${x}`),
                })),
                width: 230,
              },
            ]}
          />
        }
        columns={[
          { key: 'personName', title: t('ui.dep.person'), render: (x) => x.personName },
          {
            key: 'position',
            title: t('ui.dep.position'),
            render: (x) => (
              <span style={{ display: 'inline-block', maxWidth: 200, whiteSpace: 'normal' }}>
                {x.position}
              </span>
            ),
          },
          { key: 'unitName', title: t('ui.common.unit'), optional: 'shown', render: (x) => x.unitName },
          {
            key: 'leftOn',
            title: t('ui.dep.leftOnShort'),
            value: (x) => x.leftOn,
            render: (x) => <span className="nowrap">{formatDate(x.leftOn)}</span>,
          },
          {
            key: 'until',
            title: t('ui.dep.until'),
            value: (x) => x.coolingOffUntil,
            render: (x) => (
              <span className="nowrap">
                {formatDate(x.coolingOffUntil)}{' '}
                <StatusTag tone={x.coolingOff ? 'info' : 'muted'}>
                  {t(x.coolingOff ? 'ui.dep.state.cooling' : 'ui.dep.state.ended')}
                </StatusTag>
              </span>
            ),
          },
          {
            key: 'employer',
            title: t('ui.dep.newEmployer'),
            value: (x) => x.newEmployerName ?? '',
            render: (x) => (
              <span style={{ display: 'inline-block', maxWidth: 200, whiteSpace: 'normal' }}>
                {x.newEmployerName ?? '—'}
                {x.employer && x.coolingOff && (
                  <div>
                    <StatusTag tone="danger">{t('ui.dep.flag')}</StatusTag>
                  </div>
                )}
              </span>
            ),
          },
        ]}
      />
      <Modal
        open={url.dialog === 'view' && !!r}
        title={r ? `${r.personName} — ${r.position}` : ''}
        onCancel={close}
        footer={
          handler && r ? (
            <Button type="primary" onClick={() => setUrl({ dialog: 'edit', departure: r.id }, false)}>
              {t('ui.common.edit')}
            </Button>
          ) : null
        }
      >
        {r && <DepartureView r={r} />}
      </Modal>
      <ImportWizard
        entity="departures"
        open={url.dialog === 'import'}
        onClose={close}
        onDone={() => void qc.invalidateQueries({ queryKey: ['departures'] })}
      />
      <FormModal
        open={url.dialog === 'new' || editing}
        name="departure"
        title={t(editing ? 'ui.dep.edit' : 'ui.dep.add')}
        form={form}
        initialValues={editing ? { ...r } : { unitId: currentUnitId, rule: 'group1', leftOn: today() }}
        onClose={close}
        onSubmit={async (v: Record<string, unknown>) => {
          const body = {
            ...v,
            months: v.months ?? null,
            projectEndsOn: v.projectEndsOn ?? null,
            newEmployerName: v.newEmployerName || null,
            newEmployerTaxCode: v.newEmployerTaxCode || null,
            note: v.note || null,
          };
          if (editing && r) await api('PUT', `/departures/${r.id}`, { ...body, version: r.version });
          else await api('POST', '/departures', body);
          await qc.invalidateQueries({ queryKey: ['departures'] });
          close();
        }}
      >
        <Form.Item name="unitId" label={t('ui.dep.unitLeft')} {...req}>
          <UnitSelect aria-label={t('ui.dep.unitLeft')} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="personName" label={t('ui.dep.person')} {...req}>
            <Input maxLength={200} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="leftOn" label={t('ui.dep.leftOn')} {...req}>
            <DateInput max={today()} aria-label={t('ui.dep.leftOn')} />
          </Form.Item>
        </Space>
        <Form.Item name="position" label={t('ui.dep.position')} {...req}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="field" label={t('ui.dep.field')} {...req}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item
          name="rule"
          label={t('ui.dep.rule')}
          extra={ruleInfo ? `${t('ui.dep.source')}: ${ruleInfo.source}` : undefined}
          {...req}
        >
          <Select options={coolingOffRuleCodes.map((k) => ({ value: k, label: t(`ui.dep.rule.${k}`) }))} />
        </Form.Item>
        {ruleInfo && ruleInfo.months === null ? (
          <Form.Item name="projectEndsOn" label={t('ui.dep.projectEndsOn')} {...req}>
            <DateInput aria-label={t('ui.dep.projectEndsOn')} />
          </Form.Item>
        ) : (
          ruleInfo &&
          ruleInfo.min !== ruleInfo.max && (
            <Form.Item
              name="months"
              label={t('ui.dep.months')}
              extra={t('ui.dep.monthsRange', { min: ruleInfo.min, max: ruleInfo.max, n: ruleInfo.months })}
            >
              <NumberInput min={ruleInfo.min} max={ruleInfo.max} aria-label={t('ui.dep.months')} />
            </Form.Item>
          )
        )}
        <Space wrap>
          <Form.Item name="newEmployerName" label={t('ui.dep.newEmployer')}>
            <Input maxLength={300} style={{ width: 280 }} />
          </Form.Item>
          <Form.Item name="newEmployerTaxCode" label={t('ui.dep.taxCode')}>
            <Input maxLength={14} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('ui.dep.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </FormModal>
    </>
  );
}

function DepartureView({ r }: { r: Row }) {
  const { t } = useT();
  return (
    <>
      {r.employer && r.coolingOff && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('ui.dep.flagDetail', {
            name: r.employer.name,
            sector: r.employer.sector,
            until: formatDate(r.coolingOffUntil),
          })}
        />
      )}
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('ui.common.unit')}>{r.unitName}</Descriptions.Item>
        <Descriptions.Item label={t('ui.dep.leftOn')}>{formatDate(r.leftOn)}</Descriptions.Item>
        <Descriptions.Item label={t('ui.dep.field')}>{r.field}</Descriptions.Item>
        <Descriptions.Item label={t('ui.dep.rule')}>
          {t(`ui.dep.rule.${r.rule}`)} ({coolingOffRules[r.rule].source})
          {r.months ? ` — ${t('ui.dep.monthsN', { n: r.months })}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('ui.dep.until')}>{formatDate(r.coolingOffUntil)}</Descriptions.Item>
        <Descriptions.Item label={t('ui.dep.newEmployer')}>
          {r.newEmployerName ?? '—'}
          {r.newEmployerTaxCode ? ` (${r.newEmployerTaxCode})` : ''}
        </Descriptions.Item>
        {r.note && <Descriptions.Item label={t('ui.dep.note')}>{r.note}</Descriptions.Item>}
      </Descriptions>
    </>
  );
}
