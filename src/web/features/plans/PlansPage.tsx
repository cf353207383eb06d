import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Select, Tabs } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { OpenClockState } from '#shared/clocks/due.ts';
import { PlanCreate } from '#shared/plans/schemas.ts';
import { api, get, qs } from '#web/app/api.ts';
import { formatDate } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { DataTable, type PageOf } from '#web/components/DataTable.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { zodRule } from '#web/components/forms.ts';
import { Meter } from '#web/components/Meter.tsx';
import { NumberInput } from '#web/components/NumberInput.tsx';
import { PageHeader } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { UnitSelect } from '#web/components/UnitSelect.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import type { Group, Plan } from './types.ts';

const DeadlineTimeline = lazy(() => import('./DeadlineTimeline.tsx'));

export const planTone = { draft: 'muted', issued: 'ok', closed: 'info' } as const;

export default function PlansPage() {
  const { t } = useT();
  const navigate = useNavigate();
  const { canAnywhere, currentUnitId } = useSession();
  const [url, setUrl] = useUrlState<'year' | 'status' | 'unitId' | 'tab'>();
  const year = url.year ?? String(new Date().getFullYear());
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{
    unitId: string;
    year: number;
    title: string;
    docNumber?: string;
    signer?: string;
  }>();
  const filters = { year, status: url.status, unitId: url.unitId };

  return (
    <>
      <PageHeader
        title={t('ui.plans.title')}
        extra={
          (canAnywhere('plans.manage') || canAnywhere('plans.edit')) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('ui.plans.create')}
            </Button>
          )
        }
      />
      <Tabs
        activeKey={url.tab ?? 'plans'}
        onChange={(tab) => setUrl({ tab, page: undefined, sort: undefined }, false)}
        items={[
          {
            key: 'plans',
            label: t('ui.plans.tabPlans'),
            children: (
              <DataTable<Plan>
                ariaLabel={t('ui.plans.title')}
                queryKey={['plans', filters]}
                rowKey="id"
                exportName="ke-hoach"
                fetchPage={(p) =>
                  get<PageOf<Plan>>(
                    `/plans${qs({ ...filters, page: p.page, pageSize: p.pageSize, sort: p.sort })}`,
                  )
                }
                onRowClick={(p) => navigate(`/plans/${p.id}`)}
                toolbar={
                  <NumberInput
                    aria-label={t('ui.plans.year')}
                    value={Number(year)}
                    min={2000}
                    precision={0}
                    max={2100}
                    onChange={(v) => setUrl({ year: v ? String(v) : undefined })}
                    style={{ width: 110 }}
                  />
                }
                filters={
                  <>
                    <Select
                      aria-label={t('ui.common.status')}
                      placeholder={t('ui.common.status')}
                      allowClear
                      value={url.status}
                      onChange={(v) => setUrl({ status: v })}
                      options={(['draft', 'issued', 'closed'] as const).map((s) => ({
                        value: s,
                        label: t(`ui.plans.status.${s}`),
                      }))}
                      style={{ width: 170 }}
                    />
                    <div style={{ width: 260 }}>
                      <UnitSelect
                        aria-label={t('ui.common.unit')}
                        placeholder={t('ui.common.filterByUnit')}
                        value={url.unitId}
                        onChange={(v) => setUrl({ unitId: v as string })}
                      />
                    </div>
                  </>
                }
                columns={[
                  { key: 'unitName', title: t('ui.common.unit'), sort: 'unitName' },
                  {
                    key: 'title',
                    title: t('ui.common.name'),
                    sort: 'title',
                    render: (p) => <span style={{ display: 'inline-block', maxWidth: 400 }}>{p.title}</span>,
                  },
                  {
                    key: 'status',
                    title: t('ui.common.status'),
                    sort: 'status',
                    render: (p) => (
                      <>
                        <StatusTag tone={planTone[p.status]}>{t(`ui.plans.status.${p.status}`)}</StatusTag>
                        {p.late && <StatusTag tone="danger">{t('ui.plans.late')}</StatusTag>}
                      </>
                    ),
                    value: (p) =>
                      t(`ui.plans.status.${p.status}`) + (p.late ? ` (${t('ui.plans.late')})` : ''),
                  },
                  {
                    key: 'dueDate',
                    title: t('ui.plans.due'),
                    sort: 'dueDate',
                    render: (p) => formatDate(p.dueDate),
                    value: (p) => formatDate(p.dueDate),
                  },
                  {
                    key: 'progress',
                    title: t('ui.plans.progress'),
                    render: (p) => (
                      <Meter
                        percent={p.progress}
                        width={140}
                        label={`${t('ui.plans.progress')} ${p.progress}%`}
                      />
                    ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'deadlines',
            label: t('ui.plans.tabDeadlines'),
            children: <DeadlinesTable year={year} unitId={url.unitId} />,
          },
        ]}
      />
      <FormModal
        open={creating}
        title={t('ui.plans.create')}
        form={form}
        initialValues={{ unitId: currentUnitId, year: Number(year) }}
        onClose={() => setCreating(false)}
        onSubmit={async (v) => {
          const created = await api<Plan>('POST', '/plans', {
            ...v,
            docNumber: v.docNumber || null,
            signer: v.signer || null,
          });
          setCreating(false);
          navigate(`/plans/${created.id}`);
        }}
      >
        <Form.Item
          name="unitId"
          label={t('ui.common.unit')}
          rules={[{ required: true, message: t('field.required') }]}
          required
        >
          <UnitSelect aria-label={t('ui.common.unit')} />
        </Form.Item>
        <Form.Item
          name="year"
          label={t('ui.plans.year')}
          rules={[zodRule(PlanCreate.shape.year, t)]}
          required
        >
          <NumberInput min={2000} precision={0} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <PlanBasisFields />
      </FormModal>
    </>
  );
}

interface Deadline {
  id: string;
  planId: string;
  groupCode: string;
  unitName: string;
  content: string;
  deadline: string;
  progress: number;
  /** An open task's state (the deadlines list holds no done tasks). */
  state: OpenClockState;
}
const stateTone: Record<OpenClockState, 'danger' | 'warn' | 'ok'> = {
  overdue: 'danger',
  at_risk: 'warn',
  on_time: 'ok',
};

/** Open tasks of issued plans by deadline: overdue and due-soon first, filterable by state and key task. */
function DeadlinesTable({ year, unitId }: { year: string; unitId?: string }) {
  const { t, lang } = useT();
  const [url, setUrl] = useUrlState<'state' | 'group'>();
  const groups = useQuery({
    queryKey: ['plan-groups'],
    queryFn: () => get<Group[]>('/plan-groups'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const filters = { year, unitId, state: url.state, groupCode: url.group };
  const timeline = useQuery({
    queryKey: ['plans', 'deadlines', 'timeline', filters],
    queryFn: () =>
      get<PageOf<Deadline>>(`/plan-items/deadlines${qs({ ...filters, page: 1, pageSize: 200 })}`),
  });
  return (
    <>
      {timeline.data && timeline.data.items.length > 0 && groups.data && (
        <Suspense fallback={null}>
          <DeadlineTimeline
            points={timeline.data.items}
            groups={groups.data.map((g) => ({ code: g.code, name: lang === 'en' ? g.nameEn : g.nameVi }))}
            today={new Date().toISOString().slice(0, 10)}
          />
        </Suspense>
      )}
      <DataTable<Deadline>
        ariaLabel={t('ui.plans.tabDeadlines')}
        queryKey={['plans', 'deadlines', filters]}
        rowKey="id"
        exportName="thoi-han"
        fetchPage={(p) =>
          get<PageOf<Deadline>>(
            `/plan-items/deadlines${qs({ ...filters, page: p.page, pageSize: p.pageSize })}`,
          )
        }
        filters={
          <>
            <Select
              aria-label={t('ui.plans.state')}
              placeholder={t('ui.plans.state')}
              allowClear
              value={url.state}
              onChange={(v) => setUrl({ state: v })}
              options={(['overdue', 'at_risk'] as const).map((s) => ({
                value: s,
                label: t(`ui.clockState.${s}`),
              }))}
              style={{ width: 170 }}
            />
            <Select
              aria-label={t('ui.plans.group')}
              placeholder={t('ui.plans.group')}
              allowClear
              value={url.group}
              onChange={(v) => setUrl({ group: v })}
              options={(groups.data ?? []).map((g) => ({
                value: g.code,
                label: lang === 'en' ? g.nameEn : g.nameVi,
              }))}
              style={{ width: 260 }}
            />
          </>
        }
        columns={[
          {
            key: 'deadline',
            title: t('ui.plans.deadline'),
            render: (d) => formatDate(d.deadline),
            value: (d) => formatDate(d.deadline),
          },
          {
            key: 'state',
            title: t('ui.plans.state'),
            render: (d) => (
              <StatusTag tone={stateTone[d.state] ?? 'muted'}>{t(`ui.clockState.${d.state}`)}</StatusTag>
            ),
            value: (d) => t(`ui.clockState.${d.state}`),
          },
          {
            key: 'content',
            title: t('ui.plans.content'),
            render: (d) => <Link to={`/plans/${d.planId}`}>{d.content}</Link>,
            value: (d) => d.content,
          },
          { key: 'unitName', title: t('ui.common.unit') },
          {
            key: 'progress',
            title: t('ui.plans.progress'),
            render: (d) => `${d.progress}%`,
            value: (d) => d.progress,
          },
        ]}
      />
    </>
  );
}

/** Title, number and signer of a plan: the same fields when creating it and when editing its basis. */
export function PlanBasisFields() {
  const { t } = useT();
  return (
    <>
      <Form.Item
        name="title"
        label={t('ui.common.name')}
        rules={[zodRule(PlanCreate.shape.title, t)]}
        required
      >
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="docNumber" label={t('ui.plans.docNumber')}>
        <Input placeholder="418/KH-UBND" />
      </Form.Item>
      <Form.Item name="signer" label={t('ui.plans.signer')}>
        <Input />
      </Form.Item>
    </>
  );
}
