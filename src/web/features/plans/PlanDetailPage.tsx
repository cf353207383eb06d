import { DownloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  List,
  Progress,
  Select,
  Space,
  Table,
  Tabs,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { DuePeriod } from '#shared/plans/periods.ts';
import { ItemCreate, itemStatuses, ProgressBody, recurrences } from '#shared/plans/schemas.ts';
import { api, get } from '#web/app/api.ts';
import { formatDate, formatDateTime, periodLabel } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { unitsPaging } from '#web/components/DataTable.tsx';
import { FileUpload } from '#web/components/FileUpload.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { zodRule } from '#web/components/forms.ts';
import { PageHeader, QueryState } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { UnitSelect } from '#web/components/UnitSelect.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import type { HeatData } from './Heatmap.tsx';
import { PlanBasisFields, planTone } from './PlansPage.tsx';
import type { Group, Item, Plan, Report } from './types.ts';

const Heatmap = lazy(() => import('./Heatmap.tsx'));
// The import wizard (and its spreadsheet code) loads when someone opens it, not with every plan.
const ImportWizard = lazy(() =>
  import('#web/components/ImportWizard.tsx').then((m) => ({ default: m.ImportWizard })),
);

type ItemNode = Item & { children?: ItemNode[] };

function tree(items: Item[]): ItemNode[] {
  const byParent = new Map<string | null, ItemNode[]>();
  for (const i of items) byParent.set(i.parentId, [...(byParent.get(i.parentId) ?? []), { ...i }]);
  const attach = (list: ItemNode[]): ItemNode[] =>
    list.map((n) => {
      const kids = byParent.get(n.id);
      return kids ? { ...n, children: attach(kids) } : n;
    });
  return attach(byParent.get(null) ?? []);
}

interface ItemValues {
  groupCode: string;
  content: string;
  parentId?: string;
  leadUnitId?: string;
  coUnitIds?: string[];
  deadline?: Dayjs | null;
  recurrence?: string;
  expectedOutput?: string;
}

export default function PlanDetailPage() {
  const { id } = useParams();
  const { t, lang } = useT();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const plan = useQuery({ queryKey: ['plans', 'one', id], queryFn: () => get<Plan>(`/plans/${id}`) });
  const items = useQuery({
    queryKey: ['plans', 'items', id],
    queryFn: () => get<Item[]>(`/plans/${id}/items`),
  });
  // The plan this one implements, named by its title (read through this unit's own plan).
  const source = useQuery({
    queryKey: ['plans', 'one', plan.data?.sourcePlanId],
    queryFn: () => get<Plan>(`/plans/${plan.data!.sourcePlanId}`),
    enabled: !!plan.data?.sourcePlanId,
  });
  const groups = useQuery({
    queryKey: ['plan-groups'],
    queryFn: () => get<Group[]>('/plan-groups'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  // Read through a unit's own plan (a department reading the province plan it implements): only its tasks.
  const assignedOnly = !!plan.data?.assignedOnly;
  const isProvince = !!plan.data && !plan.data.sourcePlanId && !assignedOnly;
  // The units' tab is read when opened: a province's thousand unit plans would otherwise be summed
  // before its own tasks could be shown (one embedded database answers one query at a time).
  const [url, setUrl] = useUrlState<'tab'>();
  const tab = url.tab === 'units' && isProvince ? 'units' : 'items';
  const cascade = useQuery({
    queryKey: ['plans', 'cascade', id],
    queryFn: () => get<Plan[]>(`/plans/${id}/cascade`),
    enabled: isProvince && tab === 'units',
  });
  const heat = useQuery({
    queryKey: ['plans', 'heat', id],
    queryFn: () => get<HeatData>(`/plans/${id}/heatmap`),
    enabled: isProvince && tab === 'units',
  });
  const [editing, setEditing] = useState<Item | 'new' | null>(null);
  const [reporting, setReporting] = useState<Item | null>(null);
  const [viewing, setViewing] = useState<Item | null>(null);
  const [importing, setImporting] = useState(false);
  const [editingBasis, setEditingBasis] = useState(false);
  const [basisForm] = Form.useForm<{
    title: string;
    docNumber?: string;
    docDate?: Dayjs | null;
    signer?: string;
  }>();
  const [signedFileId, setSignedFileId] = useState<string | null>(null);
  const [evidence, setEvidence] = useState<string[]>([]);
  const [itemForm] = Form.useForm<ItemValues>();
  const [reportForm] = Form.useForm<{ period: string; status: string; progress: number; result: string }>();

  const p = plan.data;
  // Decided by the server on the plan's unit (shared/plans/policy.ts), returned with the plan.
  const canWrite = !!p?.abilities?.write;
  const canReview = !!p?.abilities?.review;
  const draft = p?.status === 'draft';
  const refresh = () => qc.invalidateQueries({ queryKey: ['plans'] });
  const confirm = (title: string, content: string, run: () => Promise<unknown>) =>
    modal.confirm({
      title,
      content,
      okText: t('ui.common.confirm'),
      cancelText: t('ui.common.cancel'),
      onOk: async () => {
        try {
          await run();
          await refresh();
          message.success(t('ui.common.saved'));
        } catch (e) {
          message.error(e instanceof Error ? e.message : String(e));
        }
      },
    });
  const data = useMemo(() => tree(items.data ?? []), [items.data]);
  // The year's periods under the reporting regime stored on the server (a new circular is a new row there).
  const periodsQuery = useQuery({
    queryKey: ['clocks', 'periods', p?.year],
    queryFn: () => get<Array<DuePeriod & { calendarKnown: boolean }>>(`/clocks/periods?year=${p!.year}`),
    enabled: !!p,
    staleTime: 3_600_000,
  });
  const periods = periodsQuery.data ?? [];

  return (
    <QueryState isLoading={plan.isLoading} error={plan.error} onRetry={() => void plan.refetch()}>
      {p && (
        <>
          <PageHeader
            title={p.title}
            extra={
              !assignedOnly && (
                <>
                  <Button
                    icon={<DownloadOutlined />}
                    href={`/api/plans/${p.id}/export?format=docx&kind=plan`}
                  >
                    {t('ui.plans.exportDocx')}
                  </Button>
                  <Button icon={<DownloadOutlined />} href={`/api/plans/${p.id}/export?format=xlsx`}>
                    {t('ui.plans.exportXlsx')}
                  </Button>
                  {p.status !== 'draft' && (
                    <Button
                      icon={<DownloadOutlined />}
                      href={`/api/plans/${p.id}/export?format=docx&kind=progress`}
                    >
                      {t('ui.plans.exportProgress')}
                    </Button>
                  )}
                  {canWrite && (
                    <>
                      <Button onClick={() => setEditingBasis(true)}>{t('ui.plans.basis')}</Button>
                      {draft && (
                        <Button
                          type="primary"
                          onClick={() =>
                            confirm(t('ui.plans.issue'), t('ui.plans.issueConfirm', { title: p.title }), () =>
                              api('POST', `/plans/${p.id}/issue`),
                            )
                          }
                        >
                          {t('ui.plans.issue')}
                        </Button>
                      )}
                      {p.status === 'issued' && (
                        <Button
                          onClick={() =>
                            confirm(t('ui.plans.reopen'), t('ui.plans.reopenConfirm'), () =>
                              api('POST', `/plans/${p.id}/reopen`),
                            )
                          }
                        >
                          {t('ui.plans.reopen')}
                        </Button>
                      )}
                    </>
                  )}
                </>
              )
            }
          />
          {assignedOnly && (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('ui.plans.assignedOnly')} />
          )}
          <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('ui.common.unit')}>{p.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('ui.common.status')}>
              <StatusTag tone={planTone[p.status]}>{t(`ui.plans.status.${p.status}`)}</StatusTag>
              {p.issuedVersion > 0 && t('ui.plans.version', { n: p.issuedVersion })}
              {p.late && <StatusTag tone="danger">{t('ui.plans.late')}</StatusTag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('ui.plans.progress')}>
              <Progress
                percent={p.progress}
                size="small"
                aria-label={`${t('ui.plans.progress')} ${p.progress}%`}
              />
            </Descriptions.Item>
            <Descriptions.Item label={t('ui.plans.docNumber')}>{p.docNumber}</Descriptions.Item>
            <Descriptions.Item label={t('ui.plans.docDate')}>{formatDate(p.docDate)}</Descriptions.Item>
            <Descriptions.Item label={t('ui.plans.due')}>{formatDate(p.dueDate)}</Descriptions.Item>
            {p.signedFileId && (
              <Descriptions.Item label={t('ui.plans.signedFile')}>
                <a href={`/api/files/${p.signedFileId}`} style={{ textDecoration: 'underline' }}>
                  {p.docNumber ?? t('ui.plans.signedFile')}
                </a>
              </Descriptions.Item>
            )}
            {p.sourcePlanId && (
              <Descriptions.Item label={t('ui.plans.source')}>
                <Link to={`/plans/${p.sourcePlanId}`}>{source.data?.title ?? t('ui.plans.source')}</Link>
              </Descriptions.Item>
            )}
          </Descriptions>
          <Tabs
            activeKey={tab}
            onChange={(next) => setUrl({ tab: next === 'items' ? undefined : next }, false)}
            items={[
              {
                key: 'items',
                label: t('ui.plans.items'),
                children: (
                  <Card
                    styles={{ body: { padding: 0 } }}
                    title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ui.plans.items')}</h2>}
                    extra={
                      canWrite &&
                      draft && (
                        <Space>
                          <Button onClick={() => setImporting(true)}>{t('ui.units.import')}</Button>
                          <Button onClick={() => setEditing('new')}>{t('ui.plans.addItem')}</Button>
                        </Space>
                      )
                    }
                  >
                    <Table<ItemNode>
                      key={items.data ? 'loaded' : 'loading'}
                      aria-label={t('ui.plans.items')}
                      rowKey="id"
                      size="small"
                      loading={items.isLoading}
                      dataSource={data}
                      pagination={false}
                      scroll={{ x: 'max-content' }}
                      expandable={{ defaultExpandAllRows: true }}
                      locale={{ emptyText: t('ui.plans.noItems') }}
                      columns={[
                        {
                          key: 'content',
                          title: t('ui.plans.content'),
                          render: (_, i) => (
                            <span style={{ display: 'inline-block', maxWidth: 320, whiteSpace: 'normal' }}>
                              {i.content}
                            </span>
                          ),
                        },
                        // No group column: items sit under their group's row. What a task needs (lead,
                        // deadline, progress, actions) fits at 1280 px; the actions stay pinned on the right.
                        {
                          key: 'lead',
                          title: t('ui.plans.lead'),
                          render: (_, i) => (
                            <span style={{ display: 'inline-block', maxWidth: 180, whiteSpace: 'normal' }}>
                              {i.leadUnitName ?? ''}
                            </span>
                          ),
                        },
                        {
                          key: 'deadline',
                          title: t('ui.plans.deadline'),
                          className: 'nowrap',
                          render: (_, i) =>
                            i.deadline
                              ? formatDate(i.deadline)
                              : i.recurrence
                                ? t(`ui.plans.rec.${i.recurrence}`)
                                : '',
                        },
                        {
                          key: 'progress',
                          title: t('ui.plans.progress'),
                          render: (_, i) => (
                            <Progress
                              percent={i.progress}
                              size="small"
                              style={{ width: 120 }}
                              aria-label={`${t('ui.plans.progress')} ${i.progress}%`}
                            />
                          ),
                        },
                        {
                          key: 'actions',
                          title: t('ui.common.actions'),
                          fixed: 'right',
                          render: (_, i) => (
                            <Space size="small">
                              {canWrite && draft && (
                                <Button size="small" onClick={() => setEditing(i)}>
                                  {t('ui.common.edit')}
                                </Button>
                              )}
                              {canWrite && !draft && !i.children && (
                                <Button size="small" onClick={() => setReporting(i)}>
                                  {t('ui.plans.report')}
                                </Button>
                              )}
                              {!draft && !i.children && (
                                <Button size="small" type="link" onClick={() => setViewing(i)}>
                                  {t('ui.plans.reports')}
                                </Button>
                              )}
                            </Space>
                          ),
                        },
                      ]}
                    />
                  </Card>
                ),
              },
              ...(isProvince
                ? [
                    {
                      key: 'units',
                      label: t('ui.plans.units'),
                      children: (
                        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
                          <Card>
                            <QueryState
                              isLoading={heat.isLoading}
                              error={heat.error}
                              isEmpty={!heat.data?.units.length}
                            >
                              {heat.data && (
                                <Suspense fallback={null}>
                                  <Heatmap data={heat.data} />
                                </Suspense>
                              )}
                            </QueryState>
                          </Card>
                          <Table<Plan>
                            aria-label={t('ui.plans.units')}
                            rowKey="id"
                            size="small"
                            dataSource={cascade.data ?? []}
                            loading={cascade.isLoading}
                            pagination={unitsPaging(t)}
                            scroll={{ x: 'max-content' }}
                            columns={[
                              {
                                key: 'unit',
                                title: t('ui.common.unit'),
                                render: (_, u) => <Link to={`/plans/${u.id}`}>{u.unitName}</Link>,
                              },
                              {
                                key: 'status',
                                title: t('ui.common.status'),
                                render: (_, u) => (
                                  <>
                                    <StatusTag tone={planTone[u.status]}>
                                      {t(`ui.plans.status.${u.status}`)}
                                    </StatusTag>
                                    {u.late && <StatusTag tone="danger">{t('ui.plans.late')}</StatusTag>}
                                  </>
                                ),
                              },
                              {
                                key: 'due',
                                title: t('ui.plans.due'),
                                render: (_, u) => formatDate(u.dueDate),
                              },
                              {
                                key: 'progress',
                                title: t('ui.plans.progress'),
                                render: (_, u) => (
                                  <Progress
                                    percent={u.progress}
                                    size="small"
                                    style={{ width: 140 }}
                                    aria-label={`${t('ui.plans.progress')} ${u.progress}%`}
                                  />
                                ),
                              },
                            ]}
                          />
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <FormModal<ItemValues>
            open={!!editing}
            title={t(editing === 'new' ? 'ui.plans.addItem' : 'ui.plans.editItem')}
            form={itemForm}
            initialValues={
              editing && editing !== 'new'
                ? {
                    ...editing,
                    parentId: editing.parentId ?? undefined,
                    leadUnitId: editing.leadUnitId ?? undefined,
                    deadline: editing.deadline ? dayjs(editing.deadline) : null,
                    recurrence: editing.recurrence ?? undefined,
                    expectedOutput: editing.expectedOutput ?? undefined,
                  }
                : { coUnitIds: [] }
            }
            onClose={() => setEditing(null)}
            onSubmit={async (v) => {
              const body = {
                ...v,
                parentId: v.parentId ?? null,
                leadUnitId: v.leadUnitId ?? null,
                coUnitIds: v.coUnitIds ?? [],
                deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null,
                recurrence: v.recurrence ?? null,
                expectedOutput: v.expectedOutput ?? null,
              };
              if (editing === 'new') await api('POST', `/plans/${p.id}/items`, body);
              else await api('PATCH', `/plan-items/${(editing as Item).id}`, body);
              setEditing(null);
              await refresh();
            }}
          >
            <Form.Item
              name="groupCode"
              label={t('ui.plans.group')}
              rules={[{ required: true, message: t('field.required') }]}
              required
            >
              <Select
                options={(groups.data ?? []).map((g) => ({
                  value: g.code,
                  label: lang === 'en' ? g.nameEn : g.nameVi,
                }))}
              />
            </Form.Item>
            <Form.Item
              name="content"
              label={t('ui.plans.content')}
              rules={[zodRule(ItemCreate.shape.content, t)]}
              required
            >
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="parentId" label={t('ui.plans.parent')}>
              <Select
                allowClear
                options={(items.data ?? [])
                  .filter((i) => editing === 'new' || i.id !== (editing as Item | null)?.id)
                  .map((i) => ({ value: i.id, label: i.content.slice(0, 80) }))}
              />
            </Form.Item>
            <Form.Item name="leadUnitId" label={t('ui.plans.lead')}>
              <UnitSelect aria-label={t('ui.plans.lead')} />
            </Form.Item>
            <Form.Item name="coUnitIds" label={t('ui.plans.co')}>
              <UnitSelect multiple aria-label={t('ui.plans.co')} />
            </Form.Item>
            <Form.Item name="deadline" label={t('ui.plans.deadline')}>
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="recurrence" label={t('ui.plans.recurrence')}>
              <Select
                allowClear
                options={recurrences.map((r) => ({ value: r, label: t(`ui.plans.rec.${r}`) }))}
              />
            </Form.Item>
            <Form.Item name="expectedOutput" label={t('ui.plans.expectedOutput')}>
              <Input />
            </Form.Item>
          </FormModal>
          <FormModal
            open={!!reporting}
            title={`${t('ui.plans.report')}: ${reporting?.content.slice(0, 60) ?? ''}`}
            form={reportForm}
            initialValues={
              reporting
                ? {
                    status: reporting.status === 'not_started' ? 'in_progress' : reporting.status,
                    progress: reporting.progress,
                    period: periods.find(
                      (x) =>
                        x.from <= dayjs().format('YYYY-MM-DD') &&
                        dayjs().format('YYYY-MM-DD') <= x.to &&
                        /Q\d$/.test(x.code),
                    )?.code,
                  }
                : undefined
            }
            onClose={() => setReporting(null)}
            onSubmit={async (v) => {
              await api('POST', `/plan-items/${reporting!.id}/progress`, { ...v, evidenceFileIds: evidence });
              setEvidence([]);
              setReporting(null);
              await refresh();
            }}
          >
            <Form.Item
              name="period"
              label={t('ui.plans.period')}
              rules={[{ required: true, message: t('field.required') }]}
              required
            >
              <Select
                options={periods.map((x) => ({
                  value: x.code,
                  label: [
                    `${periodLabel(t, x.code, lang)} (${formatDate(x.from)} – ${formatDate(x.to)})`,
                    x.unitDueOn ? t('ui.plans.periodDue', { date: formatDate(x.unitDueOn) }) : null,
                  ]
                    .filter(Boolean)
                    .join(' · '),
                }))}
              />
            </Form.Item>
            <Form.Item name="status" label={t('ui.common.status')} required>
              <Select
                options={itemStatuses.map((s) => ({
                  value: s,
                  label: t(`ui.plans.item.${s}`),
                }))}
              />
            </Form.Item>
            <Form.Item
              name="progress"
              label={`${t('ui.plans.progress')} (%)`}
              rules={[zodRule(ProgressBody.shape.progress, t)]}
              required
            >
              <InputNumber min={0} max={100} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="result"
              label={t('ui.plans.result')}
              rules={[zodRule(ProgressBody.shape.result, t)]}
              required
            >
              <Input.TextArea rows={4} />
            </Form.Item>
            <Form.Item label={t('ui.plans.evidence')}>
              <FileUpload unitId={p.unitId} multiple onUploaded={(id) => setEvidence((e) => [...e, id])} />
            </Form.Item>
          </FormModal>
          <FormModal
            open={editingBasis}
            title={t('ui.plans.basis')}
            form={basisForm}
            initialValues={{
              title: p.title,
              docNumber: p.docNumber ?? undefined,
              docDate: p.docDate ? dayjs(p.docDate) : null,
              signer: p.signer ?? undefined,
            }}
            onClose={() => setEditingBasis(false)}
            onSubmit={async (v) => {
              await api('PATCH', `/plans/${p.id}`, {
                title: v.title,
                docNumber: v.docNumber || null,
                docDate: v.docDate ? v.docDate.format('YYYY-MM-DD') : null,
                signer: v.signer || null,
                ...(signedFileId ? { signedFileId } : {}),
                version: p.version,
              });
              setEditingBasis(false);
              setSignedFileId(null);
              await refresh();
            }}
          >
            <PlanBasisFields />
            <Form.Item name="docDate" label={t('ui.plans.docDate')}>
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item label={t('ui.plans.signedFile')}>
              <FileUpload unitId={p.unitId} accept=".pdf" onUploaded={setSignedFileId} />
            </Form.Item>
          </FormModal>
          {importing && (
            <Suspense fallback={null}>
              <ImportWizard
                entity="plan_items"
                planId={p.id}
                open={importing}
                onClose={() => setImporting(false)}
                onDone={() => void refresh()}
              />
            </Suspense>
          )}
          <ReportsDrawer
            item={viewing}
            canReview={canReview}
            canComment={canWrite}
            onClose={() => setViewing(null)}
            onChanged={refresh}
          />
        </>
      )}
    </QueryState>
  );
}

function ReportsDrawer({
  item,
  canReview,
  canComment,
  onClose,
  onChanged,
}: {
  item: Item | null;
  canReview: boolean;
  canComment: boolean;
  onClose(): void;
  onChanged(): Promise<unknown>;
}) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const reports = useQuery({
    queryKey: ['plans', 'reports', item?.id],
    queryFn: () => get<Report[]>(`/plan-items/${item!.id}/progress`),
    enabled: !!item,
  });
  const [comment, setComment] = useState('');
  const decide = async (r: Report, decision: 'accept' | 'return') => {
    try {
      await api('POST', `/progress/${r.id}/review`, {
        decision,
        comment: comment || null,
        version: r.version,
      });
      setComment('');
      await reports.refetch();
      await onChanged();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const tone = { submitted: 'warn', accepted: 'ok', returned: 'danger' } as const;
  const comments = useQuery({
    queryKey: ['plans', 'comments', item?.id],
    queryFn: () =>
      get<Array<{ id: string; author: string | null; body: string; createdAt: string }>>(
        `/plan-items/${item!.id}/comments`,
      ),
    enabled: !!item,
  });
  const [draftMessage, setDraftMessage] = useState('');
  const send = async () => {
    if (!draftMessage.trim()) return;
    try {
      await api('POST', `/plan-items/${item!.id}/comments`, { body: draftMessage });
      setDraftMessage('');
      await comments.refetch();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Drawer open={!!item} onClose={onClose} size={560} title={item?.content.slice(0, 80)}>
      <QueryState isLoading={reports.isLoading} error={reports.error} isEmpty={!reports.data?.length}>
        <List
          dataSource={reports.data ?? []}
          renderItem={(r) => (
            <List.Item>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <div>
                  <strong>{periodLabel(t, r.period, lang)}</strong> · {r.progress}% ·{' '}
                  <StatusTag tone={tone[r.review]}>{t(`ui.plans.review.${r.review}`)}</StatusTag>
                  <Typography.Text type="secondary"> {formatDateTime(r.submittedAt)}</Typography.Text>
                </div>
                <div>{r.result}</div>
                {r.evidenceFileIds.length > 0 && (
                  <div>
                    {t('ui.plans.evidence')}:{' '}
                    {r.evidenceFileIds.map((f, n) => (
                      <a
                        key={f}
                        href={`/api/files/${f}`}
                        style={{ marginInlineEnd: 8, textDecoration: 'underline' }}
                      >
                        {t('ui.plans.file', { n: n + 1 })}
                      </a>
                    ))}
                  </div>
                )}
                {r.reviewComment && (
                  <div>
                    {t('ui.plans.comment')}: {r.reviewComment}
                  </div>
                )}
                {canReview && r.review === 'submitted' && (
                  <Space wrap>
                    <Input
                      aria-label={t('ui.plans.comment')}
                      placeholder={t('ui.plans.comment')}
                      value={comment}
                      onChange={(e) => setComment(e.target.value)}
                      style={{ width: 240 }}
                    />
                    <Button type="primary" onClick={() => decide(r, 'accept')}>
                      {t('ui.plans.accept')}
                    </Button>
                    <Button danger onClick={() => decide(r, 'return')}>
                      {t('ui.plans.return')}
                    </Button>
                  </Space>
                )}
              </Space>
            </List.Item>
          )}
        />
      </QueryState>
      <h2 style={{ fontSize: 16, marginTop: 24 }}>{t('ui.plans.messages')}</h2>
      <List
        size="small"
        locale={{ emptyText: t('ui.common.empty') }}
        dataSource={comments.data ?? []}
        renderItem={(c) => (
          <List.Item>
            <List.Item.Meta
              title={`${c.author ?? t('ui.audit.system')} · ${formatDateTime(c.createdAt)}`}
              description={c.body}
            />
          </List.Item>
        )}
      />
      {canComment && (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Input
            aria-label={t('ui.plans.messages')}
            value={draftMessage}
            onChange={(e) => setDraftMessage(e.target.value)}
            onPressEnter={() => void send()}
          />
          <Button type="primary" onClick={() => void send()}>
            {t('ui.plans.send')}
          </Button>
        </Space.Compact>
      )}
    </Drawer>
  );
}
