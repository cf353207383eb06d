import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, Input, Popconfirm, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, errorText, get, qs } from '#web/app/api.ts';
import { formatDate } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import type { PageOf } from '#web/components/DataTable.tsx';
import { DateInput } from '#web/components/DateInput.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { PageHeader, QueryState, Section } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { type Assignment, itemTone, planTone, type RotationPlanDetail } from './types.ts';
import { whyOf } from './why.ts';

type Values = Record<string, string | undefined>;
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });

/** A unit's yearly rotation plan (Law Art. 26): who moves and when, issued, published and carried out. */
export default function RotationPlanPage() {
  const { id } = useParams();
  const { t } = useT();
  const qc = useQueryClient();
  const { canAnywhere } = useSession();
  const [url, setUrl] = useUrlState<'dialog' | 'item'>();
  // One form per dialog: two dialogs bound to one form share its fields and block each other's submit.
  const [stepForm] = Form.useForm<Values>();
  const [form] = Form.useForm<Values>();
  const [contentForm] = Form.useForm<Values>();
  const [itemForm] = Form.useForm<Values>();
  const status = Form.useWatch('status', form);
  const q = useQuery({
    queryKey: ['rotation', 'plan', id],
    queryFn: () => get<RotationPlanDetail>(`/rotation/plans/${id}`),
  });
  const p = q.data;
  const handler = canAnywhere('integrity.handle');
  const req = { rules: [{ required: true, message: t('field.required') }], required: true };
  const close = () => setUrl({ dialog: undefined, item: undefined }, false);
  const item = p?.itemList.find((i) => i.id === url.item);
  const { message } = App.useApp();
  const save = async (path: string, body: Record<string, unknown> | undefined, method = 'POST') => {
    const next = await api<RotationPlanDetail>(method, path, body);
    qc.setQueryData(['rotation', 'plan', id], next);
    await qc.invalidateQueries({ queryKey: ['rotation'] });
    close();
  };
  return (
    <QueryState isLoading={q.isLoading} error={q.error} onRetry={() => void q.refetch()}>
      {p && (
        <>
          <PageHeader
            title={`${t('ui.rot.plan', { year: p.year })} — ${p.unitName}`}
            extra={
              handler && (
                <Space wrap>
                  {p.stage === 'draft' && (
                    <>
                      <Button onClick={() => setUrl({ dialog: 'content' }, false)}>
                        {t('ui.rot.editContent')}
                      </Button>
                      <Button onClick={() => setUrl({ dialog: 'add' }, false)}>
                        {t('ui.rot.addToPlan')}
                      </Button>
                      <Button type="primary" onClick={() => setUrl({ dialog: 'issue' }, false)}>
                        {t('ui.rot.issue')}
                      </Button>
                    </>
                  )}
                  {p.stage === 'issued' && (
                    <Button type="primary" onClick={() => setUrl({ dialog: 'publish' }, false)}>
                      {t('ui.rot.publish')}
                    </Button>
                  )}
                </Space>
              )
            }
          />
          <Card style={{ marginBottom: 16 }}>
            <Space wrap style={{ marginBottom: 12 }}>
              <StatusTag tone={planTone[p.stage]}>{t(`ui.rot.stage.${p.stage}`)}</StatusTag>
              {p.stage === 'draft' && p.issueBy < today() && (
                <StatusTag tone="danger">{t('ui.gift.late')}</StatusTag>
              )}
            </Space>
            <p style={{ whiteSpace: 'pre-wrap' }}>{p.content}</p>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('ui.rot.issueBy')}>{formatDate(p.issueBy)}</Descriptions.Item>
              {p.issuedOn && (
                <Descriptions.Item label={t('ui.rot.issuedOn')}>
                  {formatDate(p.issuedOn)} — {p.decisionNo}
                </Descriptions.Item>
              )}
              {p.publishedOn && (
                <Descriptions.Item label={t('ui.rot.publishedOn')}>
                  {formatDate(p.publishedOn)}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('ui.rot.items')}>
                {t('ui.rot.progress', { done: p.done, items: p.items })}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Section title={t('ui.rot.items')} flush>
            <Table
              rowKey="id"
              dataSource={p.itemList}
              pagination={false}
              className="wide-table"
              columns={[
                ...whoAndWhere(t),
                { title: t('ui.rot.plannedOn'), render: (_, i) => formatDate(i.plannedOn) },
                {
                  title: t('ui.rot.status'),
                  render: (_, i) => (
                    <span style={{ display: 'inline-block', maxWidth: 240, whiteSpace: 'normal' }}>
                      <StatusTag tone={itemTone[i.status]}>{t(`ui.rot.item.${i.status}`)}</StatusTag>
                      {i.doneOn && ` ${formatDate(i.doneOn)}`}
                      {i.decisionNo && ` — ${i.decisionNo}`}
                      {i.reason && <div>{i.reason}</div>}
                    </span>
                  ),
                },
                {
                  title: t('ui.rot.toPosition'),
                  render: (_, i) => (
                    <span style={{ display: 'inline-block', maxWidth: 200, whiteSpace: 'normal' }}>
                      {i.toPosition ?? ''}
                    </span>
                  ),
                },
                {
                  title: '',
                  className: 'pin-right',
                  render: (_, i) =>
                    handler && p.stage === 'draft' ? (
                      <Space>
                        <Button size="small" onClick={() => setUrl({ dialog: 'item', item: i.id }, false)}>
                          {t('ui.common.edit')}
                        </Button>
                        <Popconfirm
                          title={t('ui.rot.removeFromPlan')}
                          description={t('ui.rot.removeHelp')}
                          okText={t('ui.common.confirm')}
                          cancelText={t('ui.common.cancel')}
                          // Outside a form: a refusal (one's own line, a stale plan) is said, not lost (rev29).
                          onConfirm={() =>
                            save(
                              `/rotation/plan-items/${i.id}?version=${p.version}`,
                              undefined,
                              'DELETE',
                            ).catch((e: unknown) => message.error(errorText(e)))
                          }
                        >
                          <Button size="small" danger>
                            {t('ui.rot.removeFromPlan')}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ) : handler && i.status === 'planned' ? (
                      <Button size="small" onClick={() => setUrl({ dialog: 'record', item: i.id }, false)}>
                        {t('ui.rot.record')}
                      </Button>
                    ) : null,
                },
              ]}
            />
          </Section>
          <Section title={t('ui.rot.exceptions')} flush>
            <Table
              rowKey="assignmentId"
              aria-label={t('ui.rot.exceptions')}
              dataSource={p.exceptions}
              pagination={false}
              className="wide-table"
              locale={{ emptyText: t('ui.rot.noExceptions') }}
              columns={[
                ...whoAndWhere(t),
                { title: t('ui.rot.dueOn'), render: (_, r) => formatDate(r.dueOn) },
                {
                  title: t('ui.rot.why'),
                  render: (_, r) => (
                    <span style={{ display: 'inline-block', maxWidth: 320, whiteSpace: 'normal' }}>
                      <StatusTag
                        tone={r.status === 'exempt' ? 'muted' : r.status === 'due' ? 'danger' : 'warn'}
                      >
                        {t(`ui.rot.status.${r.status}`)}
                      </StatusTag>
                      {r.status === 'due' && <div>{t('ui.rot.notOnPlan')}</div>}
                      {whyOf(t, r).map((line) => (
                        <div key={line}>{line}</div>
                      ))}
                    </span>
                  ),
                },
              ]}
            />
          </Section>
          <FormModal<Values>
            open={url.dialog === 'issue' || url.dialog === 'publish'}
            name="step"
            title={t(url.dialog === 'publish' ? 'ui.rot.publish' : 'ui.rot.issue')}
            form={stepForm}
            initialValues={{ on: today() }}
            onClose={close}
            onSubmit={(v) =>
              save(`/rotation/plans/${p.id}/steps`, { ...v, step: url.dialog, version: p.version })
            }
          >
            <Form.Item name="on" label={t('ui.common.date')} {...req}>
              <DateInput max={today()} aria-label={t('ui.common.date')} />
            </Form.Item>
            {url.dialog === 'issue' && (
              <Form.Item name="decisionNo" label={t('ui.rot.decisionNo')} {...req}>
                <Input maxLength={60} />
              </Form.Item>
            )}
          </FormModal>
          <FormModal<Values>
            open={url.dialog === 'content'}
            name="content"
            title={t('ui.rot.editContent')}
            form={contentForm}
            initialValues={{ content: p.content }}
            onClose={close}
            onSubmit={(v) =>
              save(`/rotation/plans/${p.id}`, { content: v.content, version: p.version }, 'PUT')
            }
          >
            <Form.Item name="content" label={t('ui.rot.planContent')} {...req}>
              <Input.TextArea rows={8} maxLength={8000} />
            </Form.Item>
          </FormModal>
          <FormModal<Values>
            open={url.dialog === 'add' || (url.dialog === 'item' && !!item)}
            name="item"
            title={
              url.dialog === 'add'
                ? t('ui.rot.addToPlan')
                : `${t('ui.common.edit')} — ${item?.personName ?? ''}`
            }
            form={itemForm}
            initialValues={
              url.dialog === 'item' && item
                ? { plannedOn: item.plannedOn, toPosition: item.toPosition ?? undefined }
                : { plannedOn: `${p.year}-01-01` }
            }
            onClose={close}
            onSubmit={(v) =>
              url.dialog === 'add'
                ? save(`/rotation/plans/${p.id}/items`, {
                    assignmentId: v.assignmentId,
                    plannedOn: v.plannedOn,
                    toPosition: v.toPosition || null,
                    version: p.version,
                  })
                : save(
                    `/rotation/plan-items/${item!.id}`,
                    { plannedOn: v.plannedOn, toPosition: v.toPosition || null, version: p.version },
                    'PUT',
                  )
            }
          >
            {url.dialog === 'add' && (
              <Form.Item name="assignmentId" label={t('ui.rot.person')} {...req}>
                <HeldPositionSelect unitId={p.unitId} exclude={p.itemList.map((i) => i.assignmentId)} />
              </Form.Item>
            )}
            <Form.Item name="plannedOn" label={t('ui.rot.plannedOn')} {...req}>
              <DateInput max={`${p.year}-12-31`} aria-label={t('ui.rot.plannedOn')} />
            </Form.Item>
            <Form.Item name="toPosition" label={t('ui.rot.toPosition')}>
              <Input maxLength={300} />
            </Form.Item>
          </FormModal>
          <FormModal<Values>
            open={url.dialog === 'record' && !!item}
            name="record"
            title={`${t('ui.rot.record')} — ${item?.personName ?? ''}`}
            form={form}
            initialValues={{ on: today(), status: 'done' }}
            onClose={close}
            onSubmit={(v) => save(`/rotation/plan-items/${item!.id}`, { ...v, version: item!.version })}
          >
            <Form.Item name="status" label={t('ui.rot.status')} {...req}>
              <Select
                options={(['done', 'not_done'] as const).map((s) => ({
                  value: s,
                  label: t(`ui.rot.item.${s}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="on" label={t('ui.common.date')} {...req}>
              <DateInput max={today()} aria-label={t('ui.common.date')} />
            </Form.Item>
            {status !== 'not_done' ? (
              <Form.Item name="decisionNo" label={t('ui.rot.decisionNo')} {...req}>
                <Input maxLength={60} />
              </Form.Item>
            ) : (
              <Form.Item name="reason" label={t('ui.rot.exception')} {...req}>
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
            )}
          </FormModal>
        </>
      )}
    </QueryState>
  );
}

/** The posts held in the plan's unit (its subtree), by name, that are not on the plan yet. */
function HeldPositionSelect(props: {
  unitId: string;
  exclude: string[];
  value?: string;
  onChange?: (v: string) => void;
}) {
  const { t } = useT();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['rotation', 'assignments', 'pick', props.unitId, q],
    queryFn: () =>
      get<PageOf<Assignment>>(
        `/rotation/assignments${qs({ unitId: props.unitId, active: '1', q, pageSize: 50 })}`,
      ),
  });
  return (
    <Select
      aria-label={t('ui.rot.person')}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={props.value}
      onChange={props.onChange}
      placeholder={t('ui.common.searchPlaceholder')}
      loading={found.isFetching}
      options={(found.data?.items ?? [])
        // Not one's own post: nobody puts themselves on the plan (rev29).
        .filter((a) => !props.exclude.includes(a.id) && a.canChange)
        .map((a) => ({
          value: a.id,
          label: `${a.personName} — ${a.positionName} (${a.unitName}, ${t('ui.rot.dueOn')} ${formatDate(a.dueOn)})`,
        }))}
    />
  );
}

/** Who and in which post: the first columns of both of the plan's tables. */
function whoAndWhere(t: ReturnType<typeof useT>['t']) {
  return [
    { title: t('ui.rot.person'), dataIndex: 'personName' },
    {
      title: t('ui.common.unit'),
      render: (_: unknown, r: { unitName: string }) => (
        <span style={{ display: 'inline-block', maxWidth: 200, whiteSpace: 'normal' }}>{r.unitName}</span>
      ),
    },
    {
      title: t('ui.rot.position'),
      render: (_: unknown, r: { positionName: string }) => (
        <span style={{ display: 'inline-block', maxWidth: 260, whiteSpace: 'normal' }}>{r.positionName}</span>
      ),
    },
  ];
}
