import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Input, Popconfirm, Select, Space, Table, Tabs } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { canAtRoot } from '#shared/permissions.ts';
import { legalSourceIn } from '#shared/referenceText.ts';
import { deferralReasons, dueStatuses } from '#shared/rotation/schemas.ts';
import { ApiError, api, get, qs } from '#web/app/api.ts';
import { formatDate } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { DataTable, type PageOf } from '#web/components/DataTable.tsx';
import { DateInput } from '#web/components/DateInput.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { ImportWizard } from '#web/components/ImportWizard.tsx';
import { UnitFilter } from '#web/components/ListFilters.tsx';
import { NumberInput } from '#web/components/NumberInput.tsx';
import { PageHeader } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { UnitSelect } from '#web/components/UnitSelect.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { AssignmentDialogs, AssignmentFields } from './AssignmentDialogs.tsx';
import {
  type Assignment,
  type DuePage,
  type DueRow,
  dueTone,
  planTone,
  type RotationPlan,
  type RotationPosition,
} from './types.ts';
import { whyOf } from './why.ts';

const thisYear = () =>
  Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' }).slice(0, 4));
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });

/** The year's due list with its reasons, the positions held, and the yearly plans. */
export default function RotationPage() {
  const { t } = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { canAnywhere, currentUnitId } = useSession();
  const [url, setUrl] = useUrlState<
    'tab' | 'year' | 'status' | 'q' | 'active' | 'dialog' | 'target' | 'unitId'
  >();
  const tab = url.tab ?? 'due';
  const year = Number(url.year ?? thisYear() + 1);
  const handler = canAnywhere('integrity.handle');
  const positions = useQuery({
    queryKey: ['rotation', 'positions'],
    queryFn: () => get<RotationPosition[]>('/rotation/positions'),
  });
  // Whose deferral is being recorded, named in the dialog's title (review rev28).
  const deferred = useQuery({
    queryKey: ['rotation', 'assignment', url.target],
    queryFn: () => get<Assignment>(`/rotation/assignments/${url.target}`),
    enabled: url.dialog === 'defer' && !!url.target,
  });
  const plans = useQuery({
    queryKey: ['rotation', 'plans'],
    queryFn: () => get<RotationPlan[]>('/rotation/plans'),
    enabled: tab === 'plans',
  });
  const [assignForm] = Form.useForm();
  const [deferForm] = Form.useForm();
  const [planForm] = Form.useForm();
  const req = { rules: [{ required: true, message: t('field.required') }], required: true };
  const close = () => setUrl({ dialog: undefined, target: undefined }, false);
  return (
    <>
      <PageHeader
        title={t('ui.rot.title')}
        extra={
          handler && (
            <Space wrap>
              <Button onClick={() => setUrl({ dialog: 'import' }, false)}>{t('ui.rot.import')}</Button>
              <Button onClick={() => setUrl({ dialog: 'assign' }, false)}>{t('ui.rot.addAssignment')}</Button>
              <Button type="primary" onClick={() => setUrl({ dialog: 'plan' }, false)}>
                {t('ui.rot.newPlan')}
              </Button>
            </Space>
          )
        }
      />
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('ui.rot.intro')} />
      <Tabs
        activeKey={tab}
        onChange={(next) =>
          setUrl({ tab: next === 'due' ? undefined : next, page: undefined, status: undefined }, false)
        }
        items={[
          {
            key: 'due',
            label: t('ui.rot.tab.due'),
            children: (
              <DueTable
                year={year}
                status={url.status}
                q={url.q}
                unitId={url.unitId}
                onUnit={(unitId) => setUrl({ unitId })}
                onYear={(y) => setUrl({ year: String(y) })}
                onStatus={(s) => setUrl({ status: s })}
                onSearch={(q) => setUrl({ q: q || undefined })}
                onDefer={handler ? (id) => setUrl({ dialog: 'defer', target: id }, false) : undefined}
                onOpen={(id) => setUrl({ dialog: 'assignment', target: id }, false)}
              />
            ),
          },
          {
            key: 'assignments',
            label: t('ui.rot.tab.assignments'),
            children: (
              <DataTable<Assignment>
                ariaLabel={t('ui.rot.tab.assignments')}
                queryKey={['rotation', 'assignments', url.q, url.active]}
                rowKey="id"
                onRowClick={(a) => setUrl({ dialog: 'assignment', target: a.id }, false)}
                exportName="vi-tri-phai-chuyen-doi"
                fetchPage={(p) =>
                  get<PageOf<Assignment>>(
                    `/rotation/assignments${qs({ q: url.q, active: url.active ?? '1', page: p.page, pageSize: p.pageSize })}`,
                  )
                }
                toolbar={
                  <>
                    <Input.Search
                      aria-label={t('ui.common.search')}
                      placeholder={t('ui.common.search')}
                      defaultValue={url.q}
                      allowClear
                      onSearch={(v) => setUrl({ q: v || undefined })}
                      style={{ width: 220 }}
                    />
                    <Checkbox
                      checked={url.active === '0'}
                      onChange={(e) => setUrl({ active: e.target.checked ? '0' : undefined })}
                    >
                      {t('ui.rot.ended')}
                    </Checkbox>
                  </>
                }
                columns={[
                  { key: 'personName', title: t('ui.rot.person'), render: (a) => a.personName },
                  // The due date before the long texts: at 1280 px it is never past the edge (rev28).
                  {
                    key: 'dueOn',
                    title: t('ui.rot.dueOn'),
                    value: (a) => a.dueOn,
                    render: (a) => formatDate(a.dueOn),
                  },
                  { key: 'unitName', title: t('ui.common.unit'), render: (a) => a.unitName },
                  {
                    key: 'positionName',
                    title: t('ui.rot.position'),
                    render: (a) => (
                      <span style={{ display: 'inline-block', maxWidth: 220, whiteSpace: 'normal' }}>
                        {a.positionName}
                      </span>
                    ),
                  },
                  {
                    key: 'assignedOn',
                    title: t('ui.rot.assignedOnShort'),
                    value: (a) => a.assignedOn,
                    render: (a) => formatDate(a.assignedOn),
                  },
                  {
                    key: 'monthsInPosition',
                    title: t('ui.rot.months'),
                    // Read from the two dates beside it; on demand, so 1280 px keeps the reasons (rev28).
                    optional: 'hidden',
                    render: (a) => a.monthsInPosition,
                  },
                  {
                    key: 'deferrals',
                    title: t('ui.rot.reason'),
                    optional: 'shown',
                    value: (a) => a.deferrals.map((d) => t(`ui.rot.reason.${d.reason}`)).join('; '),
                    render: (a) => (
                      <span style={{ display: 'inline-block', maxWidth: 200, whiteSpace: 'normal' }}>
                        {a.deferrals.map((d) => t(`ui.rot.reason.${d.reason}`)).join('; ')}
                      </span>
                    ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'positions',
            label: t('ui.rot.tab.positions'),
            children: <PositionsTable positions={positions.data ?? []} loading={positions.isLoading} />,
          },
          {
            key: 'plans',
            label: t('ui.rot.tab.plans'),
            children: (
              <Table<RotationPlan>
                rowKey="id"
                loading={plans.isLoading}
                dataSource={plans.data ?? []}
                locale={{ emptyText: t('ui.rot.noPlans') }}
                pagination={false}
                scroll={{ x: true }}
                onRow={(p) => ({
                  onClick: () => navigate(`/rotation/plans/${p.id}`),
                  style: { cursor: 'pointer' },
                })}
                columns={[
                  { title: t('ui.rot.year'), dataIndex: 'year' },
                  { title: t('ui.common.unit'), dataIndex: 'unitName' },
                  {
                    title: t('ui.rot.status'),
                    render: (_, p) => (
                      <StatusTag tone={planTone[p.stage]}>{t(`ui.rot.stage.${p.stage}`)}</StatusTag>
                    ),
                  },
                  { title: t('ui.rot.issueBy'), render: (_, p) => formatDate(p.issueBy) },
                  { title: t('ui.rot.issuedOn'), render: (_, p) => formatDate(p.issuedOn) },
                  {
                    title: t('ui.rot.items'),
                    render: (_, p) => t('ui.rot.progress', { done: p.done, items: p.items }),
                  },
                ]}
              />
            ),
          },
        ]}
      />
      <ImportWizard
        entity="rotation_assignments"
        open={url.dialog === 'import'}
        onClose={close}
        onDone={() => void qc.invalidateQueries({ queryKey: ['rotation'] })}
      />
      <FormModal
        open={url.dialog === 'assign'}
        name="assign"
        title={t('ui.rot.addAssignment')}
        form={assignForm}
        initialValues={{ unitId: currentUnitId, probationMonths: 0 }}
        onClose={close}
        onSubmit={async (v) => {
          await api('POST', '/rotation/assignments', v);
          await qc.invalidateQueries({ queryKey: ['rotation'] });
          setUrl({ dialog: undefined, target: undefined, tab: 'assignments' }, false);
        }}
      >
        <Form.Item name="unitId" label={t('ui.common.unit')} {...req}>
          <UnitSelect aria-label={t('ui.common.unit')} />
        </Form.Item>
        <AssignmentFields positions={positions.data ?? []} />
      </FormModal>
      <AssignmentDialogs
        dialog={url.dialog}
        id={url.target}
        positions={positions.data ?? []}
        open={(dialog, target) => setUrl({ dialog, target }, false)}
        close={close}
      />
      <FormModal
        open={url.dialog === 'defer' && !!url.target}
        name="defer"
        title={
          deferred.data && deferred.data.id === url.target
            ? `${t('ui.rot.defer')} — ${deferred.data.personName}`
            : t('ui.rot.defer')
        }
        form={deferForm}
        initialValues={{ from: today() }}
        onClose={close}
        onSubmit={async (v) => {
          const a = await get<Assignment>(`/rotation/assignments/${url.target}`);
          await api('POST', `/rotation/assignments/${url.target}/deferrals`, { ...v, version: a.version });
          await qc.invalidateQueries({ queryKey: ['rotation'] });
          close();
        }}
      >
        <Form.Item name="reason" label={t('ui.rot.reason')} {...req}>
          <Select options={deferralReasons.map((r) => ({ value: r, label: t(`ui.rot.reason.${r}`) }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="from" label={t('ui.rot.from')} {...req}>
            <DateInput aria-label={t('ui.rot.from')} />
          </Form.Item>
          <Form.Item name="until" label={t('ui.rot.until')}>
            <DateInput aria-label={t('ui.rot.until')} />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('ui.rot.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </FormModal>
      <FormModal
        open={url.dialog === 'plan'}
        name="plan"
        title={t('ui.rot.newPlan')}
        form={planForm}
        initialValues={{ unitId: currentUnitId, year, includeDue: true }}
        onClose={close}
        onSubmit={async (v) => {
          const out = await api<{ id: string }>('POST', '/rotation/plans', v);
          await qc.invalidateQueries({ queryKey: ['rotation'] });
          close();
          navigate(`/rotation/plans/${out.id}`);
        }}
      >
        <Space wrap>
          <Form.Item name="unitId" label={t('ui.common.unit')} {...req}>
            <UnitSelect aria-label={t('ui.common.unit')} />
          </Form.Item>
          <Form.Item name="year" label={t('ui.rot.year')} {...req}>
            <NumberInput min={2000} max={2100} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item name="content" label={t('ui.rot.planContent')} {...req}>
          <Input.TextArea rows={4} maxLength={8000} />
        </Form.Item>
        <Form.Item name="includeDue" valuePropName="checked">
          <Checkbox>{t('ui.rot.includeDue')}</Checkbox>
        </Form.Item>
      </FormModal>
    </>
  );
}

function DueTable({
  year,
  status,
  q,
  unitId,
  onUnit,
  onYear,
  onStatus,
  onSearch,
  onDefer,
  onOpen,
}: {
  year: number;
  status: string | undefined;
  q: string | undefined;
  unitId: string | undefined;
  onUnit(unitId: string | undefined): void;
  onYear(y: number): void;
  onStatus(s: string | undefined): void;
  onSearch(q: string): void;
  onDefer?: (assignmentId: string) => void;
  onOpen(assignmentId: string): void;
}) {
  const { t } = useT();
  const why = (r: DueRow) => whyOf(t, r);
  const counts = useQuery({
    queryKey: ['rotation', 'due', 'counts', year, unitId],
    queryFn: () => get<DuePage>(`/rotation/due${qs({ year, unitId, pageSize: 1 })}`),
  });
  return (
    <>
      {counts.data && <p style={{ marginTop: 0 }}>{t('ui.rot.counts', { year, ...counts.data.counts })}</p>}
      <DataTable<DueRow>
        ariaLabel={t('ui.rot.tab.due')}
        queryKey={['rotation', 'due', year, status, q, unitId]}
        rowKey="assignmentId"
        exportName={`den-han-chuyen-doi-${year}`}
        fetchPage={(p) =>
          get<DuePage>(`/rotation/due${qs({ year, status, q, unitId, page: p.page, pageSize: p.pageSize })}`)
        }
        toolbar={
          <>
            <NumberInput
              aria-label={t('ui.rot.year')}
              value={year}
              min={2000}
              precision={0}
              max={2100}
              onChange={(v) => v && onYear(v)}
              style={{ width: 110 }}
            />
            <Input.Search
              aria-label={t('ui.common.search')}
              placeholder={t('ui.common.search')}
              defaultValue={q}
              allowClear
              onSearch={onSearch}
              style={{ width: 220 }}
            />
          </>
        }
        filters={
          <>
            <UnitFilter value={unitId} onChange={onUnit} />
            <Select
              aria-label={t('ui.rot.status')}
              placeholder={t('ui.rot.status')}
              allowClear
              value={status}
              onChange={onStatus}
              options={dueStatuses
                .filter((s) => s !== 'not_due')
                .map((s) => ({ value: s, label: t(`ui.rot.status.${s}`) }))}
              style={{ width: 240 }}
              popupMatchSelectWidth={false}
            />
          </>
        }
        columns={[
          {
            key: 'personName',
            title: t('ui.rot.person'),
            value: (r) => r.personName,
            render: (r) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => onOpen(r.assignmentId)}>
                {r.personName}
              </Button>
            ),
          },
          {
            key: 'status',
            title: t('ui.rot.status'),
            // The export carries the why as well: the sheet replaces the one units keep (rev20 P12).
            value: (r) => [t(`ui.rot.status.${r.status}`), ...why(r)].join(' — '),
            render: (r) => (
              <span style={{ display: 'inline-block', maxWidth: 170, whiteSpace: 'normal' }}>
                <StatusTag tone={dueTone[r.status]}>{t(`ui.rot.status.${r.status}`)}</StatusTag>
                {why(r).map((line) => (
                  <div key={line}>{line}</div>
                ))}
              </span>
            ),
          },
          {
            key: 'dueOn',
            title: t('ui.rot.dueOn'),
            value: (r) => formatDate(r.dueOn),
            render: (r) => formatDate(r.dueOn),
          },
          { key: 'unitName', title: t('ui.common.unit'), optional: 'shown', render: (r) => r.unitName },
          {
            key: 'positionName',
            title: t('ui.rot.position'),
            optional: 'shown',
            // Narrow enough that the row's action, pinned on the right, covers nothing at 1280 px (rev29).
            render: (r) => (
              <span style={{ display: 'inline-block', maxWidth: 180, whiteSpace: 'normal' }}>
                {r.positionName}
              </span>
            ),
          },
          ...(onDefer
            ? [
                {
                  key: 'actions',
                  title: '',
                  value: () => null,
                  render: (r: DueRow) =>
                    r.status === 'due' ? (
                      <Button size="small" onClick={() => onDefer(r.assignmentId)}>
                        {t('ui.rot.defer')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

/**
 * The positions subject to rotation and their periods (reference data, rev20 P14): read by every keeper of
 * the register; the province's coordinator sets a period within its sector's range.
 */
function PositionsTable({ positions, loading }: { positions: RotationPosition[]; loading: boolean }) {
  const { t, lang } = useT();
  const { actor } = useSession();
  const manage = canAtRoot(actor, 'integrity.handle');
  return (
    <Table<RotationPosition>
      rowKey="code"
      aria-label={t('ui.rot.tab.positions')}
      loading={loading}
      dataSource={positions}
      pagination={false}
      scroll={{ x: true }}
      columns={[
        {
          title: t('ui.rot.position'),
          render: (_, p) => (
            <span style={{ display: 'inline-block', maxWidth: 360, whiteSpace: 'normal' }}>
              {lang === 'en' ? p.nameEn : p.nameVi}
            </span>
          ),
        },
        {
          title: t('ui.rot.period'),
          render: (_, p) => (manage && p.minYears < p.maxYears ? <PeriodCell p={p} /> : p.periodYears),
        },
        {
          title: t('ui.rot.periodRange'),
          render: (_, p) =>
            p.minYears === p.maxYears
              ? t('ui.rot.periodFixed', { n: p.minYears })
              : t('ui.rot.periodRangeOf', { min: p.minYears, max: p.maxYears }),
        },
        {
          title: t('ui.rot.legalSource'),
          render: (_, p) => (
            <span style={{ display: 'inline-block', maxWidth: 320, whiteSpace: 'normal' }}>
              {legalSourceIn(p.legalSource, lang)}
            </span>
          ),
        },
      ]}
    />
  );
}

/**
 * A position's period, changed only when saved and confirmed: it re-dates every post held of it (rev28: a
 * box that lost focus re-dated the province, and showed a clamped value that was never saved).
 */
function PeriodCell({ p }: { p: RotationPosition }) {
  const { t, lang } = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [value, setValue] = useState<number | null>(p.periodYears);
  const [error, setError] = useState<string | null>(null);
  const name = lang === 'en' ? p.nameEn : p.nameVi;
  const save = async () => {
    try {
      await api('PUT', `/rotation/positions/${p.code}`, { periodYears: value });
      setError(null);
      await qc.invalidateQueries({ queryKey: ['rotation'] });
      void message.success(t('ui.rot.periodSaved'));
    } catch (e) {
      setError(e instanceof ApiError ? (e.fields.periodYears ?? e.message) : String(e));
    }
  };
  return (
    <Space align="start" wrap>
      <Form.Item
        style={{ marginBottom: 0 }}
        validateStatus={error ? 'error' : undefined}
        help={error ?? undefined}
      >
        <NumberInput
          aria-label={`${t('ui.rot.period')} ${name}`}
          precision={0}
          value={value}
          onChange={(v) => {
            setValue(v);
            setError(null);
          }}
          style={{ width: 80 }}
        />
      </Form.Item>
      {value !== p.periodYears && (
        <Popconfirm
          title={t('ui.rot.periodConfirm', { n: value ?? '' })}
          description={t('ui.rot.periodConfirmHelp')}
          okText={t('ui.common.confirm')}
          cancelText={t('ui.common.cancel')}
          onConfirm={save}
        >
          <Button type="primary">{t('ui.common.save')}</Button>
        </Popconfirm>
      )}
    </Space>
  );
}
